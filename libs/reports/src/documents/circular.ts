import { chineseNumeral, type IssuingOffice, RANKING_RULE, SUMMARY_RULE } from '#domain';
import { chineseDate } from '#mail';
import { LIGHT_LABELS } from '#contracts';
import { listed, type MonthlyReportData } from '../data.js';
import type { Block, OfficialDocumentModel } from './official.js';

/** Who issues the circular and under which number; null when the office is not set (then no 版头, no 文号, no signature). */
export interface Issue {
  office: IssuingOffice;
  number: string;
  /** YYYY-MM-DD. */
  date: string;
}

const count = (n: number) => `${n}项`;

function statusText(byStatus: Record<string, number>): string {
  return Object.entries(byStatus)
    .map(([s, n]) => `${s}${count(n)}`)
    .join('、');
}

const lightsText = (l: Record<'red' | 'yellow' | 'green', number>) => (['red', 'yellow', 'green'] as const).map((k) => `${LIGHT_LABELS[k]}${count(l[k])}`).join('、');

/** Distinct department names in order of first appearance. */
function names(rows: { lead: string }[]): string[] {
  return [...new Set(rows.map((r) => r.lead))];
}

/** Up to five names, then "等N个单位". */
function someNames(list: string[]): string {
  return list.length <= 5 ? list.join('、') : `${list.slice(0, 5).join('、')}等${list.length}个单位`;
}

/** Up to three indicator names in quotes, then "等N项指标". */
function someIndicators(list: { name: string }[]): string {
  const distinct = [...new Set(list.map((i) => i.name))];
  const names = distinct.slice(0, 3).map((n) => `“${n}”`).join('、');
  return distinct.length <= 3 ? `${names}${list.length}项指标` : `${names}等${list.length}项指标`;
}

/**
 * The content of the monthly 通报, derived from the month's data only: each section is there
 * when it has something to say (an empty one is left out, never contradicted), and the
 * requirements for next month name only what the sections above list.
 */
