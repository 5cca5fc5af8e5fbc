import { parseDue, parseSmallNumber, type ParsedDue } from './due.js';

describe('parseDue', () => {
  const cases: [string | null, number | null, ParsedDue | null][] = [
    ['2024年12月底前', 2023, { kind: 'month_end', date: '2024-12-31' }],
    ['2024年2月底前', null, { kind: 'month_end', date: '2024-02-29' }],
    ['2023年2月底', null, { kind: 'month_end', date: '2023-02-28' }],
    ['2024年6月末前完成', null, { kind: 'month_end', date: '2024-06-30' }],
    ['6月底前', 2025, { kind: 'month_end', date: '2025-06-30' }],
    ['6月底前', null, { kind: 'month_end' }],
    ['2024年底前', 2023, { kind: 'year_end', date: '2024-12-31' }],
    ['2025年年底前', null, { kind: 'year_end', date: '2025-12-31' }],
    ['年底前', 2024, { kind: 'year_end', date: '2024-12-31' }],
    ['2024年6月30日前', null, { kind: 'date', date: '2024-06-30' }],
    ['2024年6月30日之前', null, { kind: 'date', date: '2024-06-30' }],
    ['２０２４年６月３０日前', null, { kind: 'date', date: '2024-06-30' }],
    ['9月15日前', 2024, { kind: 'date', date: '2024-09-15' }],
    ['年内', 2024, { kind: 'year_end', date: '2024-12-31' }],
    ['年内', null, { kind: 'year_end' }],
    ['持续推进', 2024, { kind: 'ongoing' }],
    ['长期坚持', null, { kind: 'ongoing' }],
    ['10个工作日内', 2024, { kind: 'workdays', workdays: 10 }],
    ['十五个工作日内', null, { kind: 'workdays', workdays: 15 }],
    ['2024年2月30日前', null, null],
    ['2024年13月底前', null, null],
    ['0个工作日内', null, null],
    ['尽快', 2024, null],
    ['底前', 2024, null],
    ['2024年', 2024, null],
    ['', 2024, null],
    [null, 2024, null],
  ];
  it.each(cases)('%s (plan year %s) -> %j', (text, year, expected) => {
    expect(parseDue(text, year)).toEqual(expected);
  });
});

describe('parseSmallNumber', () => {
  it.each([
    ['7', 7],
    ['十', 10],
    ['十五', 15],
    ['二十', 20],
    ['三十一', 31],
    ['五', 5],
    ['百', null],
    ['', null],
  ])('%s -> %s', (text, n) => {
    expect(parseSmallNumber(text)).toBe(n);
  });
});
