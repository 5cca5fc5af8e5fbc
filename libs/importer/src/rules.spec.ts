/** Table-driven tests of the importer's rules, one table per rule. */
import { findDue } from './deadlines.js';
import { findLineNotes, findSubjectNote, parseNoteContent, splitGluedNames } from './departments.js';
import { htmlToText } from './html.js';
import { readTaskTable } from './tables.js';
import { indicatorsFromClause, indicatorsFromTable } from './indicators.js';
import { findMarkers } from './numbering.js';
import { chineseToNumber, joinPageChunks, parseChineseDate } from './text.js';
import { parsePlanText } from './parse.js';

describe('chineseToNumber', () => {
  it.each([
    ['一', 1], ['十', 10], ['十一', 11], ['二十', 20], ['三十', 30], ['二十九', 29], ['一百零五', 105], ['九十九', 99], ['甲', null], ['', null],
  ])('%s → %s', (s, n) => expect(chineseToNumber(s)).toBe(n));
});

describe('parseChineseDate', () => {
  it.each([
    ['2023年11月9日', '2023-11-09'], ['二〇二四年三月十五日', '2024-03-15'], ['2024年5月17日', '2024-05-17'],
    ['2024年13月1日', null], ['2024-05-17', null], ['发布于2024年5月17日', null],
  ])('%s → %s', (s, d) => expect(parseChineseDate(s)).toBe(d));
});

describe('findMarkers', () => {
  const first = (line: string) => findMarkers(line)[0];
  it.each([
    ['一、总体要求', 0, 1, '一、'],
    ['(三十)注重宣传教育', 1, 30, '(三十)'],
    ['(一)指导思想', 1, 1, '(一)'],
    ['三)加快产品质量提档升级', 1, 3, '(三)'],
    ['(-)战略意义', 1, 1, '(一)'],
    ['26.加强质量文化宣传。', 2, 26, '26'],
    ['3、开展质量提升行动', 2, 3, '3'],
  ])('%s → level %s, %s, printed %s', (line, level, value, printed) => {
    expect(first(line)).toMatchObject({ level, value, printed });
  });
  it.each(['达到99.3%', '2024年', '十八届三中、四中全会', '著(驰)名商标', 'onerror=alert(1)', 'GB/T 2828(2)'])('%s has no marker', (line) => {
    expect(findMarkers(line).filter((m) => m.level !== 2 || m.col === 0)).toEqual([]);
  });
});

describe('findDue', () => {
  it.each([
    ['2024年12月底前完成对标', '2024年12月底前'],
    ['2025年6月30日前完成评价', '2025年6月30日前'],
    ['2025年底前建成', '2025年底前'],
    ['争取年内完成首次评选', '年内'],
    ['10个工作日内报送', '10个工作日内'],
    ['(市质监局负责,持续推进)', '持续推进'],
    ['完成时限:持续推进', '持续推进'],
    ['持续推进湘江保护与治理', null],
    ['到2025年,质量整体水平全面提高', null],
    ['每年建设改造25个便民生活圈', null],
    ['全年完成帮扶企业200家', null],
    ['三年内建成', null],
  ])('%s → %s', (text, due) => expect(findDue(text)).toBe(due));
});

