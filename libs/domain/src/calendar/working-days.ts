import { createRequire } from 'node:module';

/**
 * Mainland China's working-day calendar: weekends off, public holidays off, make-up
 * workdays (调休) on. The data comes from the chinese-days package (it follows the State
 * Council's yearly notice); to update it run `npm update chinese-days` and commit the lock
 * file. Until a new release is out, or for local arrangements, extra days can be given in
 * DUBAN_CALENDAR_OVERRIDES (see calendarFromOverrides).
 */
export interface CalendarData {
  /** Days off that would otherwise be working days (YYYY-MM-DD). */
  holidays: Iterable<string>;
  /** Weekend days that are working days (调休上班). */
  workdays: Iterable<string>;
}

/** All days are YYYY-MM-DD strings of the Asia/Shanghai calendar; no Date objects cross this API. */
export class WorkingCalendar {
  private readonly holidays: Set<string>;
  private readonly workdays: Set<string>;
  /** Years the data covers (a year with at least one listed holiday). */
  readonly coveredYears: ReadonlySet<number>;

  constructor(data: CalendarData) {
    this.holidays = new Set(data.holidays);
    this.workdays = new Set(data.workdays);
    for (const day of this.workdays) this.holidays.delete(day);
    this.coveredYears = new Set([...this.holidays].map((d) => Number(d.slice(0, 4))));
  }

  /** A new calendar with extra holidays / make-up workdays on top of this one. */
  withOverrides(extra: CalendarData): WorkingCalendar {
    // The settings are read again every few seconds: the same adjustments give the same calendar
    // (and its index is not built again).
    const key = JSON.stringify([[...extra.holidays], [...extra.workdays]]);
    if (this.lastOverrides?.key === key) return this.lastOverrides.calendar;
    const calendar = this.applyOverrides(extra);
    this.lastOverrides = { key, calendar };
    return calendar;
  }

  private lastOverrides: { key: string; calendar: WorkingCalendar } | undefined;

  private applyOverrides(extra: CalendarData): WorkingCalendar {
    const holidays = new Set(this.holidays);
    const workdays = new Set(this.workdays);
    for (const d of extra.holidays) {
      holidays.add(d);
      workdays.delete(d);
    }
    for (const d of extra.workdays) {
      workdays.add(d);
      holidays.delete(d);
    }
    return new WorkingCalendar({ holidays, workdays });
  }

  covers(day: string): boolean {
    return this.coveredYears.has(Number(day.slice(0, 4)));
  }

  isWorkingDay(day: string): boolean {
    if (this.workdays.has(day)) return true;
    if (this.holidays.has(day)) return false;
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  }

  /**
   * The working day n working days after day (n > 0) or before it (n < 0); n = 0 returns day itself.
   * Counting starts from the neighbouring day, so addWorkingDays(d, -1) is the last working day before d.
   */
  addWorkingDays(day: string, n: number): string {
    if (n === 0) return day;
    const index = this.index();
    const i = index.offset(day);
    if (i !== null) {
      // n > 0: the first day after `day` by which n more working days have passed.
      // n < 0: the first day w with |n| working days in [w, day), which is itself a working day.
      const target = n > 0 ? index.through(i) + n : index.through(i - 1) + n + 1;
      const j = target >= 1 ? index.firstReaching(target) : null;
      if (j !== null) return index.day(j);
    }
    let current = day;
    let left = Math.abs(n);
    const step = n < 0 ? -1 : 1;
    while (left > 0) {
      current = addDays(current, step);
      if (this.isWorkingDay(current)) left--;
    }
    return current;
  }

  /** Working days in (from, to]: 0 when to <= from. "How many working days overdue" is workingDaysBetween(deadline, today). */
  workingDaysBetween(from: string, to: string): number {
    if (to <= from) return 0;
    const index = this.index();
    const i = index.offset(from);
    const j = index.offset(to);
    if (i !== null && j !== null) return index.through(j) - index.through(i);
    let count = 0;
    for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (this.isWorkingDay(d)) count++;
    return count;
  }

  private indexed: WorkingDayIndex | undefined;

  /** Built on first use: the counting methods answer by lookup instead of walking day by day. */
  private index(): WorkingDayIndex {
    return (this.indexed ??= new WorkingDayIndex(this.holidays, this.workdays));
  }

  /** The first working day on or after day. */
  nextWorkingDay(day: string): string {
    return this.isWorkingDay(day) ? day : this.addWorkingDays(day, 1);
  }
}

const DAY_MS = 86_400_000;
/** The span the index covers; days outside it are counted day by day. */
const INDEX_FIRST_YEAR = 2000;
const INDEX_LAST_YEAR = 2100;

/**
 * Cumulative working days over 2000-01-01..2100-12-31: through(i) is the number of working days
 * from the first day up to and including day i, so a count between two days is one subtraction
 * and "the n-th working day after" one binary search. About 37,000 entries (150 kB).
 */
