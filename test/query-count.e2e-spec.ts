// No endpoint runs a query per row. Every SQL statement the API sends is attributed to the
// request that caused it (a TypeORM subscriber's beforeQuery, with the request in an
// AsyncLocalStorage), and every GET endpoint of the OpenAPI document is called with a small data
// set (N) and again after ten times as much data was added (10N): the query count must stay the
// same. Writes that act on many rows (bulk assignment, department merge, plan import) may grow
// with the rows they write by a small constant per row at most; single-row writes stay constant.
import { ApiToken, AuditLog, ExtensionRequest, Indicator, IndicatorReading, Item, ItemEvidence, MonthlyReport, Notification, OfficialDocument, ProgressReport, ProgressReportVersion, ReportAttachment, ReportComment, Urge, User, Assignment, Department } from '#domain';
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { DataSource, type EntitySubscriberInterface, type ObjectLiteral, In } from 'typeorm';
import { hashPassword, sha256 } from '../apps/api/src/auth/auth.service.js';
import { type HttpResult, startApp, type RunningApp } from './helpers/app.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';

const PASSWORD = 'query-count-pass';
const PERIOD = '2026-10';
const PREVIOUS = '2026-09';
/** The month of the helper department's reports (no other department reports it, so a merge never collides). */
const HELPER_PERIOD = '2026-07';
/** The month the write requests report on. */
const WRITE_PERIOD = '2026-08';
/** Phase one adds one unit of data, phase two nine more: ten times as much. */
const PHASES = [
  { name: 'N', tag: '甲', ascii: 'a', units: 1 },
  { name: '10N', tag: '乙', ascii: 'b', units: 9 },
] as const;
/**
 * Tasks per unit of data (each with a lead, two co departments and progress reports). Every kind of
 * row numbers fewer than a page (20) at N, so a query per row of a page shows as well.
 */
const TASKS_PER_UNIT = 8;
/**
 * How many more statements a request may run at 10N: TypeORM's findAndCount skips its COUNT when
 * the page is not full (at N), and runs it at 10N.
 */
const LAZY_COUNT = 1;
/**
 * Queries a write may add per row it writes. Bulk assignment updates each item under its own
 * version (one UPDATE per item, so a concurrent writer is never overwritten); department merge
 * and plan import insert or move their rows in batches.
 */
const PER_ROW = { bulk: 1, merge: 0 } as const;
/**
 * A plan import writes each item on its own (its children need its id): the INSERT and TypeORM's
 * read-back of the defaults, one INSERT for its departments; a department the document names for the
 * first time is one INSERT (the names are looked up all at once).
 */
const IMPORT_PER_TASK = 3;
const IMPORT_PER_NEW_DEPARTMENT = 1;

/** The cached settings (SettingsStore, 5 s) are re-read when the cache expires, whichever request comes then. */
const SETTINGS_RELOAD = /FROM\s+"?(\w+"?\.)?"?setting"?(\s|$)/i;

interface Counted extends HttpResult {
  queries: string[];
  /** Statements without the settings cache's reloads. */
  count: number;
  settingsReloads: number;
}

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/** Sends requests that carry an id; every statement run while serving one is logged for it. */
function queryCounter(api: RunningApp, dataSource: DataSource) {
  const als = new AsyncLocalStorage<string[]>();
  const subscriber: EntitySubscriberInterface<ObjectLiteral> = {
    beforeQuery: (event) => {
      als.getStore()?.push(event.query);
    },
  };
  dataSource.subscribers.push(subscriber);
  const server = api.app.getHttpServer() as Server;
  const listeners = server.listeners('request') as Listener[];
  server.removeAllListeners('request');
  const logs = new Map<string, string[]>();
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const id = req.headers['x-query-log'];
    const log = typeof id === 'string' ? logs.get(id) : undefined;
    const serve = () => {
      for (const listener of listeners) listener.call(server, req, res);
    };
    if (log) als.run(log, serve);
    else serve();
  });
  return async (method: string, path: string, options: { body?: unknown; token?: string } = {}): Promise<Counted> => {
    const id = randomUUID();
    const log: string[] = [];
    logs.set(id, log);
    try {
      const result = await api.request(method, path, { ...options, headers: { 'x-query-log': id } });
      const settingsReloads = log.filter((q) => SETTINGS_RELOAD.test(q)).length;
      return { ...result, queries: [...log], count: log.length - settingsReloads, settingsReloads };
    } finally {
      logs.delete(id);
    }
  };
}