describe('parseNoteContent', () => {
  it.each([
    ['市质监局牵头,市发改委、市经信委分工负责', ['市质监局'], ['市发改委', '市经信委']],
    ['市质监局负责', ['市质监局'], []],
    // No unit marked as lead: the first named leads (列第一位者为牵头单位).
    ['市质量强市工作领导小组成员单位、县市区人民政府分工负责', ['市质量强市工作领导小组成员单位'], ['县市区人民政府']],
    ['牵头单位:市市场监管局', ['市市场监管局'], []],
    ['牵头单位:市市场监管局;配合单位:市发改委、市工信局', ['市市场监管局'], ['市发改委', '市工信局']],
    ['牵头单位:市市场监管局 配合单位:市发改委', ['市市场监管局'], ['市发改委']],
    ['责任单位:市教育局、市人社局', ['市教育局'], ['市人社局']],
    ['市发改委等部门按职责分工负责', ['市发改委'], []],
    ['国家发展改革委、工业和信息化部等部门,各省级人民政府按职责分工负责', ['国家发展改革委'], ['工业和信息化部', '各省级人民政府']],
    ['财政部、民政部等和各有关省级人民政府负责', ['财政部'], ['民政部', '各有关省级人民政府']],
    ['市发展改革委会同市财政局、市统计局负责', ['市发展改革委'], ['市财政局', '市统计局']],
    ['市商务局会同有关部门负责', ['市商务局'], []],
    ['国家发展改革委、财政部会同有关部门负责', ['国家发展改革委'], ['财政部']],
    ['市住建局牵头,各区、县级市政府配合', ['市住建局'], ['各区、县级市政府']],
    ['市农业农村局牵头,各县(市、区)人民政府负责', ['市农业农村局'], ['各县(市、区)人民政府']],
    ['教育部牵头,人力资源社会保障部参与', ['教育部'], ['人力资源社会保障部']],
    ['各有关单位', ['各有关单位'], []],
    ['牵头单位(部门):市发改委;配合单位:市财政局、有关部门', ['市发改委'], ['市财政局']],
    ['责任单位:市教育局、市人社局;完成时限:2024年底前', ['市教育局'], ['市人社局']],
    ['市工信局牵头,市市场监管局配合', ['市工信局'], ['市市场监管局']],
    // Names without a verb after units that lead co-operate.
    ['责任单位:区市场监督管理局牵头,区直相关部门', ['区市场监督管理局'], ['区直相关部门']],
    // "X负责<part of the work>" names X.
    ['责任单位:区综合执法局牵头,区直相关部门,区管委会办公室政策法规处负责法制审查工作', ['区综合执法局'], ['区直相关部门', '区管委会办公室政策法规处']],
    // Two names joined by 和/及 are two units; collectives stay whole.
    ['县交通与建设局、公路局和公安部门负责', ['县交通与建设局'], ['公路局', '公安部门']],
    ['区社会事业局,各乡镇党委和人民政府负责', ['区社会事业局'], ['各乡镇党委和人民政府']],
    // A level named alone shares the name after it; "分工" is no part of a name.
    ['区、县交通与建设局负责', ['区、县交通与建设局'], []],
    // A scope in parentheses after a name is no part of it; a name's own parentheses stay.
    ['牵头单位:区社会事业局(牵头医疗医美板块)、区市场监管局(牵头医药器械板块)', ['区社会事业局', '区市场监管局'], []],
    ['责任单位:区卫计局(爱卫办)、各乡镇人民政府(街道办事处)', ['区卫计局(爱卫办)'], ['各乡镇人民政府(街道办事处)']],
    ['各级人民政府负责,预防办、农业部门分工组织实施,其他创建成员单位配合', ['各级人民政府'], ['预防办', '农业部门', '其他创建成员单位']],
    // No lead marked: the first-named unit leads, also before a collective named after a comma.
    ['省发展改革委、省商务厅等按职责分工负责,各市、县人民政府负责落实', ['省发展改革委'], ['省商务厅', '各市、县人民政府']],
    ['市发改委按职责分工负责,各区政府负责', ['市发改委'], ['各区政府']],
    // "牵头责任单位" is one label (it holds "责任单位"): every unit after it leads.
    ['牵头责任单位:区财政局、区税务局', ['区财政局', '区税务局'], []],
    ['牵头责任单位:区人社局;责任单位:区财政局、区税务局', ['区人社局'], ['区财政局', '区税务局']],
    ['牵头责任单位:区人社局 配合责任单位:区财政局', ['区人社局'], ['区财政局']],
  ])('(%s)', (content, lead, co) => {
    expect(parseNoteContent(content)).toMatchObject({ lead, co });
  });
  it.each([
    ['区经济发展局区行政审批局区直各有关单位', ['区经济发展局', '区行政审批局', '区直各有关单位']],
    ['相关乡镇人民政府区农发局区综合执法局', ['相关乡镇人民政府', '区农发局', '区综合执法局']],
    ['各片区管理局、区环土局', ['各片区管理局', '区环土局']],
  ])('names run together in a table cell: %s', (cell, names) => {
    expect(splitGluedNames(cell)).toEqual(names);
  });
  it.each(['含提名奖', '驰', '企业主体责任'])('(%s) is no department note', (content) => {
    expect(parseNoteContent(content)).toBeNull();
  });
  it('reads "X、Y、Z负责落实。" on the line after a provision, first named leading', () => {
    const notes = findLineNotes(['加强质量文化宣传。', '市委宣传部、市教育局、市总工会负责落实。']);
    expect(notes).toMatchObject([{ lead: ['市委宣传部'], co: ['市教育局', '市总工会'] }]);
    expect(findLineNotes(['市委宣传部负责落实。'])).toEqual([]);
  });
});

