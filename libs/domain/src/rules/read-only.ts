import { WITHDRAWN_STATUS } from './status.js';

export interface ReadOnlyInput {
  item: { status: string; successorId: number | null };
  plan: { version: number; current: boolean; archived: boolean };
  /** The successor's plan version, when the item has a successor. */
  successorVersion: number | null;
}

/**
 * Why an item may not be written on (Chinese, naming the successor), or null when it may:
 * an item of an older version of its plan, an item a revision withdrew, an item of an archived plan.
 */
export function readOnlyReason({ item, plan, successorVersion }: ReadOnlyInput): string | null {
  if (item.successorId !== null) {
    return `该事项已被第${successorVersion ?? plan.version + 1}版替代,不能再操作,请在新版事项(ID ${item.successorId})上办理`;
  }
  if (item.status === WITHDRAWN_STATUS) return '该事项已在方案修订中撤销,只能查看,不能再操作';
  if (!plan.current) return `该事项属于已被替代的第${plan.version}版方案,只能查看,不能再操作`;
  if (plan.archived) return '该事项所属方案已归档,只能查看,不能再操作';
  return null;
}
