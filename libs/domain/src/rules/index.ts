export { parseDue, parseSmallNumber, type DueKind, type ParsedDue } from './due.js';
export { seriesKeyOf } from './series-key.js';
export { resolveDeadline, type ResolvedDeadline } from './deadline.js';
export {
  indicatorProgress,
  INDICATOR_PROGRESS_LABELS,
  type IndicatorProgress,
  type IndicatorProgressInput,
} from './indicator-progress.js';
export { isLateReport, periodOf } from './reporting.js';
export {
  ACTION_LABELS,
  decideTransition,
  isActiveStatus,
  isCompletedStatus,
  ITEM_STATUSES,
  STATUS_ACTIONS,
  STATUS_RULES,
  type ItemRelation,
  type ItemStatus,
  type StatusAction,
  type TransitionResult,
  WITHDRAWN_STATUS,
} from './status.js';
export { readOnlyReason, type ReadOnlyInput } from './read-only.js';
export { isOverdue, trafficLight, type LightInput, type LightResult, type TrafficLight, type WorkingDayCounter } from './traffic-light.js';
export { passwordProblem, PASSWORD_MIN_LENGTH } from './password.js';
export { readingWriteRefusal, type ReadingWriter } from './indicator-writer.js';
export { EXTENSION_INVITATIONS, EXTENSION_KIND_LABELS, EXTENSION_KINDS, extensionKindOn, type ExtensionKind } from './extension.js';
export { decideItemAction, ITEM_ACTION_LABELS, ITEM_ACTIONS, itemActions, type ItemActionDecision, type ItemActionInput, type ItemActionName } from './item-actions.js';
export { AUDIT_ACTION_LABELS, auditSentence, type AuditSentenceInput, readableDate } from './audit-sentence.js';
export { departmentSimilarity, NEAR_MATCH_THRESHOLD, nearestDepartment, type NamedDepartment } from './department-match.js';
export { CHAT_MIN_INTERVAL_MS, CHAT_PLATFORM_LABELS, CHAT_PLATFORMS, type ChatPlatform } from './chat-platforms.js';
export { DECISION_EVENTS, decisionOfAction, type DecisionEvent } from './decisions.js';
