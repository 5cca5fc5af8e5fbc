import { AlignmentType, BorderStyle, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { listed, type MonthlyReportData } from './data.js';

// The look of an official circular (通报): 小标宋 title, 仿宋 body, 黑体 level-one headings, 三号 (16pt) text.
const BODY = '仿宋_GB2312';
const TITLE = '方正小标宋简体';
const HEADING = '黑体';
const SIZE = 32; // half-points: 16pt = 三号

function para(text: string, opts: { font?: string; size?: number; bold?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType]; indent?: boolean } = {}): Paragraph {
  return new Paragraph({
    alignment: opts.align ?? AlignmentType.JUSTIFIED,
    spacing: { line: 560 },
    indent: opts.indent === false ? undefined : { firstLine: 640 },
    children: [new TextRun({ text, font: opts.font ?? BODY, size: opts.size ?? SIZE, bold: opts.bold })],
  });
}

/** Paragraph style of table cells (仿宋, 10.5pt, centred): set once instead of fonts and alignment on every cell. */
const TABLE_TEXT = 'TableText';

function table(head: string[], rows: (string | number)[][]): Table {
  const cell = (text: string | number) => new TableCell({ children: [new Paragraph({ style: TABLE_TEXT, text: String(text) })] });
  const headCell = (text: string) => new TableCell({ children: [new Paragraph({ style: TABLE_TEXT, children: [new TextRun({ text, bold: true })] })] });
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: [new TableRow({ tableHeader: true, children: head.map(headCell) }), ...rows.map((r) => new TableRow({ children: r.map(cell) }))],
  });
}

/** The report as a Word circular (通报) from the coordinating office. */
export async function renderReportDocx(d: MonthlyReportData): Promise<Buffer> {
  const t = d.totals;
  const [y, m] = d.month.split('-').map(Number);
  const statusText = Object.entries(t.byStatus).map(([s, n]) => `${s}${n}项`).join('、');
  const children: (Paragraph | Table)[] = [
    para('质量强市工作领导小组办公室', { font: HEADING, align: AlignmentType.CENTER, indent: false, size: 28 }),
    para(`关于${y}年${m}月质量强市建设重点工作推进情况的通报`, { font: TITLE, size: 44, align: AlignmentType.CENTER, indent: false }),
    para(`各有关单位:`, { indent: false }),
    para(`现将${y}年${m}月质量强市建设重点工作推进情况通报如下(范围:${d.scope};统计截至${d.asOf})。`),
    para('一、总体情况', { font: HEADING }),
    para(
      `纳入督办事项${t.items}项,其中${statusText || '暂无事项'}。红灯${t.byLight.red}项、黄灯${t.byLight.yellow}项、绿灯${t.byLight.green}项;逾期${t.overdue}项,本月未报送进展${t.missingReports}项。`,
    ),
    para('二、逾期事项', { font: HEADING }),
  ];
  const overdue = listed(d.overdue, '逾期事项');
  if (overdue.rows.length) {
    children.push(table(['事项编号', '事项', '牵头单位', '完成期限', '逾期工作日'], overdue.rows.map((o) => [o.number, o.title, o.lead, o.deadline, o.overdueDays])));
    if (overdue.more) children.push(para(overdue.more));
  } else children.push(para('本月无逾期事项。'));
  children.push(para('三、进展报送情况', { font: HEADING }));
  const missing = listed(d.missingReports, '未报送进展');
  if (missing.rows.length) {
    children.push(para(`以下${d.missingReports.length}项事项本月未报送进展:`));
    children.push(table(['事项编号', '事项', '牵头单位'], missing.rows.map((r) => [r.number, r.title, r.lead])));
    if (missing.more) children.push(para(missing.more));
  } else children.push(para('所有事项均已按要求报送本月进展。'));
  children.push(para('四、延期申请及审批情况', { font: HEADING }));
  if (d.extensions.length) children.push(table(['事项', '牵头单位', '原期限', '申请期限', '审批结果'], d.extensions.map((x) => [`${x.number}${x.title}`, x.lead, x.previousDeadline, x.requestedDeadline, x.state])));
  else children.push(para('本月无延期申请。'));
  children.push(para('五、各单位推进情况', { font: HEADING }));
  children.push(table(['排名', '单位', '牵头事项', '已完成', '逾期', '按时报送/应报送'], d.departments.map((r) => [r.rank, r.name, r.led, r.completed, r.overdue, `${r.reportsOnTime}/${r.reportsDue}`])));
  children.push(para('六、指标完成情况', { font: HEADING }));
  if (d.indicators.length) children.push(table(['指标', '目标', '最新值', '进度'], d.indicators.map((i) => [i.name, i.target, i.latest, i.progress])));
  else children.push(para('暂无量化指标。'));
  children.push(para('七、下步工作要求', { font: HEADING }));
  children.push(para('请存在逾期事项的牵头单位认真分析原因,制定整改措施,尽快完成;确需延期的,按程序提交延期申请。请各单位按时报送工作进展。'));
  children.push(para('质量强市工作领导小组办公室', { align: AlignmentType.RIGHT, indent: false }));
  const styles = { paragraphStyles: [{ id: TABLE_TEXT, name: '表格文字', run: { font: BODY, size: 21 }, paragraph: { alignment: AlignmentType.CENTER } }] };
  return Buffer.from(await Packer.toBuffer(new Document({ creator: '督办系统', title: d.title, styles, sections: [{ children }] })));
}
