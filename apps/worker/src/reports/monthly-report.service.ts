import type { AppConfig } from '#config';
import { CLOCK, type Clock, ISSUING_OFFICE_MISSING, MonthlyReport, notificationKey, previousMonth, SettingsStore, shanghai } from '#domain';
import type { MonthlyReportPayload } from '#queue';
import { generateMonthlyReport } from '#reports';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CONFIG } from '../common/tokens.js';
import { NotificationService } from '../notifications/notification.service.js';
import { RecipientsService } from '../notifications/recipients.service.js';

/** Generates, stores and mails the monthly report (月报) to the coordinators. */
@Injectable()
export class MonthlyReportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly notifications: NotificationService,
    private readonly recipients: RecipientsService,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly settings: SettingsStore,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  async generate(payload: MonthlyReportPayload, jobId: string): Promise<MonthlyReport> {
    const now = this.clock.now();
    const month = payload.month ?? previousMonth(shanghai(now).month);
    const key = payload.trigger === 'schedule' ? `schedule.${month}.${payload.planId ?? 'all'}` : `${payload.trigger}.${jobId}`;
    // Fresh: a 通报 asked for right after the 发文设置 were saved carries them (the cache lives 5 s).
    const { calendar, reminderRules, issuingOffice } = await this.settings.fresh();
    const { report } = await generateMonthlyReport(this.dataSource, {
      key,
      trigger: payload.trigger,
      month,
      planId: payload.planId ?? null,
      now,
      calendar,
      warnWorkingDays: this.config.DUBAN_WARN_WORKING_DAYS,
      reportDueDay: reminderRules.reportDueDay,
      dataDir: this.config.dataDir,
      office: issuingOffice,
    });
    if (payload.email !== false) {
      const s = report.summary as { items: number; overdue: number; missingReports: number };
      await this.notifications.record(
        {
          key: notificationKey.monthlyReport(report.id),
          kind: 'report',
          rule: 'monthly-report',
          subject: `【月报】${report.title}`,
          html: report.html,
          text: `${report.title}\n\n纳入督办事项 ${s.items} 项,逾期 ${s.overdue} 项,本月未报送进展 ${s.missingReports} 项。\n${report.docxPath ? '详见附件(Excel 台账与 Word 通报)。' : `详见附件(Excel 台账)。${ISSUING_OFFICE_MISSING}`}`,
          attachments: report.docxPath ? [report.xlsxPath, report.docxPath] : [report.xlsxPath],
        },
        await this.recipients.address([], [], 'to'),
      );
    }
    return report;
  }
}
