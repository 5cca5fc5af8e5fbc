import type { ParsedPlan } from './types.js';

/** The JSON form of a parsed plan, with the field names of test/fixtures/gold. */
export interface PlanJson {
  title: string | null;
  issuer: string | null;
  issued: string | null;
  sections: { number: string; title: string }[];
  items: { number: string; path: string[]; title: string; kind: string; lead: string[]; co: string[]; due: string | null }[];
  indicators: { name: string; op: string; value: number; unit: string | null; year: number | null; path: string[] }[];
  warnings?: string[];
}

export function toPlanJson(plan: ParsedPlan): PlanJson {
  return {
    title: plan.title,
    issuer: plan.issuer,
    issued: plan.issued,
    sections: plan.sections.map((s) => ({ number: s.number, title: s.title })),
    items: plan.items.map((i) => ({
      number: i.number,
      path: i.path,
      title: i.title,
      kind: i.kind,
      lead: i.lead,
      co: i.co,
      due: i.due,
    })),
    indicators: plan.indicators.map((x) => ({ name: x.name, op: x.op, value: x.value, unit: x.unit, year: x.year, path: x.path })),
    ...(plan.warnings.length > 0 ? { warnings: plan.warnings } : {}),
  };
}

/** The plan as the import preview shows it: each item with the note its units were read from. */
export type PreviewPlanJson = Omit<PlanJson, 'items'> & { items: (PlanJson['items'][number] & { note: string | null })[] };

export function toPreviewJson(plan: ParsedPlan): PreviewPlanJson {
  const json = toPlanJson(plan);
  return { ...json, items: json.items.map((item, k) => ({ ...item, note: plan.items[k].note })) };
}