describe('indicatorsFromClause', () => {
  const one = (clause: string) => indicatorsFromClause(clause, 2025, ['二、发展目标']).map(({ name, op, value, unit }) => ({ name, op, value, unit }));
  it.each([
    ['制造业质量竞争力指数≥92', [{ name: '制造业质量竞争力指数', op: '>=', value: 92, unit: null }]],
    ['农产品抽检合格率达到98.5%以上', [{ name: '农产品抽检合格率', op: '>=', value: 98.5, unit: '%' }]],
    ['国家级创新平台突破180家', [{ name: '国家级创新平台', op: '>=', value: 180, unit: '家' }]],
    ['制造业产品质量合格率大于95%', [{ name: '制造业产品质量合格率', op: '>', value: 95, unit: '%' }]],
    ['流通领域药品抽检合格率保持100%', [{ name: '流通领域药品抽检合格率', op: '=', value: 100, unit: '%' }]],
    ['单位GDP能耗控制在0.5吨以下', [{ name: '单位GDP能耗', op: '<=', value: 0.5, unit: '吨' }]],
    ['全球创新指数保持在世界前20名、全国前10名', [
      { name: '全球创新指数', op: 'top', value: 20, unit: '名' },
      { name: '全球创新指数', op: 'top', value: 10, unit: '名' },
    ]],
    ['甲合格率和乙合格率均达到98%以上', [
      { name: '甲合格率', op: '>=', value: 98, unit: '%' },
      { name: '乙合格率', op: '>=', value: 98, unit: '%' },
    ]],
    ['迭代升级“334”科技创新体系', []],
    ['到2025年', []],
    ['走在全市前列', []],
  ])('%s', (clause, expected) => expect(one(clause)).toEqual(expected));
});

describe('indicatorsFromTable', () => {
  it('reads a goals table whose cells are tab-separated, category cell merged', () => {
    const lines = ['类别\t指标\t单位\t2025年目标', '产业\t制造业质量竞争力指数\t\t≥92', '服务业标准化覆盖率\t%\t85以上', '排名\t全球创新指数排名\t名\t世界前20名'];
    // The second row lacks the merged category cell (one cell short) and still aligns.
    expect(indicatorsFromTable(lines, '', null, ['二、目标'])).toEqual([
      { name: '制造业质量竞争力指数', op: '>=', value: 92, unit: null, year: 2025, path: ['二、目标'] },
      { name: '服务业标准化覆盖率', op: '>=', value: 85, unit: '%', year: 2025, path: ['二、目标'] },
      { name: '全球创新指数排名', op: 'top', value: 20, unit: '名', year: 2025, path: ['二、目标'] },
    ]);
  });
});

describe('page markers of a scraped document', () => {
  it('joins chunks split inside words and leaves ordinary "1、" lists alone', () => {
    expect(joinPageChunks(['标题', '1、一、总体要求(一)指', '2、导思想。全面贯彻(市环保局', '3、牵头)完成。'])).toEqual(['标题', '一、总体要求(一)指导思想。全面贯彻(市环保局牵头)完成。']);
    expect(joinPageChunks(['1、加强领导。', '2、强化考核。', '3、营造氛围。'])).toBeNull();
  });
});

describe('structure rules', () => {
  it('runs numbering on across sections and resumes after a lost number', () => {
    const plan = parsePlanText(['一、甲', '(一)子一', '二、乙', '(二)子二', '(四)子四', '1.任务一。内容。', '2.任务二。'].join('\n'));
    expect(plan.items.map((i) => `${i.path.join('/')}|${i.number}|${i.kind}`)).toEqual([
      '一、甲|(一)|task',
      '二、乙|(二)|task',
      '二、乙|(四)|group',
      '二、乙/(四)子四|1|task',
      '二、乙/(四)子四|2|task',
    ]);
    expect(plan.warnings.join()).toContain('不连续');
  });

  it('reads a title broken over two lines and wrapped in 《》', () => {
    expect(parsePlanText('关于推进质量强市建设的\n实施意见\n一、总体要求\n(一)指导思想\n').title).toBe('关于推进质量强市建设的实施意见');
    expect(parsePlanText('某某市质量强市建设\n三年行动方案\n一、总体要求\n(一)指导思想\n').title).toBe('某某市质量强市建设三年行动方案');
    expect(parsePlanText('《某市质量提升行动方案》\n一、任务\n(一)甲。\n').title).toBe('某市质量提升行动方案');
  });
});

describe('punctuation width', () => {
  // Escapes: full-width literals do not survive every editor.
  const [L, R, C, COLON] = ['\uFF08', '\uFF09', '\uFF0C', '\uFF1A'];
  it('reads full-width numbering and notes, and returns every string as printed, mixed widths included', () => {
    const text = [
      `一、重点任务`,
      `${L}一${R}争创中国质量奖(含提名奖)。开展培育${L}市市场监管局牵头${C}市发改委配合${R}`,
      `${L}二${R}加强标准化建设。牵头单位${COLON}市市场监管局`,
    ].join('\n');
    const plan = parsePlanText(text);
    expect(plan.items.map((i) => [i.number, i.title, i.lead, i.co])).toEqual([
      [`${L}一${R}`, '争创中国质量奖(含提名奖)', ['市市场监管局'], ['市发改委']],
      [`${L}二${R}`, '加强标准化建设', ['市市场监管局'], []],
    ]);
    expect(plan.items[1].path).toEqual(['一、重点任务']);
  });
});

