import { indicatorProgress } from './indicator-progress.js';

describe('indicatorProgress', () => {
  const base = { op: '>=' as const, target: 180, targetYear: 2025, baseline: 100, baselineYear: 2023 };
  it.each([
    ['no reading', { latest: null, latestAt: null }, 'no_data'],
    ['target reached', { latest: 185, latestAt: 2024.5 }, 'met'],
    // Half of 2023..2025 (3 years) elapsed at 2024.5; 50% of the way is needed: 140.
    ['half way at half time', { latest: 140, latestAt: 2024.5 }, 'on_pace'],
    ['a third of the way at half time', { latest: 126, latestAt: 2024.5 }, 'behind'],
    ['no baseline', { latest: 150, latestAt: 2024.5, baseline: null, baselineYear: null }, 'behind'],
  ] as const)('%s', (_name, extra, expected) => {
    expect(indicatorProgress({ ...base, ...extra })).toBe(expected);
  });

  it.each([
    ['<=', 5, 4, 'met'],
    ['<=', 5, 6, 'behind'],
    ['<', 5, 5, 'behind'],
    ['top', 10, 8, 'met'],
    ['=', 3, 3, 'met'],
  ] as const)('op %s target %s reading %s -> %s', (op, target, latest, expected) => {
    expect(indicatorProgress({ op, target, targetYear: 2025, baseline: null, baselineYear: null, latest, latestAt: 2024 })).toBe(expected);
  });

  it('counts decreasing targets towards the target', () => {
    expect(indicatorProgress({ op: '<=', target: 10, targetYear: 2025, baseline: 20, baselineYear: 2023, latest: 14, latestAt: 2024.5 })).toBe('on_pace');
    expect(indicatorProgress({ op: '<=', target: 10, targetYear: 2025, baseline: 20, baselineYear: 2023, latest: 18, latestAt: 2024.5 })).toBe('behind');
  });
});
