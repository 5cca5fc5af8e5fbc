import {
  Assignment,
  Department,
  ExtensionRequest,
  Indicator,
  IndicatorReading,
  indicatorProgress,
  INDICATOR_PROGRESS_LABELS,
  isCompletedStatus,
  isOverdue,
  Item,
  Plan,
  ProgressReport,
  shanghai,
  trafficLight,
  type TrafficLight,
  type WorkingCalendar,
} from '#domain';
import { DataSource, In } from 'typeorm';

export interface LedgerRow {
  itemId: number;
  plan: string;
  number: string;
  title: string;
  lead: string;
  co: string;
  deadline: string;
  status: string;
  light: TrafficLight;
  overdueDays: number;
  latestProgress: string;
}

export interface DepartmentRow {
  rank: number;
  name: string;
  led: number;
  completed: number;
  onTime: number;
  overdue: number;
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
  extensions: { number: string; title: string; lead: string; previousDeadline: string; requestedDeadline: string; reason: string; state: string; decisionReason: string }[];
  departments: DepartmentRow[];
  indicators: { plan: string; name: string; target: string; latest: string; progress: string }[];
  ledger: LedgerRow[];
}

export const LIGHT_LABELS: Record<TrafficLight, string> = { red: '红灯', yellow: '黄灯', green: '绿灯' };
export const EXTENSION_LABELS: Record<string, string> = { pending: '待审批', approved: '已批准', rejected: '未批准' };

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

