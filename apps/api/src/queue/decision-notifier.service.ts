import { CLOCK, type Clock, type DecisionEvent, decisionOfAction, Notification, notificationKey, PendingJob, type ProgressReport, shanghai } from '#domain';
import { JOBS, type MailPayload, QUEUES } from '#queue';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type EntitySubscriberInterface, type TransactionCommitEvent } from 'typeorm';
import { PendingJobs } from './pending-jobs.service.js';

/** Set on a query runner whose transaction recorded a decision: its commit hands the kept job to Redis. */
const RECORDED = 'duban.decisionRecorded';

export interface Decision {
  event: DecisionEvent;
  /** The extension request, progress report, item or plan decided on. */
  refId: number;
  /** Tells repeated decisions about the same thing apart (the item's version after it). */
  occurrence?: number;
  itemId: number | null;
}

/**
 * Tells the departments about a decision (extension approved or rejected, report sent back, item
 * returned or closed, a co-department's contribution, a plan revised): one call where the decision
 * is made, inside its transaction. It writes the notification's key (the worker writes the mail,
 * in-app notices and chat messages when it sends it, from the data as it then is) and its mail job
 * as a kept job (pending_job), both in the decision's transaction: committed together or not at
 * all. The commit hands the job to Redis at once (PendingJobs; with Redis down, when it answers).
 */
@Injectable()
export class DecisionNotifier implements OnModuleInit, EntitySubscriberInterface {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly pending: PendingJobs,
  ) {}

  onModuleInit(): void {
    this.dataSource.subscribers.push(this);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    if (!event.queryRunner.data?.[RECORDED]) return;
    delete event.queryRunner.data[RECORDED];
    void this.pending.flushSoon();
  }

  async record(manager: EntityManager, d: Decision): Promise<void> {
    const key = notificationKey.decision(d.event, d.refId, d.occurrence);
    const now = this.clock.now();
    await manager
      .createQueryBuilder()
      .insert()
      .into(Notification)
      .values({ key, kind: 'decision', rule: d.event, itemId: d.itemId, departmentId: null, day: shanghai(now).day, to: [], cc: [], missingContacts: [], subject: '', html: '', text: '', attachments: [], status: 'pending', createdAt: now, audience: null })
      .orIgnore()
      .updateEntity(false)
      .execute();
    await manager
      .createQueryBuilder()
      .insert()
      .into(PendingJob)
      .values({ queue: QUEUES.mail, name: JOBS.mail, jobId: key, data: { key } satisfies MailPayload as never, createdAt: now, attempts: 0, lastError: null })
      .orIgnore()
      .updateEntity(false)
      .execute();
    if (manager.queryRunner?.isTransactionActive) manager.queryRunner.data = { ...manager.queryRunner.data, [RECORDED]: true };
    else void this.pending.flushSoon();
  }

  /** A status action: 退回 and 销号 are told to the item's departments. */
  async itemTransition(manager: EntityManager, itemId: number, action: string, version: number): Promise<void> {
    const event = decisionOfAction(action);
    if (event) await this.record(manager, { event, refId: itemId, occurrence: version, itemId });
  }

  /** A submitted progress report: a co-department's contribution is told to the lead department. */
  async reportSubmitted(manager: EntityManager, report: Pick<ProgressReport, 'id' | 'itemId' | 'role' | 'version'>): Promise<void> {
    if (report.role === 'co') await this.record(manager, { event: 'contribution-received', refId: report.id, occurrence: report.version, itemId: report.itemId });
  }
}
