import { calendarFromOverrides, chinaCalendar, WorkingCalendar } from './working-days.js';
import { previousMonth, shanghai, shanghaiInstant } from './clock.js';

// Expected values worked out by hand from the State Council's 2026 holiday notice:
// 国庆/中秋 10-01..10-07 off, 09-25..09-27 off (中秋), make-up workdays Sun 09-20 and Sat 10-10.
describe('chinaCalendar', () => {
  const cal = chinaCalendar();

  it.each([
    ['2026-10-08', true, 'Thursday after National Day'],
    ['2026-10-05', false, 'National Day holiday'],
    ['2026-10-10', true, 'Saturday make-up workday (调休)'],
    ['2026-10-11', false, 'ordinary Sunday'],
    ['2026-09-20', true, 'Sunday make-up workday'],
    ['2026-09-25', false, 'Mid-Autumn Festival (Friday)'],
    ['2026-11-23', true, 'ordinary Monday'],
    ['2026-11-21', false, 'ordinary Saturday'],
    ['2026-02-16', false, 'Spring Festival'],
  ])('%s working day = %s (%s)', (day, expected) => {
    expect(cal.isWorkingDay(day)).toBe(expected);
  });

  it.each([
    ['2026-10-09', -7, '2026-09-22'],
    ['2026-10-09', -1, '2026-10-08'],
    ['2026-09-30', 1, '2026-10-08'],
    ['2026-09-19', 1, '2026-09-20'],
    ['2026-10-09', 3, '2026-10-13'],
    ['2026-10-25', -1, '2026-10-23'],
    ['2026-10-12', 0, '2026-10-12'],
  ])('addWorkingDays(%s, %d) = %s', (day, n, expected) => {
    expect(cal.addWorkingDays(day, n)).toBe(expected);
  });

  it.each([
    ['2026-10-09', '2026-10-15', 5],
    ['2026-09-22', '2026-10-09', 7],
    ['2026-10-09', '2026-10-09', 0],
    ['2026-10-09', '2026-10-01', 0],
  ])('workingDaysBetween(%s, %s) = %d', (from, to, expected) => {
    expect(cal.workingDaysBetween(from, to)).toBe(expected);
  });

  it('knows which years its data covers', () => {
    expect(cal.covers('2026-06-01')).toBe(true);
    expect(cal.covers('2099-06-01')).toBe(false);
  });

  it('takes local overrides on top of the package data', () => {
    const extra = calendarFromOverrides('{"holidays":["2026-11-23"],"workdays":["2026-11-21"]}');
    const local = cal.withOverrides(extra);
    expect(local.isWorkingDay('2026-11-23')).toBe(false);
    expect(local.isWorkingDay('2026-11-21')).toBe(true);
    expect(cal.isWorkingDay('2026-11-23')).toBe(true);
  });

  it('refuses malformed overrides naming the field', () => {
    expect(() => calendarFromOverrides('{"holidays":["23.11.2026"]}')).toThrow(/holidays/);
  });

  it('a plain calendar without data has weekends only', () => {
    const plain = new WorkingCalendar({ holidays: [], workdays: [] });
    expect(plain.isWorkingDay('2026-10-01')).toBe(true);
    expect(plain.isWorkingDay('2026-10-03')).toBe(false);
  });
});

// The counting methods answer from a cumulative index; these compare them with counting day by
// day through isWorkingDay, over holidays, make-up days, year ends and the index's own edges.
describe('working-day counting agrees with walking the calendar day by day', () => {
  const cal = chinaCalendar().withOverrides({ holidays: ['2026-11-23'], workdays: ['2026-11-21'] });
  const step = (day: string, by: number) => {
    const d = new Date(`${day}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + by);
    return d.toISOString().slice(0, 10);
  };
  const walkAdd = (day: string, n: number) => {
    let current = day;
    for (let left = Math.abs(n); left > 0; ) {
      current = step(current, Math.sign(n));
      if (cal.isWorkingDay(current)) left--;
    }
    return current;
  };
  const walkBetween = (from: string, to: string) => {
    let count = 0;
    for (let d = step(from, 1); d <= to; d = step(d, 1)) if (cal.isWorkingDay(d)) count++;
    return count;
  };
  // Days around holidays, weekends, the local overrides, year ends and the index span 2000..2100.
  const days = [
    '1999-12-20', '2000-01-01', '2000-01-03', '2000-01-10', '2009-10-01', '2025-12-31', '2026-01-01', '2026-02-14',
    '2026-09-19', '2026-09-20', '2026-09-30', '2026-10-01', '2026-10-08', '2026-10-10', '2026-11-20', '2026-11-21',
    '2026-11-22', '2026-11-23', '2026-12-31', '2027-01-01', '2100-12-20', '2100-12-31', '2101-01-05',
  ];
  const counts = [-400, -31, -8, -7, -3, -2, -1, 0, 1, 2, 3, 7, 8, 31, 400];

  it.each(days.flatMap((day) => counts.map((n) => [day, n] as const)))('addWorkingDays(%s, %d)', (day, n) => {
    expect(cal.addWorkingDays(day, n)).toBe(walkAdd(day, n));
  });

  it.each(days.flatMap((from) => days.filter((to) => Math.abs(Date.parse(to) - Date.parse(from)) < 800 * 86_400_000).map((to) => [from, to] as const)))(
    'workingDaysBetween(%s, %s)',
    (from, to) => {
      expect(cal.workingDaysBetween(from, to)).toBe(walkBetween(from, to));
    },
  );
});

describe('Asia/Shanghai clock helpers', () => {
  it.each([
    ['2026-09-30T16:30:00Z', '2026-10-01', 0],
    ['2026-10-01T01:00:00Z', '2026-10-01', 9],
    ['2026-10-31T23:59:00Z', '2026-11-01', 7],
  ])('%s is %s %d:xx in Shanghai', (iso, day, hour) => {
    const s = shanghai(new Date(iso));
    expect([s.day, s.hour]).toEqual([day, hour]);
  });

  it('builds instants from local wall time', () => {
    expect(shanghaiInstant('2026-11-01', 8).toISOString()).toBe('2026-11-01T00:00:00.000Z');
  });

  it.each([
    ['2026-10', '2026-09'],
    ['2027-01', '2026-12'],
  ])('previousMonth(%s) = %s', (m, expected) => expect(previousMonth(m)).toBe(expected));
});

describe('calendar with local adjustments', () => {
  it('gives the same calendar for the same adjustments (read again every few seconds) and a new one when they change', () => {
    const base = new WorkingCalendar({ holidays: [], workdays: [] });
    const a = base.withOverrides({ holidays: ['2026-11-23'], workdays: [] });
    expect(base.withOverrides({ holidays: ['2026-11-23'], workdays: [] })).toBe(a);
    const b = base.withOverrides({ holidays: ['2026-11-24'], workdays: [] });
    expect(b).not.toBe(a);
    expect([b.isWorkingDay('2026-11-23'), b.isWorkingDay('2026-11-24'), b.workingDaysBetween('2026-11-20', '2026-11-24')]).toEqual([true, false, 1]);
  });
});
