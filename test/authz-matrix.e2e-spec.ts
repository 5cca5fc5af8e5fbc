// The authorization matrix (issue 19): every route of the API's own OpenAPI document (plus the documents
// and the queue dashboard, which are outside it) has a rule here saying, for each of seven principals,
// whether it is allowed or denied. The rules are written from README "Accounts and the department
// workflow" and "Security", not from the code: a route without a rule fails the suite, so a new route
// cannot escape.
// - Writes: every denied principal (and a personal token, and a cookie session without the CSRF header)
//   sends a request an allowed principal then sends successfully; the denied one gets 401/403/404 and the
//   database (every table, every stored file) is unchanged.
// - Reads: every GET target is read by every principal; the denied get 401/403/404.
// - Leaks: unique marker strings are planted in private data (drafts, their attachments, other people's
//   sessions, tokens and e-mail addresses, the outbox, notifications, the API documents, the queue
//   dashboard); every response body and header of the whole suite is searched for the markers its
//   principal may not see.
import { ApiToken, InboxNotification, Indicator, Item, MonthlyReport, Notification, PendingJob, type Plan, USER_ROLES, type UserRole } from '#domain';
import { PlanImportService } from '#plan-import';
import { QUEUES } from '#queue';
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DataSource } from 'typeorm';
import { startApp, type RunningApp } from './helpers/app.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';
import { SEEDS_DIR } from './helpers/gold.js';

// ---------------------------------------------------------------------------------------------
// Principals.

const ROLES = ['anonymous', 'admin', 'coordinator', 'viewer', 'leader', 'leadEditor', 'coEditor', 'otherEditor'] as const;
type Role = (typeof ROLES)[number];
/** The eight roles, leadEditor's personal API token (Bearer), and a cookie session sent without X-CSRF-Token. */
type Principal = Role | 'token' | 'cookie';

type SignedIn = Exclude<Role, 'anonymous'>;
const SIGNED_IN: SignedIn[] = ['admin', 'coordinator', 'viewer', 'leader', 'leadEditor', 'coEditor', 'otherEditor'];
/** The account role each signed-in principal has. */
const ACCOUNT_ROLE: Record<SignedIn, UserRole> = { admin: 'admin', coordinator: 'coordinator', viewer: 'viewer', leader: 'leader', leadEditor: 'editor', coEditor: 'editor', otherEditor: 'editor' };
const OFFICE: Role[] = ['admin', 'coordinator'];
/** 领导 reads what the office reads (督办总览, every 工作台, 报送审阅, 提醒记录, the audit log) and writes nothing. */
const OFFICE_READ: Role[] = [...OFFICE, 'leader'];
const ADMIN: Role[] = ['admin'];
const LEAD_OF_MAIN: Role[] = ['leadEditor'];
const EVERYONE: Role[] = [...ROLES];

const PASSWORD = 'authz-pass-word-1';
const PERIOD = '2026-03';
const EARLIER = '2026-02';

/** Markers: unique strings planted in data, and the roles that may see each. The personal token sees what leadEditor sees. */
const M = {
  leadDraft: { value: 'MARKleadDraftQ7x', visible: ['leadEditor'] as Role[] },
  leadAttachmentName: { value: 'MARKleadAttachName3k', visible: ['leadEditor'] as Role[] },
  leadAttachmentBody: { value: 'MARKleadAttachBody9p', visible: ['leadEditor'] as Role[] },
  coDraft: { value: 'MARKcoDraftW2m', visible: ['coEditor'] as Role[] },
  otherDraft: { value: 'MARKotherDraftZ5n', visible: ['otherEditor'] as Role[] },
  // Submitted: every signed-in user reads it, nobody signed out.
  submitted: { value: 'MARKsubmittedR4t', visible: SIGNED_IN },
  submittedAttachment: { value: 'MARKsubmittedAttachJ8', visible: SIGNED_IN },
  monthly: { value: 'MARKmonthlyHtmlV6', visible: SIGNED_IN },
  // The office reads the audit log, where e-mail addresses (user.create), browsers (auth.login) and token names (token.create) are recorded.
  leadEmail: { value: 'mark-lead-email-u1@example.gov.cn', visible: OFFICE_READ },
  coUserAgent: { value: 'MARKcoBrowserUA', visible: ['coEditor', ...OFFICE_READ] as Role[] },
  coTokenName: { value: 'MARKcoTokenName', visible: ['coEditor', ...OFFICE_READ] as Role[] },
  notification: { value: 'MARKnotificationSubj', visible: OFFICE_READ },
  outbox: { value: 'MARKoutboxMailBody', visible: OFFICE_READ },
  // Another user's in-app notice: only its owner (otherEditor) reads it.
  inbox: { value: 'MARKinboxNoticeK4', visible: ['otherEditor'] as Role[] },
  // A group robot's webhook address: shown masked (its last 4 characters) even to admins; its secret is in `secrets`.
  chatWebhook: { value: 'MARKchatWebhookT2', visible: [] as Role[] },
  // A comment on a report and the reason it was returned: the office, 领导 (报送审阅, the audit log) and the report's department.
  reviewComment: { value: 'MARKreviewCommentG5', visible: ['leadEditor', ...OFFICE_READ] as Role[] },
  returnReason: { value: 'MARKreturnReasonH3', visible: ['leadEditor', ...OFFICE_READ] as Role[] },
  // Only in the OpenAPI document and the queue dashboard (its title).
  docs: { value: 'CreateUserDto', visible: ADMIN },
  queueBoard: { value: '督办任务队列', visible: ADMIN },
} satisfies Record<string, { value: string; visible: Role[] }>;
/** 发文设置, saved before the first 督办通知单. */
const ISSUING_OFFICE = {
  city: '测试市',
  issuer: '测试市质量强市工作领导小组办公室',
  signature: '测试市质量强市工作领导小组办公室',
  numbers: { circular: { pattern: '测试质强办〔{年}〕{号}号', start: 1 }, notice: { pattern: '测试质强办督〔{年}〕{号}号', start: 1 }, letter: { pattern: '测试质强办催〔{年}〕{号}号', start: 1 } },
};
/** The suite's own group-robot server (answers like 企业微信 and 钉钉 do on success). */
let robotUrl = '';
/** Secrets that never appear in any response but the one that created them (checked from then on). */
const secrets: { value: string; what: string }[] = [];

// ---------------------------------------------------------------------------------------------
// The suite's fixtures, filled in beforeAll.

interface Ids {
  plan: number;
  main: number; // lead 甲 (leadEditor), co 乙 (coEditor)
  otherItem: number; // lead 丙 (otherEditor)
  spareItem: number; // for steering writes
  ext: number[]; // items led by 甲 with a pending extension each
  extensions: number[];
  lead: number;
  co: number;
  other: number;
  mergeFrom: number;
  mergeInto: number;
  spareDept: number;
  leadDraft: number;
  coDraft: number;
  otherDraft: number;
  submitted: number;
  leadAttachment: number;
  submittedAttachment: number;
  indicator: number;
  spareUser: number;
  coToken: number;
  coToken2: number;
  leadSpareSession: number;
  monthly: number;
  reportJob: string;
  /** Submitted reports of 甲 on evidenceItem for 报送审阅: [read×2, return×2, withdraw]. */
  review: number[];
  /** The report returned with the comment and reason markers. */
  returned: number;
  /** An item of 甲 in progress, with one 佐证材料. */
  evidenceItem: number;
  evidence: number;
  document: number;
  otherInbox: number;
  chatSpare: number;
  chatMarked: number;
}

