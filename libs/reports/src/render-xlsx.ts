import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { LIGHT_LABELS } from '#contracts';
import type { MonthlyReportData } from './data.js';

/**
 * A text a spreadsheet could read as a formula (= + - @, or a leading tab/CR) gets a leading
 * apostrophe. Cells are always written as strings or numbers, never as formulas.
 */
export function safeCell(value: string | number): string | number {
  if (typeof value === 'number') return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

type Writer = InstanceType<typeof ExcelJS.stream.xlsx.WorkbookWriter>;

/**
 * The style of every data cell, one object: exceljs remembers a style's id by object identity,
 * whereas each new cell gets a fresh {} whose id it computes again (a third of the writing time).
 */
const PLAIN: Partial<ExcelJS.Style> = {};

/**
 * A sheet written row by row: each row is committed (compressed into the file) as it is added, so
 * a ledger of 100,000 items never sits in memory as cell objects.
 */
function addSheet(wb: Writer, name: string, head: string[], rows: (string | number)[][], widths: number[]): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  const header = ws.addRow(head);
  header.font = { bold: true };
  header.commit();
  for (const r of rows) {
    const row = ws.addRow(r.map(safeCell));
    row.eachCell((cell) => (cell.style = PLAIN));
    row.commit();
  }
  ws.commit();
}

/** Display width of a text in spreadsheet columns: a Chinese (full-width) character takes two. */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(ch) ? 2 : 1;
  return w;
}

export const LEDGER_COLUMNS = ['所属方案', '章节', '事项编号', '事项', '牵头单位', '配合单位', '完成期限', '状态', '亮灯', '逾期工作日', '最新进展', '完成百分比', '最近报送日期', '销号日期'] as const;

/**
 * 台账: every item with its plan, section, number, title, departments, deadline, status, light,
 * latest progress (text and percent) and the dates of its latest report and of its closure.
 * Frozen and filtered header; widths from the text (Chinese counted double, from the first 500
 * rows, between 6 and 60); printed on A4 landscape, one page wide, the header on every page.
 */
function addLedger(wb: Writer, d: MonthlyReportData): void {
  const rows = d.ledger.map((r) => [r.plan, r.section, r.number, r.title, r.lead, r.co, r.deadline, r.status, LIGHT_LABELS[r.light], r.overdueDays, r.latestProgress, r.latestPercent === null ? '' : r.latestPercent, r.reportedOn, r.closedOn]);
  const widths = LEDGER_COLUMNS.map((head, i) => Math.min(60, Math.max(6, textWidth(head) + 2, ...rows.slice(0, 500).map((r) => textWidth(String(r[i] ?? '')) + 2))));
  const ws = wb.addWorksheet('台账', {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1', margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 } },
    headerFooter: { oddFooter: '第 &P 页,共 &N 页' },
  });
  widths.forEach((w, i) => {
    const column = ws.getColumn(i + 1);
    column.width = w;
    if ([3, 10, 12].includes(i)) column.alignment = { vertical: 'top', wrapText: true };
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: LEDGER_COLUMNS.length } };
  const header = ws.addRow([...LEDGER_COLUMNS]);
  header.font = { bold: true };
  header.commit();
  for (const r of rows) {
    const row = ws.addRow(r.map(safeCell));
    row.commit();
  }
  ws.commit();
}

/** 汇总 (summary), 台账 (every item), 逾期, 未报送, 延期申请, 单位排名, 指标. */
export async function renderReportXlsx(d: MonthlyReportData): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  wb.creator = '督办系统';
  const summary = wb.addWorksheet('汇总');
  summary.getColumn(1).width = 24;
  summary.getColumn(2).width = 12;
  summary.getColumn(3).width = 24;
  const line = (values: (string | number)[], font?: Partial<ExcelJS.Font>) => {
    const row = summary.addRow(values);
    if (font) row.font = font;
    row.commit();
  };
  line([safeCell(d.title)], { bold: true, size: 14 });
  line(['范围', safeCell(d.scope)]);
  line(['统计截至', d.asOf]);
  line([]);
  line(['指标', '数量'], { bold: true });
  line(['纳入督办事项', d.totals.items]);
  line(['逾期事项', d.totals.overdue]);
  line(['本月未报送进展', d.totals.missingReports]);
  for (const l of ['red', 'yellow', 'green'] as const) line([LIGHT_LABELS[l], d.totals.byLight[l]]);
  line([]);
  line(['状态', '数量', '分布'], { bold: true });
  const max = Math.max(1, ...Object.values(d.totals.byStatus));
  for (const [status, n] of Object.entries(d.totals.byStatus)) line([safeCell(status), n, '█'.repeat(Math.round((n / max) * 20))]);
  summary.commit();

  addLedger(wb, d);
  addSheet(wb, '逾期事项', ['事项编号', '事项', '所属方案', '牵头单位', '完成期限', '逾期工作日'], d.overdue.map((o) => [o.number, o.title, o.plan, o.lead, o.deadline, o.overdueDays]), [10, 50, 28, 18, 14, 12]);
  addSheet(wb, '未报送进展', ['事项编号', '事项', '所属方案', '牵头单位'], d.missingReports.map((m) => [m.number, m.title, m.plan, m.lead]), [10, 50, 28, 18]);
  addSheet(
    wb,
    '延期申请',
    ['事项编号', '事项', '牵头单位', '原期限', '申请期限', '申请理由', '审批结果', '审批意见'],
    d.extensions.map((x) => [x.number, x.title, x.lead, x.previousDeadline, x.requestedDeadline, x.reason, x.state, x.decisionReason]),
    [10, 40, 18, 12, 12, 40, 10, 30],
  );
  addSheet(
    wb,
    '单位排名',
    ['排名', '单位', '牵头事项', '已完成', '按期推进', '逾期', '按时报送', '应报送'],
    d.departments.map((r) => [r.rank, r.name, r.led, r.completed, r.onTime, r.overdue, r.reportsOnTime, r.reportsDue]),
    [6, 24, 10, 10, 10, 8, 10, 10],
  );
  addSheet(wb, '指标', ['所属方案', '指标', '目标', '最新值', '进度'], d.indicators.map((i) => [i.plan, i.name, i.target, i.latest, i.progress]), [28, 40, 20, 20, 12]);
  await wb.commit();
  return Buffer.concat(chunks);
}
