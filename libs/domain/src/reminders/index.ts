export {
  DEFAULT_REMINDER_RULES,
  dueDeadlineReminders,
  isOfficeHour,
  isReportingDutyDue,
  MERGED_INTO_ESCALATION,
  mergeWithEscalation,
  notificationKey,
  parseReminderRules,
  reportingDuty,
  type DeadlineRule,
  type DueReminder,
  type ReminderRuleSettings,
} from './reminder-rules.js';
export { DEADLINE_RULES, ReminderRulesInput, reminderRulesProblems } from './reminder-rules-input.js';