interface Req {
  method: string;
  path: string;
  body?: unknown;
  /** Multipart bodies are built per request (a FormData is consumed when sent). */
  form?: () => FormData;
  headers?: Record<string, string>;
}

interface Answer {
  status: number;
  text: string;
}

interface Ctx {
  ids: Ids;
  api: RunningApp;
  /** The item's current version (the API's own view of it). */
  version(itemId: number): Promise<number>;
  reportVersion(reportId: number, who: Role): Promise<number>;
  /** A session of its own for a principal: the request may end or change it. */
  fresh(username: string, password: string, userAgent?: string): Promise<string>;
  spare: { username: string; password: string };
}

interface WriteRule {
  allowed: Role[];
  /** A request that the allowed principals send successfully, as built for `who`. */
  request(ctx: Ctx, who: Role): Promise<Req> | Req;
  /** Who proves the request valid (default: every allowed role), and with which credential (default: its own). */
  proveWith?: { who: Role; credential: (ctx: Ctx) => Promise<string> };
  /** Whether an allowed request stores something (default true): then the fingerprint must change, which shows it sees writes. */
  stores?: boolean;
  /** What a signed-in denied principal gets (default 403 or 404). */
  deniedStatus?: number[];
  /** What an allowed principal gets (default 2xx). */
  allowedStatus?: number[];
  /** What the suite must remember after the allowed request succeeded. */
  afterAllowed?: (ctx: Ctx) => void;
}

interface ReadTarget {
  path: string;
  visible: Role[];
  /** Whether this is a private read (the figures count these). */
  private?: boolean;
}

/** Header values as a person would read them (a file name is percent-encoded in Content-Disposition). */
function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

const form = (name: string, content: string) => () => {
  const f = new FormData();
  f.append('file', new Blob([Buffer.from(content)]), name);
  return f;
};

// ---------------------------------------------------------------------------------------------
// The matrix: writes. Key "METHOD /path" as in the OpenAPI document (or the dashboard's own routes).

