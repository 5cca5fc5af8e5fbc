import {
  Assignment,
  AuditLog,
  departmentSummary,
  planDisplayName,
  ExtensionRequest,
  Indicator,
  IndicatorReading,
  indicatorProgress,
  INDICATOR_PROGRESS_LABELS,
  isActiveStatus,
  isCompletedStatus,
  isOverdue,
  Item,
  Plan,
  ProgressReport,
  rankDepartments,
  shanghai,
  trafficLight,
  type TrafficLight,
  type WorkingCalendar,
} from '#domain';
import { EXTENSION_STATE_LABELS } from '#contracts';
import { DataSource, In } from 'typeorm';
import { COMPARISON_SIGNS } from '../../contracts/src/labels.js';

export interface LedgerRow {
  itemId: number;
  plan: string;
  /** The item's section in its plan (top heading), '' when the plan has none. */
  section: string;
  number: string;
  title: string;
  lead: string;
  co: string;
  deadline: string;
  status: string;
  light: TrafficLight;
  overdueDays: number;
  latestProgress: string;
  /** Percent of the latest lead report, null when none gave one. */
  latestPercent: number | null;
  /** Day the latest lead report was submitted (YYYY-MM-DD), '' when none. */
  reportedOn: string;
  /** Day the item was closed (销号), '' when it is not. */
  closedOn: string;
}

/** An item completed or closed in the month. */
export interface DoneRow {
  number: string;
  title: string;
  plan: string;
  lead: string;
  /** Day of the transition, YYYY-MM-DD. */
  on: string;
}

export interface PlanRow {
  plan: string;
  items: number;
  byStatus: Record<string, number>;
  byLight: Record<TrafficLight, number>;
  overdue: number;
}

/** A department's own words of the month (shortened by #domain SUMMARY_RULE). */
export interface DepartmentSummary {
  name: string;
  reports: number;
  lines: { number: string; text: string }[];
  omitted: number;
}

export interface DepartmentRow {
  rank: number;
  departmentId: number;
  name: string;
  led: number;
  completed: number;
  onTime: number;
  overdue: number;
  red: number;
  yellow: number;
  green: number;
  /** Lead reports for the month submitted by the deadline, of those due. */
  reportsOnTime: number;
  reportsDue: number;
}

export interface MonthlyReportData {
  month: string;
  /** Day the figures are taken on: the month's last day, or today for the running month. */
  asOf: string;
  scope: string;
  title: string;
  totals: { items: number; byStatus: Record<string, number>; byLight: Record<TrafficLight, number>; overdue: number; missingReports: number };
  overdue: { number: string; title: string; plan: string; lead: string; deadline: string; overdueDays: number }[];
  missingReports: { number: string; title: string; plan: string; lead: string }[];
  byPlan: PlanRow[];
  /** Items that reached 已完成(待审核) in the month, and items closed (已销号) in the month. */
  completed: DoneRow[];
  closed: DoneRow[];
  /** Lead reports of the month submitted after the reporting day. */
  lateReports: { number: string; title: string; plan: string; lead: string }[];
  summaries: DepartmentSummary[];
  extensions: { number: string; title: string; lead: string; previousDeadline: string; requestedDeadline: string; reason: string; state: string; decisionReason: string }[];
  departments: DepartmentRow[];
  /** Every indicator; hasReading / targetDue say whether the circular shows it (a reading up to the month, or a target due in the month's year or before). */
  indicators: { plan: string; name: string; target: string; latest: string; progress: string; hasReading: boolean; targetDue: boolean }[];
  ledger: LedgerRow[];
}


/**
 * How many overdue items and items without a report the circular (DOCX) and the HTML page (also
 * the mail body) list, in the report's order (overdue: longest first). The XLSX lists every one. A province with
 * 100,000 items has some 20,000 overdue; listing them all made a 1,000-page circular, a mail body
 * of 12 MB and took a gigabyte of memory to write.
 */
export const MAX_LISTED = 200;

