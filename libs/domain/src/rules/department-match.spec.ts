import { departmentSimilarity, nearestDepartment } from './department-match.js';

const existing = [
  { id: 1, name: '市住房和城乡建设局' },
  { id: 2, name: '市教育局' },
  { id: 3, name: '市发展和改革委员会' },
  { id: 4, name: '市市场监督管理局' },
  { id: 5, name: '市自然资源和规划局' },
];

describe('nearestDepartment', () => {
  it.each<[string, number | null]>([
    ['市住房城乡建设局', 1],
    ['市住房和城乡建设局', 1],
    ['市发展改革委员会', 3],
    ['市自然资源与规划局', 5],
    ['市自然资源规划局', 5],
    // Different bureaus, or abbreviations too far from the full name: created anew, or mapped by hand.
    ['市体育局', null],
    ['市卫生健康委员会', null],
    ['市发改委', null],
    ['市场监管局', null],
    ['区住房和城乡建设局', null],
  ])('%s -> %s', (name, id) => expect(nearestDepartment(name, existing)?.id ?? null).toBe(id));

  it('is symmetric and 1 for the same name', () => {
    expect(departmentSimilarity('市住房城乡建设局', '市住房和城乡建设局')).toBe(1);
    expect(departmentSimilarity('市教育局', '市体育局')).toBe(departmentSimilarity('市体育局', '市教育局'));
  });
});
