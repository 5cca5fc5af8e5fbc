import { loginWait } from './login-limiter.js';

describe('loginWait', () => {
  const now = Date.parse('2024-10-08T01:00:00Z');
  const s = (seconds: number) => now - seconds * 1000;
  const none = { count: 0, firstMs: null };

  it.each([
    // failures of this user name from this address, seconds since the last one, expected wait (0 = may try now)
    [0, null, 0],
    [4, 0, 0],
    [5, 0, 1],
    [5, 1, 0],
    [6, 0, 2],
    [6, 1, 1],
    [8, 0, 8],
    [20, 0, 900],
    [30, 899, 1],
    [30, 900, 0],
  ])('after %i failures and %p s: wait %i s', (count, since, wait) => {
    expect(loginWait({ user: { count, lastMs: since === null ? null : s(since) }, ip: none }, now)).toBe(wait);
  });

  it.each([
    // failures from the address (any name) in the window, first of them seconds ago, failures of this name there, wait
    [49, 600, 1, 0],
    [50, 600, 1, 300],
    [50, 899, 1, 1],
    [80, 600, 0, 0],
  ])('an address with %i failures, the first %i s ago; this name failed %i times there: wait %i s', (count, firstAgo, userCount, wait) => {
    expect(loginWait({ user: { count: userCount, lastMs: userCount ? s(10) : null }, ip: { count, firstMs: s(firstAgo) } }, now)).toBe(wait);
  });
});
