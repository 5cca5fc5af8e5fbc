/**
 * The one rule for moving a deadline, used by the item page, the API and every reminder mail:
 * up to and on the deadline day the lead department asks for an extension (延期申请); after the
 * deadline it can no longer ask for one, it explains the delay instead (逾期说明) and proposes a new
 * date. The office decides both the same way: approved, the deadline moves to the proposed date.
 */
export const EXTENSION_KINDS = ['extension', 'overdue'] as const;
export type ExtensionKind = (typeof EXTENSION_KINDS)[number];

export const EXTENSION_KIND_LABELS: Record<ExtensionKind, string> = { extension: '延期申请', overdue: '逾期说明' };

/** What a reminder mail invites the lead department to do when the item cannot be done in time. */
export const EXTENSION_INVITATIONS: Record<ExtensionKind, string> = {
  extension: '确需延期的,请在期限前提交延期申请',
  overdue: '期限已过不能再申请延期,请提交逾期说明并提出新的完成时限',
};

/** Which of the two the lead department may submit on `today` (YYYY-MM-DD) for an item due on `deadline`. */
export function extensionKindOn(deadline: string, today: string): ExtensionKind {
  return today <= deadline ? 'extension' : 'overdue';
}