describe('forms of the family', () => {
  const items = (text: string) => parsePlanText(text).items.map((i) => [i.number, i.path.join('/'), i.title, i.kind, i.lead, i.co]);

  it('reads a document numbered only "一、二、三、" as items with an empty path', () => {
    expect(items('关于某事的通知\n一、对甲成效明显的地方,给予支持。(财政部、发展改革委负责)\n二、对乙成效明显的地方,优先安排。(商务部负责)\n')).toEqual([
      ['一、', '', '对甲成效明显的地方,给予支持', 'task', ['财政部'], ['发展改革委']],
      ['二、', '', '对乙成效明显的地方,优先安排', 'task', ['商务部'], []],
    ]);
  });

  it('reads provisions of text whose line breaks were lost: markers after a space or a labelled note', () => {
    const text = '一、重点任务 (一)开展调查监测,评估风险 1.落实信息调查。2023年底前完成调查。(区资源局牵头负责) 2.开展监测。责任单位:区生态局3.实施评估。区生态局牵头,区经发局按职责分工负责';
    expect(items(text)).toEqual([
      ['(一)', '一、重点任务', '开展调查监测,评估风险', 'group', [], []],
      ['1', '一、重点任务/(一)开展调查监测,评估风险', '落实信息调查', 'task', ['区资源局'], []],
      ['2', '一、重点任务/(一)开展调查监测,评估风险', '开展监测', 'task', ['区生态局'], []],
      ['3', '一、重点任务/(一)开展调查监测,评估风险', '实施评估', 'task', ['区生态局'], ['区经发局']],
    ]);
  });

  it('takes "1.2017年…" as a provision number and "1.5%" as a decimal', () => {
    expect(findMarkers('1.2017年10月底前实现').map((m) => m.level)).toEqual([2]);
    expect(findMarkers('合格率提高1.5%').filter((m) => m.level === 2)).toEqual([]);
  });

  it('reads "(1)" items under a "1." provision, which then groups them', () => {
    expect(items('一、任务\n(一)优化组织\n1.实施整治工程\n(1)排查拥堵路段。(区交建局负责)\n(2)落实整治责任。(区公安局负责)\n')).toEqual([
      ['(一)', '一、任务', '优化组织', 'group', [], []],
      ['1', '一、任务/(一)优化组织', '实施整治工程', 'group', [], []],
      // In a path, a "1." provision stands as printed, its dot included.
      ['(1)', '一、任务/(一)优化组织/1.实施整治工程', '排查拥堵路段', 'task', ['区交建局'], []],
      ['(2)', '一、任务/(一)优化组织/1.实施整治工程', '落实整治责任', 'task', ['区公安局'], []],
    ]);
  });

  it('reads a safeguard whose first sentence names its units as subject as a task', () => {
    expect(items('一、任务\n(一)甲。(区财政局负责)\n二、工作要求\n(一)加强领导。各单位要高度重视。\n(二)区经发局、区交建局等牵头单位应于6月10日前报送方案。\n').slice(1)).toEqual([
      ['(一)', '二、工作要求', '加强领导', 'safeguard', [], []],
      ['(二)', '二、工作要求', '区经发局、区交建局等牵头单位应于6月10日前报送方案', 'task', ['区经发局'], ['区交建局']],
    ]);
  });

  it('gives a group the note that closes it when its children name no units', () => {
    expect(items('一、任务\n(一)编制规划\n1.开展调查。\n2.编制方案。\n(责任单位:区旅游局;配合单位:区规划局)\n').slice(0, 1)).toEqual([
      ['(一)', '一、任务', '编制规划', 'group', ['区旅游局'], ['区规划局']],
    ]);
  });

  it('applies units "以下均需X落实,不再列出" to every task below', () => {
    const got = items('一、任务\n(一)甲。(区资源局牵头负责;各片区负责配合落实,以下均需各片区配合落实,不再列出)\n(二)乙。(区经发局牵头)\n');
    expect(got.map((i) => [i[4], i[5]])).toEqual([
      [['区资源局'], ['各片区']],
      [['区经发局'], ['各片区']],
    ]);
  });

  it.each([
    ['以下均需各区政府、经开区管委会负责,不再列出', ['各区政府', '经开区管委会']],
    ['以下均需各区政府负责落实,不再一一列出', ['各区政府']],
    ['以下各项任务均由各县(市、区)人民政府推进', ['各县(市、区)人民政府']],
  ])('applies the units of "%s" to every task below', (convention, below) => {
    const got = items(`一、任务\n(一)甲。(市卫健委、市财政局按职责分工负责。${convention})\n(二)乙。(市教委按职责分工负责)\n`);
    expect(got.map((i) => [...i[4], ...i[5]])).toEqual([
      ['市卫健委', '市财政局'],
      ['市教委', ...below],
    ]);
  });

  it('reads a table whose cells ran together with one space, in the middle of a long line', () => {
    const text =
      '一、任务 (一)推进建设。(区卫计局牵头) 附件:1.配置标准 2.任务分工 附件2 某区母婴设施建设任务分工 序号 职责 负责单位 备注 1 将母婴设施建设纳入精神文明建设 区文明办 2 协调做好商场母婴设施建设 区经发局、区商务局 某区管委会办公室 2018年5月11日印发';
    expect(items(text).map((i) => [i[0], i[1], i[2], i[4], i[5]])).toEqual([
      ['(一)', '一、任务', '推进建设', ['区卫计局'], []],
      ['1', '某区母婴设施建设任务分工', '将母婴设施建设纳入精神文明建设', ['区文明办'], []],
      ['2', '某区母婴设施建设任务分工', '协调做好商场母婴设施建设', ['区经发局'], ['区商务局']],
    ]);
  });

  it('reads the standing duties of a role (X工作职责) as context, unless a duty names its units', () => {
    const text = '一、工作职责\n(一)链长工作职责\n1.调研产业链发展现状。\n2.组织专题会议。\n(二)牵头单位工作职责\n1.制定具体工作方案。\n2.编制产业链图谱。(区经发局负责)\n';
    expect(items(text).map((i) => [i[0], i[2], i[3]])).toEqual([
      ['(一)', '链长工作职责', 'group'],
      ['1', '调研产业链发展现状', 'context'],
      ['2', '组织专题会议', 'context'],
      ['(二)', '牵头单位工作职责', 'group'],
      ['1', '制定具体工作方案', 'context'],
      ['2', '编制产业链图谱', 'task'],
    ]);
  });

  it('cuts a standard heading run into its text without a break, where the sentence is far longer than a heading', () => {
    const text = '一、目标要求按照“部门联动、落实责任”的原则,突出城市重点拥堵区域,抓住综合交通关键问题,用三年时间治理一批拥堵路段。(一)交通设施承载能力明显提高。二、重点任务 (一)优化路网。(区交建局负责)';
    expect(parsePlanText(text).sections.map((s) => s.title)).toEqual(['目标要求', '重点任务']);
    // A heading that merely starts with the same words stays whole.
    expect(parsePlanText('一、任务\n(一)组织领导机制建设。\n(二)乙。\n').items[0].title).toBe('组织领导机制建设');
  });

  it('reads a table whose cells ran together without any separator, its rows numbered', () => {
    const text =
      '某区管委会办公室 2022年6月7日 附件2022年全区政务公开工作任务分解表工作任务工作要求牵头单位配合/责任单位一、加强市场主体信息公开1.增强政策透明度。 区直各有关单位,各片区管理局2.建立审批问题反馈机制。区经济发展局区行政审批局区直各有关单位二、加强减税降费信息公开3.推送减税降费政策。区财政金融局各乡镇人民政府 来源:某区管委会办公室 附件下载';
    expect(items(text).map((i) => [i[0], i[1], i[2], i[4], i[5]])).toEqual([
      ['1', '2022年全区政务公开工作任务分解表/一、加强市场主体信息公开', '增强政策透明度', ['区直各有关单位'], ['各片区管理局']],
      ['2', '2022年全区政务公开工作任务分解表/一、加强市场主体信息公开', '建立审批问题反馈机制', ['区经济发展局'], ['区行政审批局', '区直各有关单位']],
      ['3', '2022年全区政务公开工作任务分解表/二、加强减税降费信息公开', '推送减税降费政策', ['区财政金融局'], ['各乡镇人民政府']],
    ]);
  });

  it('reads each label after its own paragraph as a note where the line breaks were lost', () => {
    const text = '一、任务 (一)合理规划公厕布局 一是开展普查。建立台帐。 责任单位:区交建局、各乡镇 二是科学规划布局。编制专项规划。 责任单位:区规划局、环土局 (二)提升品质。责任单位:区交建局';
    expect(items(text).map((i) => [i[0], i[4], i[5]])).toEqual([
      ['(一)', ['区交建局', '区规划局'], ['各乡镇', '环土局']],
      ['(二)', ['区交建局'], []],
    ]);
  });

  it('reads units named as the subject of a provision without a note', () => {
    expect(findSubjectNote('由区规划局牵头,建立联席会议制度')).toMatchObject({ lead: ['区规划局'], co: [] });
    expect(findSubjectNote('区环境与国土资源局配合区规划局对划定的区域界线进行确认')).toMatchObject({ lead: ['区规划局'], co: ['区环境与国土资源局'] });
    expect(findSubjectNote('各片区项目建设指挥部负责辖区相关工作的协调统筹')).toMatchObject({ lead: ['各片区项目建设指挥部'] });
    expect(findSubjectNote('区经发局、区交建局、区公安局等牵头单位应将实施方案于6月10日前报送区安办')).toMatchObject({ lead: ['区经发局'], co: ['区交建局', '区公安局'] });
    expect(findSubjectNote('企业负责落实主体责任')).toBeNull();
    expect(findSubjectNote('加强组织领导,统筹推进')).toBeNull();
  });

  it('reads a paragraph\'s last sentence as a note only when it names nothing but units', () => {
    expect(findLineNotes(['推进改革。区行政审批局、市场监督管理局牵头,区直相关部门按职责分工负责'])).toMatchObject([
      { lead: ['区行政审批局', '市场监督管理局'], co: ['区直相关部门'] },
    ]);
    expect(findLineNotes(['推进改革。对符合条件的,由企业负责。'])).toEqual([]);
    expect(findLineNotes(['推进改革。支持青山区创建示范区、蔡甸区创建产业园区。'])).toEqual([]);
  });

  it('cuts a heading that ends in a bracket where one space runs it into its text', () => {
    const text = '一、突出重点领域(行业) 以下重点领域整治由各牵头单位负责。 1.危险化学品领域:由县质监局牵头组织,负责排查。 2.建筑施工领域:由区交建局牵头组织,负责整治。';
    expect(items(text).map((i) => [i[0], i[1], i[2], i[4]])).toEqual([
      ['1', '一、突出重点领域(行业)', '危险化学品领域', ['县质监局']],
      ['2', '一、突出重点领域(行业)', '建筑施工领域', ['区交建局']],
    ]);
  });

  it('cuts at the first space of a heading even where a wide space follows further on', () => {
    const text = '一、活动 (一)“带你游平潭”导游词大赛 活动时间:初定10月中旬  活动地点:管委会会议中心 (二)沙滩音乐节 活动时间:10月';
    expect(items(text).map((i) => i[2])).toEqual(['“带你游平潭”导游词大赛', '沙滩音乐节']);
  });

  it('reads provisions that follow the colon announcing them ("具体如下:一、…") in text whose line breaks were lost', () => {
    const text = '某区2016年工作要点 为做好今年工作,特制定本要点。具体如下:一、推进生态文明建设。建立领导机制。二、开展污染整治。落实整治责任。';
    expect(items(text).map((i) => [i[0], i[1], i[2]])).toEqual([
      ['一、', '', '推进生态文明建设'],
      ['二、', '', '开展污染整治'],
    ]);
    // Any other colon inside a sentence still announces nothing.
    expect(items('一、任务\n(一)开展整治。重点是:1.排查隐患。\n').map((i) => i[0])).toEqual(['(一)']);
  });

  it('ends the provisions where an appendix starts after a sentence on the same line', () => {
    const text = '具体如下:一、推进甲建设。建立机制。二、开展乙整治。落实责任。 附件:2016年工作要点分工表 序号主要工作任务1推进甲建设1、建立机制3月区经发局2、完善制度6月区环土局';
    expect(items(text).map((i) => [i[0], i[2]])).toEqual([
      ['一、', '推进甲建设'],
      ['二、', '开展乙整治'],
    ]);
    expect(parsePlanText(text).items[1].body).toBe('开展乙整治。落实责任。');
  });

  it('cuts a heading run into its text at a wide space, a dash or its 一是 enumeration', () => {
    expect(items('一、任务\n(一)总体要求  以习近平新时代中国特色社会主义思想为指导\n(二)实施垃圾治理行动——加快生活垃圾治理。\n(三)开展旅游安全整治一是深化网格化监管,强化防控。\n').map((i) => i[2])).toEqual([
      '总体要求', '实施垃圾治理行动', '开展旅游安全整治',
    ]);
  });
});

