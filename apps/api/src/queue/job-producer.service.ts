import type { Urge } from '#domain';
import { ENQUEUE_TIMEOUT_MS, JOBS, type MonthlyReportPayload, QUEUES, reportQueueErrors, type UrgePayload } from '#queue';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { PendingJobs, withTimeout } from './pending-jobs.service.js';

/**
 * The API's only contact with the queues: it enqueues, the worker processes. Also the
 * UrgeNotifier of the workflow: an urge goes out at once.
 *
 * Redis down or slow never fails a request that saved its data: the API's queue connection fails
 * fast (producerConnection), a job Redis does not take within ENQUEUE_TIMEOUT_MS is kept in the
 * database (PendingJobs) and enqueued when Redis answers again.
 */
@Injectable()
export class JobProducer {
  private readonly logger = new Logger('jobs');

  constructor(
    @InjectQueue(QUEUES.urge) private readonly urgeQueue: Queue<UrgePayload>,
    @InjectQueue(QUEUES.monthlyReport) private readonly reportQueue: Queue<MonthlyReportPayload>,
    private readonly pending: PendingJobs,
  ) {}

  /** Adds a job under a deterministic id, or keeps it for later when Redis does not take it. */
  private async enqueue(queue: Queue, name: string, data: object, jobId: string): Promise<'queued' | 'kept'> {
    try {
      await withTimeout(queue.add(name, data, { jobId }), ENQUEUE_TIMEOUT_MS);
      return 'queued';
    } catch (error) {
      await this.pending.keep(queue.name, name, data as Record<string, unknown>, jobId, error as Error);
      this.logger.warn(`job ${jobId} kept in the database, to be enqueued when Redis answers (${(error as Error).message})`);
      return 'kept';
    }
  }

  async urgeRecorded(urge: Urge): Promise<void> {
    await this.enqueue(this.urgeQueue, JOBS.urge, { urgeId: urge.id } satisfies UrgePayload, `urge.${urge.id}`);
  }

  /** Queues a monthly report (or keeps it until Redis answers); returns the job id. */
  async requestMonthlyReport(payload: MonthlyReportPayload): Promise<string> {
    const jobId = `report.${randomUUID()}`;
    await this.enqueue(this.reportQueue, JOBS.monthlyReport, payload, jobId);
    return jobId;
  }

  /** The job's state in Redis; 'pending' while it is kept in the database; null when unknown. */
  async reportJobState(jobId: string): Promise<string | null> {
    let job;
    try {
      job = await withTimeout(this.reportQueue.getJob(jobId), ENQUEUE_TIMEOUT_MS);
    } catch {
      if (await this.pending.isKept(jobId)) return 'pending';
      throw new ServiceUnavailableException({ statusCode: 503, error: '服务暂不可用', message: '任务队列\uFF08Redis\uFF09暂不可用\uFF0C无法查询任务状态\uFF0C请稍后重试' });
    }
    if (job) return await job.getState();
    return (await this.pending.isKept(jobId)) ? 'pending' : null;
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
    @InjectQueue(QUEUES.chat) chat: Queue,
    @InjectQueue(QUEUES.monthlyReport) report: Queue,
  ) {
    const logger = new Logger('queues');
    for (const queue of [scan, duty, urge, mail, chat, report]) reportQueueErrors(queue, (m) => logger.warn(m));
  }
}
