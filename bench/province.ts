/**
 * A synthetic province in a database: 500 departments with users and contact addresses, plans
 * in the seeds' format (the first ones imported through libs/plan-import, one of them revised;
 * the rest parsed by the same importer and written in chunked INSERTs of the same entities),
 * steering by the coordinating office (leads, deadlines spread around "today", statuses), and a
 * year of monthly progress reports, urges, extension requests, indicator readings and the audit
 * log of it all. Deterministic for a given size and seed.
 */
import {
  Assignment,
  AuditLog,
  Department,
  ExtensionRequest,
  Indicator,
  IndicatorReading,
  INITIAL_ITEM_STATUS,
  Item,
  type ItemKindValue,
  parseDue,
  Plan,
  ProgressReport,
  resolveDeadline,
  seriesKeyOf,
  shanghai,
  Urge,
  User,
  type WorkingCalendar,
} from '#domain';
import { parseDocument, type ParsedPlan } from '#importer';
import { PlanImportService } from '#plan-import';
import argon2 from 'argon2';
import { createHash } from 'node:crypto';
import { type DataSource, type EntityManager, type EntityTarget, In, type ObjectLiteral } from 'typeorm';
import { provinceDepartments, provincePlan, rng } from './generate.js';

export interface ProvinceOptions {
  /** Tracked items (tasks) in the current plans. */
  tasks: number;
  departments: number;
  tasksPerPlan: number;
  /** Plans written through libs/plan-import (the first of them as a draft, then revised). */
  importedPlans: number;
  /** Months of progress reports, up to and including the current one. */
  months: number;
  /** The bench's "now". */
  now: Date;
  calendar: WorkingCalendar;
  seed?: number;
}

export interface Province {
  plans: number;
  tasks: number;
  items: number;
  departments: number;
  users: number;
  assignments: number;
  progressReports: number;
  auditRows: number;
  urges: number;
  extensions: number;
  seconds: number;
  /** Seconds per phase of the build. */
  phases: Record<string, number>;
  password: string;
  coordinator: string;
  /** A department user whose department leads about the median number of items. */
  departmentUser: { username: string; departmentId: number; lead: number };
}

/** The password of every generated user. */
export const BENCH_PASSWORD = 'bench-password-1';