const WRITES: Record<string, WriteRule> = {
  // Public: anyone may try to sign in (slowing and its tests are in auth-security.e2e-spec.ts).
  'POST /api/auth/login': { allowed: EVERYONE, request: (c) => ({ method: 'POST', path: '/api/auth/login', body: { username: c.spare.username, password: c.spare.password } }) },
  // Self-service for every signed-in user, on their own session, password and tokens.
  'POST /api/auth/logout': {
    allowed: SIGNED_IN,
    request: () => ({ method: 'POST', path: '/api/auth/logout' }),
    proveWith: { who: 'viewer', credential: (c) => c.fresh('authz-viewer', PASSWORD) },
  },
  'POST /api/auth/password': {
    allowed: SIGNED_IN,
    request: (c) => ({ method: 'POST', path: '/api/auth/password', body: { currentPassword: c.spare.password, newPassword: `${c.spare.password}-new` } }),
    // Proved by a spare viewer account: the change ends the account's other sessions.
    proveWith: { who: 'viewer', credential: (c) => c.fresh(c.spare.username, c.spare.password) },
    afterAllowed: (c) => {
      c.spare.password = `${c.spare.password}-new`;
    },
  },
  'POST /api/auth/tokens': { allowed: SIGNED_IN, request: (_c, who) => ({ method: 'POST', path: '/api/auth/tokens', body: { name: `authz ${who}` } }) },
  // Sessions: the owner lists and ends them; nobody else (admins neither) finds another user's session.
  'DELETE /api/auth/sessions/{id}': { allowed: LEAD_OF_MAIN, request: (c) => ({ method: 'DELETE', path: `/api/auth/sessions/${c.ids.leadSpareSession}` }) },
  // Personal tokens: revoked by their owner, and by an admin (who manages the accounts).
  'DELETE /api/auth/tokens/{id}': {
    allowed: ['coEditor', 'admin'],
    request: (c, who) => ({ method: 'DELETE', path: `/api/auth/tokens/${who === 'admin' ? c.ids.coToken2 : c.ids.coToken}` }),
  },
  // admin: users, departments, aliases, merges; settings are edited by an administrator.
  'POST /api/users': {
    allowed: ADMIN,
    request: (_c, who) => ({ method: 'POST', path: '/api/users', body: { username: `authz-new-${who}`, displayName: '新用户', password: PASSWORD, role: 'viewer' } }),
  },
  'PATCH /api/users/{id}': { allowed: ADMIN, request: (c, who) => ({ method: 'PATCH', path: `/api/users/${c.ids.spareUser}`, body: { displayName: `改名${who}` } }) },
  'POST /api/departments': { allowed: ADMIN, request: (_c, who) => ({ method: 'POST', path: '/api/departments', body: { name: `新单位${who}` } }) },
  'PATCH /api/departments/{id}': { allowed: ADMIN, request: (c, who) => ({ method: 'PATCH', path: `/api/departments/${c.ids.spareDept}`, body: { name: `备用单位${who}` } }) },
  'POST /api/departments/{id}/aliases': { allowed: ADMIN, request: (c, who) => ({ method: 'POST', path: `/api/departments/${c.ids.spareDept}/aliases`, body: { alias: `别名${who}` } }) },
  'POST /api/departments/{id}/merge': { allowed: ADMIN, request: (c) => ({ method: 'POST', path: `/api/departments/${c.ids.mergeInto}/merge`, body: { from: c.ids.mergeFrom } }) },
  'PUT /api/settings/reminder-rules': {
    allowed: ADMIN,
    request: () => ({
      method: 'PUT',
      path: '/api/settings/reminder-rules',
      body: { beforeDays: [5, 1], onDay: true, overdueEvery: 3, escalateFrom: 5, copyCo: ['due'], reportDueDay: 25, reportDutyBefore: 3, officeHours: [9, 18] },
    }),
  },
  'PUT /api/settings/calendar': { allowed: ADMIN, request: () => ({ method: 'PUT', path: '/api/settings/calendar', body: { holidays: ['2027-01-04'], workdays: [] } }) },
  'DELETE /api/settings/{key}': { allowed: ADMIN, request: () => ({ method: 'DELETE', path: '/api/settings/calendarOverrides' }) },
  // The coordinating office (and admins): assigns, sets deadlines, approves extensions, urges, returns and closes, imports, 月报.
  'PUT /api/items/{id}/assignment': {
    allowed: OFFICE,
    request: async (c) => ({ method: 'PUT', path: `/api/items/${c.ids.spareItem}/assignment`, body: { version: await c.version(c.ids.spareItem), lead: c.ids.other, co: [] } }),
  },
  'PUT /api/items/{id}/deadline': {
    allowed: OFFICE,
    request: async (c) => ({ method: 'PUT', path: `/api/items/${c.ids.spareItem}/deadline`, body: { version: await c.version(c.ids.spareItem), deadline: '2026-11-30' } }),
  },
  'POST /api/assignments/bulk': {
    allowed: OFFICE,
    request: async (c) => ({ method: 'POST', path: '/api/assignments/bulk', body: { itemIds: [c.ids.spareItem], co: [c.ids.co] } }),
  },
  'POST /api/items/{id}/urges': { allowed: OFFICE, request: (c) => ({ method: 'POST', path: `/api/items/${c.ids.main}/urges`, body: { message: '请尽快报送进展', includeCo: true } }) },
  'POST /api/extensions/{id}/approve': {
    allowed: OFFICE,
    request: (c, who) => ({ method: 'POST', path: `/api/extensions/${c.ids.extensions[who === 'coordinator' ? 1 : 0]}/approve`, body: { reason: '同意' } }),
  },
  'POST /api/extensions/{id}/reject': {
    allowed: OFFICE,
    request: (c, who) => ({ method: 'POST', path: `/api/extensions/${c.ids.extensions[who === 'coordinator' ? 3 : 2]}/reject`, body: { reason: '理由不充分' } }),
  },
  'PATCH /api/plans/{id}': { allowed: OFFICE, request: (c, who) => ({ method: 'PATCH', path: `/api/plans/${c.ids.plan}`, body: { city: `城市${who}` } }) },
  'POST /api/plans/{id}/undo-revision': {
    allowed: OFFICE,
    request: (c) => ({ method: 'POST', path: `/api/plans/${c.ids.plan}/undo-revision` }),
    stores: false,
    // The plan is a first version: an allowed principal passes the permission check and is told there is nothing to undo.
    allowedStatus: [409],
  },
  'POST /api/imports/preview': { allowed: OFFICE, stores: false, request: () => ({ method: 'POST', path: '/api/imports/preview', form: form('方案.txt', readFileSync(join(SEEDS_DIR, '003_c000cd268e244dd5.txt'), 'utf8')) }) },
  'POST /api/imports': {
    allowed: OFFICE,
    request: (_c, who) => ({
      method: 'POST',
      path: '/api/imports',
      form: form('方案.txt', readFileSync(join(SEEDS_DIR, who === 'coordinator' ? '001_f45f8dcdffc8ad1c.txt' : '003_c000cd268e244dd5.txt'), 'utf8')),
    }),
  },
  // Queued in Redis (the worker stores the 月报).
  'POST /api/reports': { allowed: OFFICE, stores: false, request: () => ({ method: 'POST', path: '/api/reports', body: { month: EARLIER, email: false } }) },
  'PUT /api/indicators/{id}/department': { allowed: OFFICE, request: (c, who) => ({ method: 'PUT', path: `/api/indicators/${c.ids.indicator}/department`, body: { departmentId: OFFICE.includes(who) ? c.ids.lead : c.ids.other } }) },
  // Status: start by the lead department or the office (the table in libs/domain/src/rules/status.ts).
  'POST /api/items/{id}/transitions': {
    allowed: ['admin', 'coordinator', 'leadEditor'],
    request: async (c, who) => {
      const id = who === 'admin' ? c.ids.ext[0]! : who === 'coordinator' ? c.ids.ext[1]! : c.ids.main;
      return { method: 'POST', path: `/api/items/${id}/transitions`, body: { action: 'start', version: await c.version(id) } };
    },
  },
  // Reporting: each department of the item writes its own report; the office does not report for them.
  'PUT /api/items/{id}/reports/{period}': {
    allowed: ['leadEditor', 'coEditor'],
    request: (c) => ({ method: 'PUT', path: `/api/items/${c.ids.main}/reports/${EARLIER}`, body: { text: '二月进展', percent: 20 } }),
  },
  'POST /api/items/{id}/reports/{period}/submit': {
    allowed: ['leadEditor', 'coEditor'],
    request: async (c, who) => ({ method: 'POST', path: `/api/items/${c.ids.main}/reports/${EARLIER}/submit`, body: { version: await c.reportVersion(c.ids.main, who) } }),
  },
  // Attachments on a draft: only its department (the lead's draft here). A draft one may not read does not exist for one (404, as on reading it).
  'POST /api/progress-reports/{id}/attachments': { allowed: LEAD_OF_MAIN, deniedStatus: [404], request: (c) => ({ method: 'POST', path: `/api/progress-reports/${c.ids.leadDraft}/attachments`, form: form('佐证.txt', '佐证材料') }) },
  // 延期申请: the lead department, before the deadline.
  'POST /api/items/{id}/extensions': {
    allowed: LEAD_OF_MAIN,
    request: (c) => ({ method: 'POST', path: `/api/items/${c.ids.main}/extensions`, body: { requestedDeadline: '2027-03-31', reason: '需要顺延' } }),
  },
  // 指标: the responsible department (甲, set by the office) or the office.
  'PUT /api/indicators/{id}/readings/{period}': {
    allowed: ['admin', 'coordinator', 'leadEditor'],
    request: (c, who) => ({ method: 'PUT', path: `/api/indicators/${c.ids.indicator}/readings/${who === 'admin' ? '2022' : who === 'coordinator' ? '2023' : '2024'}`, body: { value: 7 } }),
  },
  // Every signed-in user may turn a table on the page into a spreadsheet (nothing is stored).
  'POST /api/dashboard/export': { allowed: SIGNED_IN, stores: false, request: () => ({ method: 'POST', path: '/api/dashboard/export', body: { title: '单位排名', columns: ['名次', '单位'], rows: [[1, '甲']] } }) },
  // 佐证材料 (after the transitions above): the lead department or the office, on an item in progress.
  'POST /api/items/{id}/evidence': { allowed: ['admin', 'coordinator', 'leadEditor'], request: (c) => ({ method: 'POST', path: `/api/items/${c.ids.evidenceItem}/evidence`, form: form('验收报告.txt', '佐证') }) },
  // 一键催办 of a department's overdue items: the office.
  'POST /api/departments/{id}/urges/overdue': { allowed: OFFICE, request: (c) => ({ method: 'POST', path: `/api/departments/${c.ids.other}/urges/overdue`, body: { message: '请尽快办理逾期事项' } }) },
  // 报送审阅: the office reads, comments and returns; the report's department withdraws it before it is read.
  'POST /api/progress-reports/{id}/read': { allowed: OFFICE, request: (c, who) => ({ method: 'POST', path: `/api/progress-reports/${c.ids.review[who === 'coordinator' ? 1 : 0]}/read` }) },
  'POST /api/progress-reports/{id}/comments': { allowed: OFFICE, request: (c) => ({ method: 'POST', path: `/api/progress-reports/${c.ids.review[0]}/comments`, body: { text: '请补充数据' } }) },
  'POST /api/progress-reports/{id}/return': { allowed: OFFICE, request: (c, who) => ({ method: 'POST', path: `/api/progress-reports/${c.ids.review[who === 'coordinator' ? 3 : 2]}/return`, body: { text: '请补充佐证材料' } }) },
  'POST /api/progress-reports/{id}/withdraw': { allowed: LEAD_OF_MAIN, request: (c) => ({ method: 'POST', path: `/api/progress-reports/${c.ids.review[4]}/withdraw` }) },
  // Settings: an administrator's.
  'PUT /api/settings/public-url': { allowed: ADMIN, request: () => ({ method: 'PUT', path: '/api/settings/public-url', body: { url: 'https://duban.example.gov.cn' } }) },
  'PUT /api/settings/issuing-office': { allowed: ADMIN, request: () => ({ method: 'PUT', path: '/api/settings/issuing-office', body: { ...ISSUING_OFFICE, contact: '联系人:王明' } }) },
  // 督办通知单: the office issues them.
  'POST /api/documents/notices': { allowed: OFFICE, request: (c) => ({ method: 'POST', path: '/api/documents/notices', body: { itemIds: [c.ids.main], perDepartment: true } }) },
  // In-app notices: one's own only (another user's does not exist for one).
  'POST /api/me/notifications/{id}/read': { allowed: ['otherEditor'], request: (c) => ({ method: 'POST', path: `/api/me/notifications/${c.ids.otherInbox}/read` }) },
  // Marks one's own as read: nothing to change for those without unread notices, so the fingerprint is not asked.
  'POST /api/me/notifications/read-all': { allowed: SIGNED_IN, stores: false, request: () => ({ method: 'POST', path: '/api/me/notifications/read-all' }) },
  // Group robots: administrators only. The test message posts to the suite's own robot server.
  'POST /api/chat-channels': { allowed: ADMIN, request: (c) => ({ method: 'POST', path: '/api/chat-channels', body: { departmentId: c.ids.co, platform: 'wecom', webhookUrl: `${robotUrl}/cgi-bin/webhook/send?key=new` } }) },
  'POST /api/chat-channels/{id}/test': { allowed: ADMIN, stores: false, request: (c) => ({ method: 'POST', path: `/api/chat-channels/${c.ids.chatMarked}/test` }) },
  'DELETE /api/chat-channels/{id}': { allowed: ADMIN, request: (c) => ({ method: 'DELETE', path: `/api/chat-channels/${c.ids.chatSpare}` }) },
  // The queue dashboard: admins only (not in the OpenAPI document).
  'PUT /admin/queues/api/queues/{queueName}/pause': { allowed: ADMIN, request: () => ({ method: 'PUT', path: `/admin/queues/api/queues/${QUEUES.mail}/pause` }) },
};

