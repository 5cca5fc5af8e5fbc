import type { AppConfig } from '#config';
import { ENTITIES } from '#domain';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DataSourceOptions, LoggerOptions } from 'typeorm';
import { MIGRATIONS } from './migrations/index.js';

/**
 * DataSource options for the configured database: the SQLite file under the data
 * folder (WAL, foreign keys on), or PostgreSQL when DATABASE_URL is set.
 * Migrations run when the DataSource is initialised; synchronize is never used.
 */
export function buildDataSourceOptions(config: AppConfig): DataSourceOptions {
  const logging: LoggerOptions =
    config.LOG_LEVEL === 'debug' ? 'all' : config.LOG_LEVEL === 'log' ? ['error', 'migration'] : ['error'];
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: true,
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    logging,
  };
  if (config.databaseType === 'postgres') {
    return {
      ...common,
      type: 'postgres',
      // Two pools on the same server: SELECTs outside a transaction take their connection from the
      // second, so writes waiting for a lock (each holding a pooled connection) never leave reads
      // without one. Both see the same committed data; transactions and writes use the first.
      replication: { master: { url: config.DATABASE_URL }, slaves: [{ url: config.DATABASE_URL }] },
      // The schema for TypeORM's metadata, and as search_path so raw SQL finds the same tables.
      ...(config.DATABASE_SCHEMA ? { schema: config.DATABASE_SCHEMA } : {}),
      // Session settings of every pooled connection (node-postgres): a statement waiting for a lock
      // fails with lock_not_available (55P03), one running too long with query_canceled (57014);
      // both reach the client as a retryable 503 and their transaction is rolled back.
      extra: {
        ...(config.DATABASE_SCHEMA ? { options: `-c search_path=${config.DATABASE_SCHEMA}` } : {}),
        lock_timeout: config.DATABASE_LOCK_TIMEOUT_MS,
        statement_timeout: config.DATABASE_STATEMENT_TIMEOUT_MS,
        // A transaction left open by a stuck client must not hold its locks for ever.
        idle_in_transaction_session_timeout: Math.max(60_000, config.DATABASE_STATEMENT_TIMEOUT_MS),
        // Waiting for a free pooled connection is bounded like waiting for a lock.
        connectionTimeoutMillis: config.DATABASE_LOCK_TIMEOUT_MS,
      },
    };
  }
  mkdirSync(dirname(config.sqlitePath), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: config.sqlitePath,
    enableWAL: true,
    prepareDatabase: keepStatistics,
    // busy_timeout; the API and the worker lower it per attempt and wait asynchronously (sqlite-gate.ts).
    timeout: config.DATABASE_LOCK_TIMEOUT_MS,
  };
}

/** How often a long-running process refreshes SQLite's planner statistics. */
const OPTIMIZE_EVERY_MS = 60 * 60 * 1000;

/**
 * SQLite plans queries from statistics that only ANALYZE writes; without them it may walk a
 * wide index (all progress reports of a month) instead of a narrow one (the reports of a
 * department's items), 60 ms instead of 2 ms at 100,000 items. As SQLite recommends, each
 * connection runs `PRAGMA optimize` when it opens (analysing the tables whose statistics are
 * missing or stale, bounded by analysis_limit) and again every hour. PostgreSQL keeps its
 * statistics itself (autovacuum).
 */
function keepStatistics(db: { pragma(source: string): unknown }): void {
  const optimize = (mask: string) => {
    try {
      db.pragma('analysis_limit = 1000');
      db.pragma(`optimize = ${mask}`);
      return true;
    } catch {
      // Closed, or busy with another process's write: the next round will do.
      return false;
    }
  };
  optimize('0x10002');
  const timer = setInterval(() => {
    if (!(db as { open?: boolean }).open) clearInterval(timer);
    else optimize('0xfffe');
  }, OPTIMIZE_EVERY_MS);
  timer.unref();
}