const DAY_MS = 86_400_000;

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
const monthsBack = (month: string, n: number) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 - n, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
};
/** An instant on a local (Asia/Shanghai) day at an hour. */
const at = (day: string, hour: number) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`);

/**
 * Chunked multi-row INSERTs of entity rows. Values go through the driver's own conversion for
 * each column (simple-json, simple-array, dates, booleans) as TypeORM does when it saves an
 * entity; the statement is built here because the query builder's per-parameter bookkeeping
 * would make generating a million rows take minutes.
 */
async function insertRows<T extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<T>, rows: Partial<T>[]): Promise<void> {
  if (rows.length === 0) return;
  const driver = manager.connection.driver;
  const postgres = manager.connection.options.type === 'postgres';
  const meta = manager.connection.getMetadata(entity);
  const given = new Set(rows.flatMap((row) => Object.keys(row)));
  const columns = meta.columns.filter((c) => c.isInsert && (given.has(c.propertyName) || !c.isGenerated));
  const now = new Date();
  const valueOf = (row: Partial<T>, column: (typeof columns)[number]): unknown => {
    const value = (row as Record<string, unknown>)[column.propertyName];
    if (value !== undefined) return driver.preparePersistentValue(value, column);
    if (column.isCreateDate || column.isUpdateDate) return driver.preparePersistentValue(now, column);
    if (column.isVersion) return 1;
    if (column.default !== undefined && typeof column.default !== 'function') return driver.preparePersistentValue(column.default, column);
    return null;
  };
  const names = columns.map((c) => driver.escape(c.databaseName)).join(', ');
  if (postgres) {
    // One array parameter per column: PostgreSQL parses one short statement per chunk.
    const types = columns.map((c, i) => `$${i + 1}::${driver.normalizeType(c)}[]`).join(', ');
    const sql = `INSERT INTO ${driver.escape(meta.tableName)} (${names}) SELECT * FROM unnest(${types})`;
    for (let i = 0; i < rows.length; i += 10_000) {
      const part = rows.slice(i, i + 10_000);
      await manager.query(sql, columns.map((c) => part.map((row) => valueOf(row, c))));
    }
    return;
  }
  const chunk = Math.floor(30_000 / columns.length);
  const head = `INSERT INTO ${driver.escape(meta.tableName)} (${names}) VALUES `;
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    const params: unknown[] = [];
    const tuples = part.map((row) => `(${columns.map((c) => (params.push(valueOf(row, c)), '?')).join(', ')})`);
    await manager.query(head + tuples.join(', '), params);
  }
}

/** PostgreSQL sequences after rows were written with their ids. */
async function syncSequences(dataSource: DataSource, tables: string[]): Promise<void> {
  if (dataSource.options.type !== 'postgres') return;
  for (const table of tables) {
    await dataSource.query(`SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), GREATEST((SELECT MAX("id") FROM "${table}"), 1))`);
  }
}

const parsedCache = new Map<string, ParsedPlan>();

/** The plan documents of the province (text), parsed once per process. */
async function planDocument(index: number, tasks: number, departments: string[], year: number, draft = false): Promise<{ text: string; fileName: string; parsed: ParsedPlan }> {
  const text = provincePlan({ index, tasks: draft ? tasks - 20 : tasks, departments, year, seed: draft ? 1000 + index : index + 1 });
  const fileName = `province-${String(index).padStart(3, '0')}${draft ? '-draft' : ''}.txt`;
  const key = `${fileName}:${text.length}`;
  let parsed = parsedCache.get(key);
  if (!parsed) {
    parsed = await parseDocument(Buffer.from(text), fileName);
    parsedCache.set(key, parsed);
  }
  return { text, fileName, parsed };
}

const STATUS_WEIGHTS: [string, number][] = [
  ['未启动', 0.12],
  ['推进中', 0.58],
  ['已完成(待审核)', 0.08],
  ['已销号', 0.17],
  ['暂缓', 0.05],
];

/** The transitions that lead from 未启动 to a status (action, status after). */
const PATHS: Record<string, [string, string][]> = {
  未启动: [],
  推进中: [['start', '推进中']],
  '已完成(待审核)': [['start', '推进中'], ['complete', '已完成(待审核)']],
  已销号: [['start', '推进中'], ['complete', '已完成(待审核)'], ['close', '已销号']],
  暂缓: [['start', '推进中'], ['suspend', '暂缓']],
};

const PROGRESS = ['已完成调研摸底,形成工作方案。', '召开专题推进会,明确责任分工和时间节点。', '完成阶段性任务,相关企业已全部完成整改。', '组织专家评审,形成初步成果并征求意见。', '持续推进中,本月开展督导检查三次。'];

export async function buildProvince(dataSource: DataSource, options: ProvinceOptions): Promise<Province> {
  const started = Date.now();
  const phases: Record<string, number> = {};
  let mark = Date.now();
  const phase = (name: string) => {
    phases[name] = (Date.now() - mark) / 1000;
    mark = Date.now();
  };
  const r = rng(options.seed ?? 7);
  const today = shanghai(options.now).day;
  const year = Number(today.slice(0, 4));
  const passwordHash = await argon2.hash(BENCH_PASSWORD, { type: argon2.argon2id });
  const names = provinceDepartments(options.departments);

  // ---- departments (2% without a contact address) and their users; the coordinating office.
  await insertRows(
    dataSource.manager,
    Department,
    names.map((name, i) => ({ name, contactEmails: i % 50 === 49 ? null : [`dept${i + 1}@bench.example`, `dept${i + 1}-office@bench.example`] })),
  );
  const deptId = new Map((await dataSource.getRepository(Department).find({ select: { id: true, name: true } })).map((d) => [d.name, d.id]));
  const users: Partial<User>[] = [];
  for (let c = 1; c <= 5; c++) users.push({ username: `coordinator${c}`, displayName: `质量强市办${c}`, passwordHash, role: 'coordinator', departmentId: null, email: `office${c}@bench.example`, active: true });
  for (const [name, id] of deptId) {
    users.push({ username: `editor${id}`, displayName: `${name}填报员`, passwordHash, role: 'editor', departmentId: id, email: `editor${id}@bench.example`, active: true });
    if (id % 5 === 0) users.push({ username: `viewer${id}`, displayName: `${name}查看`, passwordHash, role: 'viewer', departmentId: id, email: null, active: true });
  }
  await insertRows(dataSource.manager, User, users);
  const editorOf = new Map((await dataSource.getRepository(User).find({ where: { role: 'editor' }, select: { id: true, departmentId: true } })).map((u) => [u.departmentId!, u.id]));
  const coordinatorIds = (await dataSource.getRepository(User).find({ where: { role: 'coordinator' }, select: { id: true } })).map((u) => u.id);

  phase('departments and users');
  // ---- plans: the first ones through the importer (the first as a draft, then its revision).
  const planCount = Math.max(1, Math.round(options.tasks / options.tasksPerPlan));
  const importer = new PlanImportService(dataSource);
  const imported = Math.min(options.importedPlans, planCount);
  for (let p = 0; p < imported; p++) {
    if (p === 0) {
      const draft = await planDocument(p, options.tasksPerPlan, names, year, true);
      await importer.importBuffer(Buffer.from(draft.text), draft.fileName);
    }
    const doc = await planDocument(p, options.tasksPerPlan, names, year);
    await importer.importBuffer(Buffer.from(doc.text), doc.fileName);
  }
  // The importer may have created departments for printed names it did not know.
  for (const d of await dataSource.getRepository(Department).find({ select: { id: true, name: true } })) deptId.set(d.name, d.id);

  phase('plans through libs/plan-import');
  // ---- steering and a year of reporting, per task (see Steering).
  const steering = new Steering(r, options, today, coordinatorIds, editorOf, [...new Set(deptId.values())]);

  // The imported plans' tasks take their steering state through UPDATEs.
  const importedPlans = await dataSource.getRepository(Plan).find({ where: { current: true }, select: { id: true, issued: true } });
  for (const plan of importedPlans) {
    const planTasks = await dataSource.getRepository(Item).find({ where: { planId: plan.id, kind: 'task' }, select: { id: true, dueText: true, deadline: true }, order: { order: 'ASC' } });
    const assignments = await dataSource.getRepository(Assignment).find({ where: { itemId: In(planTasks.map((t) => t.id)) }, select: { itemId: true, departmentId: true, role: true } });
    const out = new Rows();
    for (const task of planTasks) {
      const own = assignments.filter((a) => a.itemId === task.id);
      const fields = steering.steer(out, { id: task.id, dueText: task.dueText, deadline: task.deadline }, planYearOf(plan.issued, year), own.find((a) => a.role === 'lead')?.departmentId, own.filter((a) => a.role === 'co').map((a) => a.departmentId));
      out.updates.push({ id: task.id, fields });
    }
    await dataSource.transaction(async (manager) => {
      for (const u of out.updates) await manager.getRepository(Item).update({ id: u.id }, u.fields);
      await out.insert(manager);
    });
  }

  phase('steering of the imported plans');
  // ---- the other plans: parsed by the importer, written as the importer writes them (plan, items,
  // assignments, indicators), with the steering state the office gave them and their reports.
  let nextItemId = (((await dataSource.getRepository(Item).createQueryBuilder('i').select('MAX(i.id)', 'max').getRawOne()) as { max: number | null })?.max ?? 0) + 1;
  for (let p = imported; p < planCount; p++) {
    const { text, fileName, parsed } = await planDocument(p, options.tasksPerPlan, names, year);
    await dataSource.transaction(async (manager) => {
      const title = parsed.title?.trim() || fileName;
      const plan = await manager.getRepository(Plan).save(
        manager.getRepository(Plan).create({
          title,
          issuer: parsed.issuer,
          docNumber: parsed.docNumber,
          issued: parsed.issued,
          sourceFileName: fileName,
          sha256: createHash('sha256').update(text).digest('hex'),
          version: 1,
          seriesKey: seriesKeyOf(title),
          current: true,
          supersededById: null,
          warnings: parsed.warnings,
        }),
      );
      const planYear = planYearOf(parsed.issued, year);
      const out = new Rows();
      const rows: Partial<Item>[] = [];
      const itemIds: number[] = new Array<number>(parsed.items.length);
      const sectionIds: number[] = [];
      let order = 0;
      const add = (fields: Partial<Item>): number => {
        const id = nextItemId++;
        rows.push({ ...fields, id, order: order++, status: INITIAL_ITEM_STATUS, version: 1 });
        return id;
      };
      const addParsed = async (index: number) => {
        const it = parsed.items[index]!;
        const parentId = it.parent !== null ? itemIds[it.parent]! : it.section !== null ? sectionIds[it.section]! : null;
        const id = add({
          planId: plan.id,
          parentId,
          number: it.number,
          normalizedNumber: it.normalizedNumber,
          level: it.level,
          path: it.path,
          title: it.title,
          body: it.body,
          kind: it.kind as ItemKindValue,
          sourceLineStart: it.lineStart,
          sourceLineEnd: it.lineEnd,
          dueText: it.due,
          deadline: parseDue(it.due, planYear)?.date ?? null,
        });
        itemIds[index] = id;
        const roles = new Map<number, 'lead' | 'co'>();
        for (const name of it.lead) roles.set(await resolveDepartment(manager, deptId, name), 'lead');
        for (const name of it.co) {
          const d = await resolveDepartment(manager, deptId, name);
          if (!roles.has(d)) roles.set(d, 'co');
        }
        for (const [departmentId, role] of roles) out.assignments.push({ itemId: id, departmentId, role });
        if (it.kind === 'task') {
          const row = rows[rows.length - 1]!;
          const lead = [...roles].find(([, role]) => role === 'lead')?.[0];
          const co = [...roles].filter(([, role]) => role === 'co').map(([d]) => d);
          Object.assign(row, steering.steer(out, { id, dueText: row.dueText ?? null, deadline: row.deadline ?? null }, planYear, lead, co));
        }
      };
      const bySection = new Map<number | null, number[]>();
      parsed.items.forEach((it, index) => bySection.set(it.section, [...(bySection.get(it.section) ?? []), index]));
      for (const index of bySection.get(null) ?? []) await addParsed(index);
      for (const [s, section] of parsed.sections.entries()) {
        sectionIds[s] = add({
          planId: plan.id,
          parentId: null,
          number: section.number,
          normalizedNumber: section.number,
          level: 0,
          path: [],
          title: section.title,
          body: section.body,
          kind: 'section',
          sourceLineStart: section.lineStart,
          sourceLineEnd: section.lineEnd,
          dueText: null,
          deadline: null,
        });
        for (const index of bySection.get(s) ?? []) await addParsed(index);
      }
      await insertRows(manager, Item, rows);
      await insertRows(
        manager,
        Indicator,
        parsed.indicators.map((x, i) => ({ planId: plan.id, name: x.name, op: x.op, targetValue: x.value, unit: x.unit, targetYear: x.year, path: x.path, order: i })),
      );
      await out.insert(manager);
    });
  }
  await syncSequences(dataSource, ['item']);
  phase('bulk plans');

  // Indicator readings: monthly values for every indicator.
  const period = today.slice(0, 7);
  const indicators = await dataSource.getRepository(Indicator).find({ select: { id: true, targetValue: true } });
  const readings: Partial<IndicatorReading>[] = [];
  for (const ind of indicators) {
    for (let m = options.months - 1; m >= 1; m--) {
      readings.push({ indicatorId: ind.id, period: monthsBack(period, m), value: Math.round(ind.targetValue * (0.8 + 0.2 * (1 - m / options.months)) * 10) / 10, note: null, departmentId: null, enteredById: coordinatorIds[0]!, createdAt: at(`${monthsBack(period, m - 1)}-05`, 9) });
    }
  }
  await dataSource.transaction((manager) => insertRows(manager, IndicatorReading, readings));

  phase('indicator readings');
  // A database in use has planner statistics: PostgreSQL's autovacuum gathers them within minutes of
  // such a load (the SQLite connection options run PRAGMA optimize when the API or worker opens).
  if (dataSource.options.type === 'postgres') await dataSource.query('ANALYZE');
  phase('statistics');
  // A department user with a typical load: the median lead count.
  const ranked = [...steering.leads].sort((a, b) => a[1] - b[1]);
  const [medianDept, medianLead] = ranked[Math.floor(ranked.length / 2)]!;
  const count = async (entity: EntityTarget<ObjectLiteral>) => dataSource.getRepository(entity).count();
  return {
    plans: await count(Plan),
    tasks: steering.tasks,
    items: await count(Item),
    departments: await count(Department),
    users: await count(User),
    assignments: await count(Assignment),
    progressReports: await count(ProgressReport),
    auditRows: await count(AuditLog),
    urges: await count(Urge),
    extensions: await count(ExtensionRequest),
    seconds: (Date.now() - started) / 1000,
    phases,
    password: BENCH_PASSWORD,
    coordinator: 'coordinator1',
    departmentUser: { username: `editor${medianDept}`, departmentId: medianDept, lead: medianLead },
  };
}

const planYearOf = (issued: string | null, fallback: number) => (issued ? Number(issued.slice(0, 4)) : fallback);

/** Rows a plan's steering and reporting produce, written in the plan's transaction. */
class Rows {
  updates: { id: number; fields: Partial<Item> }[] = [];
  assignments: Partial<Assignment>[] = [];
  reports: Partial<ProgressReport>[] = [];
  audit: Partial<AuditLog>[] = [];
  urges: Partial<Urge>[] = [];
  extensions: Partial<ExtensionRequest>[] = [];

  async insert(manager: EntityManager): Promise<void> {
    await insertRows(manager, Assignment, this.assignments);
    await insertRows(manager, ProgressReport, this.reports);
    await insertRows(manager, AuditLog, this.audit);
    await insertRows(manager, Urge, this.urges);
    await insertRows(manager, ExtensionRequest, this.extensions);
  }
}

/**
 * What a year in the province does to one task: a lead assigned by the office when the document
 * printed none, a deadline set around today (or kept as printed, or 持续推进), a status reached
 * through the status machine's transitions, monthly progress reports (the lead's most months,
 * about half so far in the current month; some contributions by co departments), urges on overdue
 * work and extension requests, each with the audit row the API writes.
 */
class Steering {
  readonly leads = new Map<number, number>();
  tasks = 0;
  private readonly today: string;
  private readonly period: string;
  private readonly startDay: string;
  private readonly username = new Map<number, string>();

  constructor(
    private readonly r: () => number,
    private readonly options: ProvinceOptions,
    today: string,
    private readonly coordinatorIds: number[],
    private readonly editorOf: Map<number, number>,
    private readonly departments: number[],
  ) {
    this.today = today;
    this.period = today.slice(0, 7);
    this.startDay = `${monthsBack(this.period, options.months - 1)}-01`;
    coordinatorIds.forEach((id, i) => this.username.set(id, `coordinator${i + 1}`));
    for (const [dept, id] of editorOf) this.username.set(id, `editor${dept}`);
  }

  private pick<T>(xs: T[]): T {
    return xs[Math.floor(this.r() * xs.length)]!;
  }

  private auditRow(out: Rows, when: Date, userId: number, action: string, entityType: string, itemId: number, before: unknown, after: unknown): void {
    out.audit.push({ at: when, userId, username: this.username.get(userId) ?? 'admin', action, entityType, entityId: entityType === 'item' ? itemId : null, itemId, before, after });
  }

  /** The task's steering fields (for its item row); its other rows go to `out`. */
  steer(out: Rows, task: { id: number; dueText: string | null; deadline: string | null }, planYear: number, printedLead: number | undefined, co: number[]): Partial<Item> {
    const { r, today, period } = this;
    this.tasks++;
    let version = 1;
    const fields: Partial<Item> = {};
    const assigner = this.pick(this.coordinatorIds);
    const assignedOn = addDays(this.startDay, Math.floor(r() * 30));
    let lead = printedLead;
    if (lead === undefined) {
      lead = this.pick(this.departments);
      const extra = this.pick(this.departments);
      co = extra === lead ? [] : [extra];
      out.assignments.push({ itemId: task.id, departmentId: lead, role: 'lead' }, ...co.map((departmentId) => ({ itemId: task.id, departmentId, role: 'co' as const })));
      this.auditRow(out, at(assignedOn, 10), assigner, 'item.assign', 'item', task.id, { lead: null, co: [], version }, { lead, co, version: version + 1 });
      version++;
    }
    this.leads.set(lead, (this.leads.get(lead) ?? 0) + 1);
    fields.assignedOn = assignedOn;

    const d = r();
    const resolved =
      d < 0.78
        ? resolveDeadline(addDays(today, Math.floor(-150 + r() * 450)), planYear, assignedOn, this.options.calendar)
        : d < 0.9
          ? resolveDeadline('持续推进', planYear, assignedOn, this.options.calendar)
          : task.dueText
            ? resolveDeadline(task.dueText, planYear, assignedOn, this.options.calendar)
            : null;
    if (resolved) {
      Object.assign(fields, { deadline: resolved.date, deadlineKind: resolved.kind, dueText: resolved.text });
      this.auditRow(out, at(addDays(assignedOn, 1), 11), assigner, 'item.assign', 'item', task.id, { deadline: task.deadline, version }, { deadline: resolved.date, version: version + 1 });
      version++;
    }

    let x = r();
    let status = STATUS_WEIGHTS[0]![0];
    for (const [s, w] of STATUS_WEIGHTS) {
      if (x < w) {
        status = s;
        break;
      }
      x -= w;
    }
    let day = addDays(assignedOn, 3 + Math.floor(r() * 20));
    let previous = INITIAL_ITEM_STATUS;
    let lastMonth: string | null = null;
    for (const [action, to] of PATHS[status]!) {
      if (day > today) day = today;
      const by = action === 'close' ? this.pick(this.coordinatorIds) : (this.editorOf.get(lead) ?? assigner);
      const reason = action === 'suspend' ? '受上级政策调整影响,暂缓实施' : null;
      this.auditRow(out, at(day, 15), by, 'item.transition', 'item', task.id, { status: previous, statusReason: null, version }, { action, status: to, statusReason: reason, version: version + 1 });
      version++;
      previous = to;
      if (reason) fields.statusReason = reason;
      if (to === '已完成(待审核)' || to === '暂缓') lastMonth = day.slice(0, 7);
      day = addDays(day, 20 + Math.floor(r() * 120));
    }
    fields.status = status;
    fields.version = version;

    const editor = this.editorOf.get(lead) ?? assigner;
    let percent = 0;
    for (let m = this.options.months - 1; m >= 0; m--) {
      const month = monthsBack(period, m);
      if (month < assignedOn.slice(0, 7) || (lastMonth !== null && month > lastMonth)) continue;
      if (status === '未启动' && r() < 0.6) continue;
      const current = month === period;
      const p = r();
      if (current ? p < 0.45 || p > 0.92 : p < 0.86) {
        const draft = current && p > 0.92;
        const submittedDay = current ? addDays(today, -Math.floor(r() * Number(today.slice(8)))) : `${month}-${String(15 + Math.floor(r() * 14)).padStart(2, '0')}`;
        percent = Math.min(100, percent + Math.floor(r() * 15));
        const when = at(submittedDay, 16);
        out.reports.push({
          itemId: task.id,
          departmentId: lead,
          role: 'lead',
          period: month,
          text: `${month}:${this.pick(PROGRESS)}${this.pick(PROGRESS)}`,
          percent,
          state: draft ? 'draft' : 'submitted',
          submittedAt: draft ? null : when,
          late: !draft && Number(submittedDay.slice(8)) > 25,
          authorId: editor,
          createdAt: when,
          updatedAt: when,
          version: draft ? 1 : 2,
        });
      }
      for (const c of co) {
        if (r() >= 0.15) continue;
        const when = at(`${month}-${String(1 + Math.floor(r() * (current ? Number(today.slice(8)) - 1 || 1 : 20))).padStart(2, '0')}`, 9);
        out.reports.push({ itemId: task.id, departmentId: c, role: 'co', period: month, text: `配合推进:${this.pick(PROGRESS)}`, percent: null, state: 'submitted', submittedAt: when, late: false, authorId: this.editorOf.get(c) ?? editor, createdAt: when, updatedAt: when, version: 2 });
      }
    }

    const deadline = fields.deadline ?? null;
    const open = status === '未启动' || status === '推进中';
    if (open && deadline && deadline < today && r() < 0.08) {
      const when = at(addDays(deadline, 3 + Math.floor(r() * 10)), 10);
      if (when < this.options.now) {
        const by = this.pick(this.coordinatorIds);
        const message = '请抓紧推进并于本周内报送最新进展。';
        out.urges.push({ itemId: task.id, fromUserId: by, message, leadDepartmentId: lead, coDepartmentIds: co, createdAt: when, deliveredAt: new Date(when.getTime() + 60_000) });
        this.auditRow(out, when, by, 'urge.create', 'urge', task.id, null, { message, leadDepartmentId: lead, coDepartmentIds: co });
      }
    }
    if (open && deadline && r() < 0.04) {
      const created = at(addDays(deadline < today ? deadline : today, -Math.floor(5 + r() * 20)), 14);
      const s = r();
      const state = s < 0.35 ? 'pending' : s < 0.8 ? 'approved' : 'rejected';
      out.extensions.push({
        itemId: task.id,
        departmentId: lead,
        requestedById: editor,
        previousDeadline: deadline,
        requestedDeadline: addDays(deadline, 30 + Math.floor(r() * 90)),
        reason: '涉及多部门协调,需延长办理时间。',
        state: state as ExtensionRequest['state'],
        decidedById: state === 'pending' ? null : this.pick(this.coordinatorIds),
        decidedAt: state === 'pending' ? null : new Date(created.getTime() + 2 * DAY_MS),
        decisionReason: state === 'rejected' ? '请按原期限完成。' : null,
        createdAt: created,
      });
    }
    return fields;
  }
}

/** A printed department name to its id, creating an unknown department as the importer does. */
async function resolveDepartment(manager: EntityManager, known: Map<string, number>, printed: string): Promise<number> {
  const name = printed.trim();
  const id = known.get(name);
  if (id !== undefined) return id;
  const saved = await manager.getRepository(Department).save(manager.getRepository(Department).create({ name, contactEmails: null }));
  known.set(name, saved.id);
  return saved.id;
}
