import { isPageNumber, type Line, linesOf, paragraphsOf, textOfPages, withoutCjkSpacing, withoutPageFurniture } from './layout.js';

/** A line of body text on a 20-unit grid: left margin 0, right margin 100, font size 4. */
const line = (text: string, opts: Partial<Line> = {}): Line => ({ text, left: 0, right: 100, y: 0, size: 4, ...opts });
const short = (text: string, opts: Partial<Line> = {}) => line(text, { right: 40, ...opts });

describe('page numbers', () => {
  it.each([
    ['- 3 -', false, true],
    ['— 12 —', false, true],
    ['－3－', false, true],
    ['第3页', false, true],
    ['第 3 页 共 9 页', false, true],
    ['3/9', false, true],
    ['7', true, true],
    ['7', false, false],
    ['2025', false, false],
    ['3.加强督查', true, false],
    ['第三章 保障措施', false, false],
  ])('%j (at the foot: %s) → %s', (text, atFoot, expected) => {
    expect(isPageNumber(text, atFoot)).toBe(expected);
  });
});

describe('runs → lines', () => {
  it('orders runs by baseline, then by x, and keeps runs within a third of the font size on one line', () => {
    const lines = linesOf([
      { text: '第二行', x: 0, y: 20, width: 12, size: 4 },
      { text: '右边', x: 12, y: 10.5, width: 8, size: 4 },
      { text: '左边', x: 0, y: 10, width: 8, size: 4 },
    ]);
    expect(lines.map((l) => l.text)).toEqual(['左边右边', '第二行']);
    expect(lines[0]).toMatchObject({ left: 0, right: 20 });
  });

  it('puts a space between Latin words, none between Chinese and digits, and two spaces across a column gap', () => {
    const lines = linesOf([
      { text: 'ISO', x: 0, y: 0, width: 6, size: 4 },
      { text: '9001', x: 7, y: 0, width: 8, size: 4 },
      { text: '认证', x: 16, y: 0, width: 8, size: 4 },
      { text: '市市场监管局', x: 60, y: 0, width: 24, size: 4 },
    ]);
    expect(lines[0].text).toBe('ISO 9001认证  市市场监管局');
  });

  it.each([
    ['某某市 2025 年', '某某市2025年'],
    ['合格率 95% 以上', '合格率95%以上'],
    ['ISO 9001', 'ISO 9001'],
    ['序号  重点任务', '序号  重点任务'],
  ])('typesetting space: %j → %j', (text, expected) => {
    expect(withoutCjkSpacing(text)).toBe(expected);
  });
});

describe('running headers, footers and page numbers', () => {
  const page = (n: number, body: string[]) => [
    short('某某市人民政府办公室文件'),
    ...body.map((t) => line(t)),
    short(`- ${n} -`),
  ];

  it('drops a header repeated on most pages and the page numbers, keeps the body', () => {
    const pages = withoutPageFurniture([page(1, ['甲', '乙']), page(2, ['丙']), page(3, ['丁'])]);
    expect(pages.map((p) => p.map((l) => l.text))).toEqual([['甲', '乙'], ['丙'], ['丁']]);
  });

  it('keeps a first line that appears on one page only, and a bare number in the middle of a page', () => {
    const pages = withoutPageFurniture([
      [short('某某市2025年质量强市建设工作要点'), line('甲'), short('5'), line('乙'), short('第1页')],
      [line('丙'), line('丁'), short('第2页')],
    ]);
    expect(pages.map((p) => p.map((l) => l.text))).toEqual([['某某市2025年质量强市建设工作要点', '甲', '5', '乙'], ['丙', '丁']]);
  });

  it('drops a bare number at the foot of a page', () => {
    const pages = withoutPageFurniture([[line('甲'), line('乙'), line('丙'), short('3')]]);
    expect(pages[0].map((l) => l.text)).toEqual(['甲', '乙', '丙']);
  });
});

describe('joining lines broken by the page width', () => {
  it.each([
    ['a full line continues on the next', [line('(一)加强计量能力建设。围绕重点产业'), short('需求,新建标准5项。')], ['(一)加强计量能力建设。围绕重点产业需求,新建标准5项。']],
    ['a short line ends its paragraph', [short('一、夯实质量基础设施'), line('(一)加强计量。')], ['一、夯实质量基础设施', '(一)加强计量。']],
    ['never before a numbering marker "(二)"', [line('(一)加强计量能力建设,提升服务能力。'), short('(二)推进标准化。')], ['(一)加强计量能力建设,提升服务能力。', '(二)推进标准化。']],
    ['never before "二、"', [line('全面完成年度目标任务。'), short('二、提升产品质量')], ['全面完成年度目标任务。', '二、提升产品质量']],
    ['never before "3."', [line('推进质量基础设施建设。'), short('3.加强督查')], ['推进质量基础设施建设。', '3.加强督查']],
    ['never before a label line', [line('围绕重点产业需求,新建社会公用计量标准。'), short('牵头单位:市市场监管局')], ['围绕重点产业需求,新建社会公用计量标准。', '牵头单位:市市场监管局']],
    ['but a label inside an open parenthesis continues', [line('降低检测成本。(牵头单位:市市场监管局;'), short('配合单位:市科技局)')], ['降低检测成本。(牵头单位:市市场监管局;配合单位:市科技局)']],
    ['a label broken in the middle ("牵头部" / "门:")', [line('推动企业上云。(牵头部'), short('门:市工业和信息化局)')], ['推动企业上云。(牵头部门:市工业和信息化局)']],
    ['never before an indented line (a new paragraph)', [line('确保各项任务按期完成。'), short('为深入贯彻落实纲要,制定本方案。', { left: 8 })], ['确保各项任务按期完成。', '为深入贯彻落实纲要,制定本方案。']],
    ['Latin words broken at the margin keep a space', [line('实施 ISO'), short('9001 认证')], ['实施 ISO 9001 认证']],
  ])('%s', (_, lines, expected) => {
    // Many full lines make the right margin the document's, as in a real plan.
    const body = Array.from({ length: 8 }, () => line('正文'));
    expect(paragraphsOf([[...body, short('结束。'), ...lines]]).split('\n').slice(1)).toEqual(expected);
  });

  it('joins a paragraph broken across a page break, the footer and header between them dropped', () => {
    const runs = (texts: [string, number, number][]) => texts.map(([text, y, width]) => ({ text, x: 0, y, width, size: 4 }));
    const header: [string, number, number] = ['某某市人民政府办公室文件', 5, 48];
    const text = textOfPages([
      { runs: runs([header, ['(一)加强计量能力建设。围绕重点产业需', 15, 100], ['求,新建社会公用计量标准5项以上,推动', 25, 100], ['- 1 -', 95, 12]]) },
      { runs: runs([header, ['产业计量测试中心建设。', 15, 44], ['(二)推进标准化建设。', 25, 44], ['- 2 -', 95, 12]]) },
    ]);
    expect(text.split('\n')).toEqual(['(一)加强计量能力建设。围绕重点产业需求,新建社会公用计量标准5项以上,推动产业计量测试中心建设。', '(二)推进标准化建设。']);
  });
});
