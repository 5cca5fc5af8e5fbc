import { CLOCK, type Clock } from '#domain';
import { HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';

interface Failures {
  count: number;
  last: number;
}

/** After this many failures for one user name from one address, each further try waits longer. */
const FREE_TRIES = 5;
const MAX_DELAY_MS = 15 * 60_000;
/** Failures from one address, whatever the user name, within the window. */
const IP_LIMIT = 50;
const IP_WINDOW_MS = 15 * 60_000;

/**
 * Slows password guessing without locking anyone out: failures are counted per
 * (user name, address), and after FREE_TRIES each attempt must wait an exponentially
 * growing delay (1 s, 2 s, 4 s, ... up to 15 min). A real user signing in from another
 * address is unaffected, and a success clears the count. An address that fails for many
 * user names gets one try per name until its window clears. Times come from the injected clock.
 */
@Injectable()
export class LoginLimiter {
  private readonly byUser = new Map<string, Failures>();
  private readonly byIp = new Map<string, number[]>();

  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  private key(username: string, ip: string): string {
    return `${username.trim().toLowerCase()}|${ip}`;
  }

  /** Throws 429 with the seconds to wait when this attempt comes too soon. */
  check(username: string, ip: string): void {
    const now = this.clock.now().getTime();
    const f = this.byUser.get(this.key(username, ip));
    // An address that failed for many names (password spraying) gets no second try per name
    // until its window clears; a user who has not failed from it still signs in, so an office
    // sharing one address cannot be locked out by one guesser.
    const recent = (this.byIp.get(ip) ?? []).filter((t) => now - t < IP_WINDOW_MS);
    if (recent.length >= IP_LIMIT && f && f.count > 0) this.refuse(Math.ceil((recent[0]! + IP_WINDOW_MS - now) / 1000));
    if (!f || f.count < FREE_TRIES) return;
    const delay = Math.min(MAX_DELAY_MS, 1000 * 2 ** (f.count - FREE_TRIES));
    const wait = f.last + delay - now;
    if (wait > 0) this.refuse(Math.ceil(wait / 1000));
  }

  failed(username: string, ip: string): void {
    const now = this.clock.now().getTime();
    const key = this.key(username, ip);
    const f = this.byUser.get(key) ?? { count: 0, last: now };
    this.byUser.set(key, { count: f.count + 1, last: now });
    this.byIp.set(ip, [...(this.byIp.get(ip) ?? []).filter((t) => now - t < IP_WINDOW_MS), now]);
    if (this.byUser.size > 10_000) this.prune(now);
  }

  succeeded(username: string, ip: string): void {
    this.byUser.delete(this.key(username, ip));
  }

  private prune(now: number): void {
    for (const [key, f] of this.byUser) if (now - f.last > MAX_DELAY_MS) this.byUser.delete(key);
  }

  private refuse(seconds: number): never {
    throw new HttpException(
      { statusCode: 429, error: '尝试过于频繁', message: `登录失败次数过多,请 ${Math.max(1, seconds)} 秒后再试`, retryAfter: Math.max(1, seconds) },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
