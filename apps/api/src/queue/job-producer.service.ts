import type { Urge } from '#domain';
import { JOBS, type MonthlyReportPayload, QUEUES, reportQueueErrors, type UrgePayload } from '#queue';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import type { Queue } from 'bullmq';

/** How long a request waits for Redis before giving up. */
const REDIS_TIMEOUT_MS = 3000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
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
 * The API's only contact with the queues: it enqueues, the worker processes.
 * Also the UrgeNotifier of the workflow: an urge goes out at once; if Redis is down the
 * worker's scan still finds the undelivered urge in the database.
 */
@Injectable()
export class JobProducer {
  private readonly logger = new Logger('jobs');

  constructor(
    @InjectQueue(QUEUES.urge) private readonly urgeQueue: Queue<UrgePayload>,
    @InjectQueue(QUEUES.monthlyReport) private readonly reportQueue: Queue<MonthlyReportPayload>,
  ) {}

  async urgeRecorded(urge: Urge): Promise<void> {
    try {
      await withTimeout(this.urgeQueue.add(JOBS.urge, { urgeId: urge.id }, { jobId: `urge.${urge.id}` }), REDIS_TIMEOUT_MS);
    } catch (error) {
      this.logger.warn(`urge ${urge.id} not queued now (${(error as Error).message}); the worker's scan will send it`);
    }
  }

  /** Queues a monthly report; returns the job id. */
  async requestMonthlyReport(payload: MonthlyReportPayload): Promise<string> {
    try {
      const job = await withTimeout(this.reportQueue.add(JOBS.monthlyReport, payload), REDIS_TIMEOUT_MS);
      return job.id!;
    } catch (error) {
      this.logger.warn(`monthly report not queued: ${(error as Error).message}`);
      throw new ServiceUnavailableException({ statusCode: 503, error: '服务暂不可用', message: '任务队列(Redis)暂不可用,月报未能排队生成,请稍后重试' });
    }
  }

  async reportJobState(jobId: string): Promise<string | null> {
    const job = await withTimeout(this.reportQueue.getJob(jobId), REDIS_TIMEOUT_MS).catch(() => undefined);
    return job ? await job.getState() : null;
  }
}

/** Reports the queues' connection errors once a minute instead of BullMQ printing every retry (attached as the queues are created). */
@Injectable()
export class QueueErrorReporter {
  constructor(
    @InjectQueue(QUEUES.reminderScan) scan: Queue,
    @InjectQueue(QUEUES.reportingDuty) duty: Queue,
    @InjectQueue(QUEUES.urge) urge: Queue,
    @InjectQueue(QUEUES.mail) mail: Queue,
    @InjectQueue(QUEUES.monthlyReport) report: Queue,
  ) {
    const logger = new Logger('queues');
    for (const queue of [scan, duty, urge, mail, report]) reportQueueErrors(queue, (m) => logger.warn(m));
  }
}
