/**
 * Request and response shapes of the endpoints the web pages use. The web's typed client
 * (apps/web/src/api.ts) is written against these; field names are the API's.
 */
import type {
  AssignmentRole,
  ChatPlatform,
  DeadlineRule,
  DueKind,
  ExtensionKind,
  ExtensionState,
  IndicatorOpValue,
  IndicatorProgress,
  ItemActionName,
  ItemKindValue,
  ItemStatus,
  NotificationKind,
  NotificationStatus,
  ReportState,
  SettingSource,
  StatusAction,
  TrafficLight,
  UserRole,
} from './labels.js';

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: UserRole;
  departmentId: number | null;
}

export interface LoginRequest {
  username: string;
  password: string;
}
export interface LoginResponse {
  token: string;
  user: SessionUser;
}
export interface PasswordChangeRequest {
  currentPassword: string;
  newPassword: string;
}

export interface TodayResponse {
  today: string;
}

export interface PlanSummary {
  id: number;
  title: string | null;
  sourceFileName: string;
  issuer: string | null;
  /** 发文字号. */
  docNumber: string | null;
  issued: string | null;
  city: string | null;
  startDate: string | null;
  endDate: string | null;
  /** Archived: its items are out of the active lists and get no reminders. */
  archived: boolean;
  version: number;
  current: boolean;
  supersededById: number | null;
  taskCount: number;
  itemCount: number;
}

export interface PlanTreeNode {
  id: number;
  number: string;
  title: string;
  kind: ItemKindValue;
  lead: string[];
  co: string[];
  dueText: string | null;
  children: PlanTreeNode[];
}

export interface PlanDetail extends PlanSummary {
  warnings: string[] | null;
  items: PlanTreeNode[];
  /** A version made by a revision: whether 撤销本次修订 is possible now, else why not; null for a first import. */
  undo: { allowed: boolean; reason: string | null } | null;
}

/** PATCH /api/plans/:id: only the fields sent change; null clears one. Dates are YYYY-MM-DD. */
export interface PlanUpdateRequest {
  title?: string;
  issuer?: string | null;
  docNumber?: string | null;
  issued?: string | null;
  startDate?: string | null;
  endDate?: string | null;
  city?: string | null;
  archived?: boolean;
}

/** POST /api/plans/:id/undo-revision: the undone version is gone, the previous one is current again. */
export interface UndoRevisionResponse {
  planId: number;
  previousPlanId: number;
}

export interface IndicatorRow {
  id: number;
  name: string;
  op: IndicatorOpValue;
  targetValue: number;
  unit: string | null;
  targetYear: number | null;
  path: string[] | null;
}

export interface DepartmentRow {
  id: number;
  name: string;
  aliases?: string[];
  contactEmails?: string[];
  leadCount?: number;
  coCount?: number;
}

export interface ItemListRow {
  id: number;
  number: string;
  title: string;
  path: string[];
  kind: ItemKindValue;
  lead: string[];
  co: string[];
  dueText: string | null;
  status: ItemStatus;
  light: TrafficLight;
  lightReasons: string[];
}

export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface ItemDetail {
  id: number;
  planId: number;
  number: string;
  title: string;
  path: string[];
  kind: ItemKindValue;
  body: string;
  departments: { id: number; name: string; role: AssignmentRole }[];
  dueText: string | null;
  deadline: string | null;
  deadlineKind: DueKind | null;
  status: ItemStatus;
  statusReason: string | null;
  light: TrafficLight;
  lightReasons: string[];
  overdue: boolean;
  version: number;
  sourceLineStart: number | null;
  sourceLineEnd: number | null;
  /** The plan (version) the item belongs to, by its name. */
  plan: { id: number; title: string; version: number; current: boolean; archived: boolean };
  /** Why nothing may be written on the item (old version, withdrawn, archived plan), or null. */
  readOnly: string | null;
  /** The item of the newer version this one became (已被第N版替代), or null. */
  supersededBy: { itemId: number; planId: number; version: number } | null;
  /** What the signed-in user may do on the item, each with the reason when not: the page offers exactly the allowed ones. */
  actions: ItemActionRow[];
  /** The last 报完成: its 办结情况, when and by whom. */
  completion: { statement: string; at: string; by: string | null } | null;
  /** 佐证材料 attached to the item (GET /api/items/:id/evidence/:evidenceId). */
  evidence: { id: number; fileName: string; size: number; createdAt: string; uploadedBy: string | null }[];
}

