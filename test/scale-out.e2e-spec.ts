// Scale out: the built API and worker as 2 + 2 processes on one database (the suite's PostgreSQL
// schema under `npm run test:pg`, one SQLite file in WAL mode under `npm test`) and one Redis
// (a server of the suite's own, a suite-unique REDIS_PREFIX), with a real SMTP server and a fixed
// clock (DUBAN_CLOCK). Shown: one set of Job Schedulers although both workers register them; a
// reminder scan run by both workers at once mails each due reminder exactly once; many clients
// updating the same items through both APIs lose no update (a stale version is a 409, every 2xx is
// in the database and the audit log, and the version counts match).
import { AuditLog, Item, Notification, ProgressReport } from '#domain';
import { buildDataSourceOptions } from '#database';
import { loadConfig } from '#config';
import { SCHEDULERS } from '#queue';
import { Queue } from 'bullmq';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { createTestDatabase, TEST_ADMIN_PASSWORD, type TestDatabase } from './helpers/database.js';
import { type ChildApi, type ChildApp, spawnApi, spawnWorker } from './worker-support/processes.js';
import { startRedis, type TestRedis } from './worker-support/redis.js';
import { startSmtp, type TestSmtp } from './worker-support/smtp.js';
import { JOBS, QUEUES, seedPlan, shanghaiInstant as at, workerEnv } from './worker-support/worker.js';

const ROOT = join(import.meta.dirname, '..');
/** Monday 2026-10-12 09:00 in Shanghai: the "7 working days before" reminder of a 10-21 deadline is due. */
const NOW = at('2026-10-12', 9);
/** Items with a reminder due now. */
const DUE = 12;
const PASSWORD = 'pass-word-123';
/** Concurrent clients per kind of update, and rounds each. */
const CLIENTS = 8;
const ROUNDS = 6;

interface Result {
  status: number;
  body: any;
}

async function call(baseUrl: string, method: string, path: string, token: string | null, body?: unknown): Promise<Result> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(baseUrl + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: response.status, body: parsed };
}

