import type { ParsedItem, ParsedPlan } from '#importer';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The hand-made annotation of one seed (test/fixtures/gold/*.json). */
export interface Gold {
  seed: string;
  title: string;
  issuer: string | null;
  issued: string | null;
  sections: { number: string; title: string }[];
  items: { number: string; path: string[]; title: string; kind: ParsedItem['kind']; lead: string[]; co: string[]; due: string | null }[];
  indicators: { name: string; op: ParsedPlan['indicators'][number]['op']; value: number; unit: string | null; year: number | null; path: string[] }[];
}

export const GOLD_DIR = join(import.meta.dirname, '..', 'fixtures', 'gold');
export const SEEDS_DIR = join(import.meta.dirname, '..', '..', 'seeds');

export function loadGold(): Gold[] {
  return readdirSync(GOLD_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(GOLD_DIR, f), 'utf8')) as Gold);
}

const CN: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

function cnNumber(text: string): number {
  if (text.length === 1) return CN[text]!;
  if (text.startsWith('十')) return 10 + (CN[text[1]!] ?? 0);
  return CN[text[0]!]! * 10 + (CN[text[2] ?? ''] ?? 0);
}

/** "(三)" -> "(3)", "26" -> "26": the importer's documented normalisation, for fixtures built from gold. */
export function normalizeNumber(printed: string): string {
  const m = /^[((]([一二三四五六七八九十]+)[))]$/u.exec(printed);
  if (m) return `(${cnNumber(m[1]!)})`;
  return printed.replace(/[.、.]$/u, '');
}

/** A ParsedPlan with the gold's content, standing in for the importer's output. */
export function parsedPlanFromGold(gold: Gold): ParsedPlan {
  const items: ParsedItem[] = [];
  for (const [i, g] of gold.items.entries()) {
    const section = gold.sections.findIndex((s) => `${s.number}${s.title}` === g.path[0]);
    let parent: number | null = null;
    if (g.path.length > 1) {
      const label = g.path[g.path.length - 1];
      for (let j = items.length - 1; j >= 0; j--) {
        if (`${items[j]!.number}${items[j]!.title}` === label) {
          parent = j;
          break;
        }
      }
    }
    items.push({
      number: g.number,
      normalizedNumber: normalizeNumber(g.number),
      level: g.path.length,
      section: section >= 0 ? section : null,
      parent,
      path: g.path,
      title: g.title,
      body: `${g.number}${g.title}。`,
      kind: g.kind,
      lead: g.lead,
      co: g.co,
      due: g.due,
      note: null,
      lineStart: i + 1,
      lineEnd: i + 1,
    });
  }
  return {
    title: gold.title,
    issuer: gold.issuer,
    issued: gold.issued,
    docNumber: null,
    sections: gold.sections.map((s, i) => ({ ...s, body: `${s.number}${s.title}`, lineStart: i, lineEnd: i })),
    items,
    indicators: gold.indicators,
    warnings: [],
  };
}

/** Parser for PlanImportService whose "documents" are ParsedPlan JSON. */
export const jsonParser = (buffer: Buffer): Promise<ParsedPlan> => Promise.resolve(JSON.parse(buffer.toString('utf8')) as ParsedPlan);
