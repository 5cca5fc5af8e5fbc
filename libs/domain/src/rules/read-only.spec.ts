import { readOnlyReason, type ReadOnlyInput } from './read-only.js';
import { isActiveStatus } from './status.js';

const plan = { version: 1, current: true, archived: false };
const item = { status: '推进中', successorId: null };

describe('readOnlyReason', () => {
  const rows: Array<[string, ReadOnlyInput, RegExp | null]> = [
    ['an item of the current plan', { item, plan, successorVersion: null }, null],
    ['superseded by an item of version 2', { item: { ...item, successorId: 42 }, plan: { ...plan, current: false }, successorVersion: 2 }, /已被第2版替代.*ID 42/],
    ['withdrawn by a revision', { item: { status: '已撤销', successorId: null }, plan: { ...plan, current: false }, successorVersion: null }, /已在方案修订中撤销/],
    ['of an old version without successor', { item, plan: { version: 3, current: false, archived: false }, successorVersion: null }, /第3版方案/],
    ['of an archived plan', { item, plan: { ...plan, archived: true }, successorVersion: null }, /已归档/],
  ];
  it.each(rows)('%s', (_name, input, expected) => {
    const reason = readOnlyReason(input);
    if (expected === null) expect(reason).toBeNull();
    else expect(reason).toMatch(expected);
  });

  it('a withdrawn item is not active: no reminders, no reporting duty', () => {
    expect(isActiveStatus('已撤销')).toBe(false);
    expect(isActiveStatus('推进中')).toBe(true);
  });
});
