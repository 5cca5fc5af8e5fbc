import { safeCell } from './render-xlsx.js';

describe('safeCell', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+86 123', "'+86 123"],
    ['-5', "'-5"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=cmd', "'\t=cmd"],
    ['加强质量=文化', '加强质量=文化'],
    ['', ''],
    [42, 42],
  ])('%p -> %p', (input, expected) => expect(safeCell(input)).toBe(expected));
});