export function circularBlocks(d: MonthlyReportData): Block[] {
  const t = d.totals;
  // With several plans an item's number is not unique: the lists give the plan's 序号 in the table of plans.
  const several = d.byPlan.length > 1;
  const planNo = new Map(d.byPlan.map((p, i) => [p.plan, i + 1]));
  const withPlan = (head: string[], widths: number[], rows: { plan: string }[], cells: (string | number)[][]) => {
    const rest = widths.slice(1);
    const scale = (100 - 11 - 8) / rest.reduce((a, b) => a + b, 0);
    return several
      ? { head: [head[0]!, '方案', ...head.slice(1)], widths: [11, 8, ...rest.map((w) => w * scale)], rows: cells.map((c, i) => [c[0]!, planNo.get(rows[i]!.plan) ?? '', ...c.slice(1)]) }
      : { head, widths: [11, ...rest.map((w) => (w * 89) / rest.reduce((a, b) => a + b, 0))], rows: cells };
  };
  const sections: { heading: string; blocks: Block[] }[] = [];
  const done = d.completed.length + d.closed.length;

  // 一、总体情况
  const overall: Block[] = [
    {
      kind: 'p',
      text: `纳入督办的重点工作事项共${count(t.items)}${t.items ? `,其中${statusText(t.byStatus)}` : ''}。按亮灯情况,${lightsText(t.byLight)}。${t.overdue ? `逾期未完成${count(t.overdue)}。` : '无逾期未完成事项。'}${done ? `本月新完成待审核${count(d.completed.length)}、销号${count(d.closed.length)}。` : ''}`,
    },
  ];
  const due = d.departments.reduce((s, r) => s + r.reportsDue, 0);
  if (due) {
    const submitted = due - t.missingReports;
    overall.push({
      kind: 'p',
      text: `本月应报送进展${count(due)},已报送${count(submitted)}${d.lateReports.length ? `(其中逾期报送${count(d.lateReports.length)})` : ''}${t.missingReports ? `,未报送${count(t.missingReports)}` : ''}。`,
    });
  }
  if (d.byPlan.length > 1) {
    overall.push({ kind: 'h2', text: '(一)各方案推进情况' });
    overall.push({ kind: 'p', text: '以下各表中的“方案”栏为本表的序号。' });
    overall.push({
      kind: 'table',
      head: ['序号', '方案', '事项', '已完成', '逾期', '红灯', '黄灯', '绿灯'],
      rows: d.byPlan.map((p, i) => [i + 1, p.plan, p.items, (p.byStatus['已完成(待审核)'] ?? 0) + (p.byStatus['已销号'] ?? 0), p.overdue, p.byLight.red, p.byLight.yellow, p.byLight.green]),
      widths: [7, 39, 9, 9, 9, 9, 9, 9],
    });
  }
  if (d.departments.length) {
    overall.push({ kind: 'h2', text: d.byPlan.length > 1 ? '(二)各单位推进情况' : '(一)各单位推进情况' });
    overall.push({ kind: 'p', text: RANKING_RULE });
    overall.push({
      kind: 'table',
      head: ['排名', '牵头单位', '牵头事项', '已完成', '逾期', '红灯', '黄灯', '绿灯', '按时报送/应报送'],
      rows: d.departments.map((r) => [r.rank, r.name, r.led, r.completed, r.overdue, r.red, r.yellow, r.green, `${r.reportsOnTime}/${r.reportsDue}`]),
      widths: [7, 27, 9, 9, 8, 8, 8, 8, 16],
    });
  }
  sections.push({ heading: '总体情况', blocks: overall });

  // 本月完成和销号的事项
  if (done) {
    const blocks: Block[] = [];
    const list = (label: string, rows: MonthlyReportData['completed'], dateLabel: string) => {
      if (!rows.length) return;
      const shown = listed(rows, '台账');
      blocks.push({ kind: 'p', text: `${label}${count(rows.length)}:` });
      blocks.push({ kind: 'table', ...withPlan(['编号', '事项', '牵头单位', dateLabel], [8, 52, 22, 18], shown.rows, shown.rows.map((r) => [r.number, r.title, r.lead, r.on])) });
      if (shown.more) blocks.push({ kind: 'p', text: shown.more });
    };
    list('本月完成、待审核销号的事项', d.completed, '完成日期');
    list('本月销号的事项', d.closed, '销号日期');
    sections.push({ heading: '本月完成和销号的事项', blocks });
  }

  // 逾期事项
  if (d.overdue.length) {
    const shown = listed(d.overdue, '逾期事项');
    const blocks: Block[] = [
      { kind: 'p', text: `截至${chineseDate(d.asOf)},以下${count(d.overdue.length)}已过完成期限仍未完成,涉及${someNames(names(d.overdue))}:` },
      { kind: 'table', ...withPlan(['编号', '事项', '牵头单位', '完成期限', '逾期(工作日)'], [8, 40, 20, 17, 15], shown.rows, shown.rows.map((o) => [o.number, o.title, o.lead, o.deadline, o.overdueDays])) },
    ];
    if (shown.more) blocks.push({ kind: 'p', text: shown.more });
    sections.push({ heading: '逾期事项', blocks });
  }

  // 进展报送情况
  if (d.lateReports.length || d.missingReports.length) {
    const blocks: Block[] = [];
    let sub = 0;
    if (d.lateReports.length) {
      const shown = listed(d.lateReports, '台账');
      blocks.push({ kind: 'h2', text: `(${chineseNumeral(++sub)})逾期报送` });
      blocks.push({ kind: 'p', text: `以下${count(d.lateReports.length)}的本月进展在报送截止日后报送:` });
      blocks.push({ kind: 'table', ...withPlan(['编号', '事项', '牵头单位'], [10, 64, 26], shown.rows, shown.rows.map((r) => [r.number, r.title, r.lead])) });
      if (shown.more) blocks.push({ kind: 'p', text: shown.more });
    }
    if (d.missingReports.length) {
      const shown = listed(d.missingReports, '未报送进展');
      blocks.push({ kind: 'h2', text: `(${chineseNumeral(++sub)})未报送` });
      blocks.push({ kind: 'p', text: `以下${count(d.missingReports.length)}本月未报送进展:` });
      blocks.push({ kind: 'table', ...withPlan(['编号', '事项', '牵头单位'], [10, 64, 26], shown.rows, shown.rows.map((r) => [r.number, r.title, r.lead])) });
      if (shown.more) blocks.push({ kind: 'p', text: shown.more });
    }
    sections.push({ heading: '进展报送情况', blocks });
  }

  // 各单位工作进展 (their own words)
  if (d.summaries.length) {
    const blocks: Block[] = [{ kind: 'p', text: SUMMARY_RULE }];
    d.summaries.forEach((s, i) => {
      blocks.push({ kind: 'h2', text: `(${chineseNumeral(i + 1)})${s.name}` });
      blocks.push({
        kind: 'p',
        text: `本月报送进展${count(s.reports)}。${s.lines.map((l) => `事项${l.number.replace(/[.、.]$/u, '')}:${l.text}${/[。!?……]$/u.test(l.text) ? '' : '。'}`).join('')}${s.omitted ? `另有${count(s.omitted)}进展未摘录。` : ''}`,
      });
    });
    sections.push({ heading: '各单位工作进展', blocks });
  }

  // 延期申请
  if (d.extensions.length) {
    sections.push({
      heading: '延期申请及审批情况',
      blocks: [
        { kind: 'p', text: `本月共有延期申请${count(d.extensions.length)}:` },
        {
          kind: 'table',
          head: ['编号', '事项', '牵头单位', '原期限', '申请期限', '审批结果'],
          rows: d.extensions.map((x) => [x.number, x.title, x.lead, x.previousDeadline, x.requestedDeadline, x.state]),
          widths: [8, 36, 18, 13, 13, 12],
        },
      ],
    });
  }

  // 指标: a table of those with a reading; those whose target year has come without one are named, not tabled.
  const measured = d.indicators.filter((i) => i.hasReading);
  const unmeasured = d.indicators.filter((i) => !i.hasReading && i.targetDue);
  if (measured.length || unmeasured.length) {
    const blocks: Block[] = [];
    if (measured.length) {
      blocks.push({ kind: 'p', text: `已填报监测数据的量化指标${count(measured.length)}:` });
      blocks.push({ kind: 'table', head: ['指标', '目标', '最新值', '进度'], rows: measured.map((i) => [i.name, i.target, i.latest, i.progress]), widths: [40, 22, 22, 16] });
    }
    if (unmeasured.length) blocks.push({ kind: 'p', text: `另有${someIndicators(unmeasured)}目标年份已到,尚未填报监测数据。` });
    sections.push({ heading: '指标完成情况', blocks });
  }

  // 下步工作要求: only about what the sections above list.
  const asks: string[] = [];
  if (d.overdue.length) asks.push(`请${someNames(names(d.overdue))}对逾期事项认真分析原因,制定整改措施,尽快完成;确需延期的,按程序提交延期申请。`);
  if (d.missingReports.length) asks.push(`请${someNames(names(d.missingReports))}尽快补报本月未报送的进展。`);
  if (d.lateReports.length) asks.push(`请${someNames(names(d.lateReports))}今后在每月报送截止日前报送进展。`);
  if (unmeasured.length) asks.push(`请有关指标责任单位尽快填报${someIndicators(unmeasured)}的监测数据。`);
  if (d.completed.length) asks.push('对已完成、待审核的事项,质量强市办将及时审核销号。');
  const pending = d.extensions.filter((x) => x.state === '待审批');
  if (pending.length) asks.push(`对待审批的${count(pending.length)}延期申请,质量强市办将及时审核答复。`);
  asks.push(t.items ? '请各牵头单位会同配合单位继续按期推进各项工作,按时报送进展。' : '');
  const requirements = asks.filter(Boolean);
  if (requirements.length) sections.push({ heading: '下步工作要求', blocks: requirements.map((text) => ({ kind: 'p', text })) });

  return sections.flatMap((s, i) => [{ kind: 'h1', text: `${chineseNumeral(i + 1)}、${s.heading}` } as Block, ...s.blocks]);
}

/** The monthly 通报 as an official document; without an issue (office not set) it has no 版头, 文号 or signature. */
export function circularModel(d: MonthlyReportData, issue: Issue | null): OfficialDocumentModel {
  const [y, m] = d.month.split('-').map(Number);
  const city = issue?.office.city ?? '';
  const scope = d.scope === '全部方案' ? '' : `(${d.scope})`;
  return {
    issuer: issue?.office.issuer ?? '',
    number: issue?.number ?? '',
    title: `关于${y}年${m}月${city}质量强市建设重点工作推进情况的通报${scope}`,
    addressee: '各有关单位',
    blocks: [{ kind: 'p', text: `现将${y}年${m}月${city ? `全${city.slice(-1)}` : ''}质量强市建设重点工作推进情况通报如下(统计截至${chineseDate(d.asOf)})。` }, ...circularBlocks(d)],
    signature: issue?.office.signature ?? '',
    date: issue ? chineseDate(issue.date) : '',
    cc: issue?.office.cc ?? '',
    printedBy: issue?.office.issuer ?? '',
    printedOn: issue ? chineseDate(issue.date) : '',
  };
}
