import { WorkingCalendar } from '../calendar/working-days.js';
import { resolveDeadline } from './deadline.js';

const calendar = new WorkingCalendar({ holidays: ['2024-10-01', '2024-10-02'], workdays: [] });

describe('resolveDeadline', () => {
  it.each([
    ['2024-12-20', 2024, { kind: 'date', date: '2024-12-20' }],
    ['2024年12月底前', 2024, { kind: 'month_end', date: '2024-12-31' }],
    ['6月底前', 2025, { kind: 'month_end', date: '2025-06-30' }],
    ['年内', 2024, { kind: 'year_end', date: '2024-12-31' }],
    ['持续推进', 2024, { kind: 'ongoing', date: null }],
    // Assigned Fri 2024-09-27: Mon 09-30, (holidays 10-01, 10-02), Thu 10-03 (2), Fri 10-04 (3), 10-07..11 (4-8), 10-14 (9), 10-15 (10).
    ['10个工作日内', 2024, { kind: 'workdays', date: '2024-10-15' }],
    ['三个工作日内', 2024, { kind: 'workdays', date: '2024-10-04' }],
  ] as const)('%s (plan year %s)', (text, year, expected) => {
    expect(resolveDeadline(text, year, '2024-09-27', calendar)).toEqual({ ...expected, text });
  });

  it.each([['2024-02-30'], ['下个月'], ['年内'], ['']])('refuses %j without a date', (text) => {
    expect(resolveDeadline(text, null, '2024-09-27', calendar)).toBeNull();
  });
});
