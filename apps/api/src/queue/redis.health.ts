import { ALL_QUEUES } from '#queue';
import { getQueueToken } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { Queue } from 'bullmq';

/** Health of Redis and the queues: PING, then the job counts of each queue. */
@Injectable()
export class RedisHealthIndicator {
  constructor(
    private readonly indicator: HealthIndicatorService,
    private readonly moduleRef: ModuleRef,
  ) {}

  async isHealthy(key = 'redis', timeoutMs = 1500) {
    const session = this.indicator.check(key);
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`Redis 在 ${timeoutMs} 毫秒内无响应`)), timeoutMs).unref());
    try {
      const queues = ALL_QUEUES.map((name) => this.moduleRef.get<Queue>(getQueueToken(name), { strict: false }));
      const client = await Promise.race([queues[0]!.getBackend().client, timeout]);
      await Promise.race([(client as unknown as { ping(): Promise<string> }).ping(), timeout]);
      const counts = await Promise.race([Promise.all(queues.map((q) => q.getJobCounts('waiting', 'active', 'delayed', 'failed'))), timeout]);
      return session.up({ queues: Object.fromEntries(ALL_QUEUES.map((name, i) => [name, counts[i]])) });
    } catch (error) {
      return session.down({ message: `Redis 不可用:${(error as Error).message}` });
    }
  }
}
