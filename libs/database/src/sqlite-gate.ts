import { AsyncLocalStorage } from 'node:async_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource, type DataSourceOptions, type EntityManager, type QueryRunner } from 'typeorm';

/**
 * SQLite through better-sqlite3 is one synchronous connection per process, and TypeORM hands
 * every caller the same query runner. Two requests in one transaction each would interleave on
 * that connection: the second BEGIN fails, a ROLLBACK of one undoes the other's work, and a
 * write made between the BEGIN and the ROLLBACK of someone else's transaction is lost. The gate
 * gives each operation a query runner of its own on the shared connection and lets one
 * transaction at a time hold the connection:
 *
 * - a transaction starts with BEGIN IMMEDIATE (it holds SQLite's write lock from the start, so
 *   two processes on one file never hit SQLITE_BUSY_SNAPSHOT halfway through a transaction);
 * - a statement outside a transaction waits while another transaction holds the connection;
 * - code running inside a transaction's callback that uses another repository or a nested
 *   transaction joins the open transaction (SAVEPOINTs), as it did on the shared runner;
 * - waiting for another process's write lock happens asynchronously: each attempt waits at
 *   most BUSY_SLICE_MS inside SQLite (which blocks the event loop), then the connection is
 *   released and the attempt repeated until the lock timeout, when the SQLITE_BUSY error is
 *   thrown (the API answers 503 "数据库繁忙"). Reads keep being served meanwhile (WAL).
 */

/**
 * How long one attempt waits inside SQLite for a lock (synchronously, blocking the event loop)
 * before yielding: not at all. Every wait is asynchronous, so reads and other requests are served
 * between two attempts however many writers wait (at 50 ms each, 40 waiting writers held a read
 * up to 2 s).
 */
export const BUSY_SLICE_MS = 0;
/** Pause between two attempts to get a lock another process holds. */
const RETRY_PAUSE_MS = 25;

type Runner = QueryRunner & {
  transactionDepth: number;
  isTransactionActive: boolean;
  stmtCache?: Map<string, unknown>;
};
type RunnerClass = new (driver: unknown) => Runner;

/**
 * The lock waits of one unit of work (an HTTP request: see withLockBudget) share one budget of
 * lockTimeoutMs, so a request that writes several times under a held lock fails after the
 * configured timeout in total, not after that timeout per statement.
 */
const lockBudget = new AsyncLocalStorage<{ waitedMs: number }>();

/** Runs `work` with one budget for all its lock waits (each HTTP request runs in one). */
export function withLockBudget<T>(work: () => T): T {
  return lockBudget.run({ waitedMs: 0 }, work);
}

