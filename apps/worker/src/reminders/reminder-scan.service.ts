import {
  CLOCK,
  type Clock,
  type DeadlineRule,
  dueDeadlineReminders,
  type DueReminder,
  isOfficeHour,
  MERGED_INTO_ESCALATION,
  mergeWithEscalation,
  notificationKey,
  SettingsStore,
  shanghai,
  Urge,
} from '#domain';
import { JOBS, QUEUES, type UrgePayload } from '#queue';
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { DataSource, IsNull } from 'typeorm';
import { ChatService } from '../notifications/chat.service.js';
import { NotificationService } from '../notifications/notification.service.js';
import { ItemFactsService } from './item-facts.service.js';

/** mergeWithEscalation() for each item's new reminders (consecutive in the scan's list). */
function oneMessagePerItem<T extends { rule: DeadlineRule; itemId: number }>(found: T[]): { send: T[]; merged: T[] } {
  const send: T[] = [];
  const merged: T[] = [];
  for (let i = 0; i < found.length; ) {
    let j = i + 1;
    while (j < found.length && found[j]!.itemId === found[i]!.itemId) j++;
    const result = j - i === 1 ? { send: [found[i]!], merged: [] } : mergeWithEscalation(found.slice(i, j));
    send.push(...result.send);
    merged.push(...result.merged);
    i = j;
  }
  return { send, merged };
}

export interface ScanResult {
  day: string;
  skipped?: string;
  created: number;
  requeued: number;
  urges: number;
  /** Milliseconds spent finding the due reminders, recording them, and filling the mail queue from the log. */
  ms?: { find: number; record: number; queue: number };
}

/**
 * The reminder scan (scan, then fan out): finds every deadline reminder due now and records it in
 * the notification log under its key; fills the mail queue from the log (up to MAIL_QUEUE_WINDOW
 * jobs, the mail worker adds the rest as mail goes out) and makes sure undelivered urges have
 * their jobs. Mail goes out in office hours only.
 */
@Injectable()
export class ReminderScanService {
  private readonly logger = new Logger('reminder-scan');

  constructor(
    private readonly dataSource: DataSource,
    private readonly items: ItemFactsService,
    private readonly notifications: NotificationService,
    private readonly chat: ChatService,
    @InjectQueue(QUEUES.urge) private readonly urgeQueue: Queue<UrgePayload>,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly settings: SettingsStore,
  ) {}

  async scan(): Promise<ScanResult> {
    const now = this.clock.now();
    const { day, hour } = shanghai(now);
    const { calendar, reminderRules: rules } = await this.settings.current();
    // Urges go out at once, whatever the hour: re-create the jobs of any not yet delivered.
    const urges = await this.dataSource.getRepository(Urge).find({ where: { deliveredAt: IsNull() }, select: { id: true } });
    for (const u of urges) await this.urgeQueue.add(JOBS.urge, { urgeId: u.id }, { jobId: `urge.${u.id}` });
    if (!isOfficeHour(day, hour, calendar, rules)) {
      return { day, skipped: 'outside office hours', created: 0, requeued: 0, urges: urges.length };
    }
    if (!calendar.covers(day)) this.logger.warn(`holiday data has no entry for ${day.slice(0, 4)}: update chinese-days or add the holidays on the 管理 page`);

    const started = performance.now();
    // Which reminders are due depends only on the deadline (and today): worked out once per deadline.
    const byDeadline = new Map<string, DueReminder[]>();
    const due: Array<{ key: string; rule: DeadlineRule; itemId: number; departmentId: number }> = [];
    for (const { id, deadline, leadId } of await this.items.openDeadlines()) {
      let reminders = byDeadline.get(deadline);
      if (!reminders) byDeadline.set(deadline, (reminders = dueDeadlineReminders(deadline, day, calendar, rules)));
      for (const r of reminders) due.push({ key: notificationKey.deadline(id, r, deadline), rule: r.rule, itemId: id, departmentId: leadId });
    }
    const known = await this.notifications.existing(due.map((d) => d.key));
    const { send: todo, merged } = oneMessagePerItem(due.filter((d) => !known.has(d.key)));
    const found = performance.now();
    // Keys only: each mail is written when sent (ReminderMailService), which also drops reminders no longer due by then.
    await this.notifications.recordReminders(todo);
    if (merged.length > 0) await this.notifications.recordReminders(merged, MERGED_INTO_ESCALATION);
    const recorded = performance.now();
    const requeued = (await this.notifications.requeuePending()) + (await this.chat.requeuePending());
    const created = todo.length;
    const ms = { find: Math.round(found - started), record: Math.round(recorded - found), queue: Math.round(performance.now() - recorded) };
    this.logger.log(`${day}: ${created} new reminders, ${requeued} mail jobs added or retried (find ${ms.find} ms, record ${ms.record} ms, queue ${ms.queue} ms)`);
    return { day, created, requeued, urges: urges.length, ms };
  }
}