describe('task tables', () => {
  it('reads grouping rows as the path, numbers inside the task cell, and 责任单位 beside 牵头单位 as co', () => {
    const lines = [
      '工作任务\t牵头单位\t责任单位\t工作要求',
      '一、加强公开解读',
      '(一)围绕法治政府推进公开',
      '1.政府工作公开透明\t\t区直有关单位,各乡镇人民政府\t坚持以公开为常态。',
      '2.做好权责清单公开\t区行政审批局\t区直有关单位\t全面完成融合。',
    ];
    expect(readTaskTable(lines, 0)!.rows.map((r) => [r.number, r.groups, r.title, r.lead, r.co])).toEqual([
      ['1', ['一、加强公开解读', '(一)围绕法治政府推进公开'], '政府工作公开透明', ['区直有关单位'], ['各乡镇人民政府']],
      ['2', ['一、加强公开解读', '(一)围绕法治政府推进公开'], '做好权责清单公开', ['区行政审批局'], ['区直有关单位']],
    ]);
  });

  it('takes the number from another column, the task column then naming the group', () => {
    const lines = ['工作任务\t工作要求\t牵头单位\t配合单位', '一、加强市场主体信息公开\t1.增强政策透明度。\t区经发局\t区直各有关单位'];
    expect(readTaskTable(lines, 0)!.rows.map((r) => [r.number, r.groups, r.title, r.lead, r.co])).toEqual([
      ['1', ['一、加强市场主体信息公开'], '增强政策透明度', ['区经发局'], ['区直各有关单位']],
    ]);
  });

  it('reads columns that each number one level as a tree: the innermost numbered cell is the item', () => {
    const lines = [
      '督导评估内容\t督导评估要点\t具体测评点\tA级标准\t责任单位\t备注',
      '一、贯彻执行教育方针情况\t1.落实党的建设情况\t(1)贯彻落实党的精神\t有部署、有措施。\t区教育局\t',
      '一、贯彻执行教育方针情况\t2.加强德育工作情况\t(2)做好美育工作,开展体育活动\t开齐开足课程。\t区教育局、社会事业局\t',
    ];
    expect(readTaskTable(lines, 0)!.rows.map((r) => [r.number, r.groups, r.title, r.lead, r.co])).toEqual([
      ['(1)', ['一、贯彻执行教育方针情况', '1.落实党的建设情况'], '贯彻落实党的精神', ['区教育局'], []],
      ['(2)', ['一、贯彻执行教育方针情况', '2.加强德育工作情况'], '做好美育工作,开展体育活动', ['区教育局'], ['社会事业局']],
    ]);
  });

  it('reads a unit cell that holds a note of its own', () => {
    const lines = ['序号\t项目名称\t责任单位', '37\t五沐缘台湾文创园\t牵头单位:区自贸办 配合单位:区台湾工作部'];
    expect(readTaskTable(lines, 0)!.rows.map((r) => [r.lead, r.co])).toEqual([[['区自贸办'], ['区台湾工作部']]]);
  });

  it('ends a table at the document\'s next section, and ignores sentences that mention a column name', () => {
    const lines = ['序号\t重点任务\t牵头单位', '1\t推进试点\t区市场监管局', '三、组织实施'];
    expect(readTaskTable(lines, 0, 3)!.endLine).toBe(2);
    expect(readTaskTable(['35\t项目建设主要内容包括剧场。\t牵头单位:区社会事业局'], 0)).toBeNull();
  });
});

