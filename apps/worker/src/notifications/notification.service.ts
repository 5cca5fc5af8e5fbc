import type { AppConfig } from '#config';
import { CLOCK, type Clock, Notification, type NotificationKind, notificationKey, shanghai, Urge } from '#domain';
import type { MailTransport } from '#mail';
import { JOBS, type MailPayload, QUEUES } from '#queue';
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { resolve } from 'node:path';
import { DataSource, In } from 'typeorm';
import { CONFIG, MAIL_TRANSPORT } from '../common/tokens.js';
import { claimRow, reviveJob } from '../common/row-jobs.js';
import { ReminderMailService } from '../reminders/reminder-mail.service.js';
import { DecisionMailService } from './decision-mail.service.js';
import { DeliveryService } from './delivery.service.js';
import type { Addressed } from './recipients.service.js';

/** Notifications per INSERT statement (15 parameters a row), per addBulk and per key lookup. */
const RECORD_BATCH = 250;

/** A notification's mail job: its id is the key; an urge's goes first (LIFO), ahead of reminders waiting for the rate limit. */
function mailJob(key: string) {
  return { name: JOBS.mail, data: { key }, opts: { jobId: key, ...(notificationKey.isUrge(key) ? { lifo: true } : {}) } };
}

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
 * key before anything is sent; the mail job's id is the same key. The database is the truth and
 * the outbox: urges, duty reminders and reports get their jobs when recorded (they are few);
 * deadline reminders wait in the log and topUp() keeps at most MAIL_QUEUE_WINDOW jobs waiting;
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
    private readonly reminders: ReminderMailService,
    private readonly decisions: DecisionMailService,
    private readonly deliveries: DeliveryService,
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
    await this.recordMany([{ ...n, addressed }]);
  }

  /**
   * record() for many notifications: RECORD_BATCH rows per INSERT statement (keys already in the
   * log are left as they are) and their mail jobs in one addBulk.
   * Returns the keys whose mail jobs were added. A job added for a key another worker recorded
   * first is harmless: BullMQ keeps one job per id, and send() skips a row no longer pending.
   */
  async recordMany(list: Array<NewNotification & { addressed: Addressed }>): Promise<string[]> {
    const now = this.clock.now();
    const day = shanghai(now).day;
    const missing = new Map<string, number>();
    const queued: string[] = [];
    // Redis takes one batch's jobs while the next batch is written to the database.
    let adding: Promise<unknown> = Promise.resolve();
    for (let i = 0; i < list.length; i += RECORD_BATCH) {
      const batch = list.slice(i, i + RECORD_BATCH);
      await this.insertNew(
        // attempts, lastError, messageId, sentAt and claimedUntil take their defaults (0, null).
        batch.map(({ addressed, ...n }) => ({
          key: n.key,
          kind: n.kind,
          rule: n.rule ?? null,
          itemId: n.itemId ?? null,
          departmentId: n.departmentId ?? null,
          day,
          to: addressed.to,
          cc: addressed.cc,
          missingContacts: addressed.missingContacts,
          subject: n.subject,
          html: n.html,
          text: n.text,
          attachments: n.attachments ?? [],
          audience: addressed.audience,
          // Pending even without mail addresses: the departments' users and chat robots get it when it is sent.
          status: 'pending' as const,
          createdAt: now,
        })),
      );
      for (const { addressed } of batch) for (const name of addressed.missingContacts) missing.set(name, (missing.get(name) ?? 0) + 1);
      const keys = batch.map((n) => n.key);
      const failed = await adding;
      if (failed) throw failed;
      adding = keys.length > 0 ? this.mailQueue.addBulk(keys.map(mailJob)).then(() => undefined, (error: unknown) => error) : Promise.resolve();
      queued.push(...keys);
    }
    const failed = await adding;
    if (failed) throw failed;
    if (missing.size > 0) {
      const names = [...missing].map(([name, n]) => (n > 1 ? `${name} (${n})` : name));
      this.logger.warn(`no contact address for ${names.join(', ')}: ${list.length === 1 ? list[0]!.key : `${list.length} notifications`}`);
    }
    return queued;
  }

  /**
   * One multi-row INSERT; a key already in the log (another worker recorded it first) is left as it
   * is. Written out rather than through the query builder, which spends more time naming and
   * escaping thousands of parameters than the database spends storing the rows; the values are converted
   * by the driver exactly as for a save (JSON lists, dates).
   */
  private async insertNew(rows: Array<Partial<Notification>>): Promise<void> {
    if (rows.length === 0) return;
    const metadata = this.dataSource.getMetadata(Notification);
    const driver = this.dataSource.driver;
    const columns = Object.keys(rows[0]!).map((property) => metadata.findColumnWithPropertyName(property)!);
    const value = (row: Partial<Notification>, column: (typeof columns)[number]) => driver.preparePersistentValue(row[column.propertyName as keyof Notification], column);
    const into = `INSERT INTO ${driver.escape(metadata.tableName)} (${columns.map((c) => driver.escape(c.databaseName)).join(', ')})`;
    const skip = `ON CONFLICT (${driver.escape('key')}) DO NOTHING`;
    if (this.dataSource.options.type === 'postgres') {
      // One array parameter per column: PostgreSQL plans a statement with thousands of parameters slowly.
      const arrays = columns.map((column) => rows.map((row) => value(row, column)));
      const types = columns.map((column) => driver.normalizeType(column));
      await this.dataSource.query(`${into} SELECT * FROM unnest(${types.map((t, i) => `$${i + 1}::${t}[]`).join(', ')}) ${skip}`, arrays);
      return;
    }
    const params: unknown[] = [];
    const values = rows.map(
      (row) =>
        `(${columns
          .map((column) => {
            params.push(value(row, column));
            return driver.createParameter(`p${params.length}`, params.length - 1);
          })
          .join(', ')})`,
    );
    // The table by its name: on PostgreSQL the configured schema is the connection's search_path.
    await this.dataSource.query(`${into} VALUES ${values.join(', ')} ${skip}`, params);
  }

  /** Adds the mail job for a pending notification (a no-op while Redis already holds it; a failed one is retried). */
  async enqueue(key: string): Promise<void> {
    const row = await this.repo.findOne({ where: { key }, select: { key: true, status: true } });
    if (row?.status !== 'pending') return;
    await reviveJob(this.mailQueue, key, () => this.mailQueue.addBulk([mailJob(key)]));
  }

  /** Adds mail jobs for those of `keys` that Redis holds no job for, at most `limit`. Returns the keys added. */
  private async addMissing(keys: string[], limit: number): Promise<string[]> {
    // Commands sent together on one connection: one round trip per batch, not per key.
    const states = await Promise.all(keys.map((key) => this.mailQueue.getJobState(key)));
    const add = keys.filter((_, j) => states[j] === 'unknown').slice(0, limit);
    if (add.length > 0) await this.mailQueue.addBulk(add.map(mailJob));
    return add;
  }

  /**
   * Fills the mail queue from the notification log, oldest first, up to MAIL_QUEUE_WINDOW waiting
   * jobs: the log is the outbox, and Redis holds only what goes out next. Called after a scan
   * recorded reminders, hourly with `retry` (jobs Redis lost or that ran out of retries), and by
   * the mail worker when its queue runs low. Returns the keys whose jobs were added or retried.
   */
  async topUp({ retry = false }: { retry?: boolean } = {}): Promise<string[]> {
    const touched = retry ? await this.retryStuck() : [];
    const waiting = await this.mailQueue.count();
    let room = this.config.MAIL_QUEUE_WINDOW - waiting;
    if (room <= 0) return touched;
    // No more pending rows than waiting jobs: every one has its job (jobs Redis lost are the hourly pass's).
    // Checked first so that sending each mail does not look up the state of every waiting job.
    if (!retry && (await this.repo.count({ where: { status: 'pending' } })) <= waiting) return touched;
    // Pending rows in id order, past those already holding jobs (their keys are skipped as live).
    for (let after = 0; room > 0; ) {
      const rows = await this.repo
        .createQueryBuilder('n')
        .select(['n.id', 'n.key'])
        .where('n.status = :pending AND n.id > :after', { pending: 'pending', after })
        .orderBy('n.id', 'ASC')
        .take(RECORD_BATCH)
        .getMany();
      if (rows.length === 0) break;
      after = rows[rows.length - 1]!.id;
      const added = await this.addMissing(rows.map((r) => r.key), room);
      touched.push(...added);
      room -= added.length;
    }
    return touched;
  }

  /**
   * Jobs that ran out of retries, or that Redis completed without the row being marked sent (the
   * worker died in between), for notifications still pending: retried, or added again. Read from
   * Redis's failed and completed lists, whatever the backlog in the log.
   */
  private async retryStuck(): Promise<string[]> {
    const touched: string[] = [];
    for (const state of ['failed', 'completed'] as const) {
      for (let start = 0; ; ) {
        const jobs = (await this.mailQueue.getJobs([state], start, start + RECORD_BATCH - 1)).filter((j) => j?.id);
        if (jobs.length === 0) break;
        const pending = new Set((await this.repo.find({ where: { key: In(jobs.map((j) => j.id!)), status: 'pending' }, select: { key: true } })).map((r) => r.key));
        let moved = 0;
        for (const job of jobs.filter((j) => pending.has(j.id!))) {
          await reviveJob(this.mailQueue, job.id!, () => this.mailQueue.addBulk([mailJob(job.id!)]));
          touched.push(job.id!);
          moved++;
        }
        if (jobs.length < RECORD_BATCH) break;
        // Retried and re-added jobs left this list: the next page starts that many places earlier.
        start += jobs.length - moved;
      }
    }
    return touched;
  }

  /**
   * Records deadline reminders found by the scan: their keys and items only (the mail is written
   * when sent, see ReminderMailService), RECORD_BATCH rows per INSERT; a key already in the log
   * is left as it is. Their jobs come from topUp().
   */
  async recordReminders(list: Array<{ key: string; rule: string; itemId: number; departmentId: number }>, mergedReason?: string): Promise<void> {
    const createdAt = this.clock.now();
    const day = shanghai(createdAt).day;
    for (let i = 0; i < list.length; i += RECORD_BATCH) {
      await this.insertNew(
        list.slice(i, i + RECORD_BATCH).map((r) => ({
          ...r,
          kind: 'deadline' as const,
          day,
          to: [],
          cc: [],
          missingContacts: [],
          subject: '',
          html: '',
          text: '',
          attachments: [],
          ...(mergedReason ? { status: 'withdrawn' as const, lastError: mergedReason } : { status: 'pending' as const }),
          createdAt,
        })),
      );
    }
  }

  /** Every pending notification gets its mail job back (after Redis lost data, or retries ran out), up to the window. */
  async requeuePending(): Promise<number> {
    return (await this.topUp({ retry: true })).length;
  }

  /**
   * Sends one notification: called by the mail processor; throws to have BullMQ retry with backoff.
   * The row is claimed first (a lease as long as the job lock), so a second worker holding a job
   * for the same key (e.g. re-created after Redis lost its data) waits instead of sending it too.
   * A deadline reminder is written out on every attempt (a retry may come hours later): withdrawn
   * when no longer due, no_recipients when nobody has an address.
   */
  async send(key: string): Promise<'sent' | 'skipped'> {
    let row = await this.repo.findOne({ where: { key } });
    if (!row || row.status !== 'pending') return 'skipped';
    if (!(await claimRow(this.dataSource, Notification, row.id, this.config.QUEUE_LOCK_MS))) {
      const current = await this.repo.findOne({ where: { id: row.id }, select: { id: true, status: true } });
      if (current?.status !== 'pending') return 'skipped';
      throw new Error(`notification ${key} is being sent by another worker; will check again`);
    }
    try {
      if (row.kind === 'deadline' || row.kind === 'decision') {
        const written = await this.write(row);
        if (!written) return 'skipped';
        row = written;
      }
      // In-app notices and chat deliveries first (idempotent): they go out whatever the mail does.
      await this.deliveries.fanOut(row);
      if (row.to.length === 0) {
        await this.repo.update({ id: row.id }, { status: 'no_recipients', claimedUntil: null });
        return 'skipped';
      }
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

  /**
   * Writes a deadline reminder's or a decision's mail and audience into its row when it is sent;
   * null (row closed) when it is withdrawn.
   */
  private async write(row: Notification): Promise<Notification | null> {
    const composed = row.kind === 'decision' ? await this.decisions.compose(row) : await this.reminders.compose(row);
    if ('withdrawn' in composed) {
      await this.repo.update({ id: row.id }, { status: 'withdrawn', lastError: composed.withdrawn, claimedUntil: null });
      return null;
    }
    const { mail, addressed } = composed;
    const written = { ...mail, to: addressed.to, cc: addressed.cc, missingContacts: addressed.missingContacts, audience: addressed.audience };
    if (addressed.missingContacts.length > 0) this.logger.warn(`no contact address for ${addressed.missingContacts.join(', ')}: ${row.key}`);
    await this.repo.update({ id: row.id }, written);
    return { ...row, ...written };
  }
}
