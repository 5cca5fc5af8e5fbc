import { FixedClock } from '#domain';
import { HttpException } from '@nestjs/common';
import { LoginLimiter } from './login-limiter.js';

const waitOf = (limiter: LoginLimiter, user: string, ip: string): number | null => {
  try {
    limiter.check(user, ip);
    return null;
  } catch (error) {
    return ((error as HttpException).getResponse() as { retryAfter: number }).retryAfter;
  }
};

describe('LoginLimiter', () => {
  const start = new Date('2024-10-08T01:00:00Z');

  it.each([
    // failures so far, seconds since the last failure, expected wait (null = may try now)
    [4, 0, null],
    [5, 0, 1],
    [5, 1, null],
    [6, 0, 2],
    [6, 1, 1],
    [8, 0, 8],
    [20, 0, 900],
    [30, 899, 1],
    [30, 900, null],
  ])('after %i failures and %i s: wait %p', (failures, elapsed, wait) => {
    const clock = new FixedClock(start);
    const limiter = new LoginLimiter(clock);
    for (let i = 0; i < failures; i++) limiter.failed('Zhang', '10.0.0.1');
    clock.set(new Date(start.getTime() + elapsed * 1000));
    expect(waitOf(limiter, 'zhang', '10.0.0.1')).toBe(wait);
  });

  it('does not slow the same user from another address, nor another user', () => {
    const limiter = new LoginLimiter(new FixedClock(start));
    for (let i = 0; i < 10; i++) limiter.failed('zhang', '10.0.0.1');
    expect(waitOf(limiter, 'zhang', '10.0.0.2')).toBeNull();
    expect(waitOf(limiter, 'li', '10.0.0.1')).toBeNull();
  });

  it('clears the count on success', () => {
    const limiter = new LoginLimiter(new FixedClock(start));
    for (let i = 0; i < 10; i++) limiter.failed('zhang', '10.0.0.1');
    limiter.succeeded('zhang', '10.0.0.1');
    expect(waitOf(limiter, 'zhang', '10.0.0.1')).toBeNull();
  });

  it('gives an address that guesses many user names one try per name, without locking out the others there', () => {
    const clock = new FixedClock(start);
    const limiter = new LoginLimiter(clock);
    for (let i = 0; i < 50; i++) limiter.failed(`user${i}`, '10.0.0.9');
    expect(waitOf(limiter, 'user7', '10.0.0.9')).toBe(900);
    expect(waitOf(limiter, 'user7', '10.0.0.8')).toBeNull();
    // A colleague behind the same address who has not failed signs in.
    expect(waitOf(limiter, 'colleague', '10.0.0.9')).toBeNull();
    clock.set(new Date(start.getTime() + 15 * 60_000));
    expect(waitOf(limiter, 'user7', '10.0.0.9')).toBeNull();
  });
});
