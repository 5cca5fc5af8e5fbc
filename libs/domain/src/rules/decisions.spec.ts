import { decisionOfAction } from './decisions.js';

describe('decisions the departments hear of', () => {
  it.each([
    ['return', 'item-returned'],
    ['close', 'item-closed'],
    ['start', null],
    ['complete', null],
    ['suspend', null],
    ['resume', null],
  ])('status action %s: %s', (action, event) => expect(decisionOfAction(action)).toBe(event));
});
