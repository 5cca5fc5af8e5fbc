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
      ...(config.DATABASE_SCHEMA
        ? { schema: config.DATABASE_SCHEMA, extra: { options: `-c search_path=${config.DATABASE_SCHEMA}` } }
        : {}),
    };
  }
  mkdirSync(dirname(config.sqlitePath), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: config.sqlitePath,
    enableWAL: true,
  };
}