class WorkingDayIndex {
  private readonly first = Date.UTC(INDEX_FIRST_YEAR, 0, 1) / DAY_MS;
  private readonly size = Date.UTC(INDEX_LAST_YEAR + 1, 0, 1) / DAY_MS - this.first;
  private readonly counts: Int32Array;

  /** Weekends off, then the holidays and make-up workdays (the calendar's own lists, workdays winning). */
  constructor(holidays: Iterable<string>, workdays: Iterable<string>) {
    const days = this.size;
    const working = new Uint8Array(days);
    // Day 0 of the epoch (1970-01-01) was a Thursday (weekday 4).
    for (let i = 0; i < days; i++) {
      const weekday = (this.first + i + 4) % 7;
      working[i] = weekday === 0 || weekday === 6 ? 0 : 1;
    }
    for (const day of holidays) {
      const i = this.offset(day);
      if (i !== null) working[i] = 0;
    }
    for (const day of workdays) {
      const i = this.offset(day);
      if (i !== null) working[i] = 1;
    }
    this.counts = new Int32Array(days);
    let total = 0;
    for (let i = 0; i < days; i++) this.counts[i] = total += working[i]!;
  }

  /** Position of a YYYY-MM-DD day in the index, or null outside it. */
  offset(day: string): number | null {
    const i = Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / DAY_MS - this.first;
    return Number.isInteger(i) && i >= 0 && i < this.size ? i : null;
  }

  day(i: number): string {
    return new Date((this.first + i) * DAY_MS).toISOString().slice(0, 10);
  }

  /** Working days from the start of the index through position i (0 before the start). */
  through(i: number): number {
    return i < 0 ? 0 : this.counts[i]!;
  }

  /** The first position whose count reaches target (a working day), or null past the end. */
  firstReaching(target: number): number | null {
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.counts[mid]! >= target) hi = mid;
      else lo = mid + 1;
    }
    return lo < this.size ? lo : null;
  }
}

/** Plain calendar arithmetic on YYYY-MM-DD. */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

interface ChineseDaysJson {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

let defaultCalendar: WorkingCalendar | undefined;

/** The calendar from the installed chinese-days package (2004 up to the latest published year). */
export function chinaCalendar(): WorkingCalendar {
  if (!defaultCalendar) {
    const json = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as ChineseDaysJson;
    defaultCalendar = new WorkingCalendar({ holidays: Object.keys(json.holidays), workdays: Object.keys(json.workdays) });
  }
  return defaultCalendar;
}

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day written YYYY-MM-DD (2026-02-30 is not). */
export function isCalendarDay(value: unknown): value is string {
  return typeof value === 'string' && DAY_RE.test(value) && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;
}

/** Local holiday adjustments: the one definition of a valid list, for DUBAN_CALENDAR_OVERRIDES and the 管理 page. */
export interface CalendarOverrides {
  holidays: string[];
  workdays: string[];
}

export const MAX_CALENDAR_OVERRIDES = 1000;

/** "field: message" for each problem of a set of overrides (empty when valid). */
export function calendarOverridesProblems(value: Partial<Record<keyof CalendarOverrides, unknown>>): string[] {
  const problems: string[] = [];
  const names = { holidays: '放假日期', workdays: '调休上班日期' } as const;
  for (const key of ['holidays', 'workdays'] as const) {
    const list = value[key] ?? [];
    if (!Array.isArray(list)) problems.push(`${key}: ${names[key]}必须是日期列表`);
    else if (list.length > MAX_CALENDAR_OVERRIDES) problems.push(`${key}: ${names[key]}最多 ${MAX_CALENDAR_OVERRIDES} 个`);
    else {
      const bad = list.filter((d) => !isCalendarDay(d));
      if (bad.length) problems.push(`${key}: ${names[key]}必须是 YYYY-MM-DD 格式的真实日期:${bad.slice(0, 3).map(String).join('、')}`);
    }
  }
  if (Array.isArray(value.holidays) && Array.isArray(value.workdays)) {
    const both = value.holidays.filter((d) => (value.workdays as unknown[]).includes(d));
    if (both.length) problems.push(`workdays: 同一天不能既放假又上班:${both.slice(0, 3).map(String).join('、')}`);
  }
  return problems;
}

/**
 * Reads DUBAN_CALENDAR_OVERRIDES: `{"holidays":["2027-01-01"],"workdays":["2027-02-07"]}`.
 * Throws with a message naming the bad entry.
 */
export function calendarFromOverrides(json: string | undefined): CalendarOverrides {
  if (!json) return { holidays: [], workdays: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new Error('DUBAN_CALENDAR_OVERRIDES: not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('DUBAN_CALENDAR_OVERRIDES: must be a JSON object');
  const given = parsed as Partial<Record<keyof CalendarOverrides, unknown>>;
  const problems = calendarOverridesProblems(given);
  if (problems.length) throw new Error(`DUBAN_CALENDAR_OVERRIDES.${problems.join('; ')}`);
  return { holidays: [...((given.holidays as string[] | undefined) ?? [])].sort(), workdays: [...((given.workdays as string[] | undefined) ?? [])].sort() };
}
