import { loadConfig } from '#config';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from './options.js';

// A real SQLite file opened as the API and the worker open it.
describe('SQLite connection options', () => {
  let dir: string;
  const open = async () => {
    const ds = new DataSource(buildDataSourceOptions(loadConfig({ DUBAN_DATA_DIR: dir, LOG_LEVEL: 'error' })));
    await ds.initialize();
    return ds;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'duban-options-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the query planner statistics of the tables filled since the last open', async () => {
    const first = await open();
    const stats = async (ds: DataSource) => (await ds.query(`SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'`)).length;
    expect(await stats(first)).toBe(0);
    await first.query(`INSERT INTO department (name) SELECT '单位' || value FROM json_each(json_array(${Array.from({ length: 300 }, (_, i) => i).join(',')}))`);
    await first.destroy();

    const second = await open();
    const rows: { tbl: string; idx: string | null; stat: string }[] = await second.query(`SELECT tbl, idx, stat FROM sqlite_stat1 WHERE tbl = 'department'`);
    await second.destroy();
    // The row count of the table (or of its indexes) is the first figure of each entry.
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.stat.split(' ')[0] === '300')).toBe(true);
  });
});
