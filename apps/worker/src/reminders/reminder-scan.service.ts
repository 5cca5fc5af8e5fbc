import {
  CLOCK,
  type Clock,
  dueDeadlineReminders,
  isOfficeHour,
  notificationKey,
  SettingsStore,
  shanghai,
  Urge,
} from '#domain';
import { renderDeadlineReminder } from '#mail';
import { JOBS, QUEUES, type UrgePayload } from '#queue';
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { DataSource, IsNull } from 'typeorm';
import { NotificationService } from '../notifications/notification.service.js';
import { RecipientsService } from '../notifications/recipients.service.js';
import { ItemFactsService } from './item-facts.service.js';

export interface ScanResult {
  day: string;
  skipped?: string;
  created: number;
  requeued: number;
  urges: number;
}

/**
 * The reminder scan (scan, then fan out): finds every deadline reminder due now, records it in
 * the notification log under its key and enqueues one mail job per notification; then makes sure
 * undelivered urges and pending notifications have their jobs. Mail goes out in office hours only.
 */
@Injectable()
export class ReminderScanService {
  private readonly logger = new Logger('reminder-scan');

  constructor(
    private readonly dataSource: DataSource,
    private readonly items: ItemFactsService,
    private readonly recipients: RecipientsService,
    private readonly notifications: NotificationService,
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

    const tracked = await this.items.load({ withDeadline: true, openOnly: true });
    const due = tracked.flatMap((t) =>
      dueDeadlineReminders(t.item.deadline!, day, calendar, rules).map((r) => ({ t, r, key: notificationKey.deadline(t.item.id, r, t.item.deadline!) })),
    );
    const known = await this.notifications.existing(due.map((d) => d.key));
    let created = 0;
    for (const { t, r, key } of due) {
      if (known.has(key)) continue;
      const mail = renderDeadlineReminder({ rule: r.rule, item: t.facts, daysLeft: r.daysLeft, overdueDays: r.overdueDays });
      const addressed = await this.recipients.address(t.lead ? [t.lead] : [], r.copyCo ? t.co : [], r.rule === 'escalation' ? 'to' : r.copyCoordinators ? 'cc' : 'none');
      await this.notifications.record(
        { key, kind: 'deadline', rule: r.rule, itemId: t.item.id, departmentId: t.lead?.id ?? null, ...mail },
        addressed,
      );
      created++;
    }
    const requeued = await this.notifications.requeuePending();
    return { day, created, requeued, urges: urges.length };
  }
}
