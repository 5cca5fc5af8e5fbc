// The built CLI and worker, run as child processes.
import { execFile, execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';
import { type Gold, loadGold, SEEDS_DIR } from './helpers/gold.js';

const ROOT = join(import.meta.dirname, '..');
const CLI = join(ROOT, 'dist/apps/cli/src/main.js');
const WORKER = join(ROOT, 'dist/apps/worker/src/main.js');
const CHINESE = /[\u4e00-\u9fff]/u;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

describe('CLI', () => {
  let db: TestDatabase;
  const gold001 = loadGold().find((g) => g.seed.startsWith('001_')) as Gold;
  const seed001 = join(SEEDS_DIR, gold001.seed);

  const run = async (...args: string[]): Promise<Run> => {
    try {
      const { stdout, stderr } = await promisify(execFile)(process.execPath, [CLI, ...args], {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', ...db.env },
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };

  beforeAll(async () => {
    // One incremental build for the whole suite (a no-op when dist/ is current).
    execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'pipe' });
    db = await createTestDatabase();
  }, 120_000);

  afterAll(async () => {
    await db?.cleanup();
  });

  it('parse --json prints only the plan JSON', async () => {
    const { code, stdout, stderr } = await run('parse', seed001, '--json');
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const json = JSON.parse(stdout);
    expect(stdout).toBe(`${JSON.stringify(json, null, 2)}\n`);
    expect(json.title).toBe(gold001.title);
    expect(json.items.map((i: { number: string; title: string }) => i.number + i.title)).toEqual(gold001.items.map((g) => g.number + g.title));
  });

  it('parse of a missing file fails with a Chinese message on stderr', async () => {
    const { code, stdout, stderr } = await run('parse', join(ROOT, 'no-such-file.txt'), '--json');
    expect(code).not.toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/文件不存在/);
  });

  it('refuses an unknown command in Chinese', async () => {
    const { code, stderr } = await run('frobnicate');
    expect(code).toBe(2);
    expect(stderr).toMatch(/未知命令/);
  });

  it('imports, lists and shows plans', async () => {
    const first = await run('import', seed001);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^新建:/);
    const again = await run('import', seed001);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^未变化:/);

    const plans = await run('plans');
    expect(plans.code).toBe(0);
    const row = plans.stdout.split('\n').find((l) => l.includes(gold001.title))!;
    expect(row).toBeDefined();
    const id = row.split('\t')[0]!;
    expect(row.split('\t')[3]).toBe(String(gold001.items.length));

    const show = await run('show', id);
    expect(show.code).toBe(0);
    const item = gold001.items.find((g) => g.title === '大力提升工程质量')!;
    const line = show.stdout.split('\n').find((l) => l.includes(item.number + item.title))!;
    expect(line).toContain(`牵头:${item.lead.join('、')}`);
    for (const co of item.co) expect(line).toContain(co);
  });

  it('fails in Chinese for an unknown plan and for a file it cannot import', async () => {
    const show = await run('show', '999999');
    expect(show.code).not.toBe(0);
    expect(show.stderr).toMatch(/方案不存在/);
    const bad = await run('import', join(ROOT, 'no-such-file.txt'));
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(CHINESE);
  });

  it('starts the headless worker, which stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [WORKER], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...db.env, LOG_LEVEL: 'log' } });
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`worker did not start: ${output}`)), 20_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('duban worker started')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
    });
    const exited = new Promise<string | null>((resolve) => child.on('close', (_code, signal) => resolve(signal)));
    child.kill('SIGTERM');
    // Nest closes the application, then re-raises the signal.
    expect(await exited).toBe('SIGTERM');
    expect(output).toContain('duban worker stopped (SIGTERM)');
  }, 30_000);
});
