/**
 * 10,000 random and mutated documents through the importer: no crash, no hang, and the tree it
 * returns is always well-formed. Deterministic (seeded), so a failure can be replayed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rng } from '../../../bench/generate.js';
import { parseDocument, parsePlanText, ImportError, type ParsedPlan } from '#importer';

const seeds = readdirSync(join(process.cwd(), 'seeds')).map((f) => readFileSync(join(process.cwd(), 'seeds', f), 'utf8'));
const PIECES = ['一、', '二、', '(一)', '(二)', '(三十)', '1.', '2、', '(-)', '三)', '(', ')', '(', ')', '牵头', '负责', '牵头单位:', '。', '\n', '\t', '|', '≥', '%', '年内', '2024年12月底前', '附件:', '序号\t重点任务\t牵头单位', '\u0000', '\uFFFD', '𠀀', '《', '》'];

function mutate(text: string, next: () => number): string {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)];
  let out = text;
  const start = Math.floor(next() * out.length);
  out = out.slice(start, start + 500 + Math.floor(next() * 4000));
  const edits = Math.floor(next() * 30);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(next() * (out.length + 1));
    const kind = next();
    if (kind < 0.4) out = out.slice(0, at) + pick(PIECES) + out.slice(at);
    else if (kind < 0.6) out = out.slice(0, at) + out.slice(at + Math.floor(next() * 50));
    else if (kind < 0.8) out = out.slice(0, at) + out.slice(at, at + 200).repeat(1 + Math.floor(next() * 5)) + out.slice(at + 200);
    else out = out.slice(0, at) + String.fromCharCode(Math.floor(next() * 0xffff)) + out.slice(at);
  }
  return out;
}

function randomText(next: () => number): string {
  const n = Math.floor(next() * 3000);
  let s = '';
  for (let i = 0; i < n; i++) s += next() < 0.3 ? PIECES[Math.floor(next() * PIECES.length)] : String.fromCharCode(0x4e00 + Math.floor(next() * 0x5000));
  return s;
}

/** What is wrong with a parsed plan's shape; empty when it is well-formed. */
function problems(plan: ParsedPlan): string[] {
  const out: string[] = [];
  plan.items.forEach((item, i) => {
    if (item.number === '') out.push(`item ${i} has no number`);
    if (item.parent !== null && (item.parent >= i || plan.items[item.parent].kind === 'task')) out.push(`item ${i} has a bad parent`);
    if (item.section !== null && item.section >= plan.sections.length) out.push(`item ${i} has a bad section`);
    if (item.co.some((c) => item.lead.includes(c))) out.push(`item ${i} names a department as lead and co`);
  });
  for (const x of plan.indicators) if (!Number.isFinite(x.value)) out.push(`indicator ${x.name} has no value`);
  return out;
}

describe('importer fuzzing', () => {
  it('parses 10,000 random and mutated documents without crashing', () => {
    const next = rng(20261122);
    let slowest = 0;
    const failures: string[] = [];
    for (let k = 0; k < 10_000; k++) {
      const text = k % 4 === 0 ? randomText(next) : mutate(seeds[k % seeds.length], next);
      const started = performance.now();
      const plan = parsePlanText(text);
      slowest = Math.max(slowest, performance.now() - started);
      failures.push(...problems(plan).map((p) => `document ${k}: ${p}`));
    }
    expect(failures).toEqual([]);
    // A hang guard, not a speed goal: a few KB never take seconds unless something is quadratic.
    expect(slowest).toBeLessThan(3000);
  });

  it('decodes random bytes under any file name into a plan or a clear ImportError', async () => {
    const next = rng(7);
    for (let k = 0; k < 300; k++) {
      const bytes = Buffer.from(Array.from({ length: Math.floor(next() * 2000) }, () => Math.floor(next() * 256)));
      const name = ['a.txt', 'a.docx', 'a.html', 'a', 'a.pdf'][k % 5];
      try {
        expect(problems(await parseDocument(bytes, name))).toEqual([]);
      } catch (e) {
        expect(e).toBeInstanceOf(ImportError);
        expect((e as ImportError).message).toMatch(/[\u4e00-\u9fa5]/);
      }
    }
  });
});
