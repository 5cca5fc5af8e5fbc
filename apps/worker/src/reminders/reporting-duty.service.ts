import {
  CLOCK,
  type Clock,
  isOfficeHour,
  isReportingDutyDue,
  notificationKey,
  ProgressReport,
  reportingDuty,
  SettingsStore,
  shanghai,
} from '#domain';
import { renderReportingDuty } from '#mail';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NotificationService } from '../notifications/notification.service.js';
import { RecipientsService } from '../notifications/recipients.service.js';
import { ItemFactsService, type TrackedItem } from './item-facts.service.js';

/**
 * The reporting-duty reminder: from N working days before the monthly progress-report deadline,
 * every department that has not submitted this month's report for an item it leads gets one
 * mail (per month) listing those items.
 */
@Injectable()
export class ReportingDutyService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly items: ItemFactsService,
    private readonly recipients: RecipientsService,
    private readonly notifications: NotificationService,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly settings: SettingsStore,
  ) {}

  async scan(): Promise<{ day: string; created: number; skipped?: string }> {
    const { day, hour, month } = shanghai(this.clock.now());
    const { calendar, reminderRules: rules } = await this.settings.current();
    if (!isOfficeHour(day, hour, calendar, rules)) return { day, created: 0, skipped: 'outside office hours' };
    if (!isReportingDutyDue(month, day, calendar, rules)) return { day, created: 0, skipped: 'not due' };
    const duty = reportingDuty(month, calendar, rules)!;

    const tracked = await this.items.load({ openOnly: true });
    const base = await this.items.publicUrl();
    const reported = await this.dataSource
      .getRepository(ProgressReport)
      .find({ where: { period: month, state: 'submitted' }, select: { itemId: true, departmentId: true } });
    const done = new Set(reported.map((r) => `${r.itemId}/${r.departmentId}`));
    const byDepartment = new Map<number, TrackedItem[]>();
    for (const t of tracked) {
      if (!t.lead || done.has(`${t.item.id}/${t.lead.id}`)) continue;
      const list = byDepartment.get(t.lead.id);
      if (list) list.push(t);
      else byDepartment.set(t.lead.id, [t]);
    }
    const keys = [...byDepartment.keys()].map((id) => notificationKey.reportingDuty(id, month));
    const known = await this.notifications.existing(keys);
    const address = await this.recipients.addresser();
    const records: Parameters<NotificationService['recordMany']>[0] = [];
    for (const [departmentId, list] of byDepartment) {
      const key = notificationKey.reportingDuty(departmentId, month);
      if (known.has(key)) continue;
      const department = list[0]!.lead!;
      const mail = renderReportingDuty({
        departmentName: department.name,
        month,
        deadline: duty.deadline,
        items: list.map((t) => t.facts),
        link: base,
      });
      records.push({ key, kind: 'duty', rule: 'reporting-duty', departmentId, ...mail, addressed: address([department], [], 'none') });
    }
    await this.notifications.recordMany(records);
    const created = records.length;
    return { day, created };
  }
}
