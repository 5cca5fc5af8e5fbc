/**
 * The label catalog: the Chinese words users read for every coded value, in one place for the API,
 * the worker's mails and reports, and the web. The codes come from libs/domain (the Record types
 * make the compiler refuse a catalog that misses or invents a code); the status list, the status
 * machine and its action labels are libs/domain's own, re-exported, never copied.
 *
 * Only pure modules of libs/domain are imported as values here (the web bundles this file).
 */
import type { AssignmentRole } from '../../domain/src/entities/assignment.entity.js';
import type { ExtensionState } from '../../domain/src/entities/extension-request.entity.js';
import type { IndicatorOpValue } from '../../domain/src/entities/indicator.entity.js';
import type { ItemKindValue } from '../../domain/src/entities/item.entity.js';
import type { NotificationKind, NotificationStatus } from '../../domain/src/entities/notification.entity.js';
import type { ReportState } from '../../domain/src/entities/progress-report.entity.js';
import type { UserRole } from '../../domain/src/entities/user.entity.js';
import type { DeadlineRule } from '../../domain/src/reminders/reminder-rules.js';
import type { DueKind } from '../../domain/src/rules/due.js';
import type { TrafficLight } from '../../domain/src/rules/traffic-light.js';
import type { SettingSource } from '../../domain/src/settings/settings.js';

export { INDICATOR_PROGRESS_LABELS, type IndicatorProgress } from '../../domain/src/rules/indicator-progress.js';
export { AUDIT_ACTION_LABELS } from '../../domain/src/rules/audit-sentence.js';
export { nearestDepartment } from '../../domain/src/rules/department-match.js';
export { EXTENSION_KIND_LABELS, type ExtensionKind } from '../../domain/src/rules/extension.js';
export { ITEM_ACTION_LABELS, type ItemActionName } from '../../domain/src/rules/item-actions.js';
export { CHAT_PLATFORM_LABELS, CHAT_PLATFORMS, type ChatPlatform } from '../../domain/src/rules/chat-platforms.js';
export {
  ACTION_LABELS,
  isCompletedStatus,
  ITEM_STATUSES,
  STATUS_ACTIONS,
  STATUS_RULES,
  type ItemRelation,
  type ItemStatus,
  type StatusAction,
} from '../../domain/src/rules/status.js';
export type { AssignmentRole, DeadlineRule, DueKind, ExtensionState, IndicatorOpValue, ItemKindValue, NotificationKind, NotificationStatus, ReportState, SettingSource, TrafficLight, UserRole };

export const ROLE_LABELS: Record<UserRole, string> = { admin: '系统管理员', coordinator: '质量强市办', editor: '部门填报', viewer: '只读', leader: '领导' };

export const LIGHT_LABELS: Record<TrafficLight, string> = { red: '红灯', yellow: '黄灯', green: '绿灯' };

export const KIND_LABELS: Record<ItemKindValue, string> = { section: '章节', group: '分组', task: '任务', safeguard: '保障措施', context: '总体要求' };

export const ASSIGNMENT_ROLE_LABELS: Record<AssignmentRole, string> = { lead: '牵头', co: '配合' };

export const DEADLINE_KIND_LABELS: Record<DueKind, string> = {
  date: '具体日期',
  month_end: '月底前',
  year_end: '年内',
  ongoing: '持续推进',
  workdays: '工作日内',
};

/** Comparison signs of indicator targets (top = "前 N 名"). */
export const COMPARISON_SIGNS: Record<IndicatorOpValue, string> = { '>=': '≥', '<=': '≤', '=': '=', '>': '>', '<': '<', top: '前' };

export const EXTENSION_STATE_LABELS: Record<ExtensionState, string> = { pending: '待审批', approved: '已批准', rejected: '已驳回' };

export const REPORT_STATE_LABELS: Record<ReportState, string> = { draft: '草稿未报送', submitted: '已报送' };

export const NOTIFICATION_STATUS_LABELS: Record<NotificationStatus, string> = { pending: '待发送', sent: '已发送', no_recipients: '无收件人', withdrawn: '已撤销' };

export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = { deadline: '期限提醒', duty: '报送提醒', urge: '催办', report: '月报', decision: '办理结果' };

export const SETTING_SOURCE_LABELS: Record<SettingSource, string> = { admin: '管理页面设置', env: '服务器环境变量', default: '系统默认' };

/** How a 月报 was started (MonthlyReport.trigger). */
export const REPORT_TRIGGER_LABELS: Record<string, string> = { schedule: '定时', api: '手动', cli: '命令行' };

/** Reminder rules that can be copied to the co-departments (ReminderRules.copyCo). */
export const REMINDER_RULE_LABELS: Record<DeadlineRule, string> = { before: '期限前', due: '到期当日', overdue: '逾期', escalation: '抄送质量强市办' };
