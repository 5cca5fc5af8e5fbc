import type { MonthlyReportPayload } from '#queue';
import { LoggedWorkerHost } from '../common/logged-worker-host.js';
import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { MonthlyReportService } from './monthly-report.service.js';

/** Queue "monthly-report": generate, store and mail a monthly report. */
@Injectable()
export class MonthlyReportProcessor extends LoggedWorkerHost {
  constructor(private readonly reports: MonthlyReportService) {
    super();
  }

  async process(job: Job<MonthlyReportPayload>) {
    const report = await this.reports.generate(job.data, job.id ?? 'unknown');
    return { reportId: report.id, month: report.month };
  }
}
