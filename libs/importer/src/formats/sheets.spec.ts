import { ImportError } from '../types.js';
import { cellText, csvSheet, fillMerges, sheetsToText, sheetToText } from './sheets.js';

describe('merged cells', () => {
  it('carry the top-left value into every cell they span, down and across', () => {
    const rows = [
      ['1', '任务甲', '市市场监管局'],
      ['2', '任务乙', ''],
      ['3', '任务丙', ''],
    ];
    expect(fillMerges(rows, [{ top: 0, left: 2, bottom: 2, right: 2 }])).toEqual([
      ['1', '任务甲', '市市场监管局'],
      ['2', '任务乙', '市市场监管局'],
      ['3', '任务丙', '市市场监管局'],
    ]);
    expect(fillMerges([['标题', '', '']], [{ top: 0, left: 0, bottom: 0, right: 2 }])).toEqual([['标题', '标题', '标题']]);
  });
});

describe('cell text', () => {
  it.each([
    ['市政务服务中心、\n市税务局', '市政务服务中心、 市税务局'],
    ['a\tb', 'a b'],
    ['  两端  ', '两端'],
    ['行一\r\n\r\n行二', '行一 行二'],
  ])('%j → %j', (value, expected) => expect(cellText(value)).toBe(expected));
});

describe('a sheet as text', () => {
  const header = ['序号', '重点任务', '牵头单位', '配合单位', '完成时限'];

  it('finds the header below a title row and blank rows, and heads the table with the title', () => {
    const text = sheetToText({
      name: 'Sheet1',
      rows: [['某某市重点任务分工表', '某某市重点任务分工表', '某某市重点任务分工表', '', ''], [], header, ['1', '建设平台', '市市场监管局', '市科技局', '2025年底前']],
    });
    expect(text).toBe(['某某市重点任务分工表', header.join('\t'), '1\t建设平台\t市市场监管局\t市科技局\t2025年底前'].join('\n'));
  });

  it('heads a table without a title row with the sheet name, and drops columns empty in every row', () => {
    const text = sheetToText({ name: '第二批', rows: [['', ...header], ['', '1', '建设平台', '市市场监管局', '', '持续推进']] });
    expect(text).toBe(['第二批', header.join('\t'), '1\t建设平台\t市市场监管局\t\t持续推进'].join('\n'));
  });

  it('is null for a sheet without a task header', () => {
    expect(sheetToText({ name: '填表说明', rows: [['本表由各单位填写'], ['序号', '备注']] })).toBeNull();
  });

  it('refuses a workbook in which no sheet has a task header, in Chinese', () => {
    expect(() => sheetsToText([{ name: '说明', rows: [['无表头']] }], '分工表.xlsx')).toThrow(ImportError);
    expect(() => sheetsToText([{ name: '说明', rows: [['无表头']] }], '分工表.xlsx')).toThrow(/未能在“分工表.xlsx”的工作表中找到任务表的表头/);
  });
});

describe('CSV', () => {
  it.each([
    ['commas, quotes and a newline inside a cell', '序号,工作任务,责任单位\r\n1,"建设""15分钟""生活圈,便民",区商务局\r\n2,"义务教育\n扩容",区教育局\r\n', ','],
    ['tab-separated', '序号\t工作任务\t责任单位\n1\t建设"15分钟"生活圈,便民\t区商务局\n2\t"义务教育\n扩容"\t区教育局\n', '\t'],
  ])('reads %s', (_, text) => {
    const sheet = csvSheet(text, '清单', '清单.csv');
    expect(sheet.rows.slice(0, 3)).toEqual([
      ['序号', '工作任务', '责任单位'],
      ['1', expect.stringContaining('15分钟'), '区商务局'],
      ['2', '义务教育\n扩容', '区教育局'],
    ]);
  });

  it('refuses an unterminated quote in Chinese', () => {
    expect(() => csvSheet('序号,工作任务\n1,"没有结束', 'x', 'x.csv')).toThrow(/无法读取 CSV 文件/);
  });
});