export interface ItemActionRow {
  action: ItemActionName;
  allowed: boolean;
  reason?: string;
}

export interface TransitionRequest {
  action: StatusAction;
  reason?: string;
  version: number;
}

export interface Attachment {
  id: number;
  fileName: string;
  size: number;
}

export interface ProgressReportRow {
  id: number;
  itemId: number;
  departmentId: number;
  departmentName: string;
  role: AssignmentRole;
  period: string;
  text: string;
  percent: number | null;
  state: ReportState;
  late: boolean;
  version: number;
  submittedAt: string | null;
  updatedAt: string;
  attachments: Attachment[];
  /** When the 质量强市办 read it (then it can no longer be withdrawn). */
  readAt?: string | null;
  /** Why the office sent it back for completion (退回补充), until submitted again. */
  returnReason?: string | null;
}

/** Where a submitted report stands for the office (报送审阅). */
export type ReviewState = 'unread' | 'read' | 'returned' | 'withdrawn';

export const REVIEW_STATE_LABELS: Record<ReviewState, string> = { unread: '未读', read: '已读', returned: '已退回补充', withdrawn: '单位撤回修改中' };

/** GET /api/progress-reports/review */
export interface ReviewRow {
  id: number;
  itemId: number;
  itemNumber: string;
  itemTitle: string;
  planId: number;
  planTitle: string;
  departmentId: number;
  departmentName: string;
  role: AssignmentRole;
  period: string;
  text: string;
  percent: number | null;
  submittedAt: string;
  late: boolean;
  state: ReviewState;
  readAt: string | null;
  returnReason: string | null;
  versions: { number: number; text: string; percent: number | null; submittedAt: string; endedBy: 'withdrawn' | 'returned' | null }[];
  comments: { id: number; author: string; text: string; createdAt: string }[];
}

export interface ReportSaveRequest {
  text: string;
  percent?: number;
  version?: number;
}

export interface ExtensionRow {
  id: number;
  itemId: number;
  previousDeadline: string | null;
  requestedDeadline: string;
  reason: string;
  state: ExtensionState;
  /** 延期申请 (before the deadline) or 逾期说明 (after it). */
  kind: ExtensionKind;
  decisionReason: string | null;
  createdAt: string;
}

export interface UrgeRow {
  id: number;
  message: string;
  createdAt: string;
  deliveredAt: string | null;
  coDepartmentIds: number[];
}

export interface AuditEntry {
  id: number;
  at: string;
  username: string | null;
  action: string;
  before: unknown;
  after: unknown;
  /** Who, by name and department. */
  who: string;
  /** The entry as a Chinese sentence with names and readable values (a draft's, outside its department: "保存了草稿"). */
  sentence: string;
}

export interface AuditPage {
  entries: AuditEntry[];
  total: number;
}

/** One row of 督办总览 and 工作台 lists. */
export interface DashboardItemRow {
  id: number;
  number: string;
  title: string;
  planTitle: string;
  section: string | null;
  lead: string[];
  co: string[];
  dueText: string | null;
  deadline: string | null;
  deadlineKind: DueKind | null;
  daysLeft: number | null;
  overdue: boolean;
  status: ItemStatus;
  light: TrafficLight;
  lightReasons: string[];
}

export interface DashboardItemsPage extends Paged<DashboardItemRow> {
  counts: { light: Record<TrafficLight, number> };
}

export interface WorkbenchRow extends DashboardItemRow {
  role?: AssignmentRole;
  myReport: { id: number; state: ReportState; late: boolean } | null;
}

export interface WorkbenchResponse {
  department: { id: number; name: string };
  period: string;
  reportDueDate: string;
  counts: { lead: number; co: number; overdue: number; yellow: number; due: number };
  due: (WorkbenchRow & { role: AssignmentRole })[];
  urges: { id: number; itemId: number; number: string; title: string; role: AssignmentRole; message: string; createdAt: string }[];
  lead: WorkbenchRow[];
  co: WorkbenchRow[];
  extensions: (ExtensionRow & { number: string; title: string })[];
}

export interface RankingRow {
  rank: number;
  departmentId: number;
  name: string;
  lead: number;
  co: number;
  overdue: number;
  red: number;
  yellow: number;
  green: number;
  closed: number;
  missingThisMonth: number;
  lateReports: number;
  onTimeRate: number;
  reportRate: number;
}

