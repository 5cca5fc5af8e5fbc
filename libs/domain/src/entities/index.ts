import { Assignment } from './assignment.entity.js';
import { Department, DepartmentAlias } from './department.entity.js';
import { Indicator } from './indicator.entity.js';
import { Item } from './item.entity.js';
import { Plan } from './plan.entity.js';
import { ApiToken } from './api-token.entity.js';
import { AuditLog } from './audit-log.entity.js';
import { ExtensionRequest } from './extension-request.entity.js';
import { IndicatorReading } from './indicator-reading.entity.js';
import { ProgressReport, ProgressReportVersion, ReportAttachment, ReportComment } from './progress-report.entity.js';
import { Urge } from './urge.entity.js';
import { User } from './user.entity.js';
import { MonthlyReport } from './monthly-report.entity.js';
import { Notification } from './notification.entity.js';
import { PendingJob } from './pending-job.entity.js';
import { LoginThrottle } from './login-throttle.entity.js';
import { Setting } from './setting.entity.js';
import { PlanRevision } from './plan-revision.entity.js';
import { OfficialDocument } from './official-document.entity.js';
import { ItemEvidence } from './item-evidence.entity.js';
import { InboxNotification } from './inbox-notification.entity.js';
import { ChatChannel } from './chat-channel.entity.js';
import { ChatDelivery } from './chat-delivery.entity.js';

export { Assignment, ASSIGNMENT_ROLES, type AssignmentRole } from './assignment.entity.js';
export { Department, DepartmentAlias } from './department.entity.js';
export { Indicator, INDICATOR_OPS, type IndicatorOpValue } from './indicator.entity.js';
export { Item, ITEM_KINDS, INITIAL_ITEM_STATUS, type ItemKindValue } from './item.entity.js';
export { Plan } from './plan.entity.js';
export { PlanRevision, type AppliedLink, type RevisionMove } from './plan-revision.entity.js';
export { ApiToken, API_TOKEN_KINDS, type ApiTokenKind } from './api-token.entity.js';
export { AuditLog } from './audit-log.entity.js';
export { ExtensionRequest, EXTENSION_STATES, type ExtensionState } from './extension-request.entity.js';
export { IndicatorReading } from './indicator-reading.entity.js';
export { ProgressReport, ProgressReportVersion, ReportAttachment, ReportComment, REPORT_STATES, type ReportState } from './progress-report.entity.js';
export { Urge } from './urge.entity.js';
export { ItemEvidence } from './item-evidence.entity.js';
export { User, USER_ROLES, type UserRole } from './user.entity.js';
export { MonthlyReport } from './monthly-report.entity.js';
export { Setting } from './setting.entity.js';
export { OfficialDocument } from './official-document.entity.js';
export { PendingJob } from './pending-job.entity.js';
export { LoginThrottle } from './login-throttle.entity.js';
export { Notification, NOTIFICATION_KINDS, NOTIFICATION_STATUSES, type NotificationAudience, type NotificationKind, type NotificationStatus } from './notification.entity.js';
export { InboxNotification } from './inbox-notification.entity.js';
export { ChatChannel } from './chat-channel.entity.js';
export { ChatDelivery, CHAT_DELIVERY_STATUSES, type ChatDeliveryStatus } from './chat-delivery.entity.js';

/** Every entity, for the DataSource. */
export const ENTITIES = [
  Plan,
  Item,
  Department,
  DepartmentAlias,
  Assignment,
  Indicator,
  User,
  ApiToken,
  ProgressReport,
  ReportAttachment,
  ExtensionRequest,
  Urge,
  IndicatorReading,
  AuditLog,
  Notification,
  MonthlyReport,
  Setting,
  PendingJob,
  LoginThrottle,
  PlanRevision,
  OfficialDocument,
  ItemEvidence,
  ProgressReportVersion,
  ReportComment,
  InboxNotification,
  ChatChannel,
  ChatDelivery,
];
