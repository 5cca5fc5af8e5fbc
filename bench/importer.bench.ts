/** Importer throughput and linearity: 1 MB → 10 MB, against a bare line-split-and-regex pass. */
import { parsePlanText } from '../libs/importer/src/parse.js';
import { syntheticPlan } from './generate.js';

export interface Row {
  [column: string]: string | number;
}

function time(fn: () => unknown, repeat: number): number {
  fn(); // warm-up
  const start = process.hrtime.bigint();
  for (let i = 0; i < repeat; i++) fn();
  return Number(process.hrtime.bigint() - start) / 1e6 / repeat;
}

/** The same text with the punctuation most plans print full-width (written as escapes). */
const fullWidth = (text: string) => text.replace(/[(),:;]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

export function benchImporter(sizesMb = [1, 2, 5, 10]): Row[] {
  const rows: Row[] = [];
  let base: number | null = null;
  const cases = [...sizesMb.map((mb) => [mb, 'ASCII'] as const), [1, 'full-width'] as const, [10, 'full-width'] as const];
  for (const [mb, width] of cases) {
    const ascii = syntheticPlan(mb * 1024 * 1024);
    const text = width === 'ASCII' ? ascii : fullWidth(ascii);
    const bytes = Buffer.byteLength(text);
    const repeat = mb <= 2 ? 3 : 1;
    let items = 0;
    const ms = time(() => {
      items = parsePlanText(text).items.length;
    }, repeat);
    const bareMs = time(() => text.split('\n').filter((l) => /^(\d{1,3})[.、]|^[((][一二三四五六七八九十]+[))]/.test(l)).length, repeat);
    base ??= ms / (bytes / 1024 / 1024);
    rows.push({
      'input (MB)': (bytes / 1024 / 1024).toFixed(1),
      punctuation: width,
      items,
      'parse (ms)': ms.toFixed(0),
      'MB/s': (bytes / 1024 / 1024 / (ms / 1000)).toFixed(2),
      'ms per MB vs 1 MB': (ms / (bytes / 1024 / 1024) / base).toFixed(2),
      'bare split+regex (ms)': bareMs.toFixed(0),
      'heap used (MB)': (process.memoryUsage().heapUsed / 1024 / 1024).toFixed(0),
    });
  }
  return rows;
}
