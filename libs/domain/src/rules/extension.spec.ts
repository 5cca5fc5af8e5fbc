import { EXTENSION_INVITATIONS, type ExtensionKind, extensionKindOn } from './extension.js';

describe('extensionKindOn: 延期申请 up to the deadline, 逾期说明 after it', () => {
  const table: [string, string, ExtensionKind][] = [
    ['2026-12-31', '2026-10-08', 'extension'],
    ['2026-12-31', '2026-12-30', 'extension'],
    ['2026-12-31', '2026-12-31', 'extension'],
    ['2026-12-31', '2027-01-01', 'overdue'],
    ['2026-06-30', '2026-12-04', 'overdue'],
  ];
  it.each(table)('deadline %s, today %s -> %s', (deadline, today, kind) => expect(extensionKindOn(deadline, today)).toBe(kind));

  it('an overdue reminder never invites an extension request', () => {
    expect(EXTENSION_INVITATIONS.overdue).not.toMatch(/提交延期申请/);
    expect(EXTENSION_INVITATIONS.overdue).toMatch(/逾期说明/);
  });
});
