import type { WorkingCalendar } from '../calendar/working-days.js';
import { reminderRulesProblems } from './reminder-rules-input.js';

/**
 * Reminder rules (提醒规则) as data. Defaults: 7 and 1 working days before the deadline, on the
 * day, then every 3 working days while overdue; from 5 working days overdue the coordinating
 * office gets a copy (escalation); 3 working days before the monthly progress-report deadline
 * every department that has not reported for an item it leads is reminded. Mail goes out on
 * working days between officeHours[0]:00 and officeHours[1]:00 Asia/Shanghai.
 */
export interface ReminderRuleSettings {
  /** Working days before the deadline, e.g. [7, 1]. */
  beforeDays: number[];
  /** A reminder on the deadline itself. */
  onDay: boolean;
  /** While overdue, every this many working days (0 = never). */
  overdueEvery: number;
  /** From this many working days overdue, coordinators get a copy (0 = never). */
  escalateFrom: number;
  /** Rules whose mail also goes to the co departments (配合单位). */
  copyCo: DeadlineRule[];
  /** Day of the month by which progress reports (进展报送) are due. */
  reportDueDay: number;
  /** Working days before that day when the reporting-duty reminder goes out (0 = never). */
  reportDutyBefore: number;
  /** [first hour, hour after the last] of office hours, local time. */
  officeHours: [number, number];
}

export type DeadlineRule = 'before' | 'due' | 'overdue' | 'escalation';

export const DEFAULT_REMINDER_RULES: ReminderRuleSettings = {
  beforeDays: [7, 1],
  onDay: true,
  overdueEvery: 3,
  escalateFrom: 5,
  copyCo: ['due', 'overdue', 'escalation'],
  reportDueDay: 25,
  reportDutyBefore: 3,
  officeHours: [9, 18],
};

/** One reminder that is due for an item on a given day. */
export interface DueReminder {
  rule: DeadlineRule;
  /** "before": working days before; "overdue": the n-th overdue reminder; else 0. */
  occurrence: number;
  /** Working day on which this reminder became due. */
  triggerDay: string;
  /** Working days left until the deadline (0 on or after it). */
  daysLeft: number;
  /** Working days past the deadline (0 before it). */
  overdueDays: number;
  copyCo: boolean;
  copyCoordinators: boolean;
}

interface Stage {
  rule: DeadlineRule;
  occurrence: number;
  triggerDay: string;
}

/**
 * The reminders due for an open item with this deadline on `today`.
 * Deadline reminders form a sequence of stages (7 days before, 1 day before, on the day,
 * overdue #1, #2, ...): only the latest stage reached is due, so a worker that was down
 * for days sends the current reminder once, not every one it missed. The escalation is a
 * one-off that is never superseded. A deadline on a day off is reminded on the last
 * working day before it.
 */
export function dueDeadlineReminders(deadline: string, today: string, calendar: WorkingCalendar, rules: ReminderRuleSettings): DueReminder[] {
  const stages: Stage[] = [];
  for (const n of [...new Set(rules.beforeDays)].filter((n) => n > 0).sort((a, b) => b - a)) {
    stages.push({ rule: 'before', occurrence: n, triggerDay: calendar.addWorkingDays(deadline, -n) });
  }
  if (rules.onDay) {
    stages.push({ rule: 'due', occurrence: 0, triggerDay: calendar.isWorkingDay(deadline) ? deadline : calendar.addWorkingDays(deadline, -1) });
  }
  const overdueDays = calendar.workingDaysBetween(deadline, today);
  if (rules.overdueEvery > 0) {
    const k = Math.floor(overdueDays / rules.overdueEvery);
    if (k >= 1) stages.push({ rule: 'overdue', occurrence: k, triggerDay: calendar.addWorkingDays(deadline, k * rules.overdueEvery) });
  }
  // Later stages win, also when two fall on the same day (e.g. "1 day before" and a deadline on a Sunday).
  let current: Stage | undefined;
  for (const stage of stages) if (stage.triggerDay <= today && (!current || stage.triggerDay >= current.triggerDay)) current = stage;

  const daysLeft = calendar.workingDaysBetween(today, deadline);
  const escalated = rules.escalateFrom > 0 && overdueDays >= rules.escalateFrom;
  const make = (s: Stage): DueReminder => ({
    ...s,
    daysLeft,
    overdueDays,
    copyCo: rules.copyCo.includes(s.rule),
    // A property of the stage, not of today: the same key must always mean the same mail.
    copyCoordinators: s.rule === 'escalation' || (s.rule === 'overdue' && rules.escalateFrom > 0 && s.occurrence * rules.overdueEvery >= rules.escalateFrom),
  });
  const due: DueReminder[] = current ? [make(current)] : [];
  if (escalated) {
    due.push(make({ rule: 'escalation', occurrence: 0, triggerDay: calendar.addWorkingDays(deadline, rules.escalateFrom) }));
  }
  return due;
}