async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('scale out: 2 API processes and 2 workers on one database and one Redis', () => {
  let redis: TestRedis;
  let smtp: TestSmtp;
  let db: TestDatabase;
  let ds: DataSource;
  let env: Record<string, string>;
  const apis: ChildApi[] = [];
  const workers: ChildApp[] = [];
  const queues = new Map<string, Queue>();
  const token: Record<string, string> = {};
  let seed: Awaited<ReturnType<typeof seedPlan>>;

  const queue = (name: string) => {
    if (!queues.has(name)) queues.set(name, new Queue(name, { connection: { url: redis.url }, prefix: env.REDIS_PREFIX }));
    return queues.get(name)!;
  };
  const api = (i: number) => apis[i % apis.length]!;

  beforeAll(async () => {
    redis = await startRedis();
    smtp = await startSmtp(() => NOW);
    db = await createTestDatabase();
    env = workerEnv(db, redis.url, { SMTP_URL: smtp.url, DUBAN_CLOCK: NOW.toISOString(), DUBAN_SESSION_HOURS: '1000', LOG_LEVEL: 'warn' });

    // Migrations run once, before the processes start (README: npm run migrate).
    execFileSync(process.execPath, [join(ROOT, 'dist/libs/database/src/cli.js'), 'migrate'], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, stdio: 'pipe' });
    ds = new DataSource({ ...buildDataSourceOptions(loadConfig(env)), migrationsRun: false, logging: false });
    await ds.initialize();
    seed = await seedPlan(ds, {
      departments: [
        { name: '市市场监管局', contactEmails: ['scj@duban.test'] },
        { name: '市发展改革委', contactEmails: ['fgw@duban.test'] },
      ],
      items: [
        ...Array.from({ length: DUE }, (_, i) => ({ number: String(i + 1), title: `到期事项${i + 1}`, deadline: '2026-10-21', lead: i % 2 ? '市发展改革委' : '市市场监管局' })),
        ...['A', 'B', 'C'].map((n) => ({ number: n, title: `并发事项${n}`, deadline: null, lead: '市市场监管局' })),
      ],
    });

    // The first API creates the account admin; then the second API and both workers start together.
    apis.push(await spawnApi(env, 'API 1'));
    const [second, ...started] = await Promise.all([spawnApi(env, 'API 2'), spawnWorker(env, 'worker 1'), spawnWorker(env, 'worker 2')]);
    apis.push(second!);
    workers.push(...(started as ChildApp[]));

    const admin = await call(api(0).baseUrl, 'POST', '/api/auth/login', null, { username: 'admin', password: TEST_ADMIN_PASSWORD });
    expect(admin.status).toBe(200);
    const users = [
      ['coord', 'coordinator', undefined],
      ['lead', 'editor', seed.departments.get('市市场监管局')!.id],
    ] as const;
    for (const [i, [username, role, departmentId]] of users.entries()) {
      const created = await call(api(i).baseUrl, 'POST', '/api/users', admin.body.token, { username, displayName: username, password: PASSWORD, role, departmentId });
      expect(created.status).toBe(201);
      const login = await call(api(i + 1).baseUrl, 'POST', '/api/auth/login', null, { username, password: PASSWORD });
      expect(login.status).toBe(200);
      token[username] = login.body.token;
    }
  }, 180_000);

  afterAll(async () => {
    for (const q of queues.values()) await q.close();
    await Promise.all([...apis, ...workers].map((p) => p.stop()));
    await ds?.destroy();
    await smtp?.stop();
    await redis?.stop();
    await db?.cleanup();
  }, 60_000);

  it('both workers registered the same Job Schedulers: one set in Redis', async () => {
    const expected: [string, string][] = [
      [QUEUES.reminderScan, SCHEDULERS.reminderScan],
      [QUEUES.reportingDuty, SCHEDULERS.reportingDuty],
      [QUEUES.monthlyReport, SCHEDULERS.monthlyReport],
    ];
    for (const [name, id] of expected) {
      const schedulers = await queue(name).getJobSchedulers();
      expect([name, schedulers.map((s) => s.key)]).toEqual([name, [id]]);
    }
    for (const name of [QUEUES.urge, QUEUES.mail]) expect(await queue(name).getJobSchedulers()).toEqual([]);
  });

  it('a reminder scan run by both workers at once mails each due reminder exactly once', async () => {
    const scans = queue(QUEUES.reminderScan);
    const before = (await scans.getJobCounts('completed')).completed;
    // Four scans at once: each worker takes one, then the next; all find the same due reminders.
    await Promise.all(Array.from({ length: 4 }, () => scans.add(JOBS.reminderScan, {})));
    await waitFor('the scans', async () => (await scans.getJobCounts('completed')).completed >= before + 4).catch(async (e: Error) => {
      throw new Error(`${e.message}: ${JSON.stringify(await scans.getJobCounts())} ${(await scans.getFailed()).map((j) => j.failedReason)}\n${workers.map((w) => w.output().slice(-3000)).join('\n---\n')}`);
    });
    await waitFor('the mails', () => smtp.received.length >= DUE);
    await waitFor('the mail queue to drain', async () => Object.values(await queue(QUEUES.mail).getJobCounts('waiting', 'active', 'delayed', 'prioritized')).every((n) => n === 0));
    // Another round finds nothing new to send.
    await Promise.all(Array.from({ length: 2 }, () => scans.add(JOBS.reminderScan, {})));
    await waitFor('the second scans', async () => (await scans.getJobCounts('completed')).completed >= before + 6);
    await waitFor('the mail queue to drain', async () => Object.values(await queue(QUEUES.mail).getJobCounts('waiting', 'active', 'delayed', 'prioritized')).every((n) => n === 0));
    await new Promise((r) => setTimeout(r, 500));

    const keys = smtp.received.map((m) => m.key);
    console.log(`scale-out: ${DUE} reminders due, ${keys.length} mails received, ${new Set(keys).size} distinct`);
    expect(keys).toHaveLength(DUE);
    expect(new Set(keys).size).toBe(DUE);
    const rows = await ds.getRepository(Notification).find();
    expect(rows.map((r) => [r.key, r.status]).sort()).toEqual(keys.map((k) => [k, 'sent']).sort());
    const failed = await scans.getJobCounts('failed');
    expect(failed.failed).toBe(0);
  }, 120_000);

  /**
   * Runs CLIENTS loops of ROUNDS attempts, each attempt through API (client + round) % 2; returns
   * every attempt's status and the token it carried.
   */
  async function race(attempt: (api: ChildApi, tag: string) => Promise<Result>) {
    const results: { status: number; tag: string }[] = [];
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, c) => {
        for (let r = 0; r < ROUNDS; r++) {
          const tag = `c${c}r${r}`;
          results.push({ status: (await attempt(api(c + r), tag)).status, tag });
        }
      }),
    );
    return results;
  }

  const tally = (results: { status: number }[]) => {
    const ok = results.filter((r) => r.status >= 200 && r.status < 300).length;
    const conflicts = results.filter((r) => r.status === 409).length;
    return { attempted: results.length, succeeded: ok, conflicts, other: results.length - ok - conflicts };
  };

  it('concurrent status changes through both APIs: every 2xx is in the database and the audit log, versions match', async () => {
    const items = ['A', 'B', 'C'].map((n) => seed.items.get(n)!.id);
    const versions0 = new Map((await ds.getRepository(Item).find()).map((i) => [i.id, i.version]));
    const sent = new Map<string, { action: string; status: number }>();
    const results = await race(async (target, tag) => {
      const id = items[Number(tag.slice(1, tag.indexOf('r'))) % items.length]!;
      const item = await call(target.baseUrl, 'GET', `/api/items/${id}`, token.coord);
      expect(item.status).toBe(200);
      const body = item.body.status === '暂缓' ? { action: 'resume', version: item.body.version } : { action: 'suspend', reason: `暂缓 ${tag}`, version: item.body.version };
      const result = await call(target.baseUrl, 'POST', `/api/items/${id}/transitions`, token.coord, body);
      sent.set(tag, { action: body.action, status: result.status });
      return result;
    });
    const counts = tally(results);
    console.log(`scale-out status changes: ${JSON.stringify(counts)}`);
    expect(counts.other).toBe(0);
    expect(counts.succeeded).toBeGreaterThan(0);

    const audits = (await ds.getRepository(AuditLog).find({ where: { action: 'item.transition' }, order: { id: 'ASC' } })).filter((a) => items.includes(a.itemId!));
    expect(audits).toHaveLength(counts.succeeded);
    for (const id of items) {
      const mine = audits.filter((a) => a.itemId === id).map((a) => a.after as { action: string; statusReason: string | null; version: number });
      const v0 = versions0.get(id)!;
      // Each success wrote the next version on top of the one before: no update lost, none applied twice.
      expect(mine.map((a) => a.version).sort((x, y) => x - y)).toEqual(mine.map((_, i) => v0 + i + 1));
      const now = await ds.getRepository(Item).findOneByOrFail({ id });
      expect(now.version).toBe(v0 + mine.length);
      // The last audited change is the item's state.
      const last = mine.reduce((a, b) => (b.version > a.version ? b : a), { action: 'none', statusReason: null, version: v0 });
      expect(now.status).toBe(last.action === 'suspend' ? '暂缓' : '推进中');
    }
    // Exactly the successful suspends carried their client's tag into the audit log.
    const audited = audits.flatMap((a) => ((a.after as { statusReason: string | null }).statusReason ?? '').match(/c\d+r\d+/g) ?? []).sort();
    const succeeded = [...sent].filter(([, s]) => s.action === 'suspend' && s.status === 200).map(([tag]) => tag).sort();
    expect(audited).toEqual(succeeded);
  }, 180_000);

  it('concurrent progress-report edits through both APIs: every 2xx is in the database and the audit log, versions match', async () => {
    const itemId = seed.items.get('A')!.id;
    const created = await call(api(0).baseUrl, 'PUT', `/api/items/${itemId}/reports/2026-10`, token.lead, { text: '初稿', percent: 10 });
    expect(created.status).toBe(200);
    const sent = new Map<string, number>();
    const results = await race(async (target, tag) => {
      const current = await call(target.baseUrl, 'GET', `/api/progress-reports/${created.body.id}`, token.lead);
      expect(current.status).toBe(200);
      const result = await call(target.baseUrl, 'PUT', `/api/items/${itemId}/reports/2026-10`, token.lead, { text: `进展 ${tag}`, percent: 50, version: current.body.version });
      sent.set(tag, result.status);
      return result;
    });
    const counts = tally(results);
    console.log(`scale-out progress edits: ${JSON.stringify(counts)}`);
    expect(counts.other).toBe(0);
    expect(counts.succeeded).toBeGreaterThan(0);

    const audits = await ds.getRepository(AuditLog).find({ where: { action: 'report.save', entityId: created.body.id }, order: { id: 'ASC' } });
    const after = audits.map((a) => a.after as { text: string; version: number });
    // The audit log holds exactly the successful edits, each once.
    expect(after.map((a) => a.text.replace('进展 ', '')).sort()).toEqual([...sent].filter(([, s]) => s === 200).map(([tag]) => tag).sort());
    expect(after.map((a) => a.version).sort((x, y) => x - y)).toEqual(after.map((_, i) => created.body.version + i + 1));
    const report = await ds.getRepository(ProgressReport).findOneByOrFail({ id: created.body.id });
    expect(report.version).toBe(created.body.version + counts.succeeded);
    expect(report.text).toBe(after.reduce((a, b) => (b.version > a.version ? b : a)).text);
  }, 180_000);
});
