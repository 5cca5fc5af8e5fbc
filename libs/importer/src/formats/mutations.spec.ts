/**
 * Damaged files of every format: each fixture cut short and with bytes overwritten, seeded, through
 * parseDocument. Each gives a plan or an ImportError with a Chinese message, never another error.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ImportError, parseDocument } from '#importer';
import { rng } from '../../../../bench/generate.js';

const DIR = join(process.cwd(), 'test', 'fixtures', 'formats');
const files = readdirSync(DIR).filter((f) => !f.endsWith('.mjs'));

function damaged(bytes: Buffer, next: () => number): Buffer {
  const out = Buffer.from(bytes.subarray(0, next() < 0.3 ? Math.floor(next() * bytes.length) : bytes.length));
  const flips = 1 + Math.floor(next() * 20);
  for (let i = 0; i < flips && out.length > 8; i++) out[8 + Math.floor(next() * (out.length - 8))] = Math.floor(next() * 256);
  return out;
}

describe('damaged files of every format', () => {
  it.each(files)('%s: 25 damaged copies give a plan or a Chinese ImportError', async (file) => {
    const bytes = readFileSync(join(DIR, file));
    const next = rng(file.length * 7919);
    const other: string[] = [];
    for (let k = 0; k < 25; k++) {
      try {
        await parseDocument(damaged(bytes, next), file);
      } catch (e) {
        if (!(e instanceof ImportError) || !/[\u4e00-\u9fa5]/.test(e.message)) other.push(`copy ${k}: ${(e as Error).name}: ${(e as Error).message}`);
      }
    }
    expect(other).toEqual([]);
  });
});
