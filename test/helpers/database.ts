import { type AppConfig, loadConfig } from '#config';
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** An empty database of its own for one suite: a SQLite file in a temp folder, or a PostgreSQL schema. */
export interface TestDatabase {
  /** Environment for loadConfig() or a child process. */
  env: Record<string, string>;
  config: AppConfig;
  dataDir: string;
  driver: 'sqlite' | 'postgres';
  cleanup(): Promise<void>;
}

/** Uses PostgreSQL when DATABASE_URL is set (npm run test:pg), else SQLite. */
/** The admin password every test database starts with (the account "admin" is created at first start). */
export const TEST_ADMIN_PASSWORD = 'admin-test-password';

export async function createTestDatabase(extraEnv: Record<string, string> = {}): Promise<TestDatabase> {
  const outer = loadConfig(process.env);
  const dataDir = mkdtempSync(join(tmpdir(), 'duban-test-'));
  const env: Record<string, string> = {
    DUBAN_DATA_DIR: dataDir,
    DUBAN_IMPORT_SEEDS: 'false',
    LOG_LEVEL: 'warn',
    DUBAN_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
    // Queues of the suite's own under a unique key prefix in the shared Redis; removed in cleanup().
    REDIS_PREFIX: `t_${randomBytes(6).toString('hex')}`,
    ...extraEnv,
  };
  let dropSchema = async (): Promise<void> => {};
  if (outer.DATABASE_URL) {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const url = outer.DATABASE_URL;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`CREATE SCHEMA "${schema}"`);
    await client.end();
    env.DATABASE_URL = url;
    env.DATABASE_SCHEMA = schema;
    dropSchema = async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA "${schema}" CASCADE`);
      await c.end();
    };
  }
  return {
    env,
    config: loadConfig(env),
    dataDir,
    driver: outer.DATABASE_URL ? 'postgres' : 'sqlite',
    async cleanup() {
      await dropSchema();
      await dropRedisKeys(outer.REDIS_URL, env.REDIS_PREFIX!);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Deletes the suite's queue keys (prefix:*) from the shared Redis; nothing to do when it is not running. */
async function dropRedisKeys(url: string, prefix: string): Promise<void> {
  const { Redis } = await import('ioredis');
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 1000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length) await client.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } catch {
    // Redis not reachable: the suite queued nothing there either.
  } finally {
    client.disconnect();
  }
}
