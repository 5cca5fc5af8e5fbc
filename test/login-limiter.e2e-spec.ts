// The login slowing with its attempts counted in the database, as two API processes share them: each
// limiter below has its own connection to the suite's database (SQLite file or PostgreSQL schema).
// attempt() counts a sign-in attempt before its password is checked, or refuses it with the wait.
import { buildDataSourceOptions } from '#database';
import { FixedClock, LoginThrottle } from '#domain';
import { HttpException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LoginLimiter } from '../apps/api/src/auth/login-limiter.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';

describe('LoginLimiter across processes', () => {
  let db: TestDatabase;
  const sources: DataSource[] = [];
  const start = new Date('2024-10-08T01:00:00Z');
  let clock: FixedClock;
  let a: LoginLimiter;
  let b: LoginLimiter;

  const waitOf = async (limiter: LoginLimiter, user: string, ip: string): Promise<number | null> => {
    try {
      await limiter.attempt(user, ip);
      return null;
    } catch (error) {
      return ((error as HttpException).getResponse() as { retryAfter: number }).retryAfter;
    }
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    for (let i = 0; i < 2; i++) {
      const ds = new DataSource(buildDataSourceOptions(db.config));
      await ds.initialize();
      sources.push(ds);
    }
  });

  beforeEach(async () => {
    await sources[0]!.getRepository(LoginThrottle).clear();
    clock = new FixedClock(start);
    a = new LoginLimiter(sources[0]!, clock);
    b = new LoginLimiter(sources[1]!, clock);
  });

  afterAll(async () => {
    for (const ds of sources) await ds.destroy();
    await db?.cleanup();
  });

  it('counts attempts made through either process together', async () => {
    for (let i = 0; i < 3; i++) expect(await waitOf(a, 'Zhang', '10.0.0.1')).toBeNull();
    for (let i = 0; i < 2; i++) expect(await waitOf(b, 'zhang ', '10.0.0.1')).toBeNull();
    expect(await waitOf(a, 'zhang', '10.0.0.1')).toBe(1);
    expect(await waitOf(b, 'ZHANG', '10.0.0.1')).toBe(1);
    clock.set(new Date(start.getTime() + 1000));
    expect(await waitOf(b, 'zhang', '10.0.0.1')).toBeNull();
    expect(await waitOf(a, 'zhang', '10.0.0.1')).toBe(2);
  });

  it('lets 5 of 200 simultaneous attempts through two processes pass, as serial ones would', async () => {
    const waits = await Promise.all(Array.from({ length: 200 }, (_, i) => waitOf(i % 2 ? a : b, 'zhang', '10.0.0.1')));
    expect(waits.filter((w) => w === null)).toHaveLength(5);
    expect(waits.filter((w) => w === 1)).toHaveLength(195);
    const row = await sources[0]!.getRepository(LoginThrottle).findOneByOrFail({ username: 'zhang', ip: '10.0.0.1' });
    expect(row.count).toBe(5);
  });

  it('does not slow the same user from another address, nor another user; a success clears the count', async () => {
    for (let i = 0; i < 5; i++) await waitOf(a, 'zhang', '10.0.0.1');
    expect(await waitOf(a, 'zhang', '10.0.0.1')).toBe(1);
    expect(await waitOf(b, 'zhang', '10.0.0.2')).toBeNull();
    expect(await waitOf(b, 'li', '10.0.0.1')).toBeNull();
    await b.succeeded('zhang', '10.0.0.1');
    expect(await waitOf(a, 'zhang', '10.0.0.1')).toBeNull();
  });

  it('gives an address that guesses many user names one try per name, without locking out the others there', async () => {
    for (let i = 0; i < 50; i++) expect(await waitOf(i % 2 ? a : b, `user${i}`, '10.0.0.9')).toBeNull();
    expect(await waitOf(a, 'user7', '10.0.0.9')).toBe(900);
    expect(await waitOf(a, 'user7', '10.0.0.8')).toBeNull();
    expect(await waitOf(b, 'colleague', '10.0.0.9')).toBeNull();
    clock.set(new Date(start.getTime() + 15 * 60_000));
    expect(await waitOf(b, 'user7', '10.0.0.9')).toBeNull();
  });

  it('forgets attempts older than a day', async () => {
    for (let i = 0; i < 5; i++) await waitOf(a, 'zhang', '10.0.0.1');
    clock.set(new Date(start.getTime() + 24 * 3600_000 + 1000));
    expect(await waitOf(b, 'wang', '10.0.0.3')).toBeNull();
    expect(await sources[0]!.getRepository(LoginThrottle).count()).toBe(2);
    expect(await waitOf(b, 'zhang', '10.0.0.1')).toBeNull();
  });
});