/** The first MAX_LISTED rows, and the sentence that says how many more the XLSX sheet `sheet` has. */
export function listed<T>(rows: T[], sheet: string): { rows: T[]; more: string } {
  if (rows.length <= MAX_LISTED) return { rows, more: '' };
  return { rows: rows.slice(0, MAX_LISTED), more: `以上列出前 ${MAX_LISTED} 项\uFF0C另有 ${rows.length - MAX_LISTED} 项未列出\uFF0C完整清单见 Excel 月报“${sheet}”工作表。` };
}

/** A raw timestamp column: a Date (PostgreSQL) or SQLite's UTC text "YYYY-MM-DD HH:MM:SS.SSS". */
function instant(value: Date | string): Date {
  if (value instanceof Date) return value;
  return new Date(/Z|[+-]\d\d:?\d\d$/.test(value) ? value : `${value.replace(' ', 'T')}Z`);
}

function lastDay(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}

export interface CollectOptions {
  month: string;
  planId?: number | null;
  now: Date;
  calendar: WorkingCalendar;
  /** Yellow light within this many working days of the deadline. */
  warnWorkingDays: number;
  /** Day of the month progress reports are due. */
  reportDueDay: number;
}

/**
 * Reads everything a monthly report shows, for one plan or all current plans. Set-based: rows are
 * selected by plan (joins, never lists of item ids as parameters) and only the columns shown, and
 * of the progress reports only each item's latest lead report up to the month, so the figures for
 * 100,000 items are read in seconds and in little memory.
 */
