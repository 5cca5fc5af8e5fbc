import { buildDataSourceOptions, MIGRATIONS } from '#database';
import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';

describe('database', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = new DataSource(buildDataSourceOptions(db.config));
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.cleanup();
  });

  it('runs every migration on an empty database at start', async () => {
    const rows: { name: string }[] = await dataSource.query(`SELECT name FROM ${dataSource.driver.escape('migrations')}`);
    expect(rows.map((r) => r.name).sort()).toEqual(MIGRATIONS.map((m) => m.name).sort());
    expect(await dataSource.showMigrations()).toBe(false);
  });

  it('creates the tables the entities need, with nothing left for synchronize to do', async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('migrates down and up again', async () => {
    for (let i = 0; i < MIGRATIONS.length; i++) await dataSource.undoLastMigration();
    expect(await dataSource.showMigrations()).toBe(true);
    await dataSource.runMigrations();
    expect(await dataSource.showMigrations()).toBe(false);
  });

  it('uses the configured driver', () => {
    expect(dataSource.options.type).toBe(db.driver === 'sqlite' ? 'better-sqlite3' : 'postgres');
  });

  if (process.env.DATABASE_URL === undefined) {
    it('opens SQLite in WAL mode with foreign keys on', async () => {
      expect(await dataSource.query('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
      expect(await dataSource.query('PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);
    });
  } else {
    it('keeps the tables in the suite schema', async () => {
      const rows: { table_name: string }[] = await dataSource.query(
        'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name',
        [db.config.DATABASE_SCHEMA],
      );
      // Every entity's table plus TypeORM's migrations table, and nothing in public.
      const expected = [...new Set([...dataSource.entityMetadatas.map((m) => m.tableName), 'migrations'])].sort();
      expect(expected).toEqual(expect.arrayContaining(['assignment', 'department', 'department_alias', 'indicator', 'item', 'migrations', 'plan']));
      expect(rows.map((r) => r.table_name)).toEqual(expected);
    });
  }

  it('enforces foreign keys', async () => {
    await expect(
      dataSource.query(
        `INSERT INTO ${dataSource.driver.escape('department_alias')} (${dataSource.driver.escape('alias')}, ${dataSource.driver.escape('departmentId')}) VALUES ('x', 999999)`,
      ),
    ).rejects.toThrow(/foreign key/i);
  });
});
