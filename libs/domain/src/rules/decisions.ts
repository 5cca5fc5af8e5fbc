/**
 * Decisions the departments are told about (in duban, by mail and in their group chats): the
 * notification's rule, recorded in the transaction that makes the decision.
 */
export const DECISION_EVENTS = ['extension-approved', 'extension-rejected', 'report-returned', 'item-returned', 'item-closed', 'contribution-received', 'plan-revised'] as const;
export type DecisionEvent = (typeof DECISION_EVENTS)[number];

/** The decision a status action makes, if the departments are told about it. */
export function decisionOfAction(action: string): DecisionEvent | null {
  return action === 'return' ? 'item-returned' : action === 'close' ? 'item-closed' : null;
}