/** A plan document as a task table: `tasks` rows, each with a lead and two co departments. */
function planDocument(tag: string, tasks: number, departments: string[], helper: string): string {
  const lines = [`某某区${tag}质量提升专项行动方案`, '一、总体要求', '(一)主要目标', '到2027年,全区产品质量监督抽查合格率达到96%以上,培育质量标杆企业10家。', '二、重点任务分工'];
  lines.push(['序号', '重点任务', '牵头单位', '配合单位', '完成时限'].join('\t'));
  for (let i = 0; i < tasks; i++) {
    const lead = departments[i % departments.length]!;
    const co = departments[(i + 1) % departments.length]!;
    lines.push([String(i + 1), `${tag}专项任务${i + 1}。推进质量提升工作`, lead, `${co}、${helper}`, i % 2 ? '2026年12月底前' : '持续推进'].join('\t'));
  }
  lines.push('三、组织实施', '(一)加强组织领导。成立领导小组,统筹推进。');
  return lines.join('\n') + '\n';
}

/** The ids a phase's requests use: entities of that phase, each with data of the phase's size. */
interface Probe {
  planId: number;
  documentId: number;
  itemId: number;
  itemVersion: number;
  leadDepartmentId: number;
  editorToken: string;
  reportId: number;
  attachmentId: number;
  evidenceId: number;
  indicatorId: number;
  monthlyReportId: number;
  jobId: string;
  outboxKey: string;
  helperDepartmentId: number;
  tasks: number;
}

function chunks<T>(rows: T[], size = 200): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