export async function collectMonthlyReport(dataSource: DataSource, options: CollectOptions): Promise<MonthlyReportData> {
  const { month } = options;
  const calendar = options.calendar;
  const today = shanghai(options.now).day;
  const asOf = today < lastDay(month) ? today : lastDay(month);
  const q = (name: string) => dataSource.driver.escape(name);

  const plans = options.planId
    ? await dataSource.getRepository(Plan).find({ where: { id: options.planId } })
    : await dataSource.getRepository(Plan).find({ where: { current: true, archived: false }, order: { id: 'ASC' } });
  if (options.planId && plans.length === 0) throw new Error(`方案 #${options.planId} 不存在`);
  const planIds = plans.map((p) => p.id);
  const planTitle = new Map(plans.map((p) => [p.id, planDisplayName(p)]));
  const scope = options.planId ? planDisplayName(plans[0]!) : '全部方案';
  const [y, m] = month.split('-').map(Number);
  const title = `${y}年${m}月质量强市建设重点工作推进情况月报`;

  const items = planIds.length
    ? await dataSource.getRepository(Item).find({
        where: { planId: In(planIds) },
        select: { id: true, planId: true, order: true, number: true, title: true, status: true, deadline: true, dueText: true, path: true },
        order: { planId: 'ASC', order: 'ASC' },
      })
    : [];
  const assignments = planIds.length
    ? await dataSource
        .getRepository(Assignment)
        .createQueryBuilder('a')
        .innerJoin('a.item', 'i')
        .innerJoin('a.department', 'd')
        .select('a.itemId', 'itemId')
        .addSelect('a.role', 'role')
        .addSelect('d.id', 'departmentId')
        .addSelect('d.name', 'name')
        .where('i.planId IN (:...planIds)', { planIds })
        .orderBy('a.id', 'ASC')
        .getRawMany<{ itemId: number; role: string; departmentId: number; name: string }>()
    : [];
  const leadOf = new Map<number, { id: number; name: string }>();
  const coOf = new Map<number, { id: number; name: string }[]>();
  for (const a of assignments) {
    const itemId = Number(a.itemId);
    const department = { id: Number(a.departmentId), name: a.name };
    if (a.role === 'lead') leadOf.set(itemId, department);
    else coOf.set(itemId, [...(coOf.get(itemId) ?? []), department]);
  }
  // Tracked work: items with a lead department.
  const tracked = items.filter((i) => leadOf.has(i.id));

  // Each item's latest progress report submitted up to the month by its (current) lead department.
  const latest = planIds.length
    ? await dataSource
        .getRepository(ProgressReport)
        .createQueryBuilder('r')
        .innerJoin(Item, 'i', 'i.id = r.itemId')
        .innerJoin(Assignment, 'a', 'a.itemId = r.itemId AND a.departmentId = r.departmentId AND a.role = :lead', { lead: 'lead' })
        .select('r.itemId', 'itemId')
        .addSelect('r.period', 'period')
        .addSelect('r.text', 'text')
        .addSelect('r.late', 'late')
        .addSelect('r.percent', 'percent')
        .addSelect('r.submittedAt', 'submittedAt')
        .where('i.planId IN (:...planIds)', { planIds })
        .andWhere('r.state = :submitted', { submitted: 'submitted' })
        .andWhere('r.period <= :month', { month })
        .andWhere(
          `NOT EXISTS (SELECT 1 FROM ${q('progress_report')} ${q('newer')} WHERE ${q('newer')}.${q('itemId')} = ${q('r')}.${q('itemId')} AND ${q('newer')}.${q('departmentId')} = ${q('r')}.${q('departmentId')} AND ${q('newer')}.${q('state')} = :submitted AND ${q('newer')}.${q('period')} <= :month AND ${q('newer')}.${q('period')} > ${q('r')}.${q('period')})`,
        )
        .getRawMany<{ itemId: number; period: string; text: string; late: boolean | number; percent: number | null; submittedAt: Date | string | null }>()
    : [];
  const latestProgress = new Map<number, { text: string; percent: number | null; on: string }>();
  const leadReportThisMonth = new Map<number, { late: boolean; text: string }>();
  for (const r of latest) {
    const itemId = Number(r.itemId);
    const at = r.submittedAt ? instant(r.submittedAt) : null;
    latestProgress.set(itemId, { text: r.text, percent: r.percent === null ? null : Number(r.percent), on: at && !Number.isNaN(at.getTime()) ? shanghai(at).day : '' });
    if (r.period === month) leadReportThisMonth.set(itemId, { late: Boolean(r.late), text: r.text });
  }

  // When items were completed and closed: their status transitions in the audit log, up to the report day.
  const transitions = planIds.length
    ? await dataSource
        .getRepository(AuditLog)
        .createQueryBuilder('l')
        .innerJoin(Item, 'i', 'i.id = l.itemId')
        .select('l.itemId', 'itemId')
        .addSelect('l.at', 'at')
        .addSelect('l.after', 'after')
        .where('i.planId IN (:...planIds)', { planIds })
        .andWhere('l.action = :action', { action: 'item.transition' })
        .orderBy('l.id', 'ASC')
        .getRawMany<{ itemId: number; at: Date | string; after: string | Record<string, unknown> | null }>()
    : [];
  const completedOn = new Map<number, string>();
  const closedOn = new Map<number, string>();
  for (const t of transitions) {
    const after = (typeof t.after === 'string' ? JSON.parse(t.after) : t.after) as { status?: string } | null;
    const day = shanghai(instant(t.at)).day;
    if (day > asOf) continue;
    if (after?.status === '已完成(待审核)') completedOn.set(Number(t.itemId), day);
    if (after?.status === '已销号') closedOn.set(Number(t.itemId), day);
  }

  const byStatus: Record<string, number> = {};
  const byLight: Record<TrafficLight, number> = { red: 0, yellow: 0, green: 0 };
  const ledger: LedgerRow[] = [];
  const overdue: MonthlyReportData['overdue'] = [];
  const missingReports: MonthlyReportData['missingReports'] = [];
  const dept = new Map<number, DepartmentRow>();
  const planRows = new Map<number, PlanRow>();
  const completed: DoneRow[] = [];
  const closed: DoneRow[] = [];
  const lateReports: MonthlyReportData['lateReports'] = [];
  const monthReports = new Map<number, { name: string; reports: { number: string; text: string }[] }>();
  for (const item of tracked) {
    const lead = leadOf.get(item.id)!;
    const reported = leadReportThisMonth.has(item.id);
    const light = trafficLight({
      status: item.status,
      deadline: item.deadline,
      today: asOf,
      reportedThisMonth: reported,
      warnWorkingDays: options.warnWorkingDays,
      calendar,
    }).light;
    const isLate = isOverdue(item.status, item.deadline, asOf);
    const overdueDays = isLate ? calendar.workingDaysBetween(item.deadline!, asOf) : 0;
    byStatus[item.status] = (byStatus[item.status] ?? 0) + 1;
    byLight[light]++;
    const plan = planTitle.get(item.planId) ?? '';
    const planRow = planRows.get(item.planId) ?? { plan, items: 0, byStatus: {}, byLight: { red: 0, yellow: 0, green: 0 }, overdue: 0 };
    planRow.items++;
    planRow.byStatus[item.status] = (planRow.byStatus[item.status] ?? 0) + 1;
    planRow.byLight[light]++;
    if (isLate) planRow.overdue++;
    planRows.set(item.planId, planRow);
    const done = completedOn.get(item.id);
    if (done && done.startsWith(month) && item.status === '已完成(待审核)') completed.push({ number: item.number, title: item.title, plan, lead: lead.name, on: done });
    const closedDay = item.status === '已销号' ? (closedOn.get(item.id) ?? '') : '';
    if (closedDay.startsWith(month)) closed.push({ number: item.number, title: item.title, plan, lead: lead.name, on: closedDay });
    const thisMonth = leadReportThisMonth.get(item.id);
    if (thisMonth?.late) lateReports.push({ number: item.number, title: item.title, plan, lead: lead.name });
    if (thisMonth) {
      const own = monthReports.get(lead.id) ?? { name: lead.name, reports: [] };
      own.reports.push({ number: item.number, text: thisMonth.text });
      monthReports.set(lead.id, own);
    }
    if (isLate) overdue.push({ number: item.number, title: item.title, plan, lead: lead.name, deadline: item.deadline!, overdueDays });
    const needsReport = isActiveStatus(item.status);
    if (needsReport && !reported) missingReports.push({ number: item.number, title: item.title, plan, lead: lead.name });
    const progress = latestProgress.get(item.id);
    ledger.push({
      itemId: item.id,
      plan,
      section: item.path?.[0] ?? '',
      number: item.number,
      title: item.title,
      lead: lead.name,
      co: (coOf.get(item.id) ?? []).map((d) => d.name).join('、'),
      deadline: item.deadline ?? item.dueText ?? '',
      status: item.status,
      light,
      overdueDays,
      latestProgress: progress?.text ?? '',
      latestPercent: progress?.percent ?? null,
      reportedOn: progress?.on ?? '',
      closedOn: closedDay,
    });
    const row = dept.get(lead.id) ?? { rank: 0, departmentId: lead.id, name: lead.name, led: 0, completed: 0, onTime: 0, overdue: 0, red: 0, yellow: 0, green: 0, reportsOnTime: 0, reportsDue: 0 };
    row.led++;
    row[light]++;
    if (isCompletedStatus(item.status)) row.completed++;
    if (isLate) row.overdue++;
    else row.onTime++;
    if (needsReport) {
      row.reportsDue++;
      const r = leadReportThisMonth.get(item.id);
      if (r && !r.late) row.reportsOnTime++;
    }
    dept.set(lead.id, row);
  }
  // One collator for every comparison (localeCompare with a locale builds one per call).
  const zh = new Intl.Collator('zh-CN').compare;
  overdue.sort((a, b) => b.overdueDays - a.overdueDays || zh(a.lead, b.lead));
  const departments = rankDepartments([...dept.values()]);
  // In ranking order, the departments that reported this month.
  const summaries: DepartmentSummary[] = departments.flatMap((d) => {
    const own = monthReports.get(d.departmentId);
    return own ? [{ name: d.name, reports: own.reports.length, ...departmentSummary(own.reports) }] : [];
  });

  // Extension requests made or decided in the month.
  const itemById = new Map(tracked.map((i) => [i.id, i]));
  const extensionRows = planIds.length
    ? await dataSource
        .getRepository(ExtensionRequest)
        .createQueryBuilder('e')
        .innerJoin(Item, 'i', 'i.id = e.itemId')
        .where('i.planId IN (:...planIds)', { planIds })
        .orderBy('e.id', 'ASC')
        .getMany()
    : [];
  const extensions = extensionRows
    .filter((e) => itemById.has(e.itemId) && (shanghai(e.createdAt).month === month || (e.decidedAt && shanghai(e.decidedAt).month === month)))
    .map((e) => {
      const item = itemById.get(e.itemId)!;
      return {
        number: item.number,
        title: item.title,
        lead: leadOf.get(item.id)!.name,
        previousDeadline: e.previousDeadline ?? '',
        requestedDeadline: e.requestedDeadline,
        reason: e.reason,
        state: EXTENSION_STATE_LABELS[e.state] ?? e.state,
        decisionReason: e.decisionReason ?? '',
      };
    });

  const indicatorRows = planIds.length ? await dataSource.getRepository(Indicator).find({ where: { planId: In(planIds) }, order: { planId: 'ASC', order: 'ASC' } }) : [];
  const readings = planIds.length
    ? await dataSource
        .getRepository(IndicatorReading)
        .createQueryBuilder('r')
        .innerJoin(Indicator, 'ind', 'ind.id = r.indicatorId')
        .where('ind.planId IN (:...planIds)', { planIds })
        .orderBy('r.period', 'ASC')
        .addOrderBy('r.id', 'ASC')
        .getMany()
    : [];
  const readingsOf = new Map<number, IndicatorReading[]>();
  for (const r of readings) readingsOf.set(r.indicatorId, [...(readingsOf.get(r.indicatorId) ?? []), r]);
  const indicators = indicatorRows.map((ind) => {
    const own = (readingsOf.get(ind.id) ?? []).filter((r) => r.period <= month);
    const first = own[0];
    const latest = own[own.length - 1];
    const yearOf = (period: string) => Number(period.slice(0, 4)) + (Number(period.slice(5, 7)) - 0.5) / 12;
    const progress = indicatorProgress({
      op: ind.op,
      target: ind.targetValue,
      targetYear: ind.targetYear,
      baseline: first?.value ?? null,
      baselineYear: first ? Number(first.period.slice(0, 4)) : null,
      latest: latest?.value ?? null,
      latestAt: latest ? yearOf(latest.period) : null,
    });
    const unit = ind.unit ?? '';
    const sign = COMPARISON_SIGNS[ind.op as keyof typeof COMPARISON_SIGNS] ?? ind.op;
    return {
      plan: planTitle.get(ind.planId) ?? '',
      name: ind.name,
      target: `${sign}${ind.targetValue}${unit}${ind.targetYear ? `(${ind.targetYear}年)` : ''}`,
      latest: latest ? `${latest.value}${unit}(${latest.period})` : '—',
      progress: INDICATOR_PROGRESS_LABELS[progress],
      hasReading: latest !== undefined,
      targetDue: ind.targetYear !== null && ind.targetYear !== undefined && ind.targetYear <= Number(month.slice(0, 4)),
    };
  });

  planRows.forEach((p) => (p.plan ||= '(未命名方案)'));
  return {
    month,
    asOf,
    scope,
    title,
    totals: { items: tracked.length, byStatus, byLight, overdue: overdue.length, missingReports: missingReports.length },
    overdue,
    missingReports,
    byPlan: [...planRows.values()],
    completed,
    closed,
    lateReports,
    summaries,
    extensions,
    departments,
    indicators,
    ledger,
  };
}
