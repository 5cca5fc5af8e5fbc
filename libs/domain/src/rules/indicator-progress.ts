import type { IndicatorOpValue } from '../entities/indicator.entity.js';

export type IndicatorProgress = 'met' | 'on_pace' | 'behind' | 'no_data';

export const INDICATOR_PROGRESS_LABELS: Record<IndicatorProgress, string> = {
  met: '已达标',
  on_pace: '进度正常',
  behind: '进度滞后',
  no_data: '暂无数据',
};

export interface IndicatorProgressInput {
  op: IndicatorOpValue;
  target: number;
  targetYear: number | null;
  /** Value at the start of the plan (first reading), when known: pace is measured from it. */
  baseline: number | null;
  baselineYear: number | null;
  latest: number | null;
  /** Year (with fraction, e.g. 2024.5 for mid-2024) of the latest reading. */
  latestAt: number | null;
}

function meets(op: IndicatorOpValue, value: number, target: number): boolean {
  switch (op) {
    case '>=':
    case 'top':
      return op === 'top' ? value <= target : value >= target;
    case '>':
      return value > target;
    case '<=':
      return value <= target;
    case '<':
      return value < target;
    case '=':
      return value === target;
  }
}

/**
 * 达标 when the latest reading meets the target; otherwise on pace when it has covered at
 * least the share of the way from the baseline that the time elapsed towards the target
 * year calls for (linear pace); behind otherwise. "top" targets are ranks: lower is better.
 */
export function indicatorProgress(input: IndicatorProgressInput): IndicatorProgress {
  const { op, target, latest } = input;
  if (latest === null) return 'no_data';
  if (meets(op, latest, target)) return 'met';
  if (input.baseline === null || input.baselineYear === null || input.targetYear === null || input.latestAt === null) return 'behind';
  const span = input.targetYear + 1 - input.baselineYear;
  if (span <= 0) return 'behind';
  const timeShare = Math.min(1, Math.max(0, (input.latestAt - input.baselineYear) / span));
  const distance = target - input.baseline;
  if (distance === 0) return 'behind';
  const covered = (latest - input.baseline) / distance;
  return covered >= timeShare ? 'on_pace' : 'behind';
}
