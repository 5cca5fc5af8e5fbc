import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource, EntityManager } from 'typeorm';
import { createDataSource, isSqliteBusy, withLockBudget } from './sqlite-gate.js';

/** better-sqlite3 itself (no type declarations installed): a second connection, as another process would hold. */
interface RawStatement {
  run(...params: unknown[]): unknown;
}
interface RawDatabase {
  pragma(source: string): unknown;
  prepare(source: string): RawStatement;
  close(): void;
}
const Database = createRequire(import.meta.url)('better-sqlite3') as new (file: string, options?: { timeout?: number }) => RawDatabase;

// Real SQLite files: the gate against concurrent transactions in one process and a lock held by another.
describe('SQLite gate', () => {
  let dir: string;
  let file: string;
  let ds: DataSource;

  const open = async (lockTimeoutMs = 2000) => {
    const source = createDataSource({ type: 'better-sqlite3', database: file, enableWAL: true }, lockTimeoutMs);
    await source.initialize();
    return source;
  };
  const counter = async (source: DataSource = ds) => Number((await source.query('SELECT v FROM counter WHERE id = 1'))[0].v);
  /** Read, pause (other requests run), write: loses updates unless transactions are isolated. */
  const increment = (m: EntityManager) =>
    (async () => {
      const [row] = await m.query('SELECT v FROM counter WHERE id = 1');
      await sleep(5);
      await m.query('UPDATE counter SET v = ? WHERE id = 1', [row.v + 1]);
    })();

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'duban-gate-'));
    file = join(dir, 'gate.sqlite');
    ds = await open();
    await ds.query('CREATE TABLE counter (id INTEGER PRIMARY KEY, v INTEGER NOT NULL)');
    await ds.query('CREATE TABLE log (id INTEGER PRIMARY KEY AUTOINCREMENT, what TEXT NOT NULL)');
    await ds.query('INSERT INTO counter VALUES (1, 0)');
  });

  afterEach(async () => {
    if (ds?.isInitialized) await ds.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs concurrent transactions of one process one after the other: none fails, no update lost', async () => {
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => ds.transaction(increment)));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(await counter()).toBe(20);
  });

  it('keeps a write made outside a transaction when a concurrent transaction rolls back', async () => {
    const failing = ds.transaction(async (m) => {
      await m.query("INSERT INTO log (what) VALUES ('rolled back')");
      await sleep(30);
      throw new Error('refused');
    });
    await sleep(5);
    const outside = ds.query("INSERT INTO log (what) VALUES ('kept')");
    await expect(failing).rejects.toThrow('refused');
    await outside;
    expect((await ds.query('SELECT what FROM log')).map((r: { what: string }) => r.what)).toEqual(['kept']);
  });

  it('lets code inside a transaction use other repositories and nested transactions (joined, savepoints)', async () => {
    await ds.transaction(async (m) => {
      await m.query("INSERT INTO log (what) VALUES ('outer')");
      // Another runner from the same flow: sees and joins the open transaction instead of waiting for it.
      expect((await ds.query('SELECT count(*) AS n FROM log'))[0].n).toBe(1);
      await expect(
        ds.transaction(async (inner) => {
          await inner.query("INSERT INTO log (what) VALUES ('inner, undone')");
          throw new Error('inner fails');
        }),
      ).rejects.toThrow('inner fails');
      await ds.transaction((inner) => inner.query("INSERT INTO log (what) VALUES ('inner, kept')"));
    });
    expect((await ds.query('SELECT what FROM log ORDER BY id')).map((r: { what: string }) => r.what)).toEqual(['outer', 'inner, kept']);
  });

  it('waits for another process holding the write lock without blocking reads, fails after the lock timeout, then succeeds', async () => {
    await ds.destroy();
    ds = await open(600);
    const other = new Database(file, { timeout: 0 });
    other.pragma('journal_mode = WAL');
    other.prepare('BEGIN IMMEDIATE').run();
    other.prepare('UPDATE counter SET v = 100 WHERE id = 1').run();
    try {
      const started = Date.now();
      let readWhileWaiting: number | undefined;
      const write = ds.transaction(async (m) => {
        await m.query("INSERT INTO log (what) VALUES ('half')");
        await increment(m);
      });
      // The event loop is not blocked: a read is served (from the last committed state) while the write waits.
      await sleep(100);
      readWhileWaiting = await counter();
      const error = await write.then(() => null, (e: unknown) => e);
      const elapsed = Date.now() - started;
      expect(readWhileWaiting).toBe(0);
      expect(isSqliteBusy(error)).toBe(true);
      expect(elapsed).toBeGreaterThanOrEqual(550);
      expect(elapsed).toBeLessThan(5000);
      // Nothing of the failed transaction was written.
      expect((await ds.query('SELECT count(*) AS n FROM log'))[0].n).toBe(0);
    } finally {
      other.prepare('ROLLBACK').run();
      other.close();
    }
    await ds.transaction(async (m) => {
      await m.query("INSERT INTO log (what) VALUES ('whole')");
      await increment(m);
    });
    expect([await counter(), (await ds.query('SELECT count(*) AS n FROM log'))[0].n]).toEqual([1, 1]);
  });

  it('makes a second connection to the file wait for the write lock instead of failing halfway (BEGIN IMMEDIATE)', async () => {
    // Two DataSources on one file stand in for two processes (the end-to-end suite runs real ones).
    const second = await open(5000);
    try {
      const slow = (m: EntityManager) =>
        (async () => {
          const [row] = await m.query('SELECT v FROM counter WHERE id = 1');
          await sleep(40);
          await m.query('UPDATE counter SET v = ? WHERE id = 1', [row.v + 1]);
        })();
      const runs = [ds, second, ds, second, ds, second].map((source) => source.transaction(slow));
      const results = await Promise.allSettled(runs);
      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
      expect(await counter()).toBe(6);
    } finally {
      await second.destroy();
    }
  });

  it('bounds the lock waits of one request by the lock timeout in total, however many writes it makes', async () => {
    const source = await open(600);
    const other = new Database(file, { timeout: 0 });
    other.prepare('BEGIN IMMEDIATE').run();
    const started = Date.now();
    try {
      await withLockBudget(async () => {
        // A request whose first write is refused and which writes again (e.g. a log entry of the failure).
        const outcome = (p: Promise<unknown>) => p.then(() => 'written', (e: unknown) => (isSqliteBusy(e) ? 'busy' : e));
        expect(await outcome(source.query("INSERT INTO log (what) VALUES ('a')"))).toBe('busy');
        expect(await outcome(source.query("INSERT INTO log (what) VALUES ('b')"))).toBe('busy');
        expect(await outcome(source.transaction((m) => m.query("INSERT INTO log (what) VALUES ('c')")))).toBe('busy');
      });
    } finally {
      other.prepare('ROLLBACK').run();
      other.close();
      await source.destroy();
    }
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(550);
    expect(waited).toBeLessThan(900);
  });

  it('answers reads at once while many writers wait for the write lock of another process', async () => {
    const other = new Database(file, { timeout: 0 });
    other.prepare('BEGIN IMMEDIATE').run();
    const writers = Array.from({ length: 40 }, (_, i) => ds.query('INSERT INTO log (what) VALUES (?)', [`w${i}`]).catch(() => 'busy'));
    await sleep(100);
    // Five reads 20 ms apart, timed as a client sees them: the event loop must not be held by the waiting writers.
    const started = Date.now();
    for (let i = 0; i < 5; i++) {
      expect(await counter()).toBe(0);
      await sleep(20);
    }
    const elapsed = Date.now() - started;
    other.prepare('ROLLBACK').run();
    other.close();
    await Promise.all(writers);
    expect(elapsed).toBeLessThan(400);
  });
});
