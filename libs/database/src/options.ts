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
      url: config.DATABASE_URL,
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
    // busy_timeout; the API and the worker lower it per attempt and wait asynchronously (sqlite-gate.ts).
    timeout: config.DATABASE_LOCK_TIMEOUT_MS,
  };
}
