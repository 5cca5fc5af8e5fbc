import { AppConfig } from '#config';
import {
  Assignment,
  AuditLog,
  CLOCK,
  type Clock,
  Department,
  ExtensionRequest,
  isActiveStatus,
  Item,
  ITEM_STATUSES,
  SettingsStore,
  shanghaiInstant,
  Plan,
  ProgressReport,
  trafficLight,
  type TrafficLight,
  Urge,
  User,
} from '#domain';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, MoreThanOrEqual } from 'typeorm';
import { AccessService } from '../auth/access.service.js';
import type { Actor } from '../auth/auth.types.js';
import { badRequest, forbidden } from '../common/errors.js';
import { today } from '../common/time.module.js';
import type { DashboardItemsQuery } from './dto/overview.query.js';

/** One tracked item as the dashboards show it: departments, deadline, days left, light. */
export interface DashboardRow {
  id: number;
  planId: number;
  planTitle: string;
  sectionId: number | null;
  section: string | null;
  number: string;
  title: string;
  path: string[];
  kind: string;
  status: string;
  dueText: string | null;
  deadline: string | null;
  /** Calendar days from today to the deadline; negative when overdue; null without a deadline. */
  daysLeft: number | null;
  overdue: boolean;
  light: TrafficLight;
  lightReasons: string[];
  lead: string[];
  co: string[];
  leadIds: number[];
  coIds: number[];
  /** Whether the lead department submitted this month's progress report. */
  reportedThisMonth: boolean;
}

export interface DashboardPage {
  total: number;
  page: number;
  pageSize: number;
  counts: { light: Record<TrafficLight, number>; status: Record<string, number>; overdue: number };
  items: DashboardRow[];
}

interface Snapshot {
  today: string;
  period: string;
  rows: DashboardRow[];
  /** Every item's ancestors (ids), for the section filter. */
  ancestors: Map<number, number[]>;
}

const LIGHT_ORDER: Record<TrafficLight, number> = { red: 0, yellow: 1, green: 2 };
/** Rows of the overdue board and the 销号 list on 督办总览 (totals count them all; the filtered list shows the rest). */
const SUMMARY_LIST_LIMIT = 200;
const DAY_MS = 86_400_000;

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** A lead department's submitted progress report (what reportedThisMonth and the trend count), as SQL on alias `r`; parameters LEAD_SUBMITTED. */
export function leadSubmitted(r: string): string {
  return `${r}.role = :lead AND ${r}.state = :submitted`;
}
export const LEAD_SUBMITTED = { lead: 'lead', submitted: 'submitted' } as const;

type ItemRow = Pick<Item, 'id' | 'planId' | 'parentId' | 'number' | 'order' | 'path' | 'title' | 'kind' | 'status' | 'dueText' | 'deadline'>;
type RawItemRow = Omit<ItemRow, 'path'> & { path: string };

function itemRow(r: RawItemRow): ItemRow {
  return {
    ...r,
    id: Number(r.id),
    planId: Number(r.planId),
    parentId: r.parentId === null ? null : Number(r.parentId),
    order: Number(r.order),
    path: JSON.parse(r.path) as string[],
  };
}

/**
 * 督办总览 for the coordinating office: the item list with its filters, sorting and counts (also what
 * the Excel export writes), and the summary (overdue board, department ranking, trend, charts).
 * Computed from the same domain rules as the API (trafficLight, reporting duty); nothing here writes.
 */
