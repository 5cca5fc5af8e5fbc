/**
 * parseDocumentIsolated runs parseDocument in a worker thread (the built dist/ module, which the
 * jest global setup builds): the same plans, the same refusals, and limits on time and memory.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ImportError, MAX_CONCURRENT_PARSES, parseDocument, parseDocumentIsolated, toPlanJson } from '#importer';
import { docxBomb } from '../../../test/helpers/zip-bomb.js';

const formats = (name: string) => readFileSync(join(process.cwd(), 'test', 'fixtures', 'formats', name));

async function refusal(work: Promise<unknown>): Promise<ImportError> {
  try {
    await work;
  } catch (e) {
    if (e instanceof ImportError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

/** A long plan of numbered tasks in plain text (about 18 MB). */
function longPlan(): Buffer {
  const lines = ['一、总则'];
  for (let i = 1; i <= 120_000; i++) lines.push(`${i}.加强质量基础设施建设,推进计量标准认证认可检验检测工作。(市市场监管局牵头,市发展改革委、市科技局配合)`);
  return Buffer.from(lines.join('\n'));
}

describe('parseDocumentIsolated', () => {
  it.each(['plan.pdf', 'tasks.xlsx', 'plan.doc'])('gives the plan parseDocument gives for %s', async (name) => {
    const isolated = toPlanJson(await parseDocumentIsolated(formats(name), name));
    expect(isolated).toEqual(toPlanJson(await parseDocument(formats(name), name)));
    expect(isolated.items.length).toBeGreaterThan(5);
  });

  it.each([
    ['scan.pdf', () => readFileSync(join(process.cwd(), 'test', 'fixtures', 'not-ok', 'scan.pdf')), 'SCANNED'],
    ['bomb.docx', () => docxBomb(200), 'ARCHIVE_LIMIT'],
    ['empty.txt', () => Buffer.alloc(0), 'EMPTY'],
  ])('passes on the refusal of %s with its code and Chinese message', async (name, bytes, code) => {
    const e = await refusal(parseDocumentIsolated(bytes(), name));
    expect(e.code).toBe(code);
    expect(e.message).toContain(name);
  });

  it('stops a parse that runs past its time limit', async () => {
    const started = performance.now();
    const e = await refusal(parseDocumentIsolated(formats('plan.pdf'), 'plan.pdf', { timeoutMs: 20, maxMemoryMb: 512 }));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(e.code).toBe('PARSE_LIMIT');
    expect(e.message).toContain('超过 20 毫秒');
  });

  it('stops a parse that needs more memory than its limit, and parses the same file within a larger one', async () => {
    const plan = longPlan();
    const e = await refusal(parseDocumentIsolated(plan, 'long.txt', { timeoutMs: 60_000, maxMemoryMb: 64 }));
    expect(e.code).toBe('PARSE_LIMIT');
    expect(e.message).toContain('内存超过 64 MB');
    await expect(parseDocumentIsolated(plan, 'long.txt', { timeoutMs: 60_000, maxMemoryMb: 512 })).resolves.toHaveProperty('sections');
  });

  it('keeps the calling thread free while it parses', async () => {
    let longest = 0;
    let last = performance.now();
    const tick = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
    }, 10);
    try {
      await parseDocumentIsolated(formats('plan.pdf'), 'plan.pdf');
    } finally {
      clearInterval(tick);
    }
    expect(longest).toBeLessThan(250);
  });
});

describe('parses at once', () => {
  it(`runs at most ${MAX_CONCURRENT_PARSES} workers at a time, and every queued document still gets its plan`, async () => {
    const { Worker } = await import('node:worker_threads');
    let live = 0;
    let most = 0;
    const online = (w: InstanceType<typeof Worker>) => {
      live++;
      most = Math.max(most, live);
      w.once('exit', () => live--);
    };
    // Count the workers this process starts while six documents are parsed at once.
    const original = Worker.prototype.emit;
    Worker.prototype.emit = function (this: InstanceType<typeof Worker>, event: string | symbol, ...args: unknown[]) {
      if (event === 'online') online(this);
      return original.call(this, event, ...args);
    } as typeof original;
    try {
      const plans = await Promise.all(Array.from({ length: 6 }, (_, i) => parseDocumentIsolated(formats('tasks.csv'), `t${i}.csv`)));
      expect(plans.map((p) => p.items.length)).toEqual([3, 3, 3, 3, 3, 3]);
    } finally {
      Worker.prototype.emit = original;
    }
    expect(most).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(MAX_CONCURRENT_PARSES);
  });
});