describe('portal pages', () => {
  it('reads the article of a layout table as paragraphs and the metadata table into title, issuer and date', () => {
    const article = Array.from({ length: 8 }, (_, k) => `<p>${k === 0 ? '一、总体要求' : `(${'一二三四五六七'[k - 1]})第${k}项任务的内容。${'这是一段较长的正文,'.repeat(12)}(工业和信息化部负责)`}</p>`).join('');
    const html = `<table><tr><td>发文机关:</td><td>国务院办公厅</td><td>成文日期:</td><td>2018年12月06日</td></tr><tr><td>标　　题:</td><td>国务院办公厅关于推进某项工作的意见</td></tr></table><table><tr><td>${article}</td></tr></table>`;
    const text = htmlToText(html);
    expect(text.split('\n')).toContain('一、总体要求');
    const plan = parsePlanText(text);
    expect([plan.title, plan.issuer, plan.issued]).toEqual(['国务院办公厅关于推进某项工作的意见', '国务院办公厅', '2018-12-06']);
    expect(plan.items).toHaveLength(7);
    expect(plan.items[0].lead).toEqual(['工业和信息化部']);
  });
});

describe('round 2: forms of text whose line breaks were lost', () => {
  const parsed = (text: string) => parsePlanText(text);

  it.each([
    // A heading number right after a note's closing bracket, the heading starting with a year.
    ['一、主要任务 1.甲任务。做好甲。(责任单位:办公室)二、2017年重点工作各级各部门要围绕上述任务全面对标,重点组织实施好以下两项工作:1.乙任务。做好乙。(责任单位:财务处)2.丙任务。做好丙。(责任单位:人事处)',
      ['一、主要任务', '二、2017年重点工作'], [['1', '一、主要任务', '甲任务', ['办公室']], ['1', '二、2017年重点工作', '乙任务', ['财务处']], ['2', '二、2017年重点工作', '丙任务', ['人事处']]]],
    // Provisions announced by "如下:" and "以下N个方面:".
    ['一、任务 具体如下:(一)甲事。(财政部负责)(二)乙事。(商务部负责)二、要求 主要从以下几个方面推进:(一)丙事。(税务总局负责)',
      ['一、任务', '二、要求'], [['(一)', '一、任务', '甲事', ['财政部']], ['(二)', '一、任务', '乙事', ['商务部']], ['(一)', '二、要求', '丙事', ['税务总局']]]],
  ])('%s', (text, sections, items) => {
    const plan = parsed(text);
    expect(plan.sections.map((s) => s.number + s.title)).toEqual(sections);
    expect(plan.items.map((i) => [i.number, i.path.join('/'), i.title, [...i.lead, ...i.co]])).toEqual(items);
  });

  it.each([
    ['一、坚决遏制煤炭产量无序增长全面贯彻中央的总体要求,完善法规政策,科学调控总量。(能源局负责)二、切实减轻煤炭企业税费负担2013年年底前,财政部要对收费情况进行集中清理整顿,坚决取缔乱收费。(财政部负责)三、加强煤炭进出口环节管理按照节能减排和环境保护要求,研究制订商品煤质量国家标准。(发展改革委负责)',
      ['坚决遏制煤炭产量无序增长', '切实减轻煤炭企业税费负担', '加强煤炭进出口环节管理']],
    // A sentence of its own is no heading: "各牵头单位应按照…", "督促企业严格按照…".
    ['一、任务 1.各牵头单位应按照职责分工制定具体方案并于月底前报送办公室,逐项抓好落实。(办公室负责)2.督促客运企业严格按照规定开展安全检查,消除隐患,确保运输安全。(交通局负责)',
      ['各牵头单位应按照职责分工制定具体方案并于月底前报送办公室,逐项抓好落实', '督促客运企业严格按照规定开展安全检查,消除隐患,确保运输安全']],
  ])('cuts a heading run into its body where the body opens: %s', (text, titles) => {
    expect(parsed(text).items.map((i) => i.title)).toEqual(titles);
  });
});