/**
 * One message per item and day: the reminders of one item that a scan finds new together. When the
 * escalation is among them (e.g. the first scan after going live, or after the worker was down for
 * days, finds an item both overdue and escalated), it alone is sent: it goes to the coordinating office
 * with the lead and co-departments copied and says how long the item is overdue, so the office and the
 * departments get one mail, not an escalation and an overdue copy. The others are recorded as merged
 * into it (never sent later either).
 */
export function mergeWithEscalation<T extends { rule: DeadlineRule }>(found: T[]): { send: T[]; merged: T[] } {
  if (!found.some((r) => r.rule === 'escalation')) return { send: found, merged: [] };
  return { send: found.filter((r) => r.rule === 'escalation'), merged: found.filter((r) => r.rule !== 'escalation') };
}

/** Why a reminder merged into its escalation was not sent (the notification row's lastError). */
export const MERGED_INTO_ESCALATION = '已并入同日的逾期升级提醒(抄送牵头单位和配合单位),不单独发送';

/** The monthly progress-report deadline of a month ("2026-10") and the day its duty reminder is due. */
export function reportingDuty(month: string, calendar: WorkingCalendar, rules: ReminderRuleSettings): { deadline: string; triggerDay: string } | null {
  if (rules.reportDutyBefore <= 0) return null;
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const deadline = `${month}-${String(Math.min(rules.reportDueDay, last)).padStart(2, '0')}`;
  return { deadline, triggerDay: calendar.addWorkingDays(deadline, -rules.reportDutyBefore) };
}

/** Is the reporting-duty reminder of `month` due on `today` (from its trigger day up to the deadline)? */
export function isReportingDutyDue(month: string, today: string, calendar: WorkingCalendar, rules: ReminderRuleSettings): boolean {
  const duty = reportingDuty(month, calendar, rules);
  return duty !== null && today >= duty.triggerDay && today <= duty.deadline;
}

/** Mail goes out on working days during office hours only. */
export function isOfficeHour(day: string, hour: number, calendar: WorkingCalendar, rules: ReminderRuleSettings): boolean {
  return calendar.isWorkingDay(day) && hour >= rules.officeHours[0] && hour < rules.officeHours[1];
}

/** Notification keys: deterministic, unique per event, usable as BullMQ job ids (no ":"). */
export const notificationKey = {
  deadline: (itemId: number, r: Pick<DueReminder, 'rule' | 'occurrence'>, deadline: string) => `item.${itemId}.${r.rule}.${deadline}.${r.occurrence}`,
  reportingDuty: (departmentId: number, month: string) => `duty.${departmentId}.${month}`,
  urge: (urgeId: number) => `urge.${urgeId}`,
  monthlyReport: (reportId: number) => `report.${reportId}`,
  /** A decision about `refId` (extension request, progress report, item, plan); `occurrence` tells repeated ones apart (an item returned twice). */
  decision: (event: string, refId: number, occurrence?: number) => `decision.${event}.${refId}${occurrence === undefined ? '' : `.${occurrence}`}`,
  /** An urge (催办) goes out at once: its mail jumps the queue of reminders waiting for the rate limit. */
  isUrge: (key: string) => key.startsWith('urge.'),
};

/** Validates DUBAN_REMINDER_RULES (a JSON object with any of the settings) on top of the defaults. */
export function parseReminderRules(json: string | undefined): ReminderRuleSettings {
  if (!json) return DEFAULT_REMINDER_RULES;
  let given: unknown;
  try {
    given = JSON.parse(json);
  } catch {
    throw new Error('DUBAN_REMINDER_RULES: not valid JSON');
  }
  if (typeof given !== 'object' || given === null || Array.isArray(given)) throw new Error('DUBAN_REMINDER_RULES: must be a JSON object');
  const rules = { ...DEFAULT_REMINDER_RULES, ...(given as Partial<ReminderRuleSettings>) };
  const problems = reminderRulesProblems(rules);
  if (problems.length) throw new Error(`DUBAN_REMINDER_RULES: ${problems.join('; ')}`);
  return rules;
}