export interface SummaryResponse {
  today: string;
  totals: { items: number; overdue: number; light: Record<TrafficLight, number>; pendingExtensions: number; waitingClose: number };
  byPlan: { title: string; total: number; status: Partial<Record<ItemStatus, number>> }[];
  ranking: RankingRow[];
  trend: { month: string; reports: number; late: number; urges: number; closed: number }[];
  extensions: (ExtensionRow & { number: string; title: string; department: string })[];
  waitingClose: DashboardItemRow[];
  overdue: DashboardItemRow[];
}

export interface BulkAssignmentRequest {
  itemIds: number[];
  lead?: number;
  co?: number[];
  deadline?: string;
}

export interface TableExportRequest {
  title: string;
  columns: string[];
  rows: (string | number | null)[][];
}

export interface IndicatorReadings {
  indicatorId: number;
  name: string;
  op: IndicatorOpValue;
  targetValue: number;
  unit: string | null;
  targetYear: number | null;
  progress: IndicatorProgress;
  progressLabel: string | null;
  /** The department that enters the readings, or null when none is named. */
  departmentId: number | null;
  readings: { period: string; value: number; note?: string | null }[];
}

/** GET /api/indicators/:id/readings/:period/history: each entry or correction, oldest first. */
export interface ReadingHistoryEntry {
  at: string;
  userId: number | null;
  username: string | null;
  value: number;
  note: string | null;
  previous: number | null;
}

export interface MonthlyReportRow {
  id: number;
  month: string;
  title: string;
  trigger: string;
  createdAt: string;
  summary: { items?: number; overdue?: number; missingReports?: number } | null;
  /** docx null: generated before the issuing office was set (管理 → 发文设置), so no 通报. */
  downloads: { html: string; xlsx: string; docx: string | null };
}

export interface ReportJob {
  jobId: string;
  month: string;
}

export interface ReportJobState {
  status: 'waiting' | 'active' | 'completed' | 'failed' | 'delayed' | 'unknown' | string;
}

export interface NotificationRow {
  id: number;
  kind: NotificationKind;
  itemId: number | null;
  subject: string;
  to: string[] | null;
  cc: string[] | null;
  status: NotificationStatus;
  attempts: number;
  lastError: string | null;
  missingContacts: string[] | null;
  createdAt: string;
  sentAt: string | null;
}

export interface MissingContactRow {
  department: string;
  notifications: { subject: string }[];
}

export interface OutboxRow {
  key: string;
  subject: string;
  to: string[];
  cc: string[];
  storedAt: string;
}

export interface UserRow {
  id: number;
  username: string;
  displayName: string;
  role: UserRole;
  departmentId: number | null;
  departmentName: string | null;
  email: string | null;
  active: boolean;
}

export interface ReminderRulesBody {
  beforeDays: number[];
  onDay: boolean;
  overdueEvery: number;
  escalateFrom: number;
  copyCo: DeadlineRule[];
  reportDueDay: number;
  reportDutyBefore: number;
  officeHours: [number, number];
}

export interface SettingOriginView {
  source: SettingSource;
  updatedBy?: string | null;
  updatedAt?: string | null;
  ignored?: string | null;
}

export interface SettingsResponse {
  editable: boolean;
  reminderRules: ReminderRulesBody;
  calendarOverrides: { holidays: string[]; workdays: string[] };
  reportingDeadlineThisMonth: string | null;
  warnWorkingDays: number;
  uploadMaxMb: number;
  calendarCoversThisYear: boolean;
  origin: { reminderRules: SettingOriginView; calendarOverrides: SettingOriginView; issuingOffice?: SettingOriginView; publicUrl: SettingOriginView };
  /** The address mail links start with (管理 page, else DUBAN_PUBLIC_URL). */
  publicUrl: string;
  /** Why mail links will not open for their recipients (a local address while mail goes out by SMTP), or null. */
  publicUrlWarning: string | null;
  /** 发文设置 (issuer of the 通报, 督办通知单 and 催办函); null until an administrator sets it. */
  issuingOffice: IssuingOfficeBody | null;
}

/** PUT /api/settings/issuing-office. numbers: 文号 pattern ({年}, {号}) and first number of each kind. */
export interface IssuingOfficeBody {
  city: string;
  issuer: string;
  signature: string;
  numbers: Record<'circular' | 'notice' | 'letter', { pattern: string; start: number }>;
  cc: string;
  contact: string;
}

/** A numbered official document (督办通知单, 催办函, 通报). */
export interface OfficialDocumentView {
  id: number;
  kind: string;
  number: string;
  title: string;
  issuedOn: string;
  itemIds: number[];
  departmentId: number | null;
  downloads: { html: string; docx: string };
}

