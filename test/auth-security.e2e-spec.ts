// Sign-in hardening (issue 19): parallel password guesses slowed like serial ones, password changes and
// resets ending the user's other sessions and tokens, the session list with revoke, token lifetimes,
// the password policy, and authentication events in the audit log.
import { ApiToken, CLOCK, type FixedClock } from '#domain';
import { DataSource } from 'typeorm';
import { startApp, type RunningApp } from './helpers/app.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';

const PASSWORD = 'Qing-Shui-He-7';

describe('sign-in hardening', () => {
  let db: TestDatabase;
  let api: RunningApp;
  let clock: FixedClock;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase({ DUBAN_CLOCK: '2024-10-08T09:00:00+08:00' });
    api = await startApp(db);
    clock = api.app.get(CLOCK);
    dataSource = api.app.get(DataSource);
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    await db?.cleanup();
  });

  const createUser = async (username: string, role = 'viewer', password = PASSWORD) => {
    const result = await api.request('POST', '/api/users', { body: { username, displayName: username, password, role } });
    expect(result.status).toBe(201);
    return result.body as { id: number };
  };
  const login = (username: string, password: string, headers: Record<string, string> = {}) =>
    api.request('POST', '/api/auth/login', { token: null, body: { username, password }, headers });

  it('answers at most the free tries of 200 simultaneous guesses for one name from one address', async () => {
    await createUser('parallel');
    // The clock stands still, so every guess falls in the same window: serial guessing gets 5 answers.
    const guesses = Array.from({ length: 200 }, (_, i) => login('parallel', i === 150 ? PASSWORD : `wrong-${i}`));
    const results = await Promise.all(guesses);
    const answered = results.filter((r) => r.status === 200 || r.status === 401).length;
    const slowed = results.filter((r) => r.status === 429).length;
    expect({ answered, slowed }).toEqual({ answered: 5, slowed: 195 });
    expect(results.find((r) => r.status === 429)!.body.message).toMatch(/登录失败次数过多,请 \d+ 秒后再试/);
    // A success clears the count: after the wait the right password signs in, and five fresh tries follow.
    clock.set(new Date(clock.now().getTime() + 3600_000));
    expect((await login('parallel', PASSWORD)).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await login('parallel', `again-${i}`)).status).toBe(401);
    expect((await login('parallel', PASSWORD)).status).toBe(429);
    clock.set(new Date(clock.now().getTime() + 3600_000));
  }, 120_000);

  it('refuses common passwords, short ones and the user name, in Chinese', async () => {
    for (const password of ['12345678', 'password', 'Password1', 'qwertyuiop', 'weakuser1', 'short']) {
      const result = await api.request('POST', '/api/users', { body: { username: 'weakuser1', displayName: '弱', password, role: 'viewer' } });
      expect([password, result.status]).toEqual([password, 400]);
      expect(JSON.stringify(result.body.message)).toMatch(/密码/);
    }
    const user = await createUser('stronguser');
    const token = (await login('stronguser', PASSWORD)).body.token as string;
    const weak = await api.request('POST', '/api/auth/password', { token, body: { currentPassword: PASSWORD, newPassword: '11111111' } });
    expect([weak.status, weak.body.message]).toEqual([400, ['密码过于常见,容易被猜中,请换一个']]);
    const reset = await api.request('PATCH', `/api/users/${user.id}`, { body: { password: 'stronguser' } });
    expect(reset.status).toBe(400);
  });

  it('ends every other session and personal token when the user changes the password', async () => {
    await createUser('changer');
    const here = (await login('changer', PASSWORD)).body.token as string;
    const elsewhere = (await login('changer', PASSWORD)).body.token as string;
    const script = (await api.request('POST', '/api/auth/tokens', { token: elsewhere, body: { name: '脚本' } })).body.token as string;
    expect((await api.request('GET', '/api/auth/me', { token: script })).status).toBe(200);
    const changed = await api.request('POST', '/api/auth/password', { token: here, body: { currentPassword: PASSWORD, newPassword: 'Xin-Mi-Ma-2024' } });
    expect(changed.status).toBe(200);
    expect((await api.request('GET', '/api/auth/me', { token: here })).status).toBe(200);
    expect((await api.request('GET', '/api/auth/me', { token: elsewhere })).status).toBe(401);
    expect((await api.request('GET', '/api/auth/me', { token: script })).status).toBe(401);
  });

  it("ends every session and personal token of the user when an admin resets the password", async () => {
    const user = await createUser('resetme');
    const session = (await login('resetme', PASSWORD)).body.token as string;
    const script = (await api.request('POST', '/api/auth/tokens', { token: session, body: { name: '脚本' } })).body.token as string;
    const adminOther = (await login('admin', db.env.DUBAN_ADMIN_PASSWORD!)).body.token as string;
    expect((await api.request('PATCH', `/api/users/${user.id}`, { body: { password: 'Chong-Zhi-Le-9' } })).status).toBe(200);
    expect((await api.request('GET', '/api/auth/me', { token: session })).status).toBe(401);
    expect((await api.request('GET', '/api/auth/me', { token: script })).status).toBe(401);
    // The admin's own sessions are untouched.
    expect((await api.request('GET', '/api/auth/me', { token: adminOther })).status).toBe(200);
    expect((await api.request('GET', '/api/auth/me')).status).toBe(200);
  });

  it('lists the owner’s sessions and revokes one, and keeps at most the configured number per user', async () => {
    await createUser('manysessions');
    const first = (await login('manysessions', PASSWORD, { 'user-agent': 'Firefox/130 test' })).body.token as string;
    const second = (await login('manysessions', PASSWORD)).body.token as string;
    const list = await api.request('GET', '/api/auth/sessions', { token: second });
    expect(list.status).toBe(200);
    expect(list.body.map((s: { current: boolean }) => s.current)).toEqual([false, true]);
    expect(list.body[0]).toMatchObject({ userAgent: 'Firefox/130 test', ip: expect.any(String), createdAt: expect.any(String), expiresAt: expect.any(String) });
    expect(JSON.stringify(list.body)).not.toContain(first);
    expect((await api.request('DELETE', `/api/auth/sessions/${list.body[0].id}`, { token: second })).status).toBe(200);
    // The session in use ends by signing out, not from the list.
    const current = await api.request('DELETE', `/api/auth/sessions/${list.body[1].id}`, { token: second });
    expect([current.status, current.body.message]).toEqual([409, '这是当前使用的会话,请使用“退出登录”']);
    expect((await api.request('GET', '/api/auth/me', { token: first })).status).toBe(401);
    // Another user's session is not found.
    const other = (await login('admin', db.env.DUBAN_ADMIN_PASSWORD!)).body.token as string;
    const otherId = (await api.request('GET', '/api/auth/sessions', { token: other })).body.at(-1).id as number;
    expect((await api.request('DELETE', `/api/auth/sessions/${otherId}`, { token: second })).status).toBe(404);
    // Signing in again and again: the oldest sessions end beyond the limit (default 10).
    const tokens: string[] = [];
    for (let i = 0; i < 12; i++) tokens.push((await login('manysessions', PASSWORD)).body.token as string);
    const active = await api.request('GET', '/api/auth/sessions', { token: tokens.at(-1)! });
    expect(active.body).toHaveLength(10);
    expect((await api.request('GET', '/api/auth/me', { token: second })).status).toBe(401);
    expect((await api.request('GET', '/api/auth/me', { token: tokens[2]! })).status).toBe(200);
  });

  it('gives personal tokens a default lifetime and refuses one beyond the maximum', async () => {
    await createUser('tokenuser');
    const session = (await login('tokenuser', PASSWORD)).body.token as string;
    const made = await api.request('POST', '/api/auth/tokens', { token: session, body: { name: '默认' } });
    expect(made.status).toBe(201);
    expect(new Date(made.body.expiresAt).getTime() - clock.now().getTime()).toBe(90 * 86_400_000);
    const tooLong = await api.request('POST', '/api/auth/tokens', { token: session, body: { name: '太长', expiresInDays: 400 } });
    expect([tooLong.status, tooLong.body.message]).toEqual([400, ['令牌有效期最长 365 天']]);
    const row = await dataSource.getRepository(ApiToken).findOneByOrFail({ id: made.body.id });
    expect(row.expiresAt).not.toBeNull();
  });

  it('records sign-in, failure, sign-out, token and password events in the audit log', async () => {
    await createUser('audited');
    expect((await login('audited', 'wrong-password')).status).toBe(401);
    const session = (await login('audited', PASSWORD)).body.token as string;
    const token = await api.request('POST', '/api/auth/tokens', { token: session, body: { name: '审计' } });
    await api.request('DELETE', `/api/auth/tokens/${token.body.id}`, { token: session });
    await api.request('POST', '/api/auth/password', { token: session, body: { currentPassword: PASSWORD, newPassword: 'Shen-Ji-Mi-Ma-5' } });
    await api.request('POST', '/api/auth/logout', { token: session });
    const log = await api.request('GET', '/api/audit?pageSize=200');
    const mine = log.body.entries.filter((e: { username: string }) => e.username === 'audited').map((e: { action: string }) => e.action);
    expect(mine).toEqual(['auth.login_failed', 'auth.login', 'token.create', 'token.revoke', 'user.password', 'auth.logout']);
    const failed = log.body.entries.find((e: { action: string; username: string }) => e.action === 'auth.login_failed' && e.username === 'audited');
    expect(JSON.stringify(failed)).not.toContain('wrong-password');
  });
});