// ---------------------------------------------------------------------------------------------
// The matrix: reads. Every GET route, one or more targets each.

const READS: Record<string, (ids: Ids) => ReadTarget[]> = {
  'GET /health': () => [{ path: '/health', visible: EVERYONE }],
  'GET /api/auth/me': () => [{ path: '/api/auth/me', visible: SIGNED_IN }],
  // Own sessions and tokens only: private to their owner (the markers of others must not show).
  'GET /api/auth/tokens': () => [{ path: '/api/auth/tokens', visible: SIGNED_IN, private: true }],
  'GET /api/auth/sessions': () => [{ path: '/api/auth/sessions', visible: SIGNED_IN, private: true }],
  'GET /api/users': () => [{ path: '/api/users', visible: ADMIN, private: true }],
  // The audit log: coordinators and admins, without entries about drafts.
  'GET /api/audit': () => [{ path: '/api/audit?pageSize=200', visible: OFFICE_READ, private: true }],
  'GET /api/items/{id}/audit': (ids) => [{ path: `/api/items/${ids.main}/audit?pageSize=200`, visible: OFFICE_READ, private: true }],
  // 管理's settings are not among what 领导 reads (README: 督办总览, 工作台, 报送审阅, 提醒记录, the audit log).
  'GET /api/settings': () => [{ path: '/api/settings', visible: OFFICE, private: true }],
  'GET /api/notifications': () => [{ path: '/api/notifications', visible: OFFICE_READ, private: true }],
  'GET /api/notifications/missing-contacts': () => [{ path: '/api/notifications/missing-contacts', visible: OFFICE_READ, private: true }],
  'GET /api/outbox': () => [{ path: '/api/outbox', visible: OFFICE_READ, private: true }],
  'GET /api/outbox/{key}': () => [{ path: '/api/outbox/authz-mark', visible: OFFICE_READ, private: true }],
  'GET /api/dashboard/summary': () => [{ path: '/api/dashboard/summary', visible: OFFICE_READ, private: true }],
  // A department's 工作台: its own editors, the office and 领导.
  'GET /api/dashboard/workbench': (ids) => [
    { path: `/api/dashboard/workbench?department=${ids.lead}`, visible: [...OFFICE_READ, 'leadEditor'], private: true },
    { path: `/api/dashboard/workbench?department=${ids.other}`, visible: [...OFFICE_READ, 'otherEditor'], private: true },
  ],
  // 报送审阅: the office and 领导.
  'GET /api/progress-reports/review': () => [{ path: '/api/progress-reports/review?pageSize=100', visible: OFFICE_READ, private: true }],
  // 佐证材料: any signed-in user who may read the item (every item is readable by every signed-in user).
  'GET /api/items/{id}/evidence/{evidenceId}': (ids) => [
    { path: `/api/items/${ids.evidenceItem}/evidence/${ids.evidence}`, visible: SIGNED_IN },
    // An evidence id under an item it does not belong to.
    { path: `/api/items/${ids.main}/evidence/${ids.evidence}`, visible: [] },
  ],
  // 公文 (督办通知单, 催办函, 通报): readable like the 月报 they go with, by every signed-in user.
  'GET /api/documents': () => [{ path: '/api/documents', visible: SIGNED_IN }],
  'GET /api/documents/{id}/html': (ids) => [{ path: `/api/documents/${ids.document}/html`, visible: SIGNED_IN }],
  'GET /api/documents/{id}/docx': (ids) => [{ path: `/api/documents/${ids.document}/docx`, visible: SIGNED_IN }],
  // One's own in-app notices.
  'GET /api/me/notifications': () => [{ path: '/api/me/notifications', visible: SIGNED_IN, private: true }],
  'GET /api/me/notifications/unread-count': () => [{ path: '/api/me/notifications/unread-count', visible: SIGNED_IN }],
  // Group robots: administrators only, the address masked and the secret never shown.
  'GET /api/chat-channels': () => [{ path: '/api/chat-channels', visible: ADMIN, private: true }],
  // Reports: drafts private to their department; submitted ones readable by every signed-in user.
  'GET /api/progress-reports': (ids) => [
    { path: `/api/progress-reports?item=${ids.main}`, visible: SIGNED_IN, private: true },
    { path: `/api/progress-reports?department=${ids.other}`, visible: SIGNED_IN, private: true },
    { path: `/api/progress-reports?department=${ids.lead}&period=${PERIOD}`, visible: SIGNED_IN, private: true },
  ],
  'GET /api/progress-reports/{id}': (ids) => [
    { path: `/api/progress-reports/${ids.leadDraft}`, visible: ['leadEditor'], private: true },
    { path: `/api/progress-reports/${ids.coDraft}`, visible: ['coEditor'], private: true },
    { path: `/api/progress-reports/${ids.otherDraft}`, visible: ['otherEditor'], private: true },
    { path: `/api/progress-reports/${ids.submitted}`, visible: SIGNED_IN },
  ],
  'GET /api/progress-reports/{id}/attachments/{attachmentId}': (ids) => [
    { path: `/api/progress-reports/${ids.leadDraft}/attachments/${ids.leadAttachment}`, visible: ['leadEditor'], private: true },
    // An attachment id under a report it does not belong to.
    { path: `/api/progress-reports/${ids.submitted}/attachments/${ids.leadAttachment}`, visible: [], private: true },
    { path: `/api/progress-reports/${ids.submitted}/attachments/${ids.submittedAttachment}`, visible: SIGNED_IN },
  ],
  // Every signed-in user reads every item, plan, department, indicator, urge, 月报.
  'GET /api/items': (ids) => [{ path: `/api/items?plan=${ids.plan}&pageSize=100`, visible: SIGNED_IN }],
  'GET /api/items/{id}': (ids) => [
    { path: `/api/items/${ids.main}`, visible: SIGNED_IN },
    { path: `/api/items/${ids.otherItem}`, visible: SIGNED_IN },
  ],
  'GET /api/plans': () => [{ path: '/api/plans', visible: SIGNED_IN }],
  'GET /api/plans/{id}': (ids) => [{ path: `/api/plans/${ids.plan}`, visible: SIGNED_IN }],
  'GET /api/departments': () => [{ path: '/api/departments', visible: SIGNED_IN }],
  'GET /api/plans/{id}/indicators': (ids) => [{ path: `/api/plans/${ids.plan}/indicators`, visible: SIGNED_IN }],
  'GET /api/indicators/{id}/readings': (ids) => [{ path: `/api/indicators/${ids.indicator}/readings`, visible: SIGNED_IN }],
  'GET /api/indicators/{id}/readings/{period}/history': (ids) => [{ path: `/api/indicators/${ids.indicator}/readings/2025/history`, visible: SIGNED_IN }],
  // Extension requests: a department lists its own; the item's page shows the item's.
  'GET /api/extensions': () => [{ path: '/api/extensions', visible: SIGNED_IN }],
  'GET /api/items/{id}/extensions': (ids) => [{ path: `/api/items/${ids.main}/extensions`, visible: SIGNED_IN }],
  'GET /api/items/{id}/urges': (ids) => [{ path: `/api/items/${ids.main}/urges`, visible: SIGNED_IN }],
  'GET /api/reports': () => [{ path: '/api/reports', visible: SIGNED_IN }],
  'GET /api/reports/jobs/{jobId}': (ids) => [{ path: `/api/reports/jobs/${ids.reportJob}`, visible: SIGNED_IN }],
  'GET /api/reports/{id}/html': (ids) => [{ path: `/api/reports/${ids.monthly}/html`, visible: SIGNED_IN }],
  'GET /api/reports/{id}/{format}': (ids) => [{ path: `/api/reports/${ids.monthly}/xlsx`, visible: SIGNED_IN }],
  'GET /api/dashboard/items': (ids) => [{ path: `/api/dashboard/items?plan=${ids.plan}&pageSize=200`, visible: SIGNED_IN }],
  'GET /api/dashboard/items.xlsx': (ids) => [{ path: `/api/dashboard/items.xlsx?plan=${ids.plan}`, visible: SIGNED_IN }],
  'GET /api/dashboard/today': () => [{ path: '/api/dashboard/today', visible: SIGNED_IN }],
  // Outside the OpenAPI document: the documents and the queue dashboard, admins only.
  'GET /api/docs': () => [{ path: '/api/docs/', visible: ADMIN, private: true }],
  'GET /api/docs-json': () => [{ path: '/api/docs-json', visible: ADMIN, private: true }],
  'GET /admin/queues': () => [{ path: '/admin/queues', visible: ADMIN, private: true }],
  'GET /admin/queues/api/queues': () => [{ path: '/admin/queues/api/queues', visible: ADMIN, private: true }],
};

