import type { UserRole } from '../entities/user.entity.js';

/** Who asks to write an indicator reading, for which indicator, over which earlier value. */
export interface ReadingWriter {
  role: UserRole;
  /** The user's department (editors). */
  departmentId: number | null;
  /** The indicator's responsible department, and its name for the message. */
  responsible: { id: number; name: string } | null;
  /** The department that wrote the period's reading, when there is one. */
  existingDepartmentId: number | null | undefined;
}

/**
 * Why this user may not write (or correct) the reading, in Chinese, or null when they may: the
 * 质量强市办 (coordinators, admins) always; an editor only for an indicator whose responsible
 * department is theirs, and a period's existing reading only if their department wrote it. A
 * first writer therefore never locks out the responsible department.
 */
export function readingWriteRefusal(w: ReadingWriter): string | null {
  if (w.role === 'viewer') return '只读用户不能修改数据';
  if (w.role === 'leader') return '领导账号只能查看,不能修改数据';
  if (w.role === 'coordinator' || w.role === 'admin') return null;
  if (w.departmentId === null) return '您的账号未归属任何单位,不能填报指标';
  if (w.responsible === null) return '该指标尚未指定责任单位,请质量强市办先指定';
  if (w.responsible.id !== w.departmentId) return `该指标由${w.responsible.name}填报,其他单位不能填报或修改`;
  if (w.existingDepartmentId !== undefined && w.existingDepartmentId !== w.departmentId) return '该期数值由其他单位填报,只能由填报单位或质量强市办更正';
  return null;
}
