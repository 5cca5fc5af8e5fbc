import { itemLabel } from './notice.js';
import { typeset } from './official.js';

describe('Chinese punctuation in official documents', () => {
  it.each([
    ['共36项,其中未启动33项', '共36项，其中未启动33项'],
    ['材料;联系人:王明,电话:0571-12345678。', '材料；联系人：王明，电话：0571-12345678。'],
    ['(一)各方案推进情况', '（一）各方案推进情况'],
    ['≥180家(2025年)', '≥180家（2025年）'],
    ['181家(2026-10)', '181家(2026-10)'],
    ['1,000 units: ok (a)', '1,000 units: ok (a)'],
    ['各有关单位:', '各有关单位：'],
  ])('%p -> %p', (text, out) => expect(typeset(text)).toBe(out));
});

describe('item labels', () => {
  it.each([
    ['3.', '推进标准化建设', '3.推进标准化建设'],
    ['3', '推进标准化建设', '3.推进标准化建设'],
    ['(五)', '实施品牌发展战略', '(五)实施品牌发展战略'],
    ['(五)', '实施品牌发展战略', '(五)实施品牌发展战略'],
    ['', '加强组织领导', '加强组织领导'],
  ])('%p %p -> %p', (number, title, label) => expect(itemLabel(number, title)).toBe(label));
});
