// Faults: SMTP refusing for a while, Redis losing everything mid-batch, the worker killed mid-batch.
// Each ends with every due reminder delivered exactly once: the notification log is the truth.
import { loadConfig } from '#config';
import { buildDataSourceOptions } from '#database';
import { Notification } from '#domain';
import { JOBS, QUEUES } from '#queue';
import { Queue } from 'bullmq';
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { NotificationService } from '../apps/worker/src/notifications/notification.service.js';
import { SchedulesService } from '../apps/worker/src/schedules/schedules.service.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';
import { startRedis, type TestRedis } from './worker-support/redis.js';
import { startSmtp, type TestSmtp } from './worker-support/smtp.js';
import { seedPlan, shanghaiInstant as at, startWorker, workerEnv } from './worker-support/worker.js';

const ROOT = join(import.meta.dirname, '..');
const NOW = at('2026-10-12', 9);
const ITEMS = 8;

async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Eight items whose "7 working days before" reminder is due on Monday 2026-10-12 (deadline 10-21). */
function seed(ds: DataSource) {
  return seedPlan(ds, {
    departments: [{ name: '市市场监管局', contactEmails: ['scj@duban.test'] }],
    items: Array.from({ length: ITEMS }, (_, i) => ({ number: String(i + 1), title: `事项${i + 1}`, deadline: '2026-10-21', lead: '市市场监管局' })),
  });
}

