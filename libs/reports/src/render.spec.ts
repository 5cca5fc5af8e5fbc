import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { listed, MAX_LISTED, type MonthlyReportData } from './data.js';
import { renderReportDocx } from './render-docx.js';
import { renderReportHtml } from './render-html.js';
import { renderReportXlsx } from './render-xlsx.js';

const ISSUE = {
  office: {
    city: '杭州市',
    issuer: '杭州市质量强市工作领导小组办公室',
    signature: '杭州市质量强市工作领导小组办公室',
    numbers: { circular: { pattern: '杭质强办〔{年}〕{号}号', start: 1 }, notice: { pattern: '杭质强办督〔{年}〕{号}号', start: 1 }, letter: { pattern: '杭质强办催〔{年}〕{号}号', start: 1 } },
    cc: '',
    contact: '',
  },
  number: '杭质强办〔2026〕3号',
  date: '2026-11-02',
};

/** A month with `overdue` overdue items (the longest overdue first) and as many without a report. */
function month(overdue: number): MonthlyReportData {
  const rows = Array.from({ length: overdue }, (_, i) => ({ number: String(i + 1), title: `事项${i + 1}`, plan: '方案', lead: '市科技局', deadline: '2026-10-09', overdueDays: overdue - i }));
  return {
    month: '2026-10',
    asOf: '2026-10-31',
    scope: '全部方案',
    title: '2026年10月质量强市建设重点工作推进情况月报',
    totals: { items: overdue, byStatus: { 推进中: overdue }, byLight: { red: overdue, yellow: 0, green: 0 }, overdue, missingReports: overdue },
    overdue: rows,
    missingReports: rows.map(({ number, title, plan, lead }) => ({ number, title, plan, lead })),
    byPlan: [],
    completed: [],
    closed: [],
    lateReports: [],
    summaries: [],
    extensions: [],
    departments: [{ rank: 1, departmentId: 1, name: '市科技局', led: overdue, completed: 0, onTime: 0, overdue, red: overdue, yellow: 0, green: 0, reportsOnTime: 0, reportsDue: overdue }],
    indicators: [],
    ledger: rows.map((r, i) => ({ itemId: i + 1, plan: r.plan, number: r.number, title: r.title, lead: r.lead, co: '', deadline: r.deadline, status: '推进中', light: 'red' as const, overdueDays: r.overdueDays, latestProgress: '', section: '一、重点任务', latestPercent: null, reportedOn: '', closedOn: '' })),
  };
}

describe('long lists in the circular and the mail body', () => {
  it.each([
    [0, 0, ''],
    [MAX_LISTED, MAX_LISTED, ''],
    [MAX_LISTED + 1, MAX_LISTED, `以上列出前 ${MAX_LISTED} 项\uFF0C另有 1 项未列出\uFF0C完整清单见 Excel 月报“逾期事项”工作表。`],
    [5000, MAX_LISTED, `以上列出前 ${MAX_LISTED} 项\uFF0C另有 ${5000 - MAX_LISTED} 项未列出\uFF0C完整清单见 Excel 月报“逾期事项”工作表。`],
  ])('%p overdue items: %p listed', (count, shown, more) => {
    const result = listed(month(count).overdue, '逾期事项');
    expect(result.rows.length).toBe(shown);
    expect(result.more).toBe(more);
  });

  const d = month(MAX_LISTED + 30);

  it('HTML lists the longest overdue first, up to the limit, and says how many more there are', () => {
    const html = renderReportHtml(d);
    expect(html).toContain(`<td>事项${MAX_LISTED}</td>`);
    expect(html).not.toContain(`>事项${MAX_LISTED + 1}<`);
    expect(html).toContain('另有 30 项未列出\uFF0C完整清单见 Excel 月报“逾期事项”工作表。');
    expect(html).toContain('另有 30 项未列出\uFF0C完整清单见 Excel 月报“未报送进展”工作表。');
    // The totals keep counting every item.
    expect(html).toContain(`逾期未完成${MAX_LISTED + 30}项`);
    expect(html).toContain(`以下${MAX_LISTED + 30}项本月未报送进展`);
  });

  it('DOCX does the same', async () => {
    const { value: text } = await mammoth.extractRawText({ buffer: await renderReportDocx(d, ISSUE) });
    expect(text).toContain(`事项${MAX_LISTED}\n`);
    expect(text).not.toContain(`事项${MAX_LISTED + 1}\n`);
    expect(text).toContain(`以下${MAX_LISTED + 30}项本月未报送进展`);
    expect(text.match(/另有 30 项未列出/g)).toHaveLength(2);
  });

  it('XLSX lists every item, written row by row', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderReportXlsx(d)) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '台账', '逾期事项', '未报送进展', '延期申请', '单位排名', '指标']);
    expect(wb.getWorksheet('逾期事项')!.rowCount).toBe(MAX_LISTED + 31);
    const ledger = wb.getWorksheet('台账')!;
    expect(ledger.getRow(MAX_LISTED + 31).getCell(4).value).toBe(`事项${MAX_LISTED + 30}`);
    expect(ledger.getRow(1).font?.bold).toBe(true);
    // Widths from the text, a Chinese character counted double: '市科技局' is 8 wide, plus 2.
    expect(ledger.getColumn(5).width).toBe(10);
    expect(ledger.getColumn(2).width).toBe(14); // '一、重点任务'
  });
});

