import type { AppConfig } from '#config';
import { type MailPayload, QUEUES } from '#queue';
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { LoggedWorkerHost } from '../common/logged-worker-host.js';
import { CONFIG } from '../common/tokens.js';
import { NotificationService } from './notification.service.js';

/**
 * Queue "mail": sends one notification; a failure is retried with exponential backoff
 * (rate-limited over SMTP). When fewer than half of MAIL_QUEUE_WINDOW jobs are left waiting, the
 * next pending notifications are added from the log before this job ends, so the queue never
 * looks empty while the log still holds mail to send.
 */
@Injectable()
export class MailProcessor extends LoggedWorkerHost {
  constructor(
    private readonly notifications: NotificationService,
    @InjectQueue(QUEUES.mail) private readonly queue: Queue<MailPayload>,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async process(job: Job<MailPayload>) {
    const outcome = await this.notifications.send(job.data.key);
    if ((await this.queue.count()) < this.config.MAIL_QUEUE_WINDOW / 2) await this.notifications.topUp();
    return outcome;
  }
}
