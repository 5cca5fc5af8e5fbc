import { PendingJob } from '#domain';
import { ALL_QUEUES, ENQUEUE_TIMEOUT_MS } from '#queue';
import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';

/** How often each API process tries to hand kept jobs to Redis (besides at once when Redis reconnects). */
export const PENDING_JOB_SWEEP_MS = 15_000;
/** Rows handled per sweep. */
const BATCH = 200;

/** Rejects when `promise` has not settled within `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/**
 * Jobs the API could not enqueue (Redis down or too slow) are kept in the pending_job table and
 * enqueued when Redis answers again: at once when a queue's connection becomes ready, and every
 * PENDING_JOB_SWEEP_MS. Job ids are deterministic, so a job enqueued by two API processes, or kept
 * although Redis did take it, is still one job, and the worker's database checks make sure a mail
 * goes out once.
 */
@Injectable()
export class PendingJobs implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('pending-jobs');
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;
  private again = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly moduleRef: ModuleRef,
  ) {}

  private queue(name: string): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
  }

  onApplicationBootstrap(): void {
    for (const name of ALL_QUEUES) this.queue(name).getBackend().on('ready', () => void this.flushSoon());
    this.timer = setInterval(() => void this.flushSoon(), PENDING_JOB_SWEEP_MS);
    this.timer.unref();
    // Rows another (stopped) API process kept; the connection may have been ready before the listener.
    void this.flushSoon();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Keeps a job Redis did not take; a second keep of the same job id changes nothing. */
  async keep(queue: string, name: string, data: Record<string, unknown>, jobId: string, error: Error): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(PendingJob)
      // simple-json column: TypeORM's deep-partial type does not follow an arbitrary record.
      .values({ queue, name, jobId, data: data as never, createdAt: new Date(), attempts: 1, lastError: error.message.slice(0, 500) })
      .orIgnore()
      .updateEntity(false)
      .execute();
  }

  async isKept(jobId: string): Promise<boolean> {
    return this.dataSource.getRepository(PendingJob).existsBy({ jobId });
  }

  async count(): Promise<number> {
    return this.dataSource.getRepository(PendingJob).count();
  }

  /** Runs a flush unless one is running (then one more follows it). Never throws. */
  flushSoon(): Promise<number> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      let moved = 0;
      do {
        this.again = false;
        moved += await this.flush().catch((e: Error) => {
          this.logger.warn(`pending jobs not flushed: ${e.message}`);
          return 0;
        });
      } while (this.again);
      return moved;
    })().finally(() => (this.running = undefined));
    return this.running;
  }

  /** Enqueues kept jobs, oldest first, deleting each once Redis took it; stops at the first failure. */
  private async flush(): Promise<number> {
    const repo = this.dataSource.getRepository(PendingJob);
    let moved = 0;
    try {
      for (;;) {
        const rows = await repo.find({ order: { id: 'ASC' }, take: BATCH });
        for (const row of rows) {
          try {
            await withTimeout(this.queue(row.queue).add(row.name, row.data, { jobId: row.jobId }), ENQUEUE_TIMEOUT_MS);
          } catch (error) {
            await repo.update({ id: row.id }, { attempts: row.attempts + 1, lastError: (error as Error).message.slice(0, 500) });
            return moved;
          }
          await repo.delete({ id: row.id });
          moved++;
        }
        if (rows.length < BATCH) return moved;
      }
    } finally {
      if (moved > 0) this.logger.log(`${moved} kept job(s) enqueued now that Redis answers`);
    }
  }
}
