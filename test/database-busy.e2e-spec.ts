// The database locked or slow: another connection holds a lock longer than the configured timeout
// (SQLite: BEGIN IMMEDIATE in a second better-sqlite3 handle; PostgreSQL: LOCK TABLE in a second
// session). Requests fail cleanly and in bounded time with a retryable 503 (Retry-After, Chinese
// message), never a 500 or a hang, nothing half-written; once the lock is gone the same request
// succeeds. Reads and other requests are served meanwhile.
import { loadConfig } from '#config';
import { ApiToken, AuditLog, ProgressReport } from '#domain';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { type HttpResult, startApp, type RunningApp } from './helpers/app.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';
import { seedPlan } from './worker-support/worker.js';

/** DATABASE_LOCK_TIMEOUT_MS of the suite's API. */
const LOCK_MS = 1500;
const PASSWORD = 'pass-word-123';

interface RawDatabase {
  prepare(source: string): { run(): unknown };
  close(): void;
}
const SqliteDatabase = createRequire(import.meta.url)('better-sqlite3') as new (file: string, options?: { timeout?: number }) => RawDatabase;

/** A lock held by another connection: SQLite's write lock, or a PostgreSQL table lock. */
interface Lock {
  release(): Promise<void>;
}

describe('database locked or slow', () => {
  let db: TestDatabase;
  let api: RunningApp;
  let ds: DataSource;
  let itemId: number;
  let lead: string;

  /**
   * SQLite: BEGIN IMMEDIATE (the whole file); PostgreSQL: LOCK TABLE <table> IN <mode> MODE. EXCLUSIVE, as a
   * writer holding the table: every write waits, plain reads (the item page reads the audit log) do not.
   */
  const lock = async (table: string, mode = 'EXCLUSIVE'): Promise<Lock> => {
    if (db.driver === 'sqlite') {
      const other = new SqliteDatabase(join(db.dataDir, 'duban.sqlite'), { timeout: 0 });
      other.prepare('BEGIN IMMEDIATE').run();
      return {
        release: async () => {
          other.prepare('ROLLBACK').run();
          other.close();
        },
      };
    }
    const client = new pg.Client({ connectionString: db.env.DATABASE_URL });
    await client.connect();
    await client.query('BEGIN');
    await client.query(`LOCK TABLE "${db.env.DATABASE_SCHEMA}"."${table}" IN ${mode} MODE`);
    return {
      release: async () => {
        await client.query('ROLLBACK');
        await client.end();
      },
    };
  };

  const timed = async (request: Promise<HttpResult>) => {
    const started = Date.now();
    const result = await request;
    return { ...result, ms: Date.now() - started };
  };

  const expectBusy = (result: HttpResult & { ms: number }, timeoutMs: number) => {
    expect([result.status, result.body.error, result.headers.get('retry-after')]).toEqual([503, '服务暂不可用', '2']);
    expect(result.body.message).toMatch(/数据库繁忙.*请稍后重试/);
    // It waited for the lock, and no longer than the timeout allows in total (with room for a loaded
    // machine, but well short of a wait per statement).
    expect(result.ms).toBeGreaterThanOrEqual(timeoutMs * 0.9);
    expect(result.ms).toBeLessThan(timeoutMs * 2 + 500);
  };

  beforeAll(async () => {
    db = await createTestDatabase({ DUBAN_CLOCK: '2026-10-12T10:00:00+08:00', DATABASE_LOCK_TIMEOUT_MS: String(LOCK_MS) });
    api = await startApp(db);
    ds = api.app.get(DataSource);
    const seed = await seedPlan(ds, {
      departments: [{ name: '市市场监管局', contactEmails: ['scj@duban.test'] }],
      items: [{ number: '1', title: '开展质量提升行动', deadline: '2026-12-31', lead: '市市场监管局' }],
    });
    itemId = seed.items.get('1')!.id;
    const created = await api.request('POST', '/api/users', { body: { username: 'lead', displayName: 'lead', password: PASSWORD, role: 'editor', departmentId: seed.departments.get('市市场监管局')!.id } });
    expect(created.status).toBe(201);
    lead = await api.login('lead', PASSWORD);
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    await db?.cleanup();
  });

  const reportsOf = () => ds.getRepository(ProgressReport).findBy({ itemId, period: '2026-09' });
  const auditsOf = () => ds.getRepository(AuditLog).findBy({ itemId, entityType: 'progress_report' });

  it('a progress report (report row + audit row) while the lock is held: 503 in bounded time, nothing half-written; the same request succeeds after release', async () => {
    const held = await lock('audit_log');
    let busy;
    try {
      const save = timed(api.request('PUT', `/api/items/${itemId}/reports/2026-09`, { token: lead, body: { text: '已完成方案起草', percent: 30 } }));
      // Reads are served while the write waits (SQLite: WAL; the event loop is not blocked).
      const read = await timed(api.request('GET', `/api/items/${itemId}`, { token: lead }));
      expect(read.status).toBe(200);
      busy = await save;
      expect(read.ms).toBeLessThan(busy.ms);
    } finally {
      await held.release();
    }
    console.log(`database busy (${db.driver}): progress report refused after ${busy.ms} ms (lock timeout ${LOCK_MS} ms)`);
    expectBusy(busy, LOCK_MS);
    expect([await reportsOf(), await auditsOf()]).toEqual([[], []]);

    const retried = await api.request('PUT', `/api/items/${itemId}/reports/2026-09`, { token: lead, body: { text: '已完成方案起草', percent: 30 } });
    expect(retried.status).toBe(200);
    const [report] = await reportsOf();
    expect([report?.text, report?.version]).toEqual(['已完成方案起草', retried.body.version]);
    expect((await auditsOf()).map((a) => [a.action, a.entityId])).toEqual([['report.create', report!.id]]);
  }, 60_000);

  it('a lock released within the timeout: the request waits and succeeds', async () => {
    const held = await lock('audit_log');
    const before = await ds.getRepository(ProgressReport).findOneByOrFail({ itemId, period: '2026-09' });
    const save = api.request('PUT', `/api/items/${itemId}/reports/2026-09`, { token: lead, body: { text: '方案已印发', percent: 40, version: before.version } });
    await new Promise((r) => setTimeout(r, LOCK_MS / 5));
    await held.release();
    const saved = await save;
    expect([saved.status, saved.body.text, saved.body.version]).toEqual([200, '方案已印发', before.version + 1]);
    expect((await auditsOf()).map((a) => a.action)).toEqual(['report.create', 'report.save']);
  }, 60_000);

  it('a single-statement write (sign-out) refused while locked leaves the session valid; after release it signs out', async () => {
    const session = await api.login('lead', PASSWORD);
    // PostgreSQL: EXCLUSIVE lets the session be read (authenticated) but not written.
    const held = await lock('api_token', 'EXCLUSIVE');
    let busy;
    try {
      busy = await timed(api.request('POST', '/api/auth/logout', { token: session }));
    } finally {
      await held.release();
    }
    expectBusy(busy, LOCK_MS);
    expect((await api.request('GET', '/api/auth/me', { token: session })).status).toBe(200);
    expect((await ds.getRepository(ApiToken).findOneByOrFail({ tokenHash: createHash('sha256').update(session).digest('hex') })).revokedAt).toBeNull();
    expect((await api.request('POST', '/api/auth/logout', { token: session })).status).toBe(200);
    expect((await api.request('GET', '/api/auth/me', { token: session })).status).toBe(401);
  }, 60_000);

  it('the other timeout: a statement cancelled by DATABASE_STATEMENT_TIMEOUT_MS (PostgreSQL) / a shorter DATABASE_LOCK_TIMEOUT_MS (SQLite) ends the same way', async () => {
    // A second API on the same database: PostgreSQL waits for locks far longer than statements may run,
    // so the statement timeout (query_canceled) ends the wait; SQLite has no statement timeout, its busy timeout is shorter.
    const short = 800;
    const env = db.driver === 'postgres' ? { DATABASE_LOCK_TIMEOUT_MS: '20000', DATABASE_STATEMENT_TIMEOUT_MS: String(short) } : { DATABASE_LOCK_TIMEOUT_MS: String(short) };
    const second = await startApp({ ...db, config: loadConfig({ ...db.env, ...env }) });
    try {
      const before = await ds.getRepository(ProgressReport).findOneByOrFail({ itemId, period: '2026-09' });
      const held = await lock('audit_log');
      let busy;
      try {
        busy = await timed(second.request('PUT', `/api/items/${itemId}/reports/2026-09`, { token: lead, body: { text: '被取消的修改', version: before.version } }));
      } finally {
        await held.release();
      }
      expectBusy(busy, short);
      // Well before the 20 s lock timeout on PostgreSQL: the statement timeout ended it.
      expect(busy.ms).toBeLessThan(15_000);
      const after = await ds.getRepository(ProgressReport).findOneByOrFail({ id: before.id });
      expect([after.text, after.version]).toEqual([before.text, before.version]);
      expect((await auditsOf()).map((a) => a.action)).toEqual(['report.create', 'report.save']);
    } finally {
      await second.close();
    }
  }, 60_000);

  it('answers reads at once while many writes wait for the lock', async () => {
    const before = await ds.getRepository(ProgressReport).findOneByOrFail({ itemId, period: '2026-09' });
    const held = await lock('audit_log');
    const reads: number[] = [];
    let writes: (HttpResult & { ms: number })[];
    try {
      const waiting = Array.from({ length: 20 }, () => timed(api.request('PUT', `/api/items/${itemId}/reports/2026-09`, { token: lead, body: { text: '排队的修改', version: before.version } })));
      // Let the 20 requests arrive and start waiting (on a loaded machine parsing them takes a while).
      await new Promise((r) => setTimeout(r, 400));
      for (let i = 0; i < 5; i++) reads.push((await timed(api.request('GET', `/api/items/${itemId}`, { token: lead }))).ms);
      writes = await Promise.all(waiting);
    } finally {
      await held.release();
    }
    console.log(`database busy (${db.driver}): reads beside 20 waiting writes took ${reads.join(', ')} ms`);
    expect(writes.every((w) => w.status === 503)).toBe(true);
    // A read that waited for a writer (or for a connection a writer holds) would take the lock timeout.
    expect(Math.max(...reads)).toBeLessThan(LOCK_MS / 2);
  }, 60_000);
});
