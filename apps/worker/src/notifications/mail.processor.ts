import type { MailPayload } from '#queue';
import { LoggedWorkerHost } from '../common/logged-worker-host.js';
import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { NotificationService } from './notification.service.js';

/** Queue "mail": sends one notification; a failure is retried with exponential backoff (rate-limited over SMTP). */
@Injectable()
export class MailProcessor extends LoggedWorkerHost {
  constructor(private readonly notifications: NotificationService) {
    super();
  }

  async process(job: Job<MailPayload>) {
    return this.notifications.send(job.data.key);
  }
}
