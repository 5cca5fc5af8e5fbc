import { CLOCK, type Clock, LoginThrottle } from '#domain';
import { HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, LessThan } from 'typeorm';

/** After this many failures for one user name from one address, each further try waits longer. */
const FREE_TRIES = 5;
const MAX_DELAY_MS = 15 * 60_000;
/** Failures from one address, whatever the user name, within the window. */
const IP_LIMIT = 50;
const IP_WINDOW_MS = 15 * 60_000;
/** Attempts older than this are forgotten. */
const KEEP_MS = 24 * 3600_000;

/** What is known about earlier failures when a sign-in is tried. */
export interface LoginFailures {
  /** Failures of this user name from this address (since its last success there, within a day). */
  user: { count: number; lastMs: number | null };
  /** Failures from this address, any user name, within IP_WINDOW_MS. */
  ip: { count: number; firstMs: number | null };
}

/**
 * Seconds this sign-in must wait, or 0. Failures are counted per (user name, address), and after
 * FREE_TRIES each attempt must wait an exponentially growing delay (1 s, 2 s, 4 s, ... up to
 * 15 min): a real user signing in from another address is unaffected. An address that failed for
 * IP_LIMIT names within the window (password spraying) gets no second try per name until its
 * window clears, while a user who has not failed from it still signs in, so an office sharing one
 * address cannot be locked out by one guesser.
 */
export function loginWait(failures: LoginFailures, nowMs: number): number {
  const { user, ip } = failures;
  if (ip.count >= IP_LIMIT && user.count > 0 && ip.firstMs !== null) return Math.max(1, Math.ceil((ip.firstMs + IP_WINDOW_MS - nowMs) / 1000));
  if (user.count < FREE_TRIES || user.lastMs === null) return 0;
  const delay = Math.min(MAX_DELAY_MS, 1000 * 2 ** (user.count - FREE_TRIES));
  const wait = user.lastMs + delay - nowMs;
  return wait > 0 ? Math.ceil(wait / 1000) : 0;
}

/** Rereads before giving up when other attempts keep changing the same row (each retry means another attempt was counted). */
const MAX_ROUNDS = 50;

/**
 * Slows password guessing (loginWait) with the attempts counted in the database, so that several
 * API processes, and simultaneous requests in one process, count them together. An attempt is
 * counted before its password is checked (attempt()): the rows of the user name and of the
 * address are read, loginWait decides, and an UPDATE that matches only the row as read counts
 * it; if another attempt changed the row in between, nothing is written and the rows are read
 * again. So 200 simultaneous guesses get as many answers as 200 serial ones. A success
 * (succeeded()) clears the user name's count. Times come from the injected clock.
 */
@Injectable()
export class LoginLimiter {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private get repo() {
    return this.dataSource.getRepository(LoginThrottle);
  }

  private static username(username: string): string {
    return username.trim().toLowerCase().slice(0, 200) || ' ';
  }

  private static ip(ip: string): string {
    return ip.slice(0, 64);
  }

  /** Counts this sign-in attempt, or throws 429 with the seconds to wait when it comes too soon. */
  async attempt(username: string, ip: string): Promise<void> {
    const now = this.clock.now().getTime();
    const name = LoginLimiter.username(username);
    const address = LoginLimiter.ip(ip);
    await this.repo.delete({ lastMs: LessThan(now - KEEP_MS) });
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const rows = await this.repo.find({ where: [{ username: name, ip: address }, { username: '', ip: address }] });
      const user = rows.find((r) => r.username === name);
      const byIp = rows.find((r) => r.username === '');
      if (!user || !byIp) {
        // First attempt of this name or address (or its rows forgotten meanwhile): make them, then count.
        await this.repo
          .createQueryBuilder()
          .insert()
          .values([
            { username: name, ip: address, count: 0, firstMs: now, lastMs: now },
            { username: '', ip: address, count: 0, firstMs: now, lastMs: now },
          ])
          .orIgnore()
          .updateEntity(false)
          .execute();
        continue;
      }
      const ipCurrent = byIp.firstMs > now - IP_WINDOW_MS;
      const wait = loginWait(
        {
          user: { count: user.count, lastMs: user.count > 0 ? user.lastMs : null },
          ip: { count: ipCurrent ? byIp.count : 0, firstMs: ipCurrent ? byIp.firstMs : null },
        },
        now,
      );
      if (wait > 0) this.refuse(wait);
      const counted = await this.repo
        .createQueryBuilder()
        .update(LoginThrottle)
        .set({ count: user.count + 1, lastMs: now })
        .where('username = :name AND ip = :address AND "count" = :count AND "lastMs" = :last', { name, address, count: user.count, last: user.lastMs })
        .execute();
      if (counted.affected !== 1) continue;
      await this.repo
        .createQueryBuilder()
        .update(LoginThrottle)
        .set({
          count: () => 'CASE WHEN "firstMs" > :since THEN "count" + 1 ELSE 1 END',
          firstMs: () => 'CASE WHEN "firstMs" > :since THEN "firstMs" ELSE :now END',
          lastMs: now,
        })
        .where("username = '' AND ip = :address", { address, since: now - IP_WINDOW_MS, now })
        .execute();
      return;
    }
    this.refuse(1);
  }

  /** A success: the user name's attempts from this address are forgotten, and taken off the address's count. */
  async succeeded(username: string, ip: string): Promise<void> {
    const name = LoginLimiter.username(username);
    const address = LoginLimiter.ip(ip);
    const user = await this.repo.findOneBy({ username: name, ip: address });
    if (!user) return;
    const cleared = await this.repo
      .createQueryBuilder()
      .update(LoginThrottle)
      .set({ count: 0 })
      .where('username = :name AND ip = :address AND "count" = :count', { name, address, count: user.count })
      .execute();
    if (cleared.affected !== 1) return;
    await this.repo
      .createQueryBuilder()
      .update(LoginThrottle)
      .set({ count: () => 'CASE WHEN "count" > :n THEN "count" - :n ELSE 0 END' })
      .where("username = '' AND ip = :address", { address, n: user.count })
      .execute();
  }

  private refuse(seconds: number): never {
    throw new HttpException(
      { statusCode: 429, error: '尝试过于频繁', message: `登录失败次数过多,请 ${seconds} 秒后再试`, retryAfter: seconds },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
