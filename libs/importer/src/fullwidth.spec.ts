/**
 * Most published plans print full-width punctuation ( ( ) , : ; ); the seeds were scraped to
 * ASCII. Each seed with its punctuation made full-width must parse to its gold annotation with
 * the same punctuation change: the rules are about the family, not about one character width.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePlanText, toPlanJson } from '#importer';
import { loadGoldPlans, score, SEEDS_DIR } from '../../../test/helpers/gold-score.js';

// Written as escapes: full-width literals do not survive every editor and terminal.
const WIDE: Record<string, string> = { '(': '\uFF08', ')': '\uFF09', ',': '\uFF0C', ':': '\uFF1A', ';': '\uFF1B' };
const widen = (s: string) => s.replace(/[(),:;]/g, (c) => WIDE[c]);
/** The same change applied to every string value of the gold annotation. */
function widenDeep<T>(value: T): T {
  if (typeof value === 'string') return widen(value) as T;
  if (Array.isArray(value)) return value.map(widenDeep) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, widenDeep(v)])) as T;
  return value;
}

describe('seeds printed with full-width punctuation', () => {
  it.each(loadGoldPlans().map((g) => [g.seed, g] as const))('%s', (seed, gold) => {
    const text = widen(readFileSync(join(SEEDS_DIR, seed), 'utf8'));
    expect(text).toMatch(/\uFF08/);
    const got = toPlanJson(parsePlanText(text));
    const s = score(widenDeep({ ...gold, notes: undefined }), got);
    expect(s.mismatches).toEqual([]);
  });
});