describe('the 通报 says nothing its data does not', () => {
  const base = month(0);
  const one = { number: '1', title: '加强质量文化宣传', plan: '方案', lead: '市科技局' };
  it.each([
    ['an empty month', base, ['无逾期未完成事项'], ['、逾期事项', '对逾期事项', '进展报送情况', '本月完成和销号的事项', '各单位工作进展', '指标完成情况', '延期申请']],
    ['overdue items', month(2), ['、逾期事项', '请市科技局对逾期事项认真分析原因', '逾期未完成2项'], ['无逾期未完成事项']],
    ['a late report', { ...base, lateReports: [one] }, ['、进展报送情况', '逾期报送', '请市科技局今后在每月报送截止日前报送进展'], ['未报送\n', '对逾期事项']],
    [
      'a summary',
      { ...base, summaries: [{ name: '市科技局', reports: 4, lines: [{ number: '1', text: '已召开推进会' }], omitted: 3 }] },
      ['、各单位工作进展', '(一)市科技局', '本月报送进展4项。事项1:已召开推进会。另有3项进展未摘录。'],
      [],
    ],
    [
      'indicators',
      {
        ...base,
        indicators: [
          { plan: '方案', name: '合格率', target: '≥95%(2026年)', latest: '96%(2026-09)', progress: '已达标', hasReading: true, targetDue: true },
          { plan: '方案', name: '品牌数', target: '≥10家(2025年)', latest: '—', progress: '暂无数据', hasReading: false, targetDue: true },
          { plan: '方案', name: '远期指标', target: '≥1(2030年)', latest: '—', progress: '暂无数据', hasReading: false, targetDue: false },
        ],
      },
      ['、指标完成情况', '已填报监测数据的量化指标1项', '另有“品牌数”1项指标目标年份已到', '请有关指标责任单位尽快填报“品牌数”1项指标的监测数据'],
      ['暂无数据', '远期指标', '>='],
    ],
  ])('%s', async (_, data, present, absent) => {
    const d = data as MonthlyReportData;
    const { value: text } = await mammoth.extractRawText({ buffer: await renderReportDocx(d, ISSUE) });
    // Compared in ASCII punctuation (the documents use the full-width forms).
    const plain = text.replace(/\uff08/g, '(').replace(/\uff09/g, ')').replace(/\uff1a/g, ':').replace(/\uff0c/g, ',');
    for (const p of present) expect(plain).toContain(p);
    for (const a of absent) expect(plain).not.toContain(a);
  });
});
