import { isLateReport, periodOf } from './reporting.js';

describe('reporting month', () => {
  it.each([
    ['2024-10', '2024-10-25', 25, false],
    ['2024-10', '2024-10-26', 25, true],
    ['2024-09', '2024-10-01', 25, true],
    ['2024-02', '2024-02-29', 31, false],
    ['2024-02', '2024-03-01', 31, true],
  ] as const)('report for %s submitted %s, due day %s: late %s', (period, day, dueDay, late) => {
    expect(isLateReport(period, day, dueDay)).toBe(late);
  });
  it('periodOf', () => expect(periodOf('2024-10-03')).toBe('2024-10'));
});