@Injectable()
export class OverviewService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly settings: SettingsStore,
    private readonly config: AppConfig,
    private readonly access: AccessService,
  ) {}

  private esc(name: string): string {
    return this.dataSource.driver.escape(name);
  }

  /** "<column> is one of the department's items" (:departmentId): ids from its assignments (index on departmentId), not a scan of every item. */
  private ofDepartment(column: string): string {
    return `${column} IN (SELECT da.${this.esc('itemId')} FROM ${this.esc('assignment')} da WHERE da.${this.esc('departmentId')} = :departmentId)`;
  }

  /** The item columns the dashboards show, read as plain rows (no entity objects for 100,000 items). */
  private itemRows() {
    return this.dataSource
      .getRepository(Item)
      .createQueryBuilder('item')
      .select([
        'item.id AS "id"',
        'item.planId AS "planId"',
        'item.parentId AS "parentId"',
        'item.number AS "number"',
        'item.order AS "order"',
        'item.path AS "path"',
        'item.title AS "title"',
        'item.kind AS "kind"',
        'item.status AS "status"',
        'item.dueText AS "dueText"',
        // A DATE column: PostgreSQL's driver would make it a Date at local midnight.
        'CAST(item.deadline AS VARCHAR(10)) AS "deadline"',
      ]);
  }

  /**
   * All tracked items of the current plans (or one plan), with derived light and days left; with
   * `departmentId`, only the items that department leads or supports (督办总览 filtered by department),
   * read from its assignments instead of the whole province. `overdueOnly` reads only items whose deadline has
   * passed (a superset of the overdue ones: the rules decide the rest).
   */
  private async snapshot({
    planId,
    departmentId,
    overdueOnly = false,
  }: { planId?: number; departmentId?: number; overdueOnly?: boolean } = {}): Promise<Snapshot> {
    const now = today(this.clock);
    const period = now.slice(0, 7);
    const plans = await this.dataSource.getRepository(Plan).find({ select: { id: true, title: true, sourceFileName: true, current: true, archived: true } });
    // Current, unarchived plans, unless one plan is asked for (an old version or an archived plan included).
    const planIds = plans.filter((p) => (planId === undefined ? p.current && !p.archived : p.id === planId)).map((p) => p.id);
    const planTitle = new Map(plans.map((p) => [p.id, p.title ?? p.sourceFileName]));
    if (planIds.length === 0) return { today: now, period, rows: [], ancestors: new Map() };
    const itemQuery = this.itemRows()
      .where('item.planId IN (:...planIds)', { planIds })
      .orderBy('item.planId', 'ASC')
      .addOrderBy('item.order', 'ASC');
    if (departmentId !== undefined) itemQuery.andWhere(this.ofDepartment(`item.${this.esc('id')}`), { departmentId });
    if (overdueOnly) itemQuery.andWhere('item.deadline < :today', { today: now });
    const items = (await itemQuery.getRawMany<RawItemRow>()).map(itemRow);
    const byId = new Map(items.map((i) => [i.id, i]));
    const tracked = items.filter((i) => i.kind === 'task');
    // Only some items read: their sections and groups are not among them.
    if (departmentId !== undefined || overdueOnly) {
      // Their sections and groups, one level per query (a plan is a few levels deep).
      for (let missing = [...new Set(items.map((i) => i.parentId).filter((id): id is number => id !== null && !byId.has(id)))]; missing.length; ) {
        const parents = (await this.itemRows().where('item.id IN (:...missing)', { missing }).getRawMany<RawItemRow>()).map(itemRow);
        for (const p of parents) byId.set(p.id, p);
        missing = [...new Set(parents.map((i) => i.parentId).filter((id): id is number => id !== null && !byId.has(id)))];
      }
    }
    const assignmentQuery = this.dataSource
      .getRepository(Assignment)
      .createQueryBuilder('a')
      .select(['a.id', 'a.itemId', 'a.departmentId', 'a.role'])
      .orderBy('a.id', 'ASC');
    // A department's: the assignments of its items (only tracked ones are looked up below).
    if (departmentId !== undefined) assignmentQuery.where(this.ofDepartment(`a.${this.esc('itemId')}`), { departmentId });
    else {
      assignmentQuery.innerJoin('a.item', 'i').where('i.planId IN (:...planIds)', { planIds });
      if (overdueOnly) assignmentQuery.andWhere('i.deadline < :today', { today: now });
    }
    // Names from the department list (a few hundred rows), not joined to each assignment.
    const names = tracked.length ? new Map((await this.dataSource.getRepository(Department).find({ select: { id: true, name: true } })).map((d) => [d.id, d.name])) : new Map<number, string>();
    const assignments = tracked.length
      ? (await assignmentQuery.getRawMany<{ a_itemId: number; a_departmentId: number; a_role: 'lead' | 'co' }>()).map((r) => ({
          itemId: r.a_itemId,
          departmentId: r.a_departmentId,
          role: r.a_role,
          name: names.get(Number(r.a_departmentId)) ?? '',
        }))
      : [];
    const depts = new Map<number, { lead: [number, string][]; co: [number, string][] }>();
    for (const a of assignments) {
      const entry = depts.get(Number(a.itemId)) ?? { lead: [], co: [] };
      entry[a.role].push([Number(a.departmentId), a.name]);
      depts.set(Number(a.itemId), entry);
    }
    const reportQuery = this.dataSource
      .getRepository(ProgressReport)
      .createQueryBuilder('r')
      .select('r.itemId', 'itemId')
      .where(`${leadSubmitted('r')} AND r.period = :period`, { ...LEAD_SUBMITTED, period });
    if (departmentId !== undefined) reportQuery.andWhere(this.ofDepartment(`r.${this.esc('itemId')}`), { departmentId });
    const reported = new Set((await reportQuery.getRawMany<{ itemId: number }>()).map((r) => Number(r.itemId)));
    const ancestors = new Map<number, number[]>();
    const ancestorsOf = (id: number): number[] => {
      const known = ancestors.get(id);
      if (known) return known;
      const parent = byId.get(id)?.parentId ?? null;
      const list = parent === null ? [] : [parent, ...ancestorsOf(parent)];
      ancestors.set(id, list);
      return list;
    };
    const { calendar } = await this.settings.current();
    const rows = tracked.map((item): DashboardRow => {
      const light = trafficLight({
        status: item.status,
        deadline: item.deadline,
        today: now,
        reportedThisMonth: reported.has(item.id),
        hasLead: (depts.get(item.id)?.lead.length ?? 0) > 0,
        warnWorkingDays: this.config.DUBAN_WARN_WORKING_DAYS,
        calendar,
      });
      const sectionId = [...ancestorsOf(item.id)].reverse().find((id) => byId.get(id)?.kind === 'section') ?? null;
      const section = sectionId === null ? null : byId.get(sectionId)!;
      const d = depts.get(item.id) ?? { lead: [], co: [] };
      return {
        id: item.id,
        planId: item.planId,
        planTitle: planTitle.get(item.planId) ?? '',
        sectionId,
        section: section ? `${section.number}${section.title}` : null,
        number: item.number,
        title: item.title,
        path: item.path,
        kind: item.kind,
        status: item.status,
        dueText: item.dueText,
        deadline: item.deadline,
        daysLeft: item.deadline === null ? null : daysBetween(now, item.deadline),
        overdue: light.overdue,
        light: light.light,
        lightReasons: light.reasons,
        lead: d.lead.map(([, n]) => n),
        co: d.co.map(([, n]) => n),
        leadIds: d.lead.map(([id]) => id),
        coIds: d.co.map(([id]) => id),
        reportedThisMonth: reported.has(item.id),
      };
    });
    return { today: now, period, rows, ancestors };
  }

  private filter(snapshot: Snapshot, query: DashboardItemsQuery): DashboardRow[] {
    const q = query.q?.trim();
    return snapshot.rows.filter((r) => {
      if (query.section !== undefined && r.id !== query.section && !(snapshot.ancestors.get(r.id) ?? []).includes(query.section)) return false;
      if (query.department !== undefined) {
        const lead = r.leadIds.includes(query.department);
        const co = r.coIds.includes(query.department);
        if (query.role === 'lead' ? !lead : query.role === 'co' ? !co : !lead && !co) return false;
      }
      if (query.light !== undefined && r.light !== query.light) return false;
      if (query.status !== undefined && r.status !== query.status) return false;
      if (query.due !== undefined) {
        const open = isActiveStatus(r.status);
        if (query.due === 'overdue' && !r.overdue) return false;
        if (query.due === 'none' && r.deadline !== null) return false;
        if (query.due === 'week' && !(open && r.daysLeft !== null && r.daysLeft >= 0 && r.daysLeft <= 7)) return false;
        if (query.due === 'month' && !(open && r.deadline !== null && r.deadline.slice(0, 7) === snapshot.period)) return false;
        if (query.due === 'quarter' && !(open && r.daysLeft !== null && r.daysLeft >= 0 && r.daysLeft <= 92)) return false;
      }
      if (query.deadlineFrom !== undefined && (r.deadline === null || r.deadline < query.deadlineFrom)) return false;
      if (query.deadlineTo !== undefined && (r.deadline === null || r.deadline > query.deadlineTo)) return false;
      if (q && !`${r.number}${r.title}`.includes(q)) return false;
      return true;
    });
  }

  private sort(rows: DashboardRow[], sort: string | undefined, dir: 'asc' | 'desc' | undefined): DashboardRow[] {
    if (!sort || sort === 'order') return dir === 'desc' ? [...rows].reverse() : rows;
    const far = '9999-12-31';
    const key: Record<string, (r: DashboardRow) => string | number> = {
      deadline: (r) => r.deadline ?? far,
      daysLeft: (r) => r.daysLeft ?? Number.MAX_SAFE_INTEGER,
      light: (r) => LIGHT_ORDER[r.light],
      status: (r) => ITEM_STATUSES.indexOf(r.status as (typeof ITEM_STATUSES)[number]),
      lead: (r) => r.lead.join('、'),
      title: (r) => r.title,
      plan: (r) => r.planTitle,
    };
    const k = key[sort];
    if (!k) return rows;
    const sign = dir === 'desc' ? -1 : 1;
    // Array.prototype.sort is stable: ties keep the plan order.
    return [...rows].sort((a, b) => {
      const x = k(a);
      const y = k(b);
      return (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'zh-CN')) * sign;
    });
  }

  /** Filtered, sorted, paged items with counts of the whole filtered set. */
  async items(query: DashboardItemsQuery): Promise<DashboardPage> {
    const rows = await this.filteredRows(query);
    const light: Record<TrafficLight, number> = { red: 0, yellow: 0, green: 0 };
    const status: Record<string, number> = Object.fromEntries(ITEM_STATUSES.map((s) => [s, 0]));
    for (const r of rows) {
      light[r.light]++;
      status[r.status] = (status[r.status] ?? 0) + 1;
    }
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    return {
      total: rows.length,
      page,
      pageSize,
      counts: { light, status, overdue: rows.filter((r) => r.overdue).length },
      items: rows.slice((page - 1) * pageSize, page * pageSize),
    };
  }

  /** Every row the filters select, sorted (for the Excel export). */
  async filteredRows(query: DashboardItemsQuery): Promise<DashboardRow[]> {
    if (query.plan !== undefined && !(await this.dataSource.getRepository(Plan).existsBy({ id: query.plan }))) throw badRequest(`方案不存在:${query.plan}`);
    const snapshot = await this.snapshot({ planId: query.plan, departmentId: query.department, overdueOnly: query.due === 'overdue' });
    return this.sort(this.filter(snapshot, query), query.sort, query.dir);
  }

  /** 督办总览: charts, overdue board, department ranking, extension requests, items waiting for 销号. */
  async summary(actor: Actor, planId?: number) {
    if (!this.access.readsAsOffice(actor)) throw forbidden('只有质量强市办和领导可以查看督办总览');
    const snapshot = await this.snapshot({ planId });
    const { rows, period } = snapshot;

    const byPlan = new Map<number, { planId: number; title: string; total: number; status: Record<string, number>; light: Record<TrafficLight, number> }>();
    for (const r of rows) {
      const p = byPlan.get(r.planId) ?? { planId: r.planId, title: r.planTitle, total: 0, status: Object.fromEntries(ITEM_STATUSES.map((s) => [s, 0])), light: { red: 0, yellow: 0, green: 0 } };
      p.total++;
      p.status[r.status] = (p.status[r.status] ?? 0) + 1;
      p.light[r.light]++;
      byPlan.set(r.planId, p);
    }

    // Monthly trend over the last six months: lead reports submitted (and late), urges, items closed.
    const months: string[] = [];
    for (let i = 5; i >= 0; i--) {
      const [y, m] = period.split('-').map(Number) as [number, number];
      const d = new Date(Date.UTC(y, m - 1 - i, 1));
      months.push(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`);
    }
    const trendStart = shanghaiInstant(`${months[0]}-01`);
    const rowIds = new Set(rows.map((r) => r.id));
    const planIds = [...byPlan.keys()];

    // Everything below reads whole sets once (no query or scan per department or per month).
    // The tracked items of these plans, as a subquery (the database keeps the ids; no list of 100,000 parameters).
    const trackedItems = `(SELECT ti.${this.esc('id')} FROM ${this.esc('item')} ti WHERE ti.${this.esc('planId')} IN (:...planIds) AND ti.${this.esc('kind')} = :task)`;
    const departments = await this.dataSource.getRepository(Department).find({ order: { id: 'ASC' } });
    const lateByDept = new Map<number, number>();
    if (planIds.length) {
      const late = await this.dataSource
        .getRepository(ProgressReport)
        .createQueryBuilder('r')
        .select('r.departmentId', 'departmentId')
        .addSelect('COUNT(*)', 'n')
        .where(`${leadSubmitted('r')} AND r.late = :late`, { ...LEAD_SUBMITTED, late: true })
        .andWhere(`r.${this.esc('itemId')} IN ${trackedItems}`, { planIds, task: 'task' })
        .groupBy('r.departmentId')
        .getRawMany<{ departmentId: number; n: number | string }>();
      for (const l of late) lateByDept.set(Number(l.departmentId), Number(l.n));
    }
    const ledBy = new Map<number, DashboardRow[]>();
    const coBy = new Map<number, number>();
    for (const r of rows) {
      for (const id of r.leadIds) {
        const list = ledBy.get(id);
        if (list) list.push(r);
        else ledBy.set(id, [r]);
      }
      for (const id of r.coIds) coBy.set(id, (coBy.get(id) ?? 0) + 1);
    }
    const ranking = departments
      .map((d) => {
        const led = ledBy.get(d.id) ?? [];
        const active = led.filter((r) => isActiveStatus(r.status));
        const overdue = led.filter((r) => r.overdue).length;
        const reported = active.filter((r) => r.reportedThisMonth).length;
        const closed = led.filter((r) => r.status === '已销号').length;
        return {
          departmentId: d.id,
          name: d.name,
          lead: led.length,
          co: coBy.get(d.id) ?? 0,
          active: active.length,
          red: led.filter((r) => r.light === 'red').length,
          yellow: led.filter((r) => r.light === 'yellow').length,
          green: led.filter((r) => r.light === 'green').length,
          overdue,
          closed,
          reportedThisMonth: reported,
          missingThisMonth: active.length - reported,
          lateReports: lateByDept.get(d.id) ?? 0,
          /** Share of its active items that are not overdue, in percent (100 with none active). */
          onTimeRate: active.length ? Math.round(((active.length - overdue) / active.length) * 1000) / 10 : 100,
          reportRate: active.length ? Math.round((reported / active.length) * 1000) / 10 : 100,
        };
      })
      .filter((d) => d.lead + d.co > 0)
      // A department that leads nothing in progress is not ranked above those that do (its 100% means nothing).
      .sort((a, b) => Number(b.active > 0) - Number(a.active > 0) || b.onTimeRate - a.onTimeRate || b.reportRate - a.reportRate || a.overdue - b.overdue || a.name.localeCompare(b.name, 'zh-CN'))
      .map((d, i) => ({ rank: i + 1, ...d }));

    // Lead reports per month (and how many late), counted by the database: a province has hundreds of thousands.
    const submitted = planIds.length
      ? await this.dataSource
          .getRepository(ProgressReport)
          .createQueryBuilder('r')
          .select('r.period', 'period')
          .addSelect('r.late', 'late')
          .addSelect('COUNT(*)', 'n')
          .where(`${leadSubmitted('r')} AND r.period IN (:...months)`, { ...LEAD_SUBMITTED, months })
          .andWhere(`r.${this.esc('itemId')} IN ${trackedItems}`, { planIds, task: 'task' })
          .groupBy('r.period')
          .addGroupBy('r.late')
          .getRawMany<{ period: string; late: boolean | number; n: number | string }>()
      : [];
    const reportsIn = (month: string, lateOnly: boolean) =>
      submitted.filter((s) => s.period === month && (!lateOnly || Boolean(Number(s.late)))).reduce((n, s) => n + Number(s.n), 0);
    const urges = await this.dataSource.getRepository(Urge).find({ where: { createdAt: MoreThanOrEqual(trendStart) }, select: { id: true, itemId: true, createdAt: true } });
    const closes = await this.dataSource
      .getRepository(AuditLog)
      .find({ where: { action: 'item.transition', at: MoreThanOrEqual(trendStart) }, select: { id: true, at: true, itemId: true, after: true } });
    const monthOf = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 7);
    const trend = months.map((month) => ({
      month,
      reports: reportsIn(month, false),
      late: reportsIn(month, true),
      urges: urges.filter((u) => rowIds.has(u.itemId) && monthOf(u.createdAt) === month).length,
      closed: closes.filter((c) => c.itemId !== null && rowIds.has(c.itemId) && monthOf(c.at) === month && (c.after as { status?: string } | null)?.status === '已销号').length,
    }));

    const pending = await this.dataSource.getRepository(ExtensionRequest).find({ where: { state: 'pending' }, order: { id: 'ASC' } });
    const users = new Map((await this.dataSource.getRepository(User).find({ select: { id: true, displayName: true, username: true } })).map((u) => [u.id, u.displayName || u.username]));
    const deptName = new Map(departments.map((d) => [d.id, d.name]));
    const rowById = new Map(rows.map((r) => [r.id, r]));
    const pendingItems = await itemLabels(this.dataSource, pending.map((e) => e.itemId));

    return {
      today: snapshot.today,
      period,
      totals: {
        items: rows.length,
        overdue: rows.filter((r) => r.overdue).length,
        light: { red: rows.filter((r) => r.light === 'red').length, yellow: rows.filter((r) => r.light === 'yellow').length, green: rows.filter((r) => r.light === 'green').length },
        waitingClose: rows.filter((r) => r.status === '已完成(待审核)').length,
        pendingExtensions: pending.length,
      },
      byPlan: [...byPlan.values()],
      ranking,
      trend,
      overdue: rows.filter((r) => r.overdue).sort((a, b) => (a.daysLeft ?? 0) - (b.daysLeft ?? 0)).slice(0, SUMMARY_LIST_LIMIT),
      waitingClose: rows.filter((r) => r.status === '已完成(待审核)').slice(0, SUMMARY_LIST_LIMIT),
      extensions: pending.map((e) => ({
        id: e.id,
        itemId: e.itemId,
        number: pendingItems.get(e.itemId)?.number ?? '',
        title: pendingItems.get(e.itemId)?.title ?? '',
        light: rowById.get(e.itemId)?.light ?? null,
        department: deptName.get(e.departmentId) ?? '',
        requestedBy: users.get(e.requestedById) ?? '',
        previousDeadline: e.previousDeadline,
        requestedDeadline: e.requestedDeadline,
        reason: e.reason,
        createdAt: e.createdAt,
      })),
    };
  }
}

/** Numbers and titles of items, by id (the lists name the items they point to). */
export async function itemLabels(dataSource: DataSource, ids: number[]): Promise<Map<number, { number: string; title: string }>> {
  if (ids.length === 0) return new Map();
  const items = await dataSource.getRepository(Item).find({ where: { id: In([...new Set(ids)]) }, select: { id: true, number: true, title: true } });
  return new Map(items.map((i) => [i.id, { number: i.number, title: i.title }]));
}
