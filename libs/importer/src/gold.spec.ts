/**
 * Scores the importer against the hand-made gold annotations of the seed plans and prints
 * the figures. Thresholds are the product's acceptance bar (issue: foundation).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePlanText, toPlanJson } from '#importer';
import { loadGoldPlans, score, SEEDS_DIR, type Score } from '../../../test/helpers/gold-score.js';

const golds = loadGoldPlans();
const results = new Map<string, Score>();

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

describe('importer against the gold annotations', () => {
  it.each(golds.map((g) => [g.seed, g] as const))('%s', (seed, gold) => {
    const got = toPlanJson(parsePlanText(readFileSync(join(SEEDS_DIR, seed), 'utf8')));
    const s = score(gold, got);
    results.set(seed, s);
    if (process.env.GOLD_VERBOSE) console.log(seed, s.mismatches.join('\n'));
    expect(s.items.recall).toBe(1);
    expect(s.items.precision).toBe(1);
    expect(s.leadExact).toBe(1);
    expect(s.coExact).toBe(1);
  });

  afterAll(() => {
    let gi = 0, fi = 0, mi = 0, titles = 0, lead = 0, co = 0, gInd = 0, fInd = 0, mInd = 0;
    const rows = [...results.entries()].map(([seed, s]) => {
      gi += s.items.gold; fi += s.items.found; mi += s.items.matched;
      titles += s.titlesExact * s.items.matched; lead += s.leadExact * s.items.matched; co += s.coExact * s.items.matched;
      gInd += s.indicators.gold; fInd += s.indicators.found; mInd += s.indicators.matched;
      return `| ${seed} | ${pct(s.items.recall)} | ${pct(s.items.precision)} | ${pct(s.titlesExact)} | ${pct(s.leadExact)} | ${pct(s.coExact)} | ${pct(s.indicators.recall)} | ${pct(s.indicators.precision)} |`;
    });
    const total = {
      recall: mi / gi, precision: mi / fi, titles: titles / mi, lead: lead / mi, co: co / mi,
      indRecall: mInd / gInd, indPrecision: mInd / fInd,
    };
    console.log(
      [
        'Importer accuracy against test/fixtures/gold',
        '| seed | items recall | items precision | titles exact | lead | co | indicators recall | indicators precision |',
        '|---|---|---|---|---|---|---|---|',
        ...rows,
        `| all | ${pct(total.recall)} | ${pct(total.precision)} | ${pct(total.titles)} | ${pct(total.lead)} | ${pct(total.co)} | ${pct(total.indRecall)} | ${pct(total.indPrecision)} |`,
      ].join('\n'),
    );
    // The acceptance bar over all seeds together.
    expect(total.titles).toBeGreaterThanOrEqual(0.95);
    expect(total.indRecall).toBeGreaterThanOrEqual(0.95);
    expect(total.indPrecision).toBeGreaterThanOrEqual(0.95);
  });
});
