import type { UrgePayload } from '#queue';
import { LoggedWorkerHost } from '../common/logged-worker-host.js';
import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { UrgeService } from './urge.service.js';

/** Queue "urge": one urge (催办), sent at once. */
@Injectable()
export class UrgeProcessor extends LoggedWorkerHost {
  constructor(private readonly urges: UrgeService) {
    super();
  }

  async process(job: Job<UrgePayload>) {
    return this.urges.deliver(job.data.urgeId);
  }
}
