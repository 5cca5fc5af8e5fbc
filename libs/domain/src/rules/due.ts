/** A deadline as printed in a plan, read as a rule. */
export type DueKind = 'date' | 'month_end' | 'year_end' | 'ongoing' | 'workdays';

export interface ParsedDue {
  kind: DueKind;
  /** The last day on which the item is on time (YYYY-MM-DD), when the text and plan year fix one. */
  date?: string;
  /** For kind "workdays": the number of working days. */
  workdays?: number;
}

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** "15", "十五", "二十", "三十" -> number; null when not a number. */
export function parseSmallNumber(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  const m = /^([一二两三四五六七八九])?(十)?([一二三四五六七八九])?$/u.exec(text);
  if (!m || text === '') return null;
  const [, tens, ten, units] = m;
  if (!ten) return tens && !units ? CN_DIGITS[tens]! : null;
  return (tens ? CN_DIGITS[tens]! : 1) * 10 + (units ? CN_DIGITS[units]! : 0);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function isoDate(year: number, month: number, day: number): string | null {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

function monthEnd(year: number, month: number): string | null {
  if (month < 1 || month > 12) return null;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return isoDate(year, month, last);
}

const BEFORE = '(?:前|之前|以前)?(?:完成)?';
const DATE_RE = new RegExp(`^(?:(\\d{4})年)?(\\d{1,2})月(\\d{1,2})[日号]${BEFORE}$`, 'u');
const MONTH_END_RE = new RegExp(`^(?:(\\d{4})年)?(\\d{1,2})月(?:底|末|份)${BEFORE}$`, 'u');
const YEAR_END_RE = new RegExp(`^(?:(\\d{4})年年?|年)(?:底|末)${BEFORE}$`, 'u');
const WITHIN_YEAR_RE = /^(?:(\d{4})年)?(?:年内|全年|当年|本年度内?)(?:完成)?$/u;
const ONGOING_RE = /^(?:持续推进|持续开展|持续实施|长期坚持|长期推进|长期|持续|常态化推进|常态化)$/u;
const WORKDAYS_RE = /^([0-9一二两三四五六七八九十]+)个工作日(?:内|之内)(?:完成)?$/u;

/**
 * Reads a deadline as printed in a plan ("2024年12月底前", "年内", "10个工作日内").
 * planYear fills in a missing year ("6月底前", "年内"); without it such texts keep
 * their kind but get no date. Returns null for text that is not a deadline rule.
 */
export function parseDue(dueText: string | null | undefined, planYear: number | null): ParsedDue | null {
  if (!dueText) return null;
  const text = dueText.normalize('NFKC').replace(/[\s,.;:,。;:]/gu, '');
  if (text === '') return null;

  const withDate = (kind: DueKind, date: string | null): ParsedDue | null => (date ? { kind, date } : { kind });

  let m = DATE_RE.exec(text);
  if (m) {
    const year = m[1] ? Number(m[1]) : planYear;
    if (year === null) return { kind: 'date' };
    const date = isoDate(year, Number(m[2]), Number(m[3]));
    return date ? { kind: 'date', date } : null;
  }
  m = MONTH_END_RE.exec(text);
  if (m) {
    const month = Number(m[2]);
    if (month < 1 || month > 12) return null;
    const year = m[1] ? Number(m[1]) : planYear;
    return withDate('month_end', year === null ? null : monthEnd(year, month));
  }
  m = YEAR_END_RE.exec(text);
  if (m) {
    const year = m[1] ? Number(m[1]) : planYear;
    return withDate('year_end', year === null ? null : `${year}-12-31`);
  }
  m = WITHIN_YEAR_RE.exec(text);
  if (m) {
    const year = m[1] ? Number(m[1]) : planYear;
    return withDate('year_end', year === null ? null : `${year}-12-31`);
  }
  if (ONGOING_RE.test(text)) return { kind: 'ongoing' };
  m = WORKDAYS_RE.exec(text);
  if (m) {
    const n = parseSmallNumber(m[1]!);
    return n !== null && n > 0 ? { kind: 'workdays', workdays: n } : null;
  }
  return null;
}
