import { isActiveStatus } from './status.js';
/** The part of the working-day calendar (calendar/working-days.ts) the light needs. */
export interface WorkingDayCounter {
  workingDaysBetween(from: string, to: string): number;
}

export type TrafficLight = 'red' | 'yellow' | 'green';

export interface LightInput {
  status: string;
  /** YYYY-MM-DD, or null for ongoing items and items without a deadline. */
  deadline: string | null;
  /** Today (YYYY-MM-DD) from the injected clock. */
  today: string;
  /** Whether the lead department submitted this month's progress report. */
  reportedThisMonth: boolean;
  /** Whether the item has a lead department (default true). Without one nobody owes a report: no yellow for it. */
  hasLead?: boolean;
  /** Yellow when the deadline is within this many working days. */
  warnWorkingDays: number;
  calendar: WorkingDayCounter;
}

/** 逾期: the deadline passed and the item is not completed. 暂缓 items are not overdue. */
export function isOverdue(status: string, deadline: string | null, today: string): boolean {
  if (deadline === null || !isActiveStatus(status)) return false;
  return today > deadline;
}

export interface LightResult {
  light: TrafficLight;
  overdue: boolean;
  /** Why the light is not green, in Chinese. */
  reasons: string[];
}

/**
 * The traffic light: red when overdue; yellow when the deadline is within warnWorkingDays
 * working days or this month's progress report is missing (owed only where a lead department is
 * assigned); green otherwise.
 * Completed, closed and suspended items are green.
 */
export function trafficLight(input: LightInput): LightResult {
  const { status, deadline, today } = input;
  if (!isActiveStatus(status)) return { light: 'green', overdue: false, reasons: [] };
  if (isOverdue(status, deadline, today)) return { light: 'red', overdue: true, reasons: [`已逾期(期限 ${deadline})`] };
  const reasons: string[] = [];
  if (deadline !== null) {
    const left = input.calendar.workingDaysBetween(today, deadline);
    if (left <= input.warnWorkingDays) reasons.push(`距期限仅剩 ${left} 个工作日`);
  }
  if (!input.reportedThisMonth && input.hasLead !== false) reasons.push('本月进展未报送');
  return { light: reasons.length > 0 ? 'yellow' : 'green', overdue: false, reasons };
}
