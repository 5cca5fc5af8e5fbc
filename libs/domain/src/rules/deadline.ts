import { type DueKind, parseDue } from './due.js';


export interface ResolvedDeadline {
  kind: DueKind;
  /** YYYY-MM-DD, null for ongoing ("持续推进"). */
  date: string | null;
  /** The text shown to users. */
  text: string;
}

/**
 * Turns a deadline as a coordinator writes it (or as printed) into a date:
 * "2024-12-20", "2024年12月底前", "年内" (the plan's year), "10个工作日内"
 * (counted from `assignedOn`), "持续推进". Returns null when the text is not a deadline
 * or names no date (e.g. "年内" for a plan without a year).
 */
export function resolveDeadline(
  text: string,
  planYear: number | null,
  assignedOn: string,
  calendar: { addWorkingDays(day: string, n: number): string },
): ResolvedDeadline | null {
  const trimmed = text.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  if (iso) {
    const d = new Date(`${trimmed}T00:00:00Z`);
    if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== trimmed) return null;
    return { kind: 'date', date: trimmed, text: trimmed };
  }
  const parsed = parseDue(trimmed, planYear);
  if (!parsed) return null;
  if (parsed.kind === 'ongoing') return { kind: 'ongoing', date: null, text: trimmed };
  if (parsed.kind === 'workdays') return { kind: 'workdays', date: calendar.addWorkingDays(assignedOn, parsed.workdays!), text: trimmed };
  if (!parsed.date) return null;
  return { kind: parsed.kind, date: parsed.date, text: trimmed };
}
