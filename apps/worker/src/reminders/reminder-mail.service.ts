import { dueDeadlineReminders, isActiveStatus, notificationKey, SettingsStore } from '#domain';
import { type RenderedMail, renderDeadlineReminder } from '#mail';
import { Injectable } from '@nestjs/common';
import { RecipientsService, type Addressed } from '../notifications/recipients.service.js';
import { ItemFactsService } from './item-facts.service.js';

/** A deadline reminder written out for sending, or why it is no longer due. */
export type ReminderMail = { mail: RenderedMail; addressed: Addressed } | { withdrawn: string };

/**
 * Writes a deadline reminder when it is sent, not when the scan finds it: the scan records only
 * its key, and mail may go out hours later (rate limit, a go-live backlog, SMTP retries). The item
 * is read on every attempt, so the mail shows its current title and departments, and a reminder
 * for an item completed, suspended, given a new deadline or replaced by a revised plan in between
 * is withdrawn instead of sent. Days left or overdue are those of the day the reminder became
 * due, as the scan saw them.
 */
@Injectable()
export class ReminderMailService {
  constructor(
    private readonly items: ItemFactsService,
    private readonly recipients: RecipientsService,
    private readonly settings: SettingsStore,
  ) {}

  async compose(reminder: { key: string; itemId: number | null; day: string }): Promise<ReminderMail> {
    const [t] = reminder.itemId === null ? [] : await this.items.load({ ids: [reminder.itemId] });
    if (!t) return { withdrawn: '事项已删除' };
    if (!t.item.current) return { withdrawn: '方案已更新,此事项已由新版本替代' };
    if (!isActiveStatus(t.item.status)) return { withdrawn: `事项状态为“${t.item.status}”,不再提醒` };
    if (!t.lead) return { withdrawn: '事项未确定牵头单位' };
    const deadline = t.item.deadline;
    const { calendar, reminderRules } = await this.settings.current();
    // The same reminder is due on that day only while the deadline (part of the key) and the rules are unchanged.
    const r = deadline === null ? undefined : dueDeadlineReminders(deadline, reminder.day, calendar, reminderRules).find((d) => notificationKey.deadline(t.item.id, d, deadline) === reminder.key);
    if (!r) return { withdrawn: '完成期限或提醒规则已变更,此提醒不再适用' };
    const address = await this.recipients.addresser();
    return {
      mail: renderDeadlineReminder({ rule: r.rule, item: t.facts, daysLeft: r.daysLeft, overdueDays: r.overdueDays, day: reminder.day }),
      addressed: address([t.lead], r.copyCo ? t.co : [], r.rule === 'escalation' ? 'to' : r.copyCoordinators ? 'cc' : 'none'),
    };
  }
}
