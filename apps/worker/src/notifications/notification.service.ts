import type { AppConfig } from '#config';
import { CLOCK, type Clock, Notification, type NotificationKind, shanghai, Urge } from '#domain';
import type { MailTransport } from '#mail';
import { JOBS, type MailPayload, QUEUES } from '#queue';
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { resolve } from 'node:path';
import { DataSource, In } from 'typeorm';
import { CONFIG, MAIL_TRANSPORT } from '../common/tokens.js';
import type { Addressed } from './recipients.service.js';

export interface NewNotification {
  key: string;
  kind: NotificationKind;
  rule?: string | null;
  itemId?: number | null;
  departmentId?: number | null;
  subject: string;
  html: string;
  text: string;
  attachments?: string[];
}

/**
 * The notification log and its mail jobs. Each notification is a row inserted once under its
 * key before anything is sent; the mail job's id is the same key. The database is the truth:
 * requeuePending() re-creates jobs that Redis lost.
 */
@Injectable()
export class NotificationService {
  private readonly logger = new Logger('notifications');

  constructor(
    private readonly dataSource: DataSource,
    @InjectQueue(QUEUES.mail) private readonly mailQueue: Queue<MailPayload>,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  private get repo() {
    return this.dataSource.getRepository(Notification);
  }

  /** Keys among `keys` already in the log. */
  async existing(keys: string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (let i = 0; i < keys.length; i += 500) {
      const rows = await this.repo.find({ select: { key: true }, where: { key: In(keys.slice(i, i + 500)) } });
      for (const r of rows) found.add(r.key);
    }
    return found;
  }

  /** Inserts the notification unless its key exists (then nothing changes), and enqueues its mail. */
  async record(n: NewNotification, addressed: Addressed): Promise<void> {
    const now = this.clock.now();
    await this.repo
      .createQueryBuilder()
      .insert()
      .into(Notification)
      .values({
        key: n.key,
        kind: n.kind,
        rule: n.rule ?? null,
        itemId: n.itemId ?? null,
        departmentId: n.departmentId ?? null,
        day: shanghai(now).day,
        to: addressed.to,
        cc: addressed.cc,
        missingContacts: addressed.missingContacts,
        subject: n.subject,
        html: n.html,
        text: n.text,
        attachments: n.attachments ?? [],
        status: addressed.to.length > 0 ? 'pending' : 'no_recipients',
        attempts: 0,
        lastError: null,
        messageId: null,
        createdAt: now,
        sentAt: null,
      })
      .orIgnore()
      // Nothing to read back; and when the insert was ignored (another worker recorded the key first)
      // there is no generated id to read: TypeORM would fail the scan.
      .updateEntity(false)
      .execute();
    if (addressed.missingContacts.length > 0) {
      this.logger.warn(`${n.key}: no contact address for ${addressed.missingContacts.join(', ')}`);
    }
    await this.enqueue(n.key);
  }

  /** Adds the mail job for a pending notification (a no-op while Redis already holds it; a failed one is retried). */
  async enqueue(key: string): Promise<void> {
    const row = await this.repo.findOne({ where: { key }, select: { key: true, status: true } });
    if (!row || row.status !== 'pending') return;
    const job = await this.mailQueue.getJob(key);
    if (job) {
      if (await job.isFailed()) await job.retry('failed');
      else if (await job.isCompleted()) {
        // Completed in Redis but not marked sent (the worker died in between): send again.
        await job.remove();
        await this.mailQueue.add(JOBS.mail, { key }, { jobId: key });
      }
      return;
    }
    await this.mailQueue.add(JOBS.mail, { key }, { jobId: key });
  }

  /** Every pending notification gets its mail job back (after Redis lost data, or retries ran out). */
  async requeuePending(): Promise<number> {
    const pending = await this.repo.find({ where: { status: 'pending' }, select: { key: true } });
    for (const p of pending) await this.enqueue(p.key);
    return pending.length;
  }

  /**
   * Sends one notification: called by the mail processor; throws to have BullMQ retry with backoff.
   * The row is claimed first (a lease as long as the job lock), so a second worker holding a job
   * for the same key (e.g. re-created after Redis lost its data) waits instead of sending it too.
   */
  async send(key: string): Promise<'sent' | 'skipped'> {
    const row = await this.repo.findOne({ where: { key } });
    if (!row || row.status !== 'pending') return 'skipped';
    const now = new Date();
    const claimed = await this.repo
      .createQueryBuilder()
      .update(Notification)
      .set({ claimedUntil: new Date(now.getTime() + this.config.QUEUE_LOCK_MS), attempts: () => '"attempts" + 1' })
      .where('"id" = :id AND "status" = :pending AND ("claimedUntil" IS NULL OR "claimedUntil" < :now)', { id: row.id, pending: 'pending', now })
      .execute();
    if (!claimed.affected) {
      const current = await this.repo.findOne({ where: { id: row.id }, select: { id: true, status: true } });
      if (current?.status !== 'pending') return 'skipped';
      throw new Error(`notification ${key} is being sent by another worker; will check again`);
    }
    try {
      const result = await this.transport.send({
        key: row.key,
        from: this.config.MAIL_FROM,
        to: row.to,
        cc: row.cc,
        subject: row.subject,
        html: row.html,
        text: row.text,
        attachments: row.attachments.map((a) => resolve(this.config.dataDir, a)),
      });
      const sentAt = this.clock.now();
      await this.repo.update({ id: row.id }, { status: 'sent', sentAt, messageId: result.messageId, lastError: null, claimedUntil: null });
      if (row.kind === 'urge') {
        const urgeId = Number(row.key.split('.')[1]);
        await this.dataSource.getRepository(Urge).update({ id: urgeId }, { deliveredAt: sentAt });
      }
      return 'sent';
    } catch (error) {
      await this.repo.update({ id: row.id }, { lastError: error instanceof Error ? error.message : String(error), claimedUntil: null });
      throw error;
    }
  }
}
