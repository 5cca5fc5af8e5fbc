// Redis stopped while users work: the API keeps serving reads and saving writes (no 5xx, no hang),
// /health says "degraded", the jobs it could not enqueue (an urge, a 月报 request) are kept in the
// database and enqueued when Redis is back; the urge mail then arrives exactly once.
// Redis here is a server of the suite's own (appendonly yes, noeviction), stopped and started again.
import { AuditLog, MonthlyReport, PendingJob, ProgressReport, Urge } from '#domain';
import { DataSource } from 'typeorm';
import { PendingJobs } from '../apps/api/src/queue/pending-jobs.service.js';
import { type HttpResult, startApp, type RunningApp } from './helpers/app.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';
import { startRestartableRedis, type RestartableRedis } from './worker-support/restartable-redis.js';
import { startSmtp, type TestSmtp } from './worker-support/smtp.js';
import { JOBS, QUEUES, type RunningWorker, seedPlan, shanghaiInstant as at, startWorker, workerEnv } from './worker-support/worker.js';

/** Monday 10:00 in Shanghai: a working day in office hours. */
const NOW = at('2026-10-12', 10);
const PASSWORD = 'pass-word-123';

async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('Redis down while users work', () => {
  let redis: RestartableRedis;
  let smtp: TestSmtp;
  let db: TestDatabase;
  let api: RunningApp;
  let worker: RunningWorker;
  let ds: DataSource;
  const token: Record<string, string> = {};
  let itemId: number;

  beforeAll(async () => {
    redis = await startRestartableRedis();
    smtp = await startSmtp(() => NOW);
    db = await createTestDatabase({ REDIS_URL: redis.url, DUBAN_CLOCK: NOW.toISOString(), DUBAN_COORDINATOR_EMAILS: 'office@duban.test' });
    api = await startApp(db);
    ds = api.app.get(DataSource);
    worker = await startWorker(workerEnv(db, redis.url, { SMTP_URL: smtp.url }), NOW);
    const seed = await seedPlan(ds, {
      departments: [{ name: '市市场监管局', contactEmails: ['scj@duban.test'] }],
      items: [{ number: '1', title: '开展质量提升行动', deadline: '2026-12-31', lead: '市市场监管局' }],
    });
    itemId = seed.items.get('1')!.id;
    const users = [
      ['coord', 'coordinator', undefined],
      ['lead', 'editor', seed.departments.get('市市场监管局')!.id],
    ] as const;
    for (const [username, role, departmentId] of users) {
      const created = await api.request('POST', '/api/users', { body: { username, displayName: username, password: PASSWORD, role, departmentId } });
      expect(created.status).toBe(201);
      token[username] = await api.login(username, PASSWORD);
    }
  }, 120_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await smtp?.stop();
    await redis?.destroy();
    await db?.cleanup();
  });

  const as = (who: string, method: string, path: string, body?: unknown) => api.request(method, path, { token: token[who], body });
  /** A request that must succeed quickly although Redis is down: never a 5xx, never a hang. */
  const served = async (who: string, method: string, path: string, body: unknown, status: number): Promise<HttpResult & { ms: number }> => {
    const started = Date.now();
    const result = await as(who, method, path, body);
    const ms = Date.now() - started;
    expect([method, path, result.status]).toEqual([method, path, status]);
    // Bounded by the enqueue timeout (2 s) with room for a loaded machine; an unbounded wait for Redis would never answer.
    expect(ms).toBeLessThan(10_000);
    return { ...result, ms };
  };

  it('keeps serving and saving, keeps the jobs, and enqueues them exactly once when Redis is back', async () => {
    expect((await api.get('/health')).body.status).toBe('ok');
    await redis.stop();

    // Reads.
    const item = await served('coord', 'GET', `/api/items/${itemId}`, undefined, 200);
    expect((await served('lead', 'GET', '/api/items', undefined, 200)).body.total).toBe(1);
    // Writes: a status change, a progress report (draft + submit), an urge, a 月报 request.
    const suspended = await served('coord', 'POST', `/api/items/${itemId}/transitions`, { action: 'suspend', reason: '等待资金', version: item.body.version }, 200);
    expect(suspended.body.status).toBe('暂缓');
    const draft = await served('lead', 'PUT', `/api/items/${itemId}/reports/2026-09`, { text: '已完成方案起草', percent: 30 }, 200);
    await served('lead', 'POST', `/api/items/${itemId}/reports/2026-09/submit`, { version: draft.body.version }, 200);
    const urge = await served('coord', 'POST', `/api/items/${itemId}/urges`, { message: '请于本周内报送最新进展' }, 201);
    const report = await served('coord', 'POST', '/api/reports', { month: '2026-09' }, 202);
    console.log(`Redis down: urge answered in ${urge.ms} ms, 月报 request in ${report.ms} ms`);

    // Saved in the database, the two jobs kept for Redis.
    expect((await ds.getRepository(Urge).findOneByOrFail({ id: urge.body.id })).deliveredAt).toBeNull();
    expect((await ds.getRepository(ProgressReport).findOneByOrFail({ id: draft.body.id })).state).toBe('submitted');
    expect((await ds.getRepository(AuditLog).findBy({ itemId })).map((a) => a.action).sort()).toEqual(['item.transition', 'report.create', 'report.submit', 'urge.create']);
    expect((await ds.getRepository(PendingJob).find({ order: { id: 'ASC' } })).map((j) => [j.queue, j.jobId])).toEqual([
      [QUEUES.urge, `urge.${urge.body.id}`],
      [QUEUES.monthlyReport, report.body.jobId],
    ]);
    expect((await as('coord', 'GET', `/api/reports/jobs/${report.body.jobId}`)).body).toEqual({ jobId: report.body.jobId, status: 'pending' });

    // Health: degraded, still 200 (a load balancer keeps the API in rotation), the kept jobs counted.
    const health = await api.get('/health');
    expect([health.status, health.body.status, health.body.details.database.status, health.body.details.redis.status, health.body.details.redis.pendingJobs]).toEqual([
      200,
      'degraded',
      'up',
      'degraded',
      2,
    ]);
    expect(health.body.details.redis.message).toMatch(/Redis 不可用/);
    // A sweep while Redis is still down keeps the rows.
    expect(await api.app.get(PendingJobs).flushSoon()).toBe(0);
    expect(await ds.getRepository(PendingJob).count()).toBe(2);
    expect(smtp.received).toHaveLength(0);

    // Redis is back (with its data): the API's queue connection reconnects and hands over the kept jobs.
    await redis.start();
    const back = Date.now();
    const urgeKey = `urge.${urge.body.id}`;
    await waitFor('the urge mail', () => smtp.received.some((m) => m.key === urgeKey));
    console.log(`Redis back: the kept urge was mailed ${Date.now() - back} ms later`);
    await waitFor('the 月报', async () => (await ds.getRepository(MonthlyReport).countBy({ key: `api.${report.body.jobId}` })) === 1);
    expect(await ds.getRepository(PendingJob).count()).toBe(0);

    // Every other path that could send it again: another sweep, the worker's scan (re-enqueues undelivered urges).
    await api.app.get(PendingJobs).flushSoon();
    await worker.run(QUEUES.reminderScan, JOBS.reminderScan);
    await worker.drain();
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.received.filter((m) => m.key === urgeKey)).toHaveLength(1);
    expect(smtp.received.find((m) => m.key === urgeKey)!.rcpt).toEqual(['scj@duban.test']);
    expect((await ds.getRepository(Urge).findOneByOrFail({ id: urge.body.id })).deliveredAt).not.toBeNull();
    expect((await as('coord', 'GET', `/api/reports/jobs/${report.body.jobId}`)).body.status).toBe('completed');
    const after = await api.get('/health');
    expect([after.status, after.body.status, after.body.details.redis.pendingJobs]).toEqual([200, 'ok', 0]);
  }, 180_000);
});