describe('query counts do not grow with the data', () => {
  let db: TestDatabase;
  let api: RunningApp;
  let dataSource: DataSource;
  let counted: ReturnType<typeof queryCounter>;
  let passwordHash: string;
  let adminId: number;
  let doc: { paths: Record<string, Record<string, { parameters?: { name: string; in: string; required?: boolean }[] }>> };
  const probes: Probe[] = [];
  const imports: { count: number; tasks: number; departments: number }[] = [];
  const table: { endpoint: string; as: string; counts: (number | string)[] }[] = [];

  const insert = async <T extends ObjectLiteral>(entity: new () => T, rows: Partial<T>[]): Promise<void> => {
    for (const part of chunks(rows)) await dataSource.getRepository(entity).insert(part as never);
  };

  /** Imports a generated plan through POST /api/imports and adds `units` units of every other kind of row. */
  async function populate(tag: string, ascii: string, units: number): Promise<{ probe: Probe; imported: { count: number; tasks: number; departments: number } }> {
    const tasks = TASKS_PER_UNIT * units;
    const deptNames = Array.from({ length: 6 * units }, (_, i) => `区${tag}局${i + 1}`);
    const helper = `区${tag}协作办`;
    const form = new FormData();
    form.append('file', new Blob([planDocument(tag, tasks, deptNames, helper)], { type: 'text/plain' }), `${tag}.txt`);
    const imported = await counted('POST', '/api/imports', { body: form });
    expect([imported.status, imported.body.status]).toEqual([200, 'created']);
    const planId = imported.body.planId as number;
    const items = await dataSource.getRepository(Item).find({ where: { planId, kind: 'task' }, order: { order: 'ASC' } });
    expect(items).toHaveLength(tasks);
    const assignments = await dataSource.getRepository(Assignment).find({ where: { itemId: In(items.map((i) => i.id)) }, relations: { department: true } });
    const departments = await dataSource.getRepository(Department).find({ where: { name: In([...deptNames, helper]) } });
    expect(departments).toHaveLength(deptNames.length + 1);
    const helperDepartment = departments.find((d) => d.name === helper)!;

    // An editor per department and some coordinators (one password hash for all).
    const editors = new Map<number, number>();
    await insert(
      User,
      departments.map((d, i) => ({ username: `${ascii}-ed-${i}`, displayName: `填报员${i}`, passwordHash, role: 'editor' as const, departmentId: d.id, email: null, active: true })),
    );
    await insert(
      User,
      Array.from({ length: units }, (_, i) => ({ username: `${ascii}-co-${i}`, displayName: `协调员${i}`, passwordHash, role: 'coordinator' as const, departmentId: null, email: null, active: true })),
    );
    for (const u of await dataSource.getRepository(User).findBy({ role: 'editor', departmentId: In(departments.map((d) => d.id)) })) editors.set(u.departmentId!, u.id);

    // Progress reports: the lead's submitted ones for this and last month, a co draft, the helper's contribution last month.
    const reports: Partial<ProgressReport>[] = [];
    for (const a of assignments) {
      const base = { itemId: a.itemId, departmentId: a.departmentId, role: a.role, authorId: editors.get(a.departmentId)!, percent: 50 };
      if (a.role === 'lead') {
        reports.push({ ...base, period: PERIOD, text: '本月进展', state: 'submitted', submittedAt: new Date('2026-10-10T02:00:00Z'), late: false });
        reports.push({ ...base, period: PREVIOUS, text: '上月进展', state: 'submitted', submittedAt: new Date('2026-09-28T02:00:00Z'), late: true });
      } else if (a.departmentId === helperDepartment.id) {
        reports.push({ ...base, period: HELPER_PERIOD, text: '配合进展', state: 'submitted', submittedAt: new Date('2026-07-20T02:00:00Z'), late: false });
      } else {
        reports.push({ ...base, period: PERIOD, text: '配合草稿', state: 'draft', submittedAt: null, late: false });
      }
    }
    await insert(ProgressReport, reports);

    const probeItem = items[0]!;
    const lead = assignments.find((a) => a.itemId === probeItem.id && a.role === 'lead')!;
    const probeReport = await dataSource.getRepository(ProgressReport).findOneByOrFail({ itemId: probeItem.id, departmentId: lead.departmentId, period: PERIOD });
    const attachmentsDir = join(db.dataDir, 'attachments', String(probeReport.id));
    mkdirSync(attachmentsDir, { recursive: true });
    writeFileSync(join(attachmentsDir, 'probe.txt'), '附件内容');
    await insert(
      ReportAttachment,
      Array.from({ length: 3 * units }, (_, i) => ({ reportId: probeReport.id, fileName: `附件${i}.txt`, mimeType: 'text/plain; charset=utf-8', size: 12, storagePath: join('attachments', String(probeReport.id), 'probe.txt'), uploadedById: editors.get(lead.departmentId)! })),
    );
    const attachment = await dataSource.getRepository(ReportAttachment).findOneOrFail({ where: { reportId: probeReport.id }, order: { id: 'ASC' } });
    // Evidence of completion on the probe item; submitted versions and comments for 报送审阅.
    await insert(
      ItemEvidence,
      Array.from({ length: 3 * units }, (_, i) => ({ itemId: probeItem.id, fileName: `佐证${i}.txt`, mimeType: 'text/plain; charset=utf-8', size: 12, storagePath: join('attachments', String(probeReport.id), 'probe.txt'), uploadedById: editors.get(lead.departmentId)! })),
    );
    const evidence = await dataSource.getRepository(ItemEvidence).findOneOrFail({ where: { itemId: probeItem.id }, order: { id: 'ASC' } });
    const submittedReports = await dataSource.getRepository(ProgressReport).find({ where: { state: 'submitted' }, select: { id: true, text: true, authorId: true }, take: 20 * units });
    await insert(ProgressReportVersion, submittedReports.map((r) => ({ reportId: r.id, number: 1, text: r.text, percent: null, submittedAt: new Date('2026-10-15T02:00:00Z'), submittedById: r.authorId, endedBy: null })));
    await insert(ReportComment, submittedReports.map((r) => ({ reportId: r.id, authorId: adminId, text: '请补充', createdAt: new Date('2026-10-15T02:00:00Z') })));

    // Urges, extension requests, notifications, audit rows: many on the probe item, some on every item.
    const at = new Date('2026-10-15T02:00:00Z');
    await insert(Urge, [
      ...Array.from({ length: 5 * units }, (_, i) => ({ itemId: probeItem.id, fromUserId: adminId, message: `请尽快报送${i}`, leadDepartmentId: lead.departmentId, coDepartmentIds: [helperDepartment.id], createdAt: at, deliveredAt: i % 2 ? at : null })),
      ...items.map((item) => ({ itemId: item.id, fromUserId: adminId, message: '请报送进展', leadDepartmentId: assignments.find((a) => a.itemId === item.id && a.role === 'lead')!.departmentId, coDepartmentIds: [], createdAt: at, deliveredAt: null })),
    ]);
    await insert(ExtensionRequest, [
      ...Array.from({ length: 2 * units }, (_, i) => ({ itemId: probeItem.id, departmentId: lead.departmentId, requestedById: editors.get(lead.departmentId)!, previousDeadline: '2026-12-31', requestedDeadline: '2027-03-31', reason: `理由${i}`, state: 'rejected' as const, decidedById: adminId, decidedAt: at, decisionReason: '不同意', createdAt: at })),
      ...items.slice(1, 1 + 2 * units).map((item) => {
        const d = assignments.find((a) => a.itemId === item.id && a.role === 'lead')!.departmentId;
        return { itemId: item.id, departmentId: d, requestedById: editors.get(d)!, previousDeadline: '2026-12-31', requestedDeadline: '2027-06-30', reason: '工作量大', state: 'pending' as const, decidedById: null, decidedAt: null, decisionReason: null, createdAt: at };
      }),
    ]);
    await insert(
      Notification,
      Array.from({ length: 10 * units }, (_, i) => ({ key: `${tag}.n.${i}`, kind: 'deadline' as const, rule: 'overdue', itemId: items[i % items.length]!.id, departmentId: lead.departmentId, day: '2026-10-15', to: i % 3 ? ['a@example.gov.cn'] : [], cc: [], missingContacts: i % 3 ? [] : [deptNames[i % deptNames.length]!], subject: `提醒${i}`, html: '<p>提醒</p>', text: '提醒', attachments: [], status: 'sent' as const, attempts: 1, lastError: null, messageId: null, createdAt: at, sentAt: at, claimedUntil: null })),
    );
    await insert(AuditLog, [
      ...Array.from({ length: 10 * units }, (_, i) => ({ at, userId: adminId, username: 'admin', action: 'item.transition', entityType: 'item', entityId: probeItem.id, itemId: probeItem.id, before: { status: '推进中', version: i }, after: { status: i % 2 ? '已销号' : '推进中', version: i + 1 } })),
      ...items.map((item) => ({ at, userId: adminId, username: 'admin', action: 'item.assign', entityType: 'item', entityId: item.id, itemId: item.id, before: null, after: null })),
    ]);

    // Indicator readings, monthly reports, personal tokens, an outbox message.
    const indicator = await dataSource.getRepository(Indicator).findOneOrFail({ where: { planId }, order: { order: 'ASC' } });
    await insert(
      IndicatorReading,
      Array.from({ length: 5 * units }, (_, i) => ({ indicatorId: indicator.id, period: `${2000 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`, value: 90 + (i % 7), note: null, departmentId: lead.departmentId, enteredById: adminId })),
    );
    const reportsDir = join(db.dataDir, 'reports', tag);
    mkdirSync(reportsDir, { recursive: true });
    writeFileSync(join(reportsDir, 'r.xlsx'), 'xlsx');
    writeFileSync(join(reportsDir, 'r.docx'), 'docx');
    const jobId = `job-${ascii}`;
    await insert(
      MonthlyReport,
      Array.from({ length: 2 * units }, (_, i) => ({ key: i === 0 ? `api.${jobId}` : `${tag}.m.${i}`, month: `20${String(10 + (i % 16)).padStart(2, '0')}-10`, planId: i % 2 ? planId : null, title: `月报${i}`, trigger: 'api', summary: { items: tasks }, html: '<p>月报</p>', xlsxPath: join('reports', tag, 'r.xlsx'), docxPath: join('reports', tag, 'r.docx'), createdAt: at })),
    );
    const monthly = await dataSource.getRepository(MonthlyReport).findOneByOrFail({ key: `api.${jobId}` });
    await insert(
      ApiToken,
      Array.from({ length: 3 * units }, (_, i) => ({ userId: adminId, kind: 'personal' as const, name: `${tag}脚本${i}`, tokenHash: sha256(`${tag}-${i}`), expiresAt: null, revokedAt: null })),
    );
    const outbox = join(db.dataDir, 'outbox');
    mkdirSync(outbox, { recursive: true });
    const outboxKey = `urge.${ascii}`;
    writeFileSync(join(outbox, `${outboxKey}.eml`), 'Subject: test\r\n\r\nbody\r\n');
    writeFileSync(join(outbox, `${outboxKey}.json`), JSON.stringify({ key: outboxKey, file: `${outboxKey}.eml`, to: [], cc: [], subject: 'test', storedAt: at.toISOString(), size: 20 }));

    // Official documents (督办通知单), numbered per phase so the years do not clash.
    const docsDir = join(db.dataDir, 'documents', ascii);
    mkdirSync(docsDir, { recursive: true });
    writeFileSync(join(docsDir, 'd.docx'), 'docx');
    await insert(
      OfficialDocument,
      Array.from({ length: 2 * units }, (_, i) => ({ kind: 'notice', year: ascii === 'a' ? 2000 : 2001, seq: i + 1, number: `${ascii}〔${i}〕号`, title: `督办通知单${i}`, itemIds: [probeItem.id], departmentId: lead.departmentId, urgeId: null, reportId: null, issuedOn: '2024-10-08', docxPath: join('documents', ascii, 'd.docx'), html: '<p>督办通知单</p>', createdAt: at, createdBy: 'admin' })),
    );
    const document = await dataSource.getRepository(OfficialDocument).findOneByOrFail({ number: `${ascii}〔0〕号` });
    const editorName = `${ascii}-ed-${departments.findIndex((d) => d.id === lead.departmentId)}`;
    return {
      imported: { count: imported.count, tasks, departments: departments.length },
      probe: {
        planId,
        itemId: probeItem.id,
        itemVersion: probeItem.version,
        leadDepartmentId: lead.departmentId,
        editorToken: await api.login(editorName, PASSWORD),
        reportId: probeReport.id,
        attachmentId: attachment.id,
        evidenceId: evidence.id,
        indicatorId: indicator.id,
        monthlyReportId: monthly.id,
        documentId: document.id,
        jobId,
        outboxKey,
        helperDepartmentId: helperDepartment.id,
        tasks,
      },
    };
  }

  /** Fills a documented path's parameters with the phase's ids; an unknown parameter fails the test. */
  function fill(path: string, probe: Probe): string {
    return path.replace(/\{(\w+)\}/g, (_, name: string) => {
      const value: Record<string, string | number> = {
        '/api/plans/{id}': probe.planId,
        '/api/plans/{id}/indicators': probe.planId,
        '/api/items/{id}': probe.itemId,
        '/api/progress-reports/{id}': probe.reportId,
        '/api/indicators/{id}/readings': probe.indicatorId,
        '/api/reports/{id}': probe.monthlyReportId,
        '/api/documents/{id}': probe.documentId,
      };
      if (name === 'attachmentId') return String(probe.attachmentId);
      if (name === 'evidenceId') return String(probe.evidenceId);
      if (name === 'format') return 'xlsx';
      // The indicator's first seeded reading (history of a period).
      if (name === 'period') return '2000-01';
      if (name === 'jobId') return probe.jobId;
      if (name === 'key') return probe.outboxKey;
      const prefix = Object.keys(value).find((p) => path === p || path.startsWith(`${p}/`));
      if (name === 'id' && prefix) return String(value[prefix]);
      throw new Error(`no value for {${name}} in ${path}: add it to fill()`);
    });
  }

  beforeAll(async () => {
    db = await createTestDatabase({ DUBAN_CLOCK: '2026-10-20T10:00:00+08:00', DUBAN_SESSION_HOURS: '100000' });
    api = await startApp(db);
    dataSource = api.app.get(DataSource);
    counted = queryCounter(api, dataSource);
    passwordHash = await hashPassword(PASSWORD);
    adminId = (await dataSource.getRepository(User).findOneByOrFail({ username: 'admin' })).id;
    doc = (await api.get('/api/docs-json')).body;
  }, 60_000);

  afterAll(async () => {
    if (table.length) {
      const width = Math.max(...table.map((r) => r.endpoint.length + r.as.length + 3));
      const lines = table.map((r) => `${`${r.endpoint} (${r.as})`.padEnd(width)}  ${r.counts.map((c) => String(c).padStart(6)).join('  ')}`);
      console.log([`query counts on ${db?.driver} (at N, at 10N):`, ...lines].join('\n'));
    }
    await api?.close();
    await db?.cleanup();
  });

  it('attributes statements to the request that ran them, GET and POST alike', async () => {
    const read = await counted('GET', '/api/auth/me');
    expect(read.status).toBe(200);
    // The session lookup (token and user) at least.
    expect(read.count).toBeGreaterThanOrEqual(1);
    const write = await counted('POST', '/api/departments', { body: { name: '区计数测试局' } });
    expect(write.status).toBe(201);
    expect(write.queries.some((q) => /^INSERT INTO ("\w+"\.)?"department"/i.test(q.trim()))).toBe(true);
  });

  it('builds N and 10N rows of every kind', async () => {
    for (const phase of PHASES) {
      const { probe, imported } = await populate(phase.tag, phase.ascii, phase.units);
      probes.push(probe);
      imports.push(imported);
    }
    expect(probes).toHaveLength(2);
  }, 120_000);

  it(`imports a plan with at most ${IMPORT_PER_TASK} statements per task and ${IMPORT_PER_NEW_DEPARTMENT} per new department`, () => {
    const [small, large] = imports as [(typeof imports)[number], (typeof imports)[number]];
    table.push({ endpoint: `POST /api/imports (${small.tasks} / ${large.tasks} tasks, ${small.departments} / ${large.departments} new departments)`, as: 'write', counts: [small.count, large.count] });
    expect(large.count - small.count).toBeLessThanOrEqual(IMPORT_PER_TASK * (large.tasks - small.tasks) + IMPORT_PER_NEW_DEPARTMENT * (large.departments - small.departments));
  });

  it('every GET endpoint of the OpenAPI document runs as many queries at 10N as at N (one more for a lazy COUNT)', async () => {
    const gets = Object.entries(doc.paths)
      .filter(([, ops]) => ops.get)
      .map(([path]) => path)
      .sort();
    expect(gets.length).toBeGreaterThan(30);
    const failures: string[] = [];
    for (const path of gets) {
      let answered = false;
      for (const who of ['admin', 'editor'] as const) {
        const results: Counted[] = [];
        for (const probe of probes) {
          // Lists that must be narrowed down get the probe's item.
          const filter = path === '/api/progress-reports' ? `?item=${probe.itemId}` : '';
          results.push(await counted('GET', `${fill(path, probe)}${filter}`, { token: who === 'admin' ? api.adminToken : probe.editorToken }));
        }
        const [atN, at10N] = results as [Counted, Counted];
        expect([path, who, at10N.status]).toEqual([path, who, atN.status]);
        if (atN.status !== 200) continue;
        answered = true;
        // Attributed at all (every request but /health signs in with a query).
        expect(atN.count).toBeGreaterThanOrEqual(1);
        expect(atN.settingsReloads + at10N.settingsReloads).toBeLessThanOrEqual(2);
        table.push({ endpoint: `GET ${path}`, as: who, counts: [atN.count, at10N.count] });
        if (at10N.count < atN.count || at10N.count > atN.count + LAZY_COUNT) failures.push(`${path} as ${who}: ${atN.count} -> ${at10N.count}\n  ${at10N.queries.join('\n  ')}`);
      }
      expect([path, answered]).toEqual([path, true]);
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('single-row writes run as many queries at 10N as at N; bulk writes at most one more per row', async () => {
    const runs: { name: string; count: number; rows?: number }[][] = [];
    for (const probe of probes) {
      const run: { name: string; count: number; rows?: number }[] = [];
      const step = async (name: string, method: string, path: string, body: unknown, status: number, token = api.adminToken, rows?: number) => {
        const result = await counted(method, path, { body, token });
        expect([name, result.status, result.status === status ? '' : JSON.stringify(result.body)]).toEqual([name, status, '']);
        run.push({ name, count: result.count, rows });
        return result.body;
      };
      const item = `/api/items/${probe.itemId}`;
      await step('POST /api/items/{id}/urges', 'POST', `${item}/urges`, { message: '请报送进展', includeCo: true }, 201);
      let version = (await step('POST /api/items/{id}/transitions', 'POST', `${item}/transitions`, { action: 'start', version: probe.itemVersion }, 200)).version as number;
      version = (await step('PUT /api/items/{id}/assignment', 'PUT', `${item}/assignment`, { lead: probe.leadDepartmentId, co: [probe.helperDepartmentId], deadline: '2026-12-31', version }, 200)).version as number;
      await step('PUT /api/items/{id}/deadline', 'PUT', `${item}/deadline`, { deadline: '2026年12月底前', version }, 200);
      const draft = await step('PUT /api/items/{id}/reports/{period} (new)', 'PUT', `${item}/reports/${WRITE_PERIOD}`, { text: '草稿', percent: 10 }, 200, probe.editorToken);
      const saved = await step('PUT /api/items/{id}/reports/{period} (update)', 'PUT', `${item}/reports/${WRITE_PERIOD}`, { text: '修改', percent: 20, version: draft.version }, 200, probe.editorToken);
      await step('POST /api/items/{id}/reports/{period}/submit', 'POST', `${item}/reports/${WRITE_PERIOD}/submit`, { version: saved.version }, 200, probe.editorToken);
      const extension = await step('POST /api/items/{id}/extensions', 'POST', `${item}/extensions`, { requestedDeadline: '2027-03-31', reason: '需要更多时间' }, 201, probe.editorToken);
      await step('POST /api/extensions/{id}/approve', 'POST', `/api/extensions/${extension.id}/approve`, {}, 200);
      await step('PUT /api/indicators/{id}/readings/{period}', 'PUT', `/api/indicators/${probe.indicatorId}/readings/2026`, { value: 95 }, 200);
      // Many rows: the helper department (co on every task, with a report on each) merged into the probe's lead; every task of the plan reassigned.
      await step('POST /api/departments/{id}/merge', 'POST', `/api/departments/${probe.leadDepartmentId}/merge`, { from: probe.helperDepartmentId }, 200, api.adminToken, probe.tasks);
      const bulk = await step('POST /api/assignments/bulk', 'POST', '/api/assignments/bulk', { plan: probe.planId, lead: probe.leadDepartmentId, deadline: '2026年12月底前' }, 200, api.adminToken, probe.tasks);
      expect(bulk.updated).toBe(probe.tasks);
      runs.push(run);
    }
    const [atN, at10N] = runs as [typeof runs[number], typeof runs[number]];
    const failures: string[] = [];
    for (const [i, w] of atN.entries()) {
      const big = at10N[i]!;
      table.push({ endpoint: w.rows ? `${w.name} (${w.rows} / ${big.rows} rows)` : w.name, as: 'write', counts: [w.count, big.count] });
      if (w.rows === undefined) {
        if (big.count !== w.count) failures.push(`${w.name}: ${w.count} -> ${big.count}`);
        continue;
      }
      const perRow = (big.count - w.count) / (big.rows! - w.rows);
      const bound = w.name.includes('merge') ? PER_ROW.merge : PER_ROW.bulk;
      if (perRow > bound) failures.push(`${w.name}: ${perRow.toFixed(2)} statements per row (${w.count} -> ${big.count}), allowed ${bound}`);
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