export interface ImportPreviewItem {
  path: string[];
  number: string;
  title: string;
  kind: ItemKindValue;
  lead: string[];
  co: string[];
  due: string | null;
  /** The note (sentence) the units were read from, or null when none was. */
  note: string | null;
}

export interface ImportPreviewIndicator {
  name: string;
  op: IndicatorOpValue;
  value: number;
  unit: string | null;
  year: number | null;
  path: string[];
}

export interface ImportPreview {
  plan: { title: string | null; issuer: string | null; issued: string | null; warnings: string[]; items: ImportPreviewItem[]; indicators: ImportPreviewIndicator[] };
  departments: { name: string; items: number; departmentId: number | null }[];
  alreadyImported: { title: string | null; version: number } | null;
  revises: { title: string | null; version: number } | null;
  /** Saving revises a current plan: the comparison with it, to review and decide before saving. */
  revision: RevisionComparisonView | null;
}

/** A run of text in a side-by-side comparison: the same on both sides, or only on one. */
export interface TextSpanView {
  op: 'same' | 'removed' | 'added';
  text: string;
}

/** An item of the comparison: old items by id, new ones by their index in the document. */
export interface ComparedItemView {
  id: number | null;
  index: number | null;
  number: string;
  path: string[];
  title: string;
  body: string;
  dueText: string | null;
  lead: string[];
  co: string[];
}

export type RevisionLinkKind = 'unchanged' | 'changed' | 'split' | 'merge';

export interface ComparedLinkView {
  kind: RevisionLinkKind;
  kindLabel: string;
  reasons: Array<{ code: string; label: string }>;
  confidence: number;
  uncertain: boolean;
  old: ComparedItemView[];
  new: ComparedItemView[];
  titleSpans: TextSpanView[];
  bodySpans: TextSpanView[];
}

export type RevisionProposalView =
  | { newIndex: number; oldItemId: number; field: 'deadline'; from: string | null; to: string }
  | { newIndex: number; oldItemId: number; field: 'departments'; from: { lead: string[]; co: string[] }; to: { lead: string[]; co: string[] } };

export interface RevisionComparisonView {
  previous: { planId: number; title: string; version: number };
  counts: Record<RevisionLinkKind | 'added' | 'removed' | 'uncertain', number>;
  links: ComparedLinkView[];
  added: ComparedItemView[];
  removed: ComparedItemView[];
  proposals: RevisionProposalView[];
}

/** The `decisions` field of POST /api/imports: old items by id, new items by index. */
export interface RevisionDecisionsBody {
  links: Array<{ old: number[]; new: number[] }>;
  unlinkOld: number[];
  unlinkNew: number[];
  proposals: Array<{ newIndex: number; field: 'deadline' | 'departments'; decision: 'accept' | 'keep' }>;
}

export interface ImportDiffRow {
  path: string[];
  number: string;
  title: string;
  previousTitle?: string | null;
}

export interface ImportResult {
  status: 'created' | 'unchanged' | 'revised';
  planId: number;
  title: string | null;
  version: number;
  diff: { added: ImportDiffRow[]; removed: ImportDiffRow[]; changed: ImportDiffRow[] } | null;
}

/** GET /api/auth/sessions: where the user is signed in (unexpired, unrevoked), oldest first. */
export interface SessionRow {
  id: number;
  createdAt: string;
  expiresAt: string | null;
  ip: string | null;
  userAgent: string | null;
  /** The session this request is signed in with. */
  current: boolean;
}

/** GET /api/auth/tokens: the user's personal API tokens (never the token itself). */
export interface TokenRow {
  id: number;
  name: string;
  kind: 'session' | 'personal';
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
}

/** GET /api/me/notifications: one's in-app notifications. */
export interface InboxRow {
  id: number;
  key: string;
  kind: NotificationKind;
  title: string;
  body: string;
  /** A page of the web interface (`#/items/12`), or null. */
  link: string | null;
  itemId: number | null;
  createdAt: string;
  readAt: string | null;
}

export interface InboxResponse {
  unread: number;
  items: InboxRow[];
}

/** GET /api/chat-channels: a department's group-chat robot, its address masked and its secret never sent. */
export interface ChatChannelRow {
  id: number;
  departmentId: number;
  departmentName: string;
  platform: ChatPlatform;
  webhook: string;
  hasSecret: boolean;
  active: boolean;
  lastError: string | null;
  createdAt: string;
}
