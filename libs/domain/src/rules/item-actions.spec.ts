import { decideItemAction, type ItemActionInput, type ItemActionName, itemActions } from './item-actions.js';

const base: ItemActionInput = {
  status: '推进中',
  kind: 'task',
  relation: 'lead',
  readOnly: null,
  hasLead: true,
  deadline: '2026-12-31',
  today: '2026-10-08',
  pendingExtension: false,
};

describe('decideItemAction', () => {
  const allowed: [string, ItemActionName, Partial<ItemActionInput>][] = [
    ['lead reports', 'report', {}],
    ['co reports', 'report', { relation: 'co' }],
    ['lead asks for an extension before the deadline', 'extension', {}],
    ['lead asks for an extension on the deadline day', 'extension', { today: '2026-12-31' }],
    ['lead explains a delay after the deadline', 'overdue', { today: '2027-01-04' }],
    ['lead completes', 'complete', {}],
    ['lead attaches evidence while awaiting review', 'evidence', { status: '已完成(待审核)' }],
    ['office urges an item with a lead', 'urge', { relation: 'coordinator' }],
    ['office closes', 'close', { relation: 'coordinator', status: '已完成(待审核)' }],
    ['office undoes a closing', 'reopen', { relation: 'coordinator', status: '已销号' }],
    ['office sets the deadline', 'deadline', { relation: 'coordinator' }],
  ];
  it.each(allowed)('%s', (_, action, over) => expect(decideItemAction(action, { ...base, ...over })).toEqual({ action, allowed: true }));

  const refused: [string, ItemActionName, Partial<ItemActionInput>, 'forbidden' | 'conflict', RegExp][] = [
    ['no extension after the deadline: 逾期说明 instead', 'extension', { today: '2027-01-01' }, 'conflict', /已过,不能再申请延期,请提交逾期说明/],
    ['no 逾期说明 before the deadline', 'overdue', {}, 'conflict', /未到,尚未逾期/],
    ['one pending request at a time', 'extension', { pendingExtension: true }, 'conflict', /已有待审批/],
    ['no extension without a deadline', 'extension', { deadline: null }, 'conflict', /没有期限/],
    ['co cannot ask for an extension', 'extension', { relation: 'co' }, 'forbidden', /只有牵头单位可以申请延期/],
    ['no urge without a lead', 'urge', { relation: 'coordinator', hasLead: false }, 'conflict', /尚未分配牵头单位/],
    ['no urge on a closed item', 'urge', { relation: 'coordinator', status: '已销号' }, 'conflict', /已销号/],
    ['editors do not urge', 'urge', {}, 'forbidden', /只有质量强市办可以催办/],
    ['office does not report for a department', 'report', { relation: 'coordinator' }, 'forbidden', /不能代为报送/],
    ['other departments do not report', 'report', { relation: 'other' }, 'forbidden', /不是该事项的牵头单位或配合单位/],
    ['no report on a closed item', 'report', { status: '已销号' }, 'conflict', /已销号/],
    ['a leader writes nothing', 'report', { relation: 'leader' }, 'forbidden', /领导\(只读\)只能查看/],
    ['a viewer writes nothing', 'urge', { relation: 'viewer' }, 'forbidden', /只读用户只能查看/],
    ['read-only item', 'complete', { readOnly: '该事项所属方案已归档,只能查看,不能再操作' }, 'conflict', /已归档/],
    ['sections are not tracked', 'start', { kind: 'section', status: '未启动' }, 'conflict', /章节不是工作事项/],
    ['lead does not close', 'close', { status: '已完成(待审核)' }, 'forbidden', /只有质量强市办可以/],
    ['not closed: nothing to undo', 'reopen', { relation: 'coordinator' }, 'conflict', /未销号/],
    ['no evidence on an item not started', 'evidence', { status: '未启动' }, 'conflict', /推进中或已完成/],
    ['co attaches no evidence', 'evidence', { relation: 'co' }, 'forbidden', /牵头单位或质量强市办/],
  ];
  it.each(refused)('%s', (_, action, over, refusal, reason) => {
    const decision = decideItemAction(action, { ...base, ...over });
    expect(decision).toMatchObject({ action, allowed: false, refusal });
    if (!decision.allowed) expect(decision.reason).toMatch(reason);
  });

  it('lists every action once, allowed or with its reason', () => {
    const list = itemActions({ ...base, relation: 'coordinator', status: '已完成(待审核)' });
    expect(list.filter((a) => a.allowed).map((a) => a.action)).toEqual(['close', 'return', 'evidence', 'urge', 'deadline']);
    expect(list.every((a) => a.allowed || a.reason.length > 0)).toBe(true);
  });
});
