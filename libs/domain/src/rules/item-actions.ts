import { type ExtensionKind, extensionKindOn } from './extension.js';
import { ACTION_LABELS, decideTransition, type ItemRelation, isCompletedStatus, STATUS_ACTIONS, type StatusAction, WHO } from './status.js';

/**
 * Everything a user may do on an item, beside its status changes: report progress, ask for an
 * extension (before the deadline) or explain a delay (after it, see extension.ts), attach evidence
 * of completion, urge, set the deadline. The API refuses with these reasons and the item page
 * offers exactly the allowed ones, so the page holds no rule of its own.
 */
export const ITEM_ACTIONS = [...STATUS_ACTIONS, 'report', 'extension', 'overdue', 'evidence', 'urge', 'deadline'] as const;
export type ItemActionName = (typeof ITEM_ACTIONS)[number];

export const ITEM_ACTION_LABELS: Record<ItemActionName, string> = {
  ...ACTION_LABELS,
  report: '报送进展',
  extension: '申请延期',
  overdue: '提交逾期说明',
  evidence: '上传佐证材料',
  urge: '催办',
  deadline: '调整期限',
};

export interface ItemActionInput {
  status: string;
  kind: string;
  relation: ItemRelation;
  /** Why nothing may be written on the item (old version, withdrawn, archived plan), or null. */
  readOnly: string | null;
  hasLead: boolean;
  /** YYYY-MM-DD or null. */
  deadline: string | null;
  today: string;
  /** An extension request or overdue explanation awaits the office's decision. */
  pendingExtension: boolean;
}

/** forbidden = not this user's to do (403); conflict = not in this state of the item (409). */
export type ItemActionDecision = { action: ItemActionName; allowed: true } | { action: ItemActionName; allowed: false; reason: string; refusal: 'forbidden' | 'conflict' };

const allow = (action: ItemActionName): ItemActionDecision => ({ action, allowed: true });
const refuse = (action: ItemActionName, refusal: 'forbidden' | 'conflict', reason: string): ItemActionDecision => ({ action, allowed: false, reason, refusal });

function decideExtension(action: ExtensionKind, input: ItemActionInput): ItemActionDecision {
  const label = action === 'extension' ? '申请延期' : '提交逾期说明';
  if (input.relation !== 'lead') return refuse(action, 'forbidden', `只有牵头单位可以${label}`);
  if (isCompletedStatus(input.status)) return refuse(action, 'conflict', `事项已${input.status === '已销号' ? '销号' : '完成'},无需延期`);
  if (input.deadline === null) return refuse(action, 'conflict', '事项没有期限,无需申请延期');
  if (input.pendingExtension) return refuse(action, 'conflict', '该事项已有待审批的延期申请或逾期说明');
  const offered = extensionKindOn(input.deadline, input.today);
  if (offered !== action) {
    return action === 'extension'
      ? refuse(action, 'conflict', `期限(${input.deadline})已过,不能再申请延期,请提交逾期说明并提出新的完成时限`)
      : refuse(action, 'conflict', `期限(${input.deadline})未到,尚未逾期;确需延期的请申请延期`);
  }
  return allow(action);
}

/** One action, decided. */
export function decideItemAction(action: ItemActionName, input: ItemActionInput): ItemActionDecision {
  if (input.relation === 'viewer' || input.relation === 'leader') return refuse(action, 'forbidden', `${WHO[input.relation]}只能查看,不能修改数据`);
  if (input.readOnly !== null) return refuse(action, 'conflict', input.readOnly);
  if (input.kind === 'section') return refuse(action, 'conflict', '章节不是工作事项,不跟踪状态');
  const coordinator = input.relation === 'coordinator';
  switch (action) {
    case 'report':
      if (coordinator) return refuse(action, 'forbidden', '进展由牵头单位和配合单位报送,质量强市办不能代为报送');
      if (input.relation !== 'lead' && input.relation !== 'co') return refuse(action, 'forbidden', '本单位不是该事项的牵头单位或配合单位,不能报送进展');
      if (input.status === '已销号') return refuse(action, 'conflict', '事项已销号,无需再报送进展');
      return allow(action);
    case 'extension':
    case 'overdue':
      return decideExtension(action, input);
    case 'evidence':
      if (!coordinator && input.relation !== 'lead') return refuse(action, 'forbidden', '只有牵头单位或质量强市办可以上传佐证材料');
      if (input.status !== '推进中' && input.status !== '已完成(待审核)') return refuse(action, 'conflict', '只有推进中或已完成(待审核)的事项可以上传佐证材料');
      return allow(action);
    case 'urge':
      if (!coordinator) return refuse(action, 'forbidden', '只有质量强市办可以催办');
      if (input.status === '已销号') return refuse(action, 'conflict', '事项已销号,无需催办');
      if (!input.hasLead) return refuse(action, 'conflict', '事项尚未分配牵头单位,无法催办');
      return allow(action);
    case 'deadline':
      if (!coordinator) return refuse(action, 'forbidden', '只有质量强市办可以调整期限');
      if (input.status === '已销号') return refuse(action, 'conflict', '事项已销号,不能再调整期限');
      return allow(action);
    default: {
      // A status change: the status machine decides (its reason text is asked for on the form).
      const decision = decideTransition(input.status, action, input.relation, 'x');
      if (decision.ok) return allow(action);
      return refuse(action, decision.kind === 'forbidden' ? 'forbidden' : 'conflict', decision.message);
    }
  }
}

/** Every action, decided for this user on this item. */
export function itemActions(input: ItemActionInput): ItemActionDecision[] {
  return ITEM_ACTIONS.map((action) => decideItemAction(action, input));
}