describe('worker faults', () => {
  let db: TestDatabase;
  let redis: TestRedis;
  let smtp: TestSmtp;

  beforeEach(async () => {
    db = await createTestDatabase();
    redis = await startRedis();
    smtp = await startSmtp(() => NOW);
  });

  afterEach(async () => {
    await smtp?.stop();
    await redis?.stop();
    await db?.cleanup();
  });

  const expectEachOnce = async (ds: DataSource) => {
    const rows = await ds.getRepository(Notification).find();
    expect(rows).toHaveLength(ITEMS);
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    expect(smtp.received.map((m) => m.key).sort()).toEqual(rows.map((r) => r.key).sort());
  };

  it('SMTP refusing for a while: retries with backoff, then the rescan, deliver each reminder once', async () => {
    const worker = await startWorker(workerEnv(db, redis.url, { SMTP_URL: smtp.url, QUEUE_ATTEMPTS: '3' }), NOW);
    try {
      await seed(worker.dataSource);
      smtp.refuse = true;
      await worker.run(QUEUES.reminderScan, JOBS.reminderScan);
      // Every mail job runs out of attempts while the server refuses.
      await waitFor('failed mail jobs', async () => (await worker.queue(QUEUES.mail).getJobCounts('failed')).failed === ITEMS);
      expect(smtp.received).toHaveLength(0);
      expect(smtp.refusals).toBeGreaterThanOrEqual(ITEMS * 3);
      const pending = await worker.dataSource.getRepository(Notification).find();
      expect(pending.every((r) => r.status === 'pending' && r.attempts === 3 && /421|not available/i.test(r.lastError ?? ''))).toBe(true);

      // The server is back; the next hourly scan re-queues what the log says is still pending.
      smtp.refuse = false;
      await worker.run(QUEUES.reminderScan, JOBS.reminderScan);
      await worker.drain();
      await waitFor('all mails', () => smtp.received.length >= ITEMS);
      await worker.run(QUEUES.reminderScan, JOBS.reminderScan);
      await worker.drain();
      await expectEachOnce(worker.dataSource);
    } finally {
      await worker.close();
    }
  }, 60_000);

  it('a short refusal is ridden out by the exponential backoff alone', async () => {
    const worker = await startWorker(workerEnv(db, redis.url, { SMTP_URL: smtp.url, QUEUE_ATTEMPTS: '10' }), NOW);
    try {
      await seed(worker.dataSource);
      smtp.refuse = true;
      setTimeout(() => (smtp.refuse = false), 400);
      await worker.run(QUEUES.reminderScan, JOBS.reminderScan);
      await waitFor('all mails', () => smtp.received.length >= ITEMS);
      await worker.drain();
      expect(smtp.refusals).toBeGreaterThan(0);
      await expectEachOnce(worker.dataSource);
    } finally {
      await worker.close();
    }
  }, 60_000);

  it('two workers holding a job for the same notification send it once', async () => {
    const worker = await startWorker(workerEnv(db, redis.url, { SMTP_URL: smtp.url }), NOW);
    try {
      await seed(worker.dataSource);
      await worker.queue(QUEUES.mail).pause();
      await worker.run(QUEUES.reminderScan, JOBS.reminderScan);
      const [first] = await worker.dataSource.getRepository(Notification).find({ order: { id: 'ASC' }, take: 1 });
      smtp.beforeAccept = async () => {
        await new Promise((r) => setTimeout(r, 200));
        return true;
      };
      const notifications = worker.app.get(NotificationService);
      const outcomes = await Promise.allSettled([notifications.send(first!.key), notifications.send(first!.key)]);
      expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
      expect(String((outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult).reason)).toMatch(/another worker/);
      expect(await notifications.send(first!.key)).toBe('skipped');
      smtp.beforeAccept = undefined;
      await worker.queue(QUEUES.mail).resume();
      await waitFor('all mails', () => smtp.received.length >= ITEMS);
      await worker.drain();
      await expectEachOnce(worker.dataSource);
    } finally {
      await worker.close();
    }
  }, 60_000);

  it('Redis losing everything mid-batch (FLUSHALL): the schedulers and the lost jobs come back from the database', async () => {
    const worker = await startWorker(workerEnv(db, redis.url, { SMTP_URL: smtp.url }), NOW);
    try {
      await seed(worker.dataSource);
      let flushed = false;
      smtp.beforeAccept = async (count) => {
        if (count === 3) {
          await redis.client.flushall();
          flushed = true;
        }
        return true;
      };
      await worker.queue(QUEUES.reminderScan).add(JOBS.reminderScan, {});
      await waitFor('the flush', () => flushed);
      await new Promise((r) => setTimeout(r, 300));
      expect(smtp.received.length).toBeLessThan(ITEMS);
      expect(await worker.queue(QUEUES.reminderScan).getJobScheduler('reminder-scan-hourly')).toBeUndefined();

      // The worker's periodic check notices, registers the schedulers again and rescans.
      expect(await worker.app.get(SchedulesService).ensure()).toBe(true);
      await waitFor('all mails', () => smtp.received.length >= ITEMS);
      await worker.drain();
      await new Promise((r) => setTimeout(r, 200));
      await expectEachOnce(worker.dataSource);
      expect(await worker.queue(QUEUES.reminderScan).getJobScheduler('reminder-scan-hourly')).toBeDefined();
    } finally {
      await worker.close();
    }
  }, 60_000);

  it('the worker process killed mid-batch (SIGKILL) and restarted: stalled jobs are recovered, nothing lost or doubled', async () => {
    // dist/ was built by the jest globalSetup (test/worker-build.mjs).
    const env = workerEnv(db, redis.url, { SMTP_URL: smtp.url, DUBAN_CLOCK: NOW.toISOString(), LOG_LEVEL: 'log' });
    const config = loadConfig(env);
    const ds = new DataSource({ ...buildDataSourceOptions(config), logging: false });
    await ds.initialize();
    const queue = new Queue(QUEUES.reminderScan, { connection: { url: config.REDIS_URL }, prefix: config.REDIS_PREFIX });
    const children: ChildProcess[] = [];
    const startChild = async () => {
      const child = spawn(process.execPath, [join(ROOT, 'dist/apps/worker/src/main.js')], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
      children.push(child);
      let out = '';
      child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
      child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
      await waitFor('worker start', () => out.includes('duban worker started') || child.exitCode !== null);
      if (child.exitCode !== null) throw new Error(`worker exited: ${out}`);
      return child;
    };
    try {
      await seed(ds);
      const first = await startChild();
      smtp.beforeAccept = (count) => {
        if (count === 3) {
          first.kill('SIGKILL');
          return false; // the third mail is never accepted: its job dies with the worker
        }
        return true;
      };
      await queue.add(JOBS.reminderScan, {});
      await new Promise((r) => (first.exitCode !== null || first.signalCode ? r(null) : first.once('exit', r)));
      expect(smtp.received).toHaveLength(2);

      await startChild();
      await waitFor('all mails', () => smtp.received.length >= ITEMS, 30_000);
      await new Promise((r) => setTimeout(r, 500));
      await expectEachOnce(ds);
    } finally {
      for (const c of children) if (c.exitCode === null && !c.signalCode) c.kill('SIGTERM');
      await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null || c.signalCode ? r(null) : c.once('exit', r)))));
      await queue.close();
      await ds.destroy();
    }
  }, 90_000);
});
