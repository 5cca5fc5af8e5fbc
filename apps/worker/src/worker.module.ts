import type { AppConfig } from '#config';
import { DatabaseModule } from '#database';
import { ALL_QUEUES, bullRootOptions, QUEUES } from '#queue';
import { BullModule, Processor } from '@nestjs/bullmq';
import { type DynamicModule, Injectable, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { WorkerOptions } from 'bullmq';
import { coreProviders, type WorkerOverrides } from './common/tokens.js';
import { ChatProcessor } from './notifications/chat.processor.js';
import { ChatService } from './notifications/chat.service.js';
import { DecisionMailService } from './notifications/decision-mail.service.js';
import { DeliveryService } from './notifications/delivery.service.js';
import { MailProcessor } from './notifications/mail.processor.js';
import { NotificationService } from './notifications/notification.service.js';
import { RecipientsService } from './notifications/recipients.service.js';
import { ItemFactsService } from './reminders/item-facts.service.js';
import { ReminderScanProcessor } from './reminders/reminder-scan.processor.js';
import { ReminderMailService } from './reminders/reminder-mail.service.js';
import { ReminderScanService } from './reminders/reminder-scan.service.js';
import { ReportingDutyProcessor } from './reminders/reporting-duty.processor.js';
import { ReportingDutyService } from './reminders/reporting-duty.service.js';
import { UrgeProcessor } from './reminders/urge.processor.js';
import { UrgeService } from './reminders/urge.service.js';
import { MonthlyReportProcessor } from './reports/monthly-report.processor.js';
import { MonthlyReportService } from './reports/monthly-report.service.js';
import { SchedulesService } from './schedules/schedules.service.js';

@Injectable()
export class WorkerLifecycle implements OnApplicationShutdown {
  private readonly logger = new Logger('worker');

  onApplicationShutdown(signal?: string): void {
    this.logger.log(`duban worker stopped${signal ? ` (${signal})` : ''}`);
  }
}

/**
 * Worker options from the config: the job lock (a job whose worker died is taken up again once
 * its lock runs out: stalled-job recovery) and, over SMTP, the mail rate limit.
 */
function registerProcessors(config: AppConfig): void {
  const common: WorkerOptions = {
    lockDuration: config.QUEUE_LOCK_MS,
    stalledInterval: Math.max(250, Math.floor(config.QUEUE_LOCK_MS / 2)),
    maxStalledCount: 10,
  } as WorkerOptions;
  Processor(QUEUES.reminderScan, common)(ReminderScanProcessor);
  Processor(QUEUES.reportingDuty, common)(ReportingDutyProcessor);
  Processor(QUEUES.urge, common)(UrgeProcessor);
  Processor(QUEUES.monthlyReport, common)(MonthlyReportProcessor);
  Processor(QUEUES.mail, {
    ...common,
    ...(config.SMTP_URL ? { limiter: { max: config.MAIL_RATE_PER_MINUTE, duration: 60_000 } } : {}),
  } as WorkerOptions)(MailProcessor);
  Processor(QUEUES.chat, common)(ChatProcessor);
}

/** The headless worker: BullMQ processors and Job Schedulers; no HTTP, no controllers. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig, overrides: WorkerOverrides = {}): DynamicModule {
    registerProcessors(config);
    return {
      module: WorkerModule,
      imports: [
        DatabaseModule.forRoot(config),
        BullModule.forRoot(bullRootOptions(config)),
        BullModule.registerQueue(...ALL_QUEUES.map((name) => ({ name }))),
      ],
      providers: [
        ...coreProviders(config, overrides),
        WorkerLifecycle,
        RecipientsService,
        NotificationService,
        DeliveryService,
        DecisionMailService,
        ChatService,
        ItemFactsService,
        ReminderMailService,
        ReminderScanService,
        ReportingDutyService,
        UrgeService,
        MonthlyReportService,
        SchedulesService,
        ReminderScanProcessor,
        ReportingDutyProcessor,
        UrgeProcessor,
        MailProcessor,
        ChatProcessor,
        MonthlyReportProcessor,
      ],
    };
  }
}