describe('round 2: the plan title', () => {
  it.each([
    // A crawler header: "标题:" names the notice, which issues the plan; "本地目录:" is never a title.
    ['标题: 某局关于印发《2017年创建文明城市工作方案》的通知\n原文链接: https://example.gov.cn/a.htm\n本地目录: zwgk/201704/7940_某局关于印发《2017年创建文明城市工作方案\n一、主要任务\n1.甲。(办公室负责)\n二、要求\n', '2017年创建文明城市工作方案'],
    ['标题: 某局关于修订《2017年创建文明城市工作方案》的通知\n本地目录: zwgk/201707/7977_某局关于修订《2017年创建文明城市工作方案》\n一、主要任务\n1.甲。(办公室负责)\n二、要求\n', '2017年创建文明城市工作方案'],
    ['某局关于修订《质量提升行动方案》的通知\n一、主要任务\n1.甲。(办公室负责)\n二、要求\n', '质量提升行动方案'],
    ['本地目录: zwgk/201704/7940_质量提升行动方案\n质量提升行动计划\n一、主要任务\n1.甲。(办公室负责)\n二、要求\n', '质量提升行动计划'],
  ])('%s → %s', (text, title) => expect(parsePlanText(text).title).toBe(title));
});

describe('round 2: text of PDFs and pages', () => {
  it('reads on past a paragraph that mentions a word of website chrome ("主办单位")', () => {
    const para = '举办主题活动,丰富亲子体育教培产业形态,扩大赛事供给。支持行业协会作为主办单位举办群众性赛事。鼓励区县建设一批户外运动目的地,举办高水平赛事。打造标志性赛事品牌,大力发展赛事经济,带动消费。加快建设全国足球发展重点城市,打造标志性足球赛事品牌。';
    const plan = parsePlanText(`一、任务\n(一)甲。${para}(责任单位:市体育局)\n(二)乙。做好乙。(责任单位:市商务委)\n二、要求\n`);
    expect(plan.items.map((i) => i.title)).toEqual(['甲', '乙']);
    // A short line of chrome still ends the body.
    expect(parsePlanText('一、任务\n(一)甲。(责任单位:市体育局)\n主办单位:某某网站\n(二)乙。(责任单位:市商务委)\n').items).toHaveLength(1);
  });

  it.each([
    ['三、推动服务消 费提质扩容\n(一)甲。(市商务委负责)\n', '推动服务消费提质扩容'],
    ['三、推动服务消费提质扩容\n(一)甲。(市商务委负责)\n', '推动服务消费提质扩容'],
  ])('joins a heading alone on its line broken by one space in a PDF text layer: %s', (text, title) => {
    expect(parsePlanText(`一、总体要求\n做好工作。\n二、任务\n(一)乙。(市财政局负责)\n${text}`).sections[2].title).toBe(title);
  });
});

describe('round 2: a "一、" provision with its own note', () => {
  const items = (text: string) => parsePlanText(text).items.map((i) => [i.number, i.path.join('/'), i.title, i.kind, [...i.lead, ...i.co]]);
  it.each([
    // A note on the line below; the section with numbered children stays a section.
    ['一、实施购房契税补贴\n对购房者给予补贴。\n责任单位:市财政局\n二、加大信贷支持\n(一)调整贷款规定。(市公积金中心负责)\n(二)加大融资支持。(市金融局负责)\n三、优化资金监管\n完善监管办法。(市住建局负责)\n',
      [['一、', '', '实施购房契税补贴', 'task', ['市财政局']], ['(一)', '二、加大信贷支持', '调整贷款规定', 'task', ['市公积金中心']], ['(二)', '二、加大信贷支持', '加大融资支持', 'task', ['市金融局']], ['三、', '', '优化资金监管', 'task', ['市住建局']]]],
    // A section without children and without a note stays a section (no item).
    ['一、总体要求\n全面贯彻落实。\n二、任务\n(一)甲。(市财政局负责)\n', [['(一)', '二、任务', '甲', 'task', ['市财政局']]]],
  ])('%s', (text, expected) => expect(items(text)).toEqual(expected));
});
