import { ALL_QUEUES } from '#queue';
import { getQueueToken } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { Queue } from 'bullmq';
import { PendingJobs } from './pending-jobs.service.js';

/**
 * Health of Redis and the queues: PING, then the job counts of each queue, and the jobs kept in
 * the database for Redis. Redis unreachable is "degraded", not "down": the API keeps serving and
 * saving (the health check stays 200, so a load balancer keeps sending requests), the kept jobs
 * are enqueued when Redis answers again.
 */
@Injectable()
export class RedisHealthIndicator {
  constructor(
    private readonly indicator: HealthIndicatorService,
    private readonly moduleRef: ModuleRef,
    private readonly pending: PendingJobs,
  ) {}

  async isHealthy(key = 'redis', timeoutMs = 1500) {
    const session = this.indicator.check(key);
    const pendingJobs = await this.pending.count().catch(() => null);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis 在 ${timeoutMs} 毫秒内无响应`)), timeoutMs);
      timer.unref();
    });
    try {
      const queues = ALL_QUEUES.map((name) => this.moduleRef.get<Queue>(getQueueToken(name), { strict: false }));
      const client = await Promise.race([queues[0]!.getBackend().client, timeout]);
      await Promise.race([(client as unknown as { ping(): Promise<string> }).ping(), timeout]);
      const counts = await Promise.race([Promise.all(queues.map((q) => q.getJobCounts('waiting', 'active', 'delayed', 'failed'))), timeout]);
      return session.up({ queues: Object.fromEntries(ALL_QUEUES.map((name, i) => [name, counts[i]])), pendingJobs });
    } catch (error) {
      return session.degraded({ message: `Redis 不可用\uFF1A${(error as Error).message}\uFF1B任务暂存数据库\uFF0CRedis 恢复后自动排队`, pendingJobs });
    } finally {
      clearTimeout(timer);
    }
  }
}