/** Whether an error (a QueryFailedError or a driver error) says the database is locked by another connection. */
export function isSqliteBusy(error: unknown): boolean {
  const code = ((error as { driverError?: { code?: unknown } })?.driverError?.code ?? (error as { code?: unknown })?.code) as unknown;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

/** A first-come first-served lock. */
class Mutex {
  private held = false;
  private readonly waiters: (() => void)[] = [];

  async acquire(): Promise<void> {
    if (!this.held) {
      this.held = true;
      return;
    }
    await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  release(): void {
    const next = this.waiters.shift();
    if (next) next();
    else this.held = false;
  }
}

interface Gate {
  mutex: Mutex;
  /** The runner whose transaction holds the connection. */
  owner: Runner | null;
  /** Which transaction's callback the current code runs in (set around each top-level callback). */
  flow: AsyncLocalStorage<Runner>;
  lockTimeoutMs: number;
  savepoints: number;
  /** Logs the final busy failure (through TypeORM's logger). */
  logBusy(error: unknown, sql: string, runner: Runner): void;
}

/**
 * Runs `attempt` with the connection held, repeating it while SQLite says another process holds the
 * lock. The failed attempts are not logged (TypeORM logs every failed query); the final one is, once.
 */
async function withBusyRetry<T>(gate: Gate, runner: Runner & { muteBusy?: boolean }, sql: string, attempt: () => Promise<T>, keepHeld: boolean): Promise<T> {
  const budget = lockBudget.getStore();
  const deadline = Date.now() + Math.max(0, gate.lockTimeoutMs - (budget?.waitedMs ?? 0));
  let busySince: number | null = null;
  const spend = () => {
    if (budget && busySince !== null) budget.waitedMs += Date.now() - busySince;
  };
  for (;;) {
    await gate.mutex.acquire();
    runner.muteBusy = true;
    try {
      const result = await attempt();
      if (!keepHeld) gate.mutex.release();
      spend();
      return result;
    } catch (error) {
      gate.mutex.release();
      if (!isSqliteBusy(error)) throw error;
      busySince ??= Date.now();
      if (Date.now() + RETRY_PAUSE_MS >= deadline) {
        spend();
        gate.logBusy(error, sql, runner);
        throw error;
      }
    } finally {
      runner.muteBusy = false;
    }
    await sleep(RETRY_PAUSE_MS);
  }
}

function gatedRunnerClass(Base: RunnerClass, gate: Gate, stmtCache: Map<string, unknown>): RunnerClass {
  return class GatedSqliteQueryRunner extends Base {
    /** This runner's transaction holds the connection. */
    private holds = false;
    /** This runner's transaction runs inside another's (a SAVEPOINT of it). */
    private savepoint: string | null = null;

    constructor(driver: unknown) {
      super(driver);
      // Statements prepared on the shared connection serve every runner.
      this.stmtCache = stmtCache;
    }

    private inOpenTransaction(): boolean {
      return this.holds || this.savepoint !== null || (gate.owner !== null && gate.flow.getStore() === gate.owner);
    }

    override async startTransaction(isolationLevel?: Parameters<QueryRunner['startTransaction']>[0]): Promise<void> {
      if (this.transactionDepth === 0 && !this.holds && gate.owner !== null && gate.flow.getStore() === gate.owner) {
        this.savepoint = `gate_${++gate.savepoints}`;
      }
      await super.startTransaction(isolationLevel);
    }

    override async commitTransaction(): Promise<void> {
      await super.commitTransaction();
      this.finish();
    }

    override async rollbackTransaction(): Promise<void> {
      if (!this.holds && this.savepoint === null) {
        // BEGIN never succeeded (the lock timed out): there is nothing to roll back.
        this.isTransactionActive = false;
        this.transactionDepth = 0;
        return;
      }
      try {
        await super.rollbackTransaction();
      } finally {
        this.finish();
      }
    }

    /** After the outermost COMMIT or ROLLBACK: the connection is free again. */
    private finish(): void {
      if (this.transactionDepth !== 0) return;
      this.savepoint = null;
      if (this.holds) {
        this.holds = false;
        gate.owner = null;
        gate.mutex.release();
      }
    }

    override async query(sql: string, parameters?: unknown[], useStructuredResult?: boolean): Promise<any> {
      const run = (text: string) => super.query(text, parameters, useStructuredResult as never);
      if (sql === 'BEGIN TRANSACTION') {
        if (this.savepoint !== null) return run(`SAVEPOINT ${this.savepoint}`);
        const result = await withBusyRetry(gate, this, 'BEGIN IMMEDIATE TRANSACTION', () => run('BEGIN IMMEDIATE TRANSACTION'), true);
        this.holds = true;
        gate.owner = this;
        return result;
      }
      if (this.savepoint !== null && this.transactionDepth === 1) {
        if (sql === 'COMMIT') return run(`RELEASE SAVEPOINT ${this.savepoint}`);
        if (sql === 'ROLLBACK') {
          await run(`ROLLBACK TO SAVEPOINT ${this.savepoint}`);
          return run(`RELEASE SAVEPOINT ${this.savepoint}`);
        }
      }
      if (this.inOpenTransaction()) return run(sql);
      return withBusyRetry(gate, this, sql, () => run(sql), false);
    }
  } as unknown as RunnerClass;
}

/**
 * A DataSource for the given options; for SQLite (better-sqlite3) with the gate described above,
 * `lockTimeoutMs` being how long a write waits for another process's lock.
 */
export function createDataSource(options: DataSourceOptions, lockTimeoutMs: number): DataSource {
  if (options.type !== 'better-sqlite3') return new DataSource(options);
  const dataSource = new DataSource({ ...options, timeout: BUSY_SLICE_MS });
  // Busy errors of attempts that will be repeated are not logged; the last one is (logBusy).
  const logger = dataSource.logger;
  const logQueryError = logger.logQueryError.bind(logger);
  logger.logQueryError = (error, query, parameters, runner) => {
    if ((runner as { muteBusy?: boolean } | undefined)?.muteBusy && isSqliteBusy(error)) return;
    logQueryError(error, query, parameters, runner);
  };
  const gate: Gate = {
    mutex: new Mutex(),
    owner: null,
    flow: new AsyncLocalStorage<Runner>(),
    lockTimeoutMs,
    savepoints: 0,
    logBusy: (error, sql, runner) => logQueryError(`${(error as Error).message} (waited ${lockTimeoutMs} ms for the lock)`, sql, [], runner),
  };
  const driver = dataSource.driver as unknown as { createQueryRunner(mode?: string): Runner };
  const Base = Object.getPrototypeOf(driver.createQueryRunner('master')).constructor as RunnerClass;
  const Gated = gatedRunnerClass(Base, gate, new Map());
  driver.createQueryRunner = () => new Gated(driver);

  // Code inside a transaction's callback runs "in" that transaction: other runners it uses join it.
  const manager = dataSource.manager as EntityManager & { transaction: (...args: unknown[]) => Promise<unknown> };
  const transaction = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
  manager.transaction = (levelOrRun: unknown, maybeRun?: unknown) => {
    const run = (typeof levelOrRun === 'function' ? levelOrRun : maybeRun) as (m: EntityManager) => Promise<unknown>;
    const inTransaction = (m: EntityManager) => {
      const outer = gate.flow.getStore();
      return gate.flow.run(outer && outer === gate.owner ? outer : (m.queryRunner as Runner), () => run(m));
    };
    return typeof levelOrRun === 'function' ? transaction(inTransaction) : transaction(levelOrRun, inTransaction);
  };
  return dataSource;
}

