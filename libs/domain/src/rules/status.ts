/** Tracking states of an item, in the users' words. 逾期 is not a state: it is derived (see traffic-light.ts). */
export const ITEM_STATUSES = ['未启动', '推进中', '已完成(待审核)', '已销号', '暂缓'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/** What a user can do to an item's status. */
export const STATUS_ACTIONS = ['start', 'complete', 'close', 'reopen', 'return', 'suspend', 'resume'] as const;
export type StatusAction = (typeof STATUS_ACTIONS)[number];

/** How the acting user stands to the item. */
export type ItemRelation = 'coordinator' | 'lead' | 'co' | 'other' | 'viewer' | 'leader';

export const ACTION_LABELS: Record<StatusAction, string> = {
  start: '启动',
  complete: '报完成',
  close: '销号',
  reopen: '撤销销号',
  return: '退回',
  suspend: '暂缓',
  resume: '恢复推进',
};

interface Rule {
  from: readonly ItemStatus[];
  to: ItemStatus;
  /** Who may do it. */
  by: readonly ItemRelation[];
  /** The text the action must carry, by its name on the form (办结情况, 销号意见, 退回理由 …), or null. */
  reason: string | null;
}

/** The status machine, one row per action. */
export const STATUS_RULES: Record<StatusAction, Rule> = {
  start: { from: ['未启动'], to: '推进中', by: ['lead', 'coordinator'], reason: null },
  // 报完成 states what was done (办结情况); the coordinator reads it (and the evidence) when deciding.
  complete: { from: ['推进中'], to: '已完成(待审核)', by: ['lead', 'coordinator'], reason: '办结情况' },
  close: { from: ['已完成(待审核)'], to: '已销号', by: ['coordinator'], reason: '销号意见' },
  // 撤销销号: a closing taken by mistake is undone by the office, back to awaiting review.
  reopen: { from: ['已销号'], to: '已完成(待审核)', by: ['coordinator'], reason: '撤销理由' },
  return: { from: ['已完成(待审核)'], to: '推进中', by: ['coordinator'], reason: '退回理由' },
  suspend: { from: ['未启动', '推进中'], to: '暂缓', by: ['coordinator'], reason: '暂缓理由' },
  resume: { from: ['暂缓'], to: '推进中', by: ['coordinator'], reason: null },
};

export type TransitionResult =
  | { ok: true; to: ItemStatus }
  | { ok: false; kind: 'forbidden' | 'conflict' | 'invalid'; message: string };

export const WHO: Record<ItemRelation, string> = {
  coordinator: '质量强市办',
  lead: '牵头单位',
  co: '配合单位',
  other: '非本事项责任单位',
  viewer: '只读用户',
  leader: '领导(只读)',
};

/**
 * Decides a status change. forbidden = the user may not do this (403), conflict = not from
 * this status (409), invalid = a reason is missing (400). Messages are in Chinese and say why.
 */
export function decideTransition(from: string, action: StatusAction, by: ItemRelation, reason?: string | null): TransitionResult {
  const rule = STATUS_RULES[action];
  const label = ACTION_LABELS[action];
  if (!rule.by.includes(by)) {
    const allowed = rule.by.map((r) => WHO[r]).join('或');
    return { ok: false, kind: 'forbidden', message: `${WHO[by]}不能${label}事项,只有${allowed}可以` };
  }
  if (!(rule.from as readonly string[]).includes(from)) {
    if (from === '已销号') return { ok: false, kind: 'conflict', message: `事项已销号,不能再${label}` };
    if (action === 'reopen') return { ok: false, kind: 'conflict', message: '事项未销号,无需撤销销号' };
    const froms = rule.from.map((s) => `“${s}”`).join('或');
    return { ok: false, kind: 'conflict', message: `事项当前状态为“${from}”,不能${label};只有${froms}状态的事项可以${label}` };
  }
  if (rule.reason !== null && (reason ?? '').trim() === '') {
    return { ok: false, kind: 'invalid', message: `${label}必须填写${rule.reason}` };
  }
  return { ok: true, to: rule.to };
}

/** Completed items (awaiting review or closed) are never overdue. */
export function isCompletedStatus(status: string): boolean {
  return status === '已完成(待审核)' || status === '已销号';
}

/** Items still being worked on (neither completed nor suspended): they can be overdue, owe progress reports and get reminders. */
export function isActiveStatus(status: string): boolean {
  return !isCompletedStatus(status) && status !== '暂缓' && status !== WITHDRAWN_STATUS;
}

/** Status of an item a revision of its plan deleted (已撤销): closed, kept readable with its records. */
export const WITHDRAWN_STATUS = '已撤销';
