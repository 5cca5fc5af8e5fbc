import { readingWriteRefusal, type ReadingWriter } from './indicator-writer.js';

const stats = { id: 3, name: '市统计局' };

describe('readingWriteRefusal', () => {
  it.each<[string, ReadingWriter, string | null]>([
    ['a viewer', { role: 'viewer', departmentId: null, responsible: stats, existingDepartmentId: undefined }, '只读用户不能修改数据'],
    ['a leader', { role: 'leader', departmentId: null, responsible: stats, existingDepartmentId: undefined }, '领导账号只能查看,不能修改数据'],
    ['the office, no department set', { role: 'coordinator', departmentId: 1, responsible: null, existingDepartmentId: undefined }, null],
    ['the office over another department', { role: 'coordinator', departmentId: 1, responsible: stats, existingDepartmentId: 3 }, null],
    ['an admin', { role: 'admin', departmentId: null, responsible: stats, existingDepartmentId: 3 }, null],
    ['an editor without department', { role: 'editor', departmentId: null, responsible: stats, existingDepartmentId: undefined }, '您的账号未归属任何单位,不能填报指标'],
    ['an editor before a department is set', { role: 'editor', departmentId: 3, responsible: null, existingDepartmentId: undefined }, '该指标尚未指定责任单位,请质量强市办先指定'],
    ['another department, new period', { role: 'editor', departmentId: 4, responsible: stats, existingDepartmentId: undefined }, '该指标由市统计局填报,其他单位不能填报或修改'],
    ['the responsible department, new period', { role: 'editor', departmentId: 3, responsible: stats, existingDepartmentId: undefined }, null],
    ['the responsible department correcting its own', { role: 'editor', departmentId: 3, responsible: stats, existingDepartmentId: 3 }, null],
    ['the responsible department over the office', { role: 'editor', departmentId: 3, responsible: stats, existingDepartmentId: 1 }, '该期数值由其他单位填报,只能由填报单位或质量强市办更正'],
  ])('%s', (_name, writer, expected) => {
    expect(readingWriteRefusal(writer)).toBe(expected);
  });
});
