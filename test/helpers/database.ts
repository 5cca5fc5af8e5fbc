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
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
