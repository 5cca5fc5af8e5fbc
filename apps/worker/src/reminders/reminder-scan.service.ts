import {
  CLOCK,
  type Clock,
  dueDeadlineReminders,
  type DueReminder,
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
import { ItemFactsService, needsReminders } from './item-facts.service.js';

/** Items whose facts are read, mails rendered and notifications recorded together. */
const SCAN_BATCH = 2000;

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

    // Which reminders are due depends only on the deadline (and today): worked out once per deadline.
    const byDeadline = new Map<string, DueReminder[]>();
    const due: Array<{ itemId: number; deadline: string; r: DueReminder; key: string }> = [];
    for (const { id, deadline } of await this.items.openDeadlines()) {
      let reminders = byDeadline.get(deadline);
      if (!reminders) byDeadline.set(deadline, (reminders = dueDeadlineReminders(deadline, day, calendar, rules)));
      for (const r of reminders) due.push({ itemId: id, deadline, r, key: notificationKey.deadline(id, r, deadline) });
    }
    const known = await this.notifications.existing(due.map((d) => d.key));
    const todo = due.filter((d) => !known.has(d.key));
    const address = await this.recipients.addresser();
    const queued = new Set<string>();
    let created = 0;
    for (let i = 0; i < todo.length; i += SCAN_BATCH) {
      const batch = todo.slice(i, i + SCAN_BATCH);
      const tracked = new Map((await this.items.load({ ids: batch.map((d) => d.itemId) })).map((t) => [t.item.id, t]));
      const records: Parameters<NotificationService['recordMany']>[0] = [];
      for (const { itemId, deadline, r, key } of batch) {
        const t = tracked.get(itemId);
        // Read again per batch: skip an item completed, suspended or given a new deadline since the first read.
        if (!t?.lead || t.item.deadline !== deadline || !needsReminders(t.item.status)) continue;
        const mail = renderDeadlineReminder({ rule: r.rule, item: t.facts, daysLeft: r.daysLeft, overdueDays: r.overdueDays });
        const addressed = address([t.lead], r.copyCo ? t.co : [], r.rule === 'escalation' ? 'to' : r.copyCoordinators ? 'cc' : 'none');
        records.push({ key, kind: 'deadline', rule: r.rule, itemId, departmentId: t.lead.id, ...mail, addressed });
      }
      for (const key of await this.notifications.recordMany(records)) queued.add(key);
      created += records.length;
    }
    const requeued = await this.notifications.requeuePending(queued);
    return { day, created, requeued, urges: urges.length };
  }
}
