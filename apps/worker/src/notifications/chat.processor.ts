import type { ChatPayload } from '#queue';
import { Injectable } from '@nestjs/common';
import { DelayedError, type Job, UnrecoverableError } from 'bullmq';
import { LoggedWorkerHost } from '../common/logged-worker-host.js';
import { ChatService } from './chat.service.js';

/**
 * Queue "chat": one notification to one group-chat robot. Waiting for the robot's rate limit moves
 * the job back to delayed without using an attempt; a refusal for good ends it without retries;
 * other failures are retried with the queue's exponential backoff.
 */
@Injectable()
export class ChatProcessor extends LoggedWorkerHost {
  constructor(private readonly chat: ChatService) {
    super();
  }

  async process(job: Job<ChatPayload>, token?: string) {
    const result = await this.chat.deliver(job.data.key);
    if (typeof result === 'object') {
      await job.moveToDelayed(Date.now() + result.waitMs, token);
      throw new DelayedError();
    }
    if (result === 'failed') throw new UnrecoverableError(`chat delivery ${job.data.key} refused by the platform`);
    return result;
  }
}
