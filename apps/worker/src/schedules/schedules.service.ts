import type { AppConfig } from '#config';
import { TIME_ZONE } from '#domain';
import { JOBS, type MonthlyReportPayload, QUEUES, reportQueueErrors, SCHEDULERS } from '#queue';
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { CONFIG } from '../common/tokens.js';

/** How often the worker checks that its schedulers still exist in Redis (they vanish with a FLUSHALL). */
export const SCHEDULE_CHECK_MS = 60_000;

/**
 * Registers the Job Schedulers (upsert by id: idempotent across workers and restarts), and
 * re-registers them if Redis lost them. Handling the jobs is the processors' business.
 */
@Injectable()
export class SchedulesService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('schedules');
  private timer?: NodeJS.Timeout;

  constructor(
    @InjectQueue(QUEUES.reminderScan) private readonly scanQueue: Queue,
    @InjectQueue(QUEUES.reportingDuty) private readonly dutyQueue: Queue,
    @InjectQueue(QUEUES.monthlyReport) private readonly reportQueue: Queue<MonthlyReportPayload>,
    @Inject(CONFIG) private readonly config: AppConfig,
    @InjectQueue(QUEUES.urge) urgeQueue: Queue,
    @InjectQueue(QUEUES.mail) mailQueue: Queue,
  ) {
    // Attached as the queues are created: BullMQ would otherwise print every reconnection attempt.
    for (const queue of [scanQueue, dutyQueue, reportQueue, urgeQueue, mailQueue]) reportQueueErrors(queue, (m) => this.logger.warn(m));
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.register();
    this.timer = setInterval(() => void this.ensure().catch((e: Error) => this.logger.warn(`scheduler check failed: ${e.message}`)), SCHEDULE_CHECK_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async register(): Promise<void> {
    await this.scanQueue.upsertJobScheduler(SCHEDULERS.reminderScan, { pattern: this.config.REMINDER_SCAN_CRON, tz: TIME_ZONE }, { name: JOBS.reminderScan, data: {} });
    await this.dutyQueue.upsertJobScheduler(SCHEDULERS.reportingDuty, { pattern: this.config.REPORT_DUTY_CRON, tz: TIME_ZONE }, { name: JOBS.reportingDuty, data: {} });
    await this.reportQueue.upsertJobScheduler(
      SCHEDULERS.monthlyReport,
      { pattern: this.config.MONTHLY_REPORT_CRON, tz: TIME_ZONE },
      { name: JOBS.monthlyReport, data: { trigger: 'schedule' } },
    );
  }

  /** Re-registers the schedulers when any is missing; also runs a scan so lost jobs come back at once. */
  async ensure(): Promise<boolean> {
    const present = await Promise.all([
      this.scanQueue.getJobScheduler(SCHEDULERS.reminderScan),
      this.dutyQueue.getJobScheduler(SCHEDULERS.reportingDuty),
      this.reportQueue.getJobScheduler(SCHEDULERS.monthlyReport),
    ]);
    if (present.every(Boolean)) return false;
    this.logger.warn('job schedulers missing in Redis (data lost?): registering them again and rescanning');
    await this.register();
    await this.scanQueue.add(JOBS.reminderScan, {});
    return true;
  }
}
