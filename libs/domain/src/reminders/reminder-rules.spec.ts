import { chinaCalendar } from '../calendar/working-days.js';
import {
  DEFAULT_REMINDER_RULES as RULES,
  dueDeadlineReminders,
  isOfficeHour,
  isReportingDutyDue,
  mergeWithEscalation,
  notificationKey,
  parseReminderRules,
  reportingDuty,
} from './reminder-rules.js';

const cal = chinaCalendar();
const brief = (deadline: string, today: string) =>
  dueDeadlineReminders(deadline, today, cal, RULES).map((r) => `${r.rule}#${r.occurrence}@${r.triggerDay} left=${r.daysLeft} over=${r.overdueDays}${r.copyCo ? ' +co' : ''}${r.copyCoordinators ? ' +coord' : ''}`);

// Deadline Friday 2026-10-09, right after the National Day week; hand-counted working days.
describe('dueDeadlineReminders', () => {
  it.each([
    ['2026-10-09', '2026-09-21', []],
    ['2026-10-09', '2026-09-22', ['before#7@2026-09-22 left=7 over=0']],
    ['2026-10-09', '2026-09-30', ['before#7@2026-09-22 left=2 over=0']],
    ['2026-10-09', '2026-10-08', ['before#1@2026-10-08 left=1 over=0']],
    ['2026-10-09', '2026-10-09', ['due#0@2026-10-09 left=0 over=0 +co']],
    ['2026-10-09', '2026-10-12', ['due#0@2026-10-09 left=0 over=2 +co']],
    ['2026-10-09', '2026-10-13', ['overdue#1@2026-10-13 left=0 over=3 +co']],
    ['2026-10-09', '2026-10-15', ['overdue#1@2026-10-13 left=0 over=5 +co', 'escalation#0@2026-10-15 left=0 over=5 +co +coord']],
    ['2026-10-09', '2026-10-16', ['overdue#2@2026-10-16 left=0 over=6 +co +coord', 'escalation#0@2026-10-15 left=0 over=6 +co +coord']],
    // A deadline on a Sunday: the on-the-day reminder goes out the Friday before and replaces "1 day before".
    ['2026-10-25', '2026-10-23', ['due#0@2026-10-23 left=0 over=0 +co']],
    ['2026-10-25', '2026-10-26', ['due#0@2026-10-23 left=0 over=1 +co']],
  ])('deadline %s, today %s', (deadline, today, expected) => {
    expect(brief(deadline, today)).toEqual(expected);
  });

  it('follows configured rules', () => {
    const rules = { ...RULES, beforeDays: [3], onDay: false, overdueEvery: 0, escalateFrom: 0 };
    expect(dueDeadlineReminders('2026-10-09', '2026-09-30', cal, rules).map((r) => r.rule + r.occurrence)).toEqual(['before3']);
    expect(dueDeadlineReminders('2026-10-09', '2026-10-30', cal, rules).map((r) => r.rule + r.occurrence)).toEqual(['before3']);
  });
});

describe('one message per item and day (mergeWithEscalation)', () => {
  const r = (rule: 'before' | 'due' | 'overdue' | 'escalation', occurrence = 0) => ({ rule, occurrence });
  it.each([
    ['nothing new', [], [], []],
    ['an overdue reminder alone', [r('overdue', 2)], ['overdue2'], []],
    ['an escalation alone (the overdue one went out before)', [r('escalation')], ['escalation0'], []],
    ['overdue and escalation new in the same scan', [r('overdue', 2), r('escalation')], ['escalation0'], ['overdue2']],
    ['on-the-day and escalation (no overdue rule)', [r('due'), r('escalation')], ['escalation0'], ['due0']],
  ])('%s', (_name, found, send, merged) => {
    const result = mergeWithEscalation(found);
    expect(result.send.map((x) => x.rule + x.occurrence)).toEqual(send);
    expect(result.merged.map((x) => x.rule + x.occurrence)).toEqual(merged);
  });

  it('merges what a go-live scan finds for an item six working days overdue', () => {
    const found = dueDeadlineReminders('2026-10-09', '2026-10-16', cal, RULES);
    expect(mergeWithEscalation(found).send.map((x) => x.rule)).toEqual(['escalation']);
  });
});

describe('reporting duty', () => {
  it.each([
    ['2026-10', '2026-10-25', '2026-10-21'],
    ['2026-09', '2026-09-25', '2026-09-22'],
    ['2026-11', '2026-11-25', '2026-11-20'],
  ])('%s: deadline %s, reminder %s', (month, deadline, triggerDay) => {
    expect(reportingDuty(month, cal, RULES)).toEqual({ deadline, triggerDay });
  });

  it('clamps the due day to the month', () => {
    expect(reportingDuty('2026-02', cal, { ...RULES, reportDueDay: 31 })?.deadline).toBe('2026-02-28');
  });

  it.each([
    ['2026-10-20', false],
    ['2026-10-21', true],
    ['2026-10-25', true],
    ['2026-10-26', false],
  ])('due on %s = %s', (today, expected) => expect(isReportingDutyDue('2026-10', today, cal, RULES)).toBe(expected));
});

describe('isOfficeHour', () => {
  it.each([
    ['2026-10-10', 9, true],
    ['2026-10-11', 10, false],
    ['2026-10-12', 3, false],
    ['2026-10-12', 17, true],
    ['2026-10-12', 18, false],
  ])('%s %d:00 -> %s', (day, hour, expected) => expect(isOfficeHour(day, hour, cal, RULES)).toBe(expected));
});

describe('notification keys and settings', () => {
  it('keys are deterministic and valid BullMQ job ids', () => {
    const key = notificationKey.deadline(12, { rule: 'overdue', occurrence: 2 }, '2026-10-09');
    expect(key).toBe('item.12.overdue.2026-10-09.2');
    expect(key).not.toContain(':');
  });

  it.each([
    [notificationKey.urge(7), true],
    [notificationKey.deadline(7, { rule: 'due', occurrence: 0 }, '2026-10-09'), false],
    [notificationKey.reportingDuty(7, '2026-10'), false],
    [notificationKey.monthlyReport(7), false],
  ])('%s is an urge: %s', (key, urge) => expect(notificationKey.isUrge(key)).toBe(urge));

  it('reads partial settings over the defaults and rejects bad ones', () => {
    expect(parseReminderRules('{"beforeDays":[5]}')).toEqual({ ...RULES, beforeDays: [5] });
    expect(() => parseReminderRules('{"officeHours":[18,9]}')).toThrow(/officeHours/);
    expect(() => parseReminderRules('{"overdueEvery":-1}')).toThrow(/overdueEvery/);
  });
});
