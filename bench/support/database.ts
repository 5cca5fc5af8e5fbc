/** A database of the bench's own: a SQLite file in a temp folder, or a PostgreSQL schema; dropped afterwards. */
import { type AppConfig, loadConfig } from '#config';
import { buildDataSourceOptions } from '#database';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DataSource } from 'typeorm';

export type Driver = 'sqlite' | 'postgres';

export const POSTGRES_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface BenchDatabase {
  driver: Driver;
  /** Environment for the API, the worker or a child process: database, data folder, Redis prefix. */
  env: Record<string, string>;
  config: AppConfig;
  dataSource: DataSource;
  /** Closes the connection and removes the schema or file, and the Redis keys under the prefix. */
  drop(): Promise<void>;
}

/** Whether PostgreSQL answers at POSTGRES_URL (the bench skips its rows otherwise). */
export async function postgresReachable(): Promise<string | null> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    return `PostgreSQL not reachable at ${POSTGRES_URL}: ${(error as Error).message}`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A migrated, empty database. */
export async function createBenchDatabase(driver: Driver): Promise<BenchDatabase> {
  const tag = randomBytes(5).toString('hex');
  const dataDir = mkdtempSync(join(tmpdir(), 'duban-bench-'));
  const env: Record<string, string> = {
    DUBAN_DATA_DIR: dataDir,
    DUBAN_IMPORT_SEEDS: 'false',
    LOG_LEVEL: 'warn',
    REDIS_URL,
    REDIS_PREFIX: `bench_${tag}`,
  };
  let dropSchema = async (): Promise<void> => {};
  if (driver === 'postgres') {
    const schema = `bench_${tag}`;
    const client = new pg.Client({ connectionString: POSTGRES_URL });
    await client.connect();
    await client.query(`CREATE SCHEMA "${schema}"`);
    await client.end();
    env.DATABASE_URL = POSTGRES_URL;
    env.DATABASE_SCHEMA = schema;
    dropSchema = async () => {
      const c = new pg.Client({ connectionString: POSTGRES_URL });
      await c.connect();
      await c.query(`DROP SCHEMA "${schema}" CASCADE`);
      await c.end();
    };
  }
  const config = loadConfig(env);
  const dataSource = new DataSource({ ...buildDataSourceOptions(config), logging: ['error'] });
  await dataSource.initialize();
  return {
    driver,
    env,
    config,
    dataSource,
    async drop() {
      if (dataSource.isInitialized) await dataSource.destroy();
      if (process.env.BENCH_KEEP) {
        console.log(`[bench] kept (BENCH_KEEP): ${Object.entries(env).map(([k, v]) => `${k}=${v}`).join(' ')}`);
        return;
      }
      await dropSchema();
      await dropRedisKeys(env.REDIS_PREFIX!);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Deletes every key under `prefix:` from the bench's Redis. */
export async function dropRedisKeys(prefix: string): Promise<void> {
  const { Redis } = await import('ioredis');
  const client = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 2000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length) await client.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } catch {
    // Redis not reachable: nothing was queued there either.
  } finally {
    client.disconnect();
  }
}