/** Routes served outside the OpenAPI document, tried all the same. */
const OUTSIDE_OPENAPI = ['GET /api/docs', 'GET /api/docs-json', 'GET /admin/queues', 'GET /admin/queues/api/queues', 'PUT /admin/queues/api/queues/{queueName}/pause'];

// ---------------------------------------------------------------------------------------------

describe('the authorization matrix', () => {
  let db: TestDatabase;
  let api: RunningApp;
  let ds: DataSource;
  let ctx: Ctx;
  const ids = {} as Ids;
  /** Bearer session token per signed-in role; the personal token of leadEditor. */
  const creds = {} as Record<SignedIn, string>;
  let personalToken = '';
  const users: Record<SignedIn, string> = {
    admin: 'admin',
    coordinator: 'authz-coordinator',
    viewer: 'authz-viewer',
    leader: 'authz-leader',
    leadEditor: 'authz-lead',
    coEditor: 'authz-co',
    otherEditor: 'authz-other',
  };
  const leaks: string[] = [];
  const figures = { writes: 0, deniedWrites: 0, allowedWrites: 0, reads: 0, privateReads: 0, deniedReads: 0, responsesSearched: 0, perPrincipal: {} as Record<string, { refused: number; allowed: number; reads: number; private: number }> };

  const roleOf = (p: Principal, cookieOwner: Role = 'admin'): Role => (p === 'token' ? 'leadEditor' : p === 'cookie' ? cookieOwner : p);

  /** Sends a request as a principal and searches the answer for every marker that principal may not see. */
  async function send(p: Principal, req: Req, options: { credential?: string; cookieOwner?: Role } = {}): Promise<Answer> {
    const headers: Record<string, string> = { ...(req.headers ?? {}) };
    const credential = options.credential ?? (p === 'anonymous' ? null : p === 'token' ? personalToken : p === 'cookie' ? creds[options.cookieOwner as SignedIn] : creds[p]);
    if (credential && p === 'cookie') headers.cookie = `duban_session=${credential}`;
    else if (credential) headers.authorization = `Bearer ${credential}`;
    let body: string | FormData | undefined;
    if (req.form) body = req.form();
    else if (req.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(req.body);
    }
    const response = await fetch(api.baseUrl + req.path, { method: req.method, headers, body, redirect: 'manual' });
    const buffer = Buffer.from(await response.arrayBuffer());
    const text = buffer.toString('utf8');
    const all = `${[...response.headers].map(([k, v]) => `${k}: ${safeDecode(v)}`).join('\n')}\n${text}`;
    const role = roleOf(p, options.cookieOwner);
    figures.responsesSearched++;
    for (const [name, marker] of Object.entries(M)) {
      if (!(marker.visible as readonly Role[]).includes(role) && all.includes(marker.value)) leaks.push(`${p} ${req.method} ${req.path} -> ${response.status}: shows ${name} (${marker.value})`);
    }
    for (const secret of secrets) if (all.includes(secret.value)) leaks.push(`${p} ${req.method} ${req.path} -> ${response.status}: shows ${secret.what}`);
    return { status: response.status, text };
  }

  /** Every table's rows and every stored file, as one digest: equal digests = nothing was written. */
  async function fingerprint(): Promise<string> {
    const hash = createHash('sha256');
    for (const meta of [...ds.entityMetadatas].sort((a, b) => a.tableName.localeCompare(b.tableName))) {
      const rows = (await ds.createQueryBuilder().select('*').from(meta.target, 't').getRawMany()).map((r) => JSON.stringify(r)).sort();
      hash.update(`${meta.tableName}:${rows.join('\n')}\n`);
    }
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [`${relative(db.dataDir, join(dir, e.name))}:${statSync(join(dir, e.name)).size}`]));
    hash.update(walk(db.dataDir).filter((f) => !/\.(sqlite|db)(-wal|-shm|-journal)?:/.test(f)).sort().join('\n'));
    return hash.digest('hex');
  }

  const count = (p: Principal, kind: 'refused' | 'allowed' | 'reads' | 'private') => {
    figures.perPrincipal[p] ??= { refused: 0, allowed: 0, reads: 0, private: 0 };
    figures.perPrincipal[p][kind]++;
  };

  let robots: Server;

  /** Decisions hand their kept jobs to Redis after the commit: wait for that before the next fingerprint. */
  async function settled(): Promise<void> {
    const until = Date.now() + 20_000;
    while ((await ds.getRepository(PendingJob).count()) > 0) {
      if (Date.now() > until) throw new Error('kept jobs were not handed to Redis within 20 s');
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  beforeAll(async () => {
    robots = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ errcode: 0, errmsg: 'ok' }));
    });
    await new Promise<void>((r) => robots.listen(0, '127.0.0.1', r));
    robotUrl = `http://127.0.0.1:${(robots.address() as AddressInfo).port}`;
    db = await createTestDatabase({ DUBAN_CLOCK: '2026-03-02T09:00:00+08:00', DUBAN_SESSION_HOURS: '100000', DUBAN_MAX_SESSIONS: '50' });
    api = await startApp(db);
    ds = api.app.get(DataSource);
    creds.admin = api.adminToken;
    const { plan } = await new PlanImportService(ds).importFile(join(SEEDS_DIR, '004_60e92da960188409.txt'));
    const tasks = await ds.getRepository(Item).find({ where: { planId: (plan as Plan).id, kind: 'task' }, order: { order: 'ASC' }, take: 8 });
    const made = async (method: string, path: string, body?: unknown, token: string = api.adminToken, headers?: Record<string, string>) => {
      const res = await api.request(method, path, { body, token, headers });
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    const lead = await made('POST', '/api/departments', { name: '甲局' });
    const co = await made('POST', '/api/departments', { name: '乙局' });
    const other = await made('POST', '/api/departments', { name: '丙局' });
    const spareDept = await made('POST', '/api/departments', { name: '备用局' });
    const mergeFrom = await made('POST', '/api/departments', { name: '待并局' });
    const mergeInto = await made('POST', '/api/departments', { name: '并入局' });
    const user = (username: string, role: string, departmentId?: number, email?: string) =>
      made('POST', '/api/users', { username, displayName: username, password: PASSWORD, role, ...(departmentId ? { departmentId } : {}), ...(email ? { email } : {}) });
    await user(users.coordinator, ACCOUNT_ROLE.coordinator);
    await user(users.viewer, ACCOUNT_ROLE.viewer);
    await user(users.leader, ACCOUNT_ROLE.leader);
    await user(users.leadEditor, ACCOUNT_ROLE.leadEditor, lead.id, M.leadEmail.value);
    await user(users.coEditor, ACCOUNT_ROLE.coEditor, co.id);
    const otherUser = await user(users.otherEditor, ACCOUNT_ROLE.otherEditor, other.id);
    const spare = await user('authz-spare', 'viewer');
    for (const role of ['coordinator', 'viewer', 'leader', 'leadEditor', 'otherEditor'] as const) creds[role] = await api.login(users[role], PASSWORD);
    // coEditor signs in with a browser of its own, so its session list (and the log of its sign-in) carries a marker.
    const coLogin = await api.request('POST', '/api/auth/login', { body: { username: users.coEditor, password: PASSWORD }, token: null, headers: { 'user-agent': M.coUserAgent.value } });
    creds.coEditor = coLogin.body.token;
    const leadSpare = await api.request('POST', '/api/auth/login', { body: { username: users.leadEditor, password: PASSWORD }, token: null, headers: { 'user-agent': 'authz spare session' } });
    personalToken = (await made('POST', '/api/auth/tokens', { name: 'lead personal' }, creds.leadEditor)).token;
    const coToken = await made('POST', '/api/auth/tokens', { name: M.coTokenName.value }, creds.coEditor);
    const coToken2 = await made('POST', '/api/auth/tokens', { name: 'co second' }, creds.coEditor);
    for (const role of SIGNED_IN) secrets.push({ value: creds[role], what: `${role}'s session token` });
    secrets.push({ value: personalToken, what: "leadEditor's personal token" }, { value: coToken.token, what: "coEditor's personal token" }, { value: coToken2.token, what: "coEditor's second token" }, { value: leadSpare.body.token, what: "leadEditor's spare session" });

    // Items: the main one (甲 leads, 乙 supports), one of 丙's, a spare one, four of 甲's with a pending extension each.
    const assign = async (itemId: number, leadId: number, coIds: number[], deadline = '2026年12月底前') => {
      const item = await made('GET', `/api/items/${itemId}`);
      await made('PUT', `/api/items/${itemId}/assignment`, { version: item.version, lead: leadId, co: coIds, deadline });
    };
    const [main, otherItem, spareItem, ...ext] = tasks.map((t) => t.id) as [number, number, number, ...number[]];
    await assign(main, lead.id, [co.id]);
    // 丙's item is overdue (for 一键催办).
    await assign(otherItem, other.id, [], '2026-02-10');
    await assign(spareItem, lead.id, []);
    const extensions: number[] = [];
    for (const id of ext.slice(0, 4)) {
      await assign(id, lead.id, []);
      extensions.push((await made('POST', `/api/items/${id}/extensions`, { requestedDeadline: '2027-06-30', reason: '需要顺延' }, creds.leadEditor)).id);
    }

    // Drafts with markers, one per department; a submitted report of the lead's with an attachment.
    const leadDraft = await made('PUT', `/api/items/${main}/reports/${PERIOD}`, { text: `三月进展 ${M.leadDraft.value}`, percent: 30 }, creds.leadEditor);
    const coDraft = await made('PUT', `/api/items/${main}/reports/${PERIOD}`, { text: `配合进展 ${M.coDraft.value}`, percent: 10 }, creds.coEditor);
    const otherDraft = await made('PUT', `/api/items/${otherItem}/reports/${PERIOD}`, { text: `丙局进展 ${M.otherDraft.value}`, percent: 5 }, creds.otherEditor);
    const attachment = await made('POST', `/api/progress-reports/${leadDraft.id}/attachments`, form(`${M.leadAttachmentName.value}.txt`, M.leadAttachmentBody.value)(), creds.leadEditor);
    const submitted = await made('PUT', `/api/items/${spareItem}/reports/${EARLIER}`, { text: `二月已报 ${M.submitted.value}`, percent: 15 }, creds.leadEditor);
    const submittedAttachment = await made('POST', `/api/progress-reports/${submitted.id}/attachments`, form(`${M.submittedAttachment.value}.txt`, '已报附件')(), creds.leadEditor);
    await made('POST', `/api/items/${spareItem}/reports/${EARLIER}/submit`, { version: submitted.version }, creds.leadEditor);

    // The indicator is 甲's; one reading for the history.
    const indicator = await ds.getRepository(Indicator).findOneByOrFail({ planId: (plan as Plan).id });
    await made('PUT', `/api/indicators/${indicator.id}/department`, { departmentId: lead.id });
    await made('PUT', `/api/indicators/${indicator.id}/readings/2025`, { value: 3 }, creds.leadEditor);

    // What the worker would have left: a notification, an outbox mail, a 月报 (html and xlsx on disk), a report job.
    await ds.getRepository(Notification).save(
      ds.getRepository(Notification).create({ key: 'authz.mark', kind: 'urge', rule: null, itemId: otherItem, departmentId: other.id, day: '2026-03-02', to: ['x@example.gov.cn'], cc: [], missingContacts: [], subject: M.notification.value, html: '', text: '', attachments: [], status: 'sent', attempts: 1, lastError: null, messageId: null, createdAt: new Date(), sentAt: new Date(), claimedUntil: null }),
    );
    const outbox = join(db.dataDir, 'outbox');
    mkdirSync(outbox, { recursive: true });
    writeFileSync(join(outbox, 'authz-mark.json'), JSON.stringify({ key: 'authz-mark', file: 'authz-mark.eml', to: ['x@example.gov.cn'], cc: [], subject: `催办 ${M.outbox.value}`, storedAt: '2026-03-02T01:00:00.000Z', size: 10 }));
    writeFileSync(join(outbox, 'authz-mark.eml'), `Subject: ${M.outbox.value}\r\n\r\n${M.outbox.value}`);
    mkdirSync(join(db.dataDir, 'reports', 'authz'), { recursive: true });
    writeFileSync(join(db.dataDir, 'reports', 'authz', 'm.xlsx'), 'xlsx');
    const monthly = await ds.getRepository(MonthlyReport).save(
      ds.getRepository(MonthlyReport).create({ key: 'authz.2026-02', month: EARLIER, planId: null, title: '月报', trigger: 'api', summary: {}, html: `<p>${M.monthly.value}</p>`, xlsxPath: 'reports/authz/m.xlsx', docxPath: 'reports/authz/m.docx', createdAt: new Date() }),
    );
    const job = await made('POST', '/api/reports', { month: EARLIER, email: false }, creds.coordinator);

    // 佐证材料 on an item of 甲 in progress.
    const evidenceItem = ext[4] as number;
    await assign(evidenceItem, lead.id, []);
    await made('POST', `/api/items/${evidenceItem}/transitions`, { action: 'start', version: (await made('GET', `/api/items/${evidenceItem}`)).version }, creds.leadEditor);
    const evidence = await made('POST', `/api/items/${evidenceItem}/evidence`, form('验收报告.txt', '佐证材料')(), creds.leadEditor);

    // 报送审阅: five submitted reports of 甲 on its item in progress, which no steering write reassigns (to be read, returned, withdrawn), one returned with a comment.
    const submit = async (period: string, text: string) => {
      const draft = await made('PUT', `/api/items/${evidenceItem}/reports/${period}`, { text, percent: 10 }, creds.leadEditor);
      await made('POST', `/api/items/${evidenceItem}/reports/${period}/submit`, { version: draft.version }, creds.leadEditor);
      return draft.id as number;
    };
    const review: number[] = [];
    for (const period of ['2025-09', '2025-10', '2025-11', '2025-12', '2026-01']) review.push(await submit(period, `${period} 进展`));
    const returned = await submit('2025-08', '八月进展');
    await made('POST', `/api/progress-reports/${returned}/comments`, { text: `请补充 ${M.reviewComment.value}` }, creds.coordinator);
    await made('POST', `/api/progress-reports/${returned}/return`, { text: `退回 ${M.returnReason.value}` }, creds.coordinator);

    // 发文设置 and a 督办通知单.
    await made('PUT', '/api/settings/issuing-office', ISSUING_OFFICE);
    const [notice] = await made('POST', '/api/documents/notices', { itemIds: [otherItem], perDepartment: true }, creds.coordinator);

    // An in-app notice of otherEditor's; two group robots (one with a marked address and a secret).
    const inbox = await ds.getRepository(InboxNotification).save(
      ds.getRepository(InboxNotification).create({ userId: otherUser.id, key: 'authz.inbox', kind: 'urge', title: `催办 ${M.inbox.value}`, body: M.inbox.value, link: null, itemId: otherItem, createdAt: new Date(), readAt: null }),
    );
    const chatSecret = 'SECauthzChatSecretP8q';
    secrets.push({ value: chatSecret, what: "a group robot's secret" });
    const chatMarked = await made('POST', '/api/chat-channels', { departmentId: other.id, platform: 'dingtalk', webhookUrl: `${robotUrl}/robot/send?access_token=${M.chatWebhook.value}tail`, secret: chatSecret });
    const chatSpare = await made('POST', '/api/chat-channels', { departmentId: lead.id, platform: 'wecom', webhookUrl: `${robotUrl}/cgi-bin/webhook/send?key=spare` });

    Object.assign(ids, {
      plan: (plan as Plan).id,
      main,
      otherItem,
      spareItem,
      ext,
      extensions,
      lead: lead.id,
      co: co.id,
      other: other.id,
      mergeFrom: mergeFrom.id,
      mergeInto: mergeInto.id,
      spareDept: spareDept.id,
      leadDraft: leadDraft.id,
      coDraft: coDraft.id,
      otherDraft: otherDraft.id,
      submitted: submitted.id,
      leadAttachment: attachment.id,
      submittedAttachment: submittedAttachment.id,
      indicator: indicator.id,
      spareUser: spare.id,
      coToken: coToken.id,
      coToken2: coToken2.id,
      leadSpareSession: (await ds.getRepository(ApiToken).findOneByOrFail({ userAgent: 'authz spare session' })).id,
      monthly: monthly.id,
      reportJob: String(job.jobId),
      review,
      returned,
      evidenceItem,
      evidence: evidence.id,
      document: notice.id,
      otherInbox: inbox.id,
      chatSpare: chatSpare.id,
      chatMarked: chatMarked.id,
    } satisfies Ids);
    await settled();

    const spareAccount = { username: 'authz-spare', password: PASSWORD };
    ctx = {
      ids,
      api,
      spare: spareAccount,
      async version(itemId) {
        return (await made('GET', `/api/items/${itemId}`)).version as number;
      },
      async reportVersion(itemId, who) {
        const as = who === 'coEditor' ? creds.coEditor : creds.leadEditor;
        const rows = (await made('GET', `/api/progress-reports?item=${itemId}&period=${EARLIER}`, undefined, as)) as { departmentId: number; version: number }[];
        const mine = rows.find((r) => r.departmentId === (who === 'coEditor' ? ids.co : ids.lead));
        return mine?.version ?? 1;
      },
      async fresh(username, password, userAgent) {
        const res = await api.request('POST', '/api/auth/login', { body: { username, password }, token: null, headers: userAgent ? { 'user-agent': userAgent } : {} });
        if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
        secrets.push({ value: res.body.token, what: `${username}'s fresh session` });
        return res.body.token as string;
      },
    };
  }, 180_000);

  afterAll(async () => {
    await api?.close();
    await db?.cleanup();
    await new Promise((r) => robots?.close(r));
  });

  const routeKeys = async (): Promise<string[]> => {
    const doc = (await api.get('/api/docs-json')).body as { paths: Record<string, Record<string, unknown>> };
    return Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
  };

  it('has a principal for every user role', () => {
    // A new role fails here until the matrix says what it may do.
    expect(USER_ROLES.filter((r) => !Object.values(ACCOUNT_ROLE).includes(r))).toEqual([]);
  });

  it('has a rule for every route of the OpenAPI document, and none for a route that does not exist', async () => {
    const keys = await routeKeys();
    expect(keys.length).toBeGreaterThanOrEqual(68);
    const ruled = new Set([...Object.keys(WRITES), ...Object.keys(READS)]);
    expect(keys.filter((k) => !ruled.has(k))).toEqual([]);
    expect([...ruled].filter((k) => !keys.includes(k) && !OUTSIDE_OPENAPI.includes(k))).toEqual([]);
    // A GET is a read, anything else a write.
    expect(Object.keys(READS).every((k) => k.startsWith('GET '))).toBe(true);
    expect(Object.keys(WRITES).some((k) => k.startsWith('GET '))).toBe(false);
  });

  it('gives each principal exactly what the matrix allows on every read, and no private data', async () => {
    const failures: string[] = [];
    const principals: Principal[] = [...ROLES, 'token'];
    for (const [route, targets] of Object.entries(READS)) {
      for (const target of targets(ids)) {
        for (const p of principals) {
          const role = roleOf(p);
          const { status, text } = await send(p, { method: 'GET', path: target.path });
          figures.reads++;
          count(p, 'reads');
          const allowed = target.visible.includes(role);
          if (target.private && (!allowed || route === 'GET /api/auth/tokens' || route === 'GET /api/auth/sessions')) {
            figures.privateReads++;
            count(p, 'private');
          }
          if (allowed && (status < 200 || status >= 300)) failures.push(`${p} ${route} ${target.path}: allowed, got ${status} ${text.slice(0, 200)}`);
          if (!allowed) {
            figures.deniedReads++;
            const expected = role === 'anonymous' ? [401] : [403, 404];
            if (!expected.includes(status)) failures.push(`${p} ${route} ${target.path}: denied, got ${status} ${text.slice(0, 200)}`);
          }
        }
      }
    }
    // The health check answers everyone; the queue counts only admins.
    const health = async (p: Principal) => JSON.parse((await send(p, { method: 'GET', path: '/health' })).text) as { details: Record<string, Record<string, unknown>> };
    expect(Object.keys((await health('admin')).details.redis ?? {}).length).toBeGreaterThan(1);
    for (const p of ['anonymous', 'coordinator', 'viewer', 'leadEditor'] as const) expect(Object.values((await health(p)).details).every((d) => Object.keys(d).join() === 'status')).toBe(true);
    // Those allowed do see the data (so the leak search is looking at real answers).
    const lead = await send('token', { method: 'GET', path: `/api/progress-reports?item=${ids.main}` });
    expect(lead.text).toContain(M.leadDraft.value);
    expect(lead.text).not.toContain(M.coDraft.value);
    expect((await send('leadEditor', { method: 'GET', path: `/api/progress-reports/${ids.leadDraft}/attachments/${ids.leadAttachment}` })).text).toBe(M.leadAttachmentBody.value);
    expect((await send('coEditor', { method: 'GET', path: '/api/auth/sessions' })).text).toContain(M.coUserAgent.value);
    expect((await send('admin', { method: 'GET', path: '/api/users' })).text).toContain(M.leadEmail.value);
    expect((await send('coordinator', { method: 'GET', path: '/api/outbox/authz-mark' })).text).toContain(M.outbox.value);
    expect((await send('coordinator', { method: 'GET', path: '/api/notifications' })).text).toContain(M.notification.value);
    expect((await send('viewer', { method: 'GET', path: `/api/reports/${ids.monthly}/html` })).text).toContain(M.monthly.value);
    expect((await send('admin', { method: 'GET', path: '/admin/queues' })).text).toContain(M.queueBoard.value);
    expect((await send('otherEditor', { method: 'GET', path: '/api/me/notifications' })).text).toContain(M.inbox.value);
    const review = (await send('leader', { method: 'GET', path: '/api/progress-reports/review?pageSize=100' })).text;
    expect(review).toContain(M.reviewComment.value);
    expect(review).toContain(M.returnReason.value);
    const robots = JSON.parse((await send('admin', { method: 'GET', path: '/api/chat-channels' })).text) as { id: number; webhook: string; hasSecret: boolean }[];
    expect(robots.find((r) => r.id === ids.chatMarked)).toMatchObject({ hasSecret: true, webhook: expect.stringMatching(/tail$/) });
    expect(failures).toEqual([]);
    expect(leaks).toEqual([]);
  }, 300_000);

  it('refuses every write to every denied principal and leaves the database as it was', async () => {
    const failures: string[] = [];
    const keys = new Set([...(await routeKeys()), ...OUTSIDE_OPENAPI]);
    for (const [route, rule] of Object.entries(WRITES)) {
      expect(keys.has(route)).toBe(true);
      const denied: Principal[] = [...ROLES.filter((r) => !rule.allowed.includes(r)), ...(rule.allowed.includes('leadEditor') ? [] : (['token'] as const))];
      // A cookie session without the CSRF header: refused even for a principal that is allowed.
      const cookieOwner = rule.proveWith?.who ?? rule.allowed.find((r) => r !== 'anonymous') ?? 'admin';
      if (rule.allowed !== EVERYONE) denied.push('cookie');
      for (const p of denied) {
        const req = await rule.request(ctx, roleOf(p, cookieOwner));
        const cookieCredential = p === 'cookie' ? (rule.proveWith ? await rule.proveWith.credential(ctx) : undefined) : undefined;
        const before = await fingerprint();
        const { status, text } = await send(p, req, { cookieOwner, credential: cookieCredential });
        const after = await fingerprint();
        figures.writes++;
        figures.deniedWrites++;
        count(p, 'refused');
        const expected = p === 'anonymous' ? [401] : p === 'cookie' ? [403] : (rule.deniedStatus ?? [403, 404]);
        if (!expected.includes(status)) failures.push(`${p} ${route} ${req.path}: denied, got ${status} ${text.slice(0, 200)}`);
        if (after !== before) failures.push(`${p} ${route} ${req.path}: denied with ${status}, but the database or the data folder changed`);
      }
      // Then the allowed: the same request succeeds, so the refusals above were about who asked.
      const provers = rule.proveWith ? [rule.proveWith.who] : rule.allowed.filter((r) => r !== 'anonymous' || rule.allowed === EVERYONE).slice(0, rule.allowed === EVERYONE ? 1 : undefined);
      for (const who of provers) {
        const p: Principal = who === 'leadEditor' ? 'token' : who;
        const req = await rule.request(ctx, who);
        const credential = rule.proveWith ? await rule.proveWith.credential(ctx) : undefined;
        const before = await fingerprint();
        const { status, text } = await send(p, req, { credential });
        await settled();
        if ((rule.stores ?? true) && (await fingerprint()) === before) failures.push(`${p} ${route} ${req.path}: allowed with ${status}, but nothing was stored`);
        figures.writes++;
        figures.allowedWrites++;
        count(p, 'allowed');
        const ok = rule.allowedStatus ? rule.allowedStatus.includes(status) : status >= 200 && status < 300;
        if (!ok) failures.push(`${p} ${route} ${req.path}: allowed, got ${status} ${text.slice(0, 200)}`);
        if (ok) rule.afterAllowed?.(ctx);
      }
    }
    const perPrincipal = Object.entries(figures.perPrincipal)
      .map(([p, n]) => `${p} ${n.refused}+${n.allowed} writes, ${n.reads} reads (${n.private} private)`)
      .join('; ');
    const routes = (await routeKeys()).length;
    console.log(
      `authorization matrix: ${routes} OpenAPI routes + ${OUTSIDE_OPENAPI.length} outside it, ${ROLES.length} principals + personal token + cookie without CSRF; ` +
        `${figures.writes} writes (${figures.deniedWrites} denied, ${figures.allowedWrites} allowed), ${figures.reads} reads (${figures.deniedReads} denied, ${figures.privateReads} private); ` +
        `per principal (refused+allowed writes): ${perPrincipal}; ${figures.responsesSearched} responses searched for ${Object.keys(M).length} markers and ${secrets.length} secrets; leaks found: ${leaks.length}`,
    );
    expect(failures).toEqual([]);
    expect(leaks).toEqual([]);
  }, 600_000);
});
