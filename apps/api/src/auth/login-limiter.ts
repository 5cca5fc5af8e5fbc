import { CLOCK, type Clock, LoginFailure } from '#domain';
import { HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, LessThan } from 'typeorm';

/** After this many failures for one user name from one address, each further try waits longer. */
const FREE_TRIES = 5;
const MAX_DELAY_MS = 15 * 60_000;
/** Failures from one address, whatever the user name, within the window. */
const IP_LIMIT = 50;
const IP_WINDOW_MS = 15 * 60_000;
/** Failures older than this are forgotten. */
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

/**
 * Slows password guessing (loginWait) with the failures kept in the database, so that several API
 * processes behind one address count them together. Times come from the injected clock.
 */
@Injectable()
export class LoginLimiter {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private get repo() {
    return this.dataSource.getRepository(LoginFailure);
  }

  private static username(username: string): string {
    return username.trim().toLowerCase().slice(0, 200);
  }

  private static ip(ip: string): string {
    return ip.slice(0, 64);
  }

  /** Throws 429 with the seconds to wait when this attempt comes too soon. */
  async check(username: string, ip: string): Promise<void> {
    const now = this.clock.now().getTime();
    const name = LoginLimiter.username(username);
    const address = LoginLimiter.ip(ip);
    const [user] = await this.repo
      .createQueryBuilder('f')
      .select('COUNT(*)', 'count')
      .addSelect('MAX(f.atMs)', 'last')
      .where('f.username = :name AND f.ip = :address AND f.atMs > :since', { name, address, since: now - KEEP_MS })
      .getRawMany<{ count: number | string; last: number | string | null }>();
    const [byIp] = await this.repo
      .createQueryBuilder('f')
      .select('COUNT(*)', 'count')
      .addSelect('MIN(f.atMs)', 'first')
      .where('f.ip = :address AND f.atMs > :since', { address, since: now - IP_WINDOW_MS })
      .getRawMany<{ count: number | string; first: number | string | null }>();
    const wait = loginWait(
      {
        user: { count: Number(user?.count ?? 0), lastMs: user?.last == null ? null : Number(user.last) },
        ip: { count: Number(byIp?.count ?? 0), firstMs: byIp?.first == null ? null : Number(byIp.first) },
      },
      now,
    );
    if (wait > 0) this.refuse(wait);
  }

  async failed(username: string, ip: string): Promise<void> {
    const now = this.clock.now().getTime();
    await this.repo.delete({ atMs: LessThan(now - KEEP_MS) });
    await this.repo.insert({ username: LoginLimiter.username(username), ip: LoginLimiter.ip(ip), atMs: now });
  }

  async succeeded(username: string, ip: string): Promise<void> {
    await this.repo.delete({ username: LoginLimiter.username(username), ip: LoginLimiter.ip(ip) });
  }

  private refuse(seconds: number): never {
    throw new HttpException(
      { statusCode: 429, error: '尝试过于频繁', message: `登录失败次数过多,请 ${seconds} 秒后再试`, retryAfter: seconds },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
