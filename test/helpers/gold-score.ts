/**
 * Scores the importer's JSON against a hand-made gold annotation (test/fixtures/gold).
 * Items are matched on number + path + kind; titles, departments and deadlines are compared
 * on matched items; indicators are matched as whole tuples.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PlanJson } from '#importer';

export interface GoldPlan extends PlanJson {
  seed: string;
  notes?: string;
}

export interface Score {
  items: { gold: number; found: number; matched: number; recall: number; precision: number };
  titlesExact: number;
  leadExact: number;
  coExact: number;
  dueExact: number;
  /** Responsible units (lead and co together) over matched items: true/false positives, false negatives. */
  units: { tp: number; fp: number; fn: number };
  indicators: { gold: number; found: number; matched: number; recall: number; precision: number };
  meta: { title: boolean; issuer: boolean; issued: boolean; sections: boolean };
  mismatches: string[];
}

const GOLD_DIR = join(process.cwd(), 'test', 'fixtures', 'gold');
export const SEEDS_DIR = join(process.cwd(), 'seeds');

export function loadGoldPlans(): GoldPlan[] {
  return readdirSync(GOLD_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(GOLD_DIR, f), 'utf8')) as GoldPlan);
}

const itemKey = (i: { number: string; path: string[]; kind: string }) => `${i.number}|${i.path.join('/')}|${i.kind}`;
const indicatorKey = (x: PlanJson['indicators'][number]) => JSON.stringify([x.name, x.op, x.value, x.unit, x.year, x.path]);
const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);

export function score(gold: PlanJson, got: PlanJson): Score {
  const mismatches: string[] = [];
  const goldItems = new Map(gold.items.map((i) => [itemKey(i), i]));
  const gotItems = new Map(got.items.map((i) => [itemKey(i), i]));
  let matched = 0;
  let titles = 0;
  let lead = 0;
  let co = 0;
  let due = 0;
  const units = { tp: 0, fp: 0, fn: 0 };
  for (const [key, g] of goldItems) {
    const o = gotItems.get(key);
    if (!o) {
      mismatches.push(`missing item ${key} ${g.title}`);
      continue;
    }
    matched++;
    const goldUnits = new Set([...g.lead, ...g.co]);
    const gotUnits = new Set([...o.lead, ...o.co]);
    for (const u of gotUnits) if (goldUnits.has(u)) units.tp++; else units.fp++;
    for (const u of goldUnits) if (!gotUnits.has(u)) units.fn++;
    if (o.title === g.title) titles++;
    else mismatches.push(`title ${key}: got ${JSON.stringify(o.title)} want ${JSON.stringify(g.title)}`);
    if (JSON.stringify(o.lead) === JSON.stringify(g.lead)) lead++;
    else mismatches.push(`lead ${key}: got ${JSON.stringify(o.lead)} want ${JSON.stringify(g.lead)}`);
    if (JSON.stringify(o.co) === JSON.stringify(g.co)) co++;
    else mismatches.push(`co ${key}: got ${JSON.stringify(o.co)} want ${JSON.stringify(g.co)}`);
    if (o.due === g.due) due++;
    else mismatches.push(`due ${key}: got ${JSON.stringify(o.due)} want ${JSON.stringify(g.due)}`);
  }
  for (const key of gotItems.keys()) if (!goldItems.has(key)) mismatches.push(`extra item ${key}`);

  const goldInd = new Set(gold.indicators.map(indicatorKey));
  const gotInd = got.indicators.map(indicatorKey);
  const indMatched = gotInd.filter((k) => goldInd.has(k)).length;
  for (const k of gotInd) if (!goldInd.has(k)) mismatches.push(`extra indicator ${k}`);
  const gotSet = new Set(gotInd);
  for (const k of goldInd) if (!gotSet.has(k)) mismatches.push(`missing indicator ${k}`);

  const sectionsEqual = JSON.stringify(gold.sections) === JSON.stringify(got.sections);
  if (!sectionsEqual) mismatches.push(`sections: got ${JSON.stringify(got.sections)}`);
  for (const f of ['title', 'issuer', 'issued'] as const) {
    if (gold[f] !== got[f]) mismatches.push(`${f}: got ${JSON.stringify(got[f])} want ${JSON.stringify(gold[f])}`);
  }
  return {
    items: { gold: goldItems.size, found: gotItems.size, matched, recall: ratio(matched, goldItems.size), precision: ratio(matched, gotItems.size) },
    titlesExact: ratio(titles, matched),
    leadExact: ratio(lead, matched),
    coExact: ratio(co, matched),
    dueExact: ratio(due, matched),
    units,
    indicators: { gold: goldInd.size, found: gotInd.length, matched: indMatched, recall: ratio(indMatched, goldInd.size), precision: ratio(indMatched, gotInd.length) },
    meta: { title: gold.title === got.title, issuer: gold.issuer === got.issuer, issued: gold.issued === got.issued, sections: sectionsEqual },
    mismatches,
  };
}
