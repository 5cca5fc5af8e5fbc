import { formatDocNumber, issuingOfficeProblems, nextDocSeq } from './issuing-office.js';
import { planDisplayName } from './plan-name.js';
import { RANKING_RULE, rankDepartments } from './ranking.js';
import { departmentSummary, firstSentence } from './summary.js';

const OFFICE = {
  city: '杭州市',
  issuer: '杭州市质量强市工作领导小组办公室',
  signature: '杭州市质量强市工作领导小组办公室',
  numbers: { circular: { pattern: '杭质强办〔{年}〕{号}号', start: 1 }, notice: { pattern: '杭质强办督〔{年}〕{号}号', start: 5 }, letter: { pattern: '杭质强办催〔{年}〕{号}号', start: 1 } },
  cc: '',
  contact: '',
};

describe('issuing office', () => {
  it.each([
    ['complete', OFFICE, []],
    ['issuer without the city', { ...OFFICE, issuer: '质量强市工作领导小组办公室' }, ['发文机关全称应包含城市名称“杭州市”,例如“杭州市质量强市工作领导小组办公室”']],
    ['empty signature', { ...OFFICE, signature: ' ' }, ['请填写署名']],
    ['pattern without {号}', { ...OFFICE, numbers: { ...OFFICE.numbers, letter: { pattern: '催〔{年}〕', start: 1 } } }, ['催办函的文号格式须含 {年} 和 {号},例如“质量强市办〔{年}〕{号}号”']],
    ['start 0', { ...OFFICE, numbers: { ...OFFICE.numbers, circular: { pattern: '办〔{年}〕{号}号', start: 0 } } }, ['通报的起始编号须为 1 至 99999 的整数']],
    ['not an object', 'x', ['发文设置必须是一个对象']],
  ])('%s', (_, value, problems) => expect(issuingOfficeProblems(value)).toEqual(problems));

  it.each([
    [null, 1, 1],
    [null, 12, 12],
    [12, 1, 13],
    [3, 10, 10],
  ])('after %p with start %p the next number is %p', (highest, start, next) => expect(nextDocSeq(highest, start)).toBe(next));

  it('formats the 文号 without leading zeros', () => expect(formatDocNumber('质量强市办〔{年}〕{号}号', 2026, 12)).toBe('质量强市办〔2026〕12号'));
});

describe('department summaries in their own words', () => {
  it.each([
    ['已召开推进会。下一步将督导。', '已召开推进会'],
    ['项目已开工', '项目已开工'],
    ['  多个\n空白  ;后面', '多个 空白'],
    ['甲'.repeat(61), `${'甲'.repeat(60)}……`],
    ['甲'.repeat(60), '甲'.repeat(60)],
    ['', ''],
  ])('%p -> %p', (text, sentence) => expect(firstSentence(text)).toBe(sentence));

  it('keeps at most three reports and counts the rest', () => {
    const reports = ['一', '二', '三', '四', ''].map((t, i) => ({ number: String(i + 1), text: t ? `${t}。` : '' }));
    expect(departmentSummary(reports)).toEqual({ lines: [{ number: '1', text: '一' }, { number: '2', text: '二' }, { number: '3', text: '三' }], omitted: 1 });
  });
});

describe('ranking', () => {
  const row = (name: string, overdue: number, reportsOnTime: number, reportsDue: number, completed: number, led: number) => ({ name, overdue, reportsOnTime, reportsDue, completed, led });
  it.each([
    ['fewer overdue first', [row('乙', 1, 1, 1, 1, 1), row('甲', 0, 0, 1, 0, 1)], ['甲', '乙']],
    ['then on-time reports', [row('甲', 0, 0, 2, 1, 1), row('乙', 0, 2, 2, 0, 1)], ['乙', '甲']],
    ['then completion', [row('甲', 0, 1, 1, 0, 2), row('乙', 0, 1, 1, 2, 2)], ['乙', '甲']],
    ['then the name', [row('乙', 0, 1, 1, 1, 1), row('甲', 0, 1, 1, 1, 1)], ['甲', '乙']],
    ['nothing due counts as all on time', [row('甲', 0, 1, 2, 0, 1), row('乙', 0, 0, 0, 0, 1)], ['乙', '甲']],
  ])('%s', (_, rows, order) => expect(rankDepartments(rows).map((r) => [r.rank, r.name])).toEqual(order.map((n, i) => [i + 1, n])));
  it('states its rule in the order it applies', () => expect(RANKING_RULE).toMatch(/逾期事项少者在前.*按时报送进展的比例高者在前.*完成比例高者在前.*单位名称/));
});

describe('plan names', () => {
  it.each([
    [{ title: '关于推进质量强市建设的实施意见', sourceFileName: 'a.txt', issuer: null, issued: null }, '关于推进质量强市建设的实施意见'],
    [{ title: '003_c000', sourceFileName: '003_c000.txt', issuer: '义乌市质量强市工作领导小组办公室', issued: '2024-05-15' }, '义乌市质量强市工作领导小组办公室2024年5月15日印发的方案'],
    [{ title: 'x', sourceFileName: 'dir/x.docx', issuer: null, issued: null }, '未命名方案'],
  ])('%p -> %p', (plan, name) => expect(planDisplayName(plan)).toBe(name));
});
