import type { AppConfig } from '#config';
import { CLOCK, type Clock, isOfficeHour, SettingsStore, shanghai } from '#domain';
import { type MailPayload, QUEUES } from '#queue';
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { LoggedWorkerHost } from '../common/logged-worker-host.js';
import { CONFIG } from '../common/tokens.js';
import { NotificationService } from './notification.service.js';

/**
 * Queue "mail": sends one notification; a failure is retried with exponential backoff
 * (rate-limited over SMTP). In office hours, when fewer than half of MAIL_QUEUE_WINDOW jobs are
 * left waiting, the next pending notifications are added from the log before this job ends, so
 * the queue never looks empty while the log still holds mail to send; after hours the backlog
 * waits for the next office-hour scan.
 */
@Injectable()
export class MailProcessor extends LoggedWorkerHost {
  constructor(
    private readonly notifications: NotificationService,
    @InjectQueue(QUEUES.mail) private readonly queue: Queue<MailPayload>,
    @Inject(CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly settings: SettingsStore,
  ) {
    super();
  }

  async process(job: Job<MailPayload>) {
    try {
      return await this.notifications.send(job.data.key);
    } finally {
      if ((await this.queue.count()) < this.config.MAIL_QUEUE_WINDOW / 2) {
        const { day, hour } = shanghai(this.clock.now());
        const { calendar, reminderRules } = await this.settings.current();
        if (isOfficeHour(day, hour, calendar, reminderRules)) await this.notifications.topUp();
      }
    }
  }
}
