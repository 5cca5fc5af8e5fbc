import { escapeHtml as e } from '#mail';
import { LIGHT_LABELS } from '#contracts';
import { listed, type MonthlyReportData } from './data.js';

const LIGHT_COLOURS = { red: '#d9363e', yellow: '#e6a700', green: '#2e8b57' } as const;

/** A horizontal bar chart in plain HTML/CSS (mail clients show it without images or scripts). */
function bars(rows: { label: string; value: number; colour?: string }[], unit: string): string {
  const max = Math.max(1, ...rows.map((r) => r.value));
  return `<table style="border-collapse:collapse;margin:8px 0">${rows
    .map(
      (r) =>
        `<tr><td style="padding:2px 8px 2px 0;white-space:nowrap">${e(r.label)}</td><td style="padding:2px 0;white-space:nowrap"><div style="background:${r.colour ?? '#4a7bd0'};height:14px;width:${Math.round((r.value / max) * 300)}px;display:inline-block"></div> ${r.value}${e(unit)}</td></tr>`,
    )
    .join('')}</table>`;
}

function table(head: string[], rows: (string | number)[][], empty: string, more = ''): string {
  if (rows.length === 0) return `<p>${e(empty)}</p>`;
  const th = head.map((h) => `<th style="border:1px solid #999;padding:4px 6px;background:#f0f0f0">${e(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c) => `<td style="border:1px solid #999;padding:4px 6px">${e(c)}</td>`).join('')}</tr>`).join('');
  return `<table style="border-collapse:collapse;font-size:13px"><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table>${more ? `<p>${e(more)}</p>` : ''}`;
}

/** The report as one HTML page: shown in the browser and used as the e-mail body. */
export function renderReportHtml(d: MonthlyReportData): string {
  const t = d.totals;
  const statusRows = Object.entries(t.byStatus).map(([label, value]) => ({ label, value }));
  const lightRows = (['red', 'yellow', 'green'] as const).map((l) => ({ label: LIGHT_LABELS[l], value: t.byLight[l], colour: LIGHT_COLOURS[l] }));
  const overdue = listed(d.overdue, '逾期事项');
  const missing = listed(d.missingReports, '未报送进展');
  return [
    '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">',
    `<title>${e(d.title)}</title></head>`,
    '<body style="font-family:\'Microsoft YaHei\',\'PingFang SC\',sans-serif;font-size:14px;color:#222;max-width:960px">',
    `<h1 style="font-size:22px">${e(d.title)}</h1>`,
    `<p>范围:${e(d.scope)};统计截至 ${e(d.asOf)}。</p>`,
    '<h2 style="font-size:17px">一、总体情况</h2>',
    `<p>纳入督办事项 ${t.items} 项,其中逾期 ${t.overdue} 项,本月未报送进展 ${t.missingReports} 项;红灯 ${t.byLight.red} 项、黄灯 ${t.byLight.yellow} 项、绿灯 ${t.byLight.green} 项。</p>`,
    '<h3 style="font-size:15px">按状态</h3>',
    bars(statusRows, ' 项'),
    '<h3 style="font-size:15px">按亮灯</h3>',
    bars(lightRows, ' 项'),
    '<h2 style="font-size:17px">二、逾期事项</h2>',
    table(['事项编号', '事项', '所属方案', '牵头单位', '完成期限', '逾期工作日'], overdue.rows.map((o) => [o.number, o.title, o.plan, o.lead, o.deadline, o.overdueDays]), '本月无逾期事项。', overdue.more),
    '<h2 style="font-size:17px">三、本月未报送进展的事项</h2>',
    table(['事项编号', '事项', '所属方案', '牵头单位'], missing.rows.map((m) => [m.number, m.title, m.plan, m.lead]), '所有事项均已报送本月进展。', missing.more),
    '<h2 style="font-size:17px">四、延期申请及审批情况</h2>',
    table(
      ['事项编号', '事项', '牵头单位', '原期限', '申请期限', '申请理由', '审批结果', '审批意见'],
      d.extensions.map((x) => [x.number, x.title, x.lead, x.previousDeadline, x.requestedDeadline, x.reason, x.state, x.decisionReason]),
      '本月无延期申请。',
    ),
    '<h2 style="font-size:17px">五、单位推进情况排名</h2>',
    table(
      ['排名', '单位', '牵头事项', '已完成', '按期推进', '逾期', '按时报送/应报送'],
      d.departments.map((r) => [r.rank, r.name, r.led, r.completed, r.onTime, r.overdue, `${r.reportsOnTime}/${r.reportsDue}`]),
      '暂无牵头单位。',
    ),
    d.departments.some((r) => r.overdue > 0)
      ? bars(d.departments.filter((r) => r.overdue > 0).map((r) => ({ label: r.name, value: r.overdue, colour: LIGHT_COLOURS.red })), ' 项逾期')
      : '',
    '<h2 style="font-size:17px">六、指标完成情况</h2>',
    table(['所属方案', '指标', '目标', '最新值', '进度'], d.indicators.map((i) => [i.plan, i.name, i.target, i.latest, i.progress]), '暂无量化指标。'),
    '</body></html>',
  ].join('\n');
}