/** Reads everything a monthly report shows, for one plan or all current plans. */
export async function collectMonthlyReport(dataSource: DataSource, options: CollectOptions): Promise<MonthlyReportData> {
  const { month, calendar } = options;
  const today = shanghai(options.now).day;
  const asOf = today < lastDay(month) ? today : lastDay(month);

  const plans = options.planId
    ? await dataSource.getRepository(Plan).find({ where: { id: options.planId } })
    : await dataSource.getRepository(Plan).find({ where: { current: true }, order: { id: 'ASC' } });
  if (options.planId && plans.length === 0) throw new Error(`方案 #${options.planId} 不存在`);
  const planIds = plans.map((p) => p.id);
  const planTitle = new Map(plans.map((p) => [p.id, p.title]));
  const scope = options.planId ? plans[0]!.title : '全部方案';
  const [y, m] = month.split('-').map(Number);
  const title = `${y}年${m}月质量强市建设重点工作推进情况月报`;

  const items = planIds.length
    ? await dataSource.getRepository(Item).find({ where: { planId: In(planIds) }, order: { planId: 'ASC', order: 'ASC' } })
    : [];
  const assignments = items.length
    ? await dataSource.getRepository(Assignment).find({ where: { itemId: In(items.map((i) => i.id)) }, relations: { department: true } })
    : [];
  const leadOf = new Map<number, Department>();
  const coOf = new Map<number, Department[]>();
  for (const a of assignments) {
    if (a.role === 'lead') leadOf.set(a.itemId, a.department);
    else coOf.set(a.itemId, [...(coOf.get(a.itemId) ?? []), a.department]);
  }
  // Tracked work: items with a lead department.
  const tracked = items.filter((i) => leadOf.has(i.id));
  const ids = tracked.map((i) => i.id);

  const reports = ids.length
    ? await dataSource.getRepository(ProgressReport).find({ where: { itemId: In(ids), state: 'submitted' }, order: { period: 'ASC', id: 'ASC' } })
    : [];
  const latestProgress = new Map<number, ProgressReport>();
  const leadReportThisMonth = new Map<number, ProgressReport>();
  for (const r of reports) {
    if (r.period > month) continue;
    const lead = leadOf.get(r.itemId);
    if (!lead || r.departmentId !== lead.id) continue;
    latestProgress.set(r.itemId, r);
    if (r.period === month) leadReportThisMonth.set(r.itemId, r);
  }

  const byStatus: Record<string, number> = {};
  const byLight: Record<TrafficLight, number> = { red: 0, yellow: 0, green: 0 };
  const ledger: LedgerRow[] = [];
  const overdue: MonthlyReportData['overdue'] = [];
  const missingReports: MonthlyReportData['missingReports'] = [];
  const dept = new Map<number, DepartmentRow>();
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
    if (isLate) overdue.push({ number: item.number, title: item.title, plan, lead: lead.name, deadline: item.deadline!, overdueDays });
    const needsReport = !isCompletedStatus(item.status) && item.status !== '暂缓';
    if (needsReport && !reported) missingReports.push({ number: item.number, title: item.title, plan, lead: lead.name });
    ledger.push({
      itemId: item.id,
      plan,
      number: item.number,
      title: item.title,
      lead: lead.name,
      co: (coOf.get(item.id) ?? []).map((d) => d.name).join('、'),
      deadline: item.deadline ?? item.dueText ?? '',
      status: item.status,
      light,
      overdueDays,
      latestProgress: latestProgress.get(item.id)?.text ?? '',
    });
    const row = dept.get(lead.id) ?? { rank: 0, name: lead.name, led: 0, completed: 0, onTime: 0, overdue: 0, reportsOnTime: 0, reportsDue: 0 };
    row.led++;
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
  overdue.sort((a, b) => b.overdueDays - a.overdueDays || a.lead.localeCompare(b.lead, 'zh-CN'));
  const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
  const departments = [...dept.values()].sort(
    (a, b) =>
      a.overdue - b.overdue ||
      ratio(b.reportsOnTime, b.reportsDue) - ratio(a.reportsOnTime, a.reportsDue) ||
      ratio(b.completed, b.led) - ratio(a.completed, a.led) ||
      a.name.localeCompare(b.name, 'zh-CN'),
  );
  departments.forEach((d, i) => (d.rank = i + 1));

  // Extension requests made or decided in the month.
  const extensionRows = ids.length ? await dataSource.getRepository(ExtensionRequest).find({ where: { itemId: In(ids) }, order: { id: 'ASC' } }) : [];
  const itemById = new Map(tracked.map((i) => [i.id, i]));
  const extensions = extensionRows
    .filter((e) => shanghai(e.createdAt).month === month || (e.decidedAt && shanghai(e.decidedAt).month === month))
    .map((e) => {
      const item = itemById.get(e.itemId)!;
      return {
        number: item.number,
        title: item.title,
        lead: leadOf.get(item.id)!.name,
        previousDeadline: e.previousDeadline ?? '',
        requestedDeadline: e.requestedDeadline,
        reason: e.reason,
        state: EXTENSION_LABELS[e.state] ?? e.state,
        decisionReason: e.decisionReason ?? '',
      };
    });

  const indicatorRows = planIds.length ? await dataSource.getRepository(Indicator).find({ where: { planId: In(planIds) }, order: { planId: 'ASC', order: 'ASC' } }) : [];
  const readings = indicatorRows.length
    ? await dataSource.getRepository(IndicatorReading).find({ where: { indicatorId: In(indicatorRows.map((i) => i.id)) }, order: { period: 'ASC', id: 'ASC' } })
    : [];
  const indicators = indicatorRows.map((ind) => {
    const own = readings.filter((r) => r.indicatorId === ind.id && r.period <= month);
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
    return {
      plan: planTitle.get(ind.planId) ?? '',
      name: ind.name,
      target: `${ind.op === 'top' ? '前' : ind.op} ${ind.targetValue}${unit}${ind.targetYear ? `(${ind.targetYear}年)` : ''}`,
      latest: latest ? `${latest.value}${unit}(${latest.period})` : '—',
      progress: INDICATOR_PROGRESS_LABELS[progress],
    };
  });

  return {
    month,
    asOf,
    scope,
    title,
    totals: { items: tracked.length, byStatus, byLight, overdue: overdue.length, missingReports: missingReports.length },
    overdue,
    missingReports,
    extensions,
    departments,
    indicators,
    ledger,
  };
}
