import { decideTransition, isActiveStatus, type ItemRelation, type StatusAction } from './status.js';

describe('decideTransition', () => {
  const allowed: [string, StatusAction, ItemRelation, string | null, string][] = [
    ['未启动', 'start', 'lead', null, '推进中'],
    ['未启动', 'start', 'coordinator', null, '推进中'],
    ['推进中', 'complete', 'lead', '已建成并投入使用', '已完成(待审核)'],
    ['已完成(待审核)', 'close', 'coordinator', '同意销号', '已销号'],
    ['已销号', 'reopen', 'coordinator', '误销号,佐证材料尚未齐全', '已完成(待审核)'],
    ['已完成(待审核)', 'return', 'coordinator', '材料不全', '推进中'],
    ['推进中', 'suspend', 'coordinator', '政策调整', '暂缓'],
    ['未启动', 'suspend', 'coordinator', '政策调整', '暂缓'],
    ['暂缓', 'resume', 'coordinator', null, '推进中'],
  ];
  it.each(allowed)('%s --%s by %s--> %s', (from, action, by, reason, to) => {
    expect(decideTransition(from, action, by, reason)).toEqual({ ok: true, to });
  });

  const refused: [string, StatusAction, ItemRelation, string | null, 'forbidden' | 'conflict' | 'invalid', RegExp][] = [
    ['推进中', 'complete', 'co', null, 'forbidden', /配合单位不能报完成/],
    ['推进中', 'complete', 'viewer', null, 'forbidden', /只读用户/],
    ['推进中', 'complete', 'other', null, 'forbidden', /非本事项责任单位/],
    ['已完成(待审核)', 'close', 'lead', null, 'forbidden', /只有质量强市办可以/],
    ['已完成(待审核)', 'return', 'lead', '自己退回', 'forbidden', /牵头单位不能退回/],
    ['未启动', 'complete', 'lead', null, 'conflict', /当前状态为“未启动”,不能报完成/],
    ['推进中', 'close', 'coordinator', null, 'conflict', /只有“已完成\(待审核\)”状态的事项可以销号/],
    ['已销号', 'return', 'coordinator', '再看看', 'conflict', /已销号,不能再退回/],
    ['已销号', 'suspend', 'coordinator', '再看看', 'conflict', /已销号/],
    ['推进中', 'start', 'lead', null, 'conflict', /当前状态为“推进中”/],
    ['暂缓', 'complete', 'lead', null, 'conflict', /“暂缓”/],
    ['已完成(待审核)', 'return', 'coordinator', '  ', 'invalid', /退回必须填写退回理由/],
    ['推进中', 'suspend', 'coordinator', null, 'invalid', /暂缓必须填写暂缓理由/],
    ['推进中', 'complete', 'lead', ' ', 'invalid', /报完成必须填写办结情况/],
    ['已完成(待审核)', 'close', 'coordinator', null, 'invalid', /销号必须填写销号意见/],
    ['已销号', 'reopen', 'coordinator', '', 'invalid', /撤销销号必须填写撤销理由/],
    ['已销号', 'reopen', 'lead', '误销号', 'forbidden', /牵头单位不能撤销销号事项,只有质量强市办可以/],
    ['已完成(待审核)', 'reopen', 'coordinator', '误销号', 'conflict', /事项未销号,无需撤销销号/],
  ];
  it.each(refused)('%s --%s by %s--> refused (%s)', (from, action, by, reason, kind, message) => {
    const result = decideTransition(from, action, by, reason);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.kind).toBe(kind);
      expect(result.message).toMatch(message);
    }
  });
});

describe('isActiveStatus', () => {
  it.each([
    ['未启动', true],
    ['推进中', true],
    ['已完成(待审核)', false],
    ['已销号', false],
    ['暂缓', false],
  ])('%s -> %s', (status, active) => expect(isActiveStatus(status)).toBe(active));
});
