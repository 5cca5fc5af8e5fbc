// Accounts and administration through HTTP: the first admin, login slowing without lockout,
// session expiry, user and department administration (merging "市质监局" into
// "市市场监管局" across every assignment), bulk steering and indicator readings.
import { Assignment, CLOCK, Department, DepartmentAlias, FixedClock, Indicator, Item, Plan, shanghaiInstant, User } from '#domain';
import { PlanImportService } from '#plan-import';
import { jest } from '@jest/globals';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { startApp, type RunningApp } from './helpers/app.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';
import { jsonParser, loadGold, parsedPlanFromGold, SEEDS_DIR } from './helpers/gold.js';

const SEED_001 = '001_f45f8dcdffc8ad1c.txt';
const PASSWORD = 'pass-word-123';

describe('accounts and administration', () => {
  let db: TestDatabase;
  let api: RunningApp;
  let dataSource: DataSource;
  let clock: FixedClock;
  let planId: number;

  beforeAll(async () => {
    db = await createTestDatabase({ DUBAN_CLOCK: '2024-10-08T09:00:00+08:00' });
    api = await startApp(db);
    dataSource = api.app.get(DataSource);
    clock = api.app.get(CLOCK);
    planId = (await new PlanImportService(dataSource).importFile(join(SEEDS_DIR, SEED_001))).plan.id;
  }, 60_000);

  // Each test starts at the same instant with a fresh admin session, whatever ran before it.
  beforeEach(async () => {
    clock.set(shanghaiInstant('2024-10-08', 9));
    api.adminToken = await api.login('admin', db.env.DUBAN_ADMIN_PASSWORD!);
  });

  afterAll(async () => {
    await api?.close();
    await db?.cleanup();
  });

  const createUser = async (username: string, role: string, departmentId?: number) => {
    const result = await api.request('POST', '/api/users', { body: { username, displayName: username, password: PASSWORD, role, departmentId } });
    expect(result.status).toBe(201);
    return result.body as { id: number };
  };

  it('creates the admin from DUBAN_ADMIN_PASSWORD, stored as an argon2id hash', async () => {
    const admin = await dataSource.getRepository(User).findOneByOrFail({ username: 'admin' });
    expect(admin.role).toBe('admin');
    expect(admin.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it('prints a generated admin password once when none is configured', async () => {
    const other = await createTestDatabase({ DUBAN_ADMIN_PASSWORD: '' });
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const { createApp } = await import('../apps/api/src/app.js');
      const app = await createApp(other.config);
      await app.init();
      const lines = log.mock.calls.map((c) => String(c[0])).filter((l) => l.includes('admin'));
      expect(lines).toHaveLength(1);
      const password = /初始密码:([^\s((]+)/.exec(lines[0]!)![1]!;
      const stored = await app.get(DataSource).getRepository(User).findOneByOrFail({ username: 'admin' });
      const argon2 = (await import('argon2')).default;
      expect(await argon2.verify(stored.passwordHash, password)).toBe(true);
      await app.close();
      // A second start does not print or change anything.
      const again = await createApp(other.config);
      await again.init();
      expect(log.mock.calls.filter((c) => String(c[0]).includes('初始密码'))).toHaveLength(1);
      await again.close();
    } finally {
      log.mockRestore();
      await other.cleanup();
    }
  });

  it('creates one admin when two API processes start together on a new database', async () => {
    const other = await createTestDatabase({ DUBAN_ADMIN_PASSWORD: '' });
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const { createApp } = await import('../apps/api/src/app.js');
      // Both pass the "no admin yet" check before either inserts: the second insert must not crash its process.
      const apps = await Promise.all([createApp(other.config), createApp(other.config)]);
      await Promise.all(apps.map((app) => app.init()));
      const lines = log.mock.calls.map((c) => String(c[0])).filter((l) => l.includes('初始密码'));
      expect(lines).toHaveLength(1);
      const admins = await apps[0]!.get(DataSource).getRepository(User).findBy({ username: 'admin' });
      expect(admins).toHaveLength(1);
      const argon2 = (await import('argon2')).default;
      expect(await argon2.verify(admins[0]!.passwordHash, /初始密码:([^\s((]+)/.exec(lines[0]!)![1]!)).toBe(true);
      for (const app of apps) await app.close();
    } finally {
      log.mockRestore();
      await other.cleanup();
    }
  });

  it('slows password guessing per user name without locking the real user out', async () => {
    await createUser('guessme', 'viewer');
    const attempt = (username: string, password: string) => api.request('POST', '/api/auth/login', { token: null, body: { username, password } });
    for (let i = 0; i < 5; i++) {
      const wrong = await attempt('guessme', `wrong-${i}`);
      expect([wrong.status, wrong.body.message]).toEqual([401, '用户名或密码错误']);
    }
    // The sixth try, even with the right password, must wait; the message says how long.
    const blocked = await attempt('guessme', PASSWORD);
    expect([blocked.status, blocked.body.message]).toEqual([429, '登录失败次数过多,请 1 秒后再试']);
    // Other users from the same address are not affected.
    expect((await attempt('admin', db.env.DUBAN_ADMIN_PASSWORD!)).status).toBe(200);
    // Each further failure doubles the wait.
    clock.set(new Date(clock.now().getTime() + 1000));
    expect((await attempt('guessme', 'wrong-again')).status).toBe(401);
    expect((await attempt('guessme', PASSWORD)).body.message).toBe('登录失败次数过多,请 2 秒后再试');
    // After the wait the real user signs in, and the count starts afresh.
    clock.set(new Date(clock.now().getTime() + 2000));
    expect((await attempt('guessme', PASSWORD)).status).toBe(200);
    expect((await attempt('guessme', 'wrong-after')).status).toBe(401);
    expect((await attempt('guessme', PASSWORD)).status).toBe(200);
    // An unknown user gets the same answer as a wrong password.
    expect((await attempt('nobody', 'x')).body.message).toBe('用户名或密码错误');
  });

  it('believes X-Forwarded-For only from the proxies named in DUBAN_TRUST_PROXY', async () => {
    // Five wrong passwords for one name from one client address; the sixth try from the same
    // address must wait, from another address it is answered normally.
    const sixthTry = async (env: Record<string, string>): Promise<[number, number]> => {
      const other = await createTestDatabase(env);
      const app = await startApp(other);
      try {
        const attempt = (from: string) => app.request('POST', '/api/auth/login', { token: null, headers: { 'x-forwarded-for': from }, body: { username: 'admin', password: 'wrong-password' } });
        for (let i = 0; i < 5; i++) expect((await attempt('203.0.113.1')).status).toBe(401);
        return [(await attempt('203.0.113.1')).status, (await attempt('198.51.100.7')).status];
      } finally {
        await app.close();
        await other.cleanup();
      }
    };
    // Behind a trusted proxy on loopback, each forwarded address counts on its own ...
    expect(await sixthTry({ DUBAN_TRUST_PROXY: 'loopback', DUBAN_CLOCK: '2024-10-08T09:00:00+08:00' })).toEqual([429, 401]);
    // ... without the setting the header is ignored: a client cannot dodge the slowing by faking it.
    expect(await sixthTry({ DUBAN_CLOCK: '2024-10-08T09:00:00+08:00' })).toEqual([429, 429]);
  });

  it('ends sessions after DUBAN_SESSION_HOURS, and when a user is disabled', async () => {
    const user = await createUser('shortlived', 'viewer');
    const token = await api.login('shortlived', PASSWORD);
    expect((await api.request('GET', '/api/auth/me', { token })).status).toBe(200);
    clock.set(new Date(clock.now().getTime() + 12 * 3600_000 + 1000));
    expect((await api.request('GET', '/api/auth/me', { token })).status).toBe(401);
    const fresh = await api.login('shortlived', PASSWORD);
    const adminToken = await api.login('admin', db.env.DUBAN_ADMIN_PASSWORD!);
    api.adminToken = adminToken;
    const disabled = await api.request('PATCH', `/api/users/${user.id}`, { token: adminToken, body: { active: false } });
    expect([disabled.status, disabled.body.active]).toEqual([200, false]);
    expect((await api.request('GET', '/api/auth/me', { token: fresh })).status).toBe(401);
    expect((await api.request('POST', '/api/auth/login', { token: null, body: { username: 'shortlived', password: PASSWORD } })).status).toBe(401);
    // Admin-only, and an editor needs a department.
    expect((await api.request('POST', '/api/users', { token: adminToken, body: { username: 'nodept', displayName: 'x', password: PASSWORD, role: 'editor' } })).status).toBe(400);
    expect((await api.request('POST', '/api/users', { token: adminToken, body: { username: 'admin', displayName: 'x', password: PASSWORD, role: 'viewer' } })).status).toBe(409);
    await createUser('plainviewer', 'viewer');
    const viewerToken = await api.login('plainviewer', PASSWORD);
    const refused = await api.request('POST', '/api/users', { token: viewerToken, body: { username: 'sneaky', displayName: 'x', password: PASSWORD, role: 'admin' } });
    expect([refused.status, refused.body.message]).toEqual([403, '只读用户不能修改数据']);
    expect(await dataSource.getRepository(User).existsBy({ username: 'sneaky' })).toBe(false);
  });

  it('ends a personal token at its expiry', async () => {
    await createUser('scripter', 'viewer');
    const session = await api.login('scripter', PASSWORD);
    const created = await api.request('POST', '/api/auth/tokens', { token: session, body: { name: '导出脚本', expiresInDays: 1 } });
    expect([created.status, created.body.kind, created.body.token]).toEqual([201, 'personal', expect.stringMatching(/^dbn_/)]);
    const listed = await api.request('GET', '/api/auth/tokens', { token: session });
    expect(listed.body.map((t: { name: string; token?: string }) => [t.name, t.token])).toEqual([['导出脚本', undefined]]);
    clock.set(new Date(clock.now().getTime() + 23 * 3600_000));
    expect((await api.request('GET', '/api/auth/me', { token: created.body.token })).status).toBe(200);
    clock.set(new Date(clock.now().getTime() + 2 * 3600_000));
    expect((await api.request('GET', '/api/auth/me', { token: created.body.token })).status).toBe(401);
    // A personal token is for scripts: it is not accepted as a session cookie.
    clock.set(shanghaiInstant('2024-10-08', 9));
    const again = await api.request('POST', '/api/auth/tokens', { token: await api.login('scripter', PASSWORD), body: { name: '另一个' } });
    expect((await api.request('GET', '/api/auth/me', { token: null, headers: { cookie: `duban_session=${again.body.token}` } })).status).toBe(401);
    expect((await api.request('GET', '/api/auth/me', { token: again.body.token })).status).toBe(200);
  });

  it('lets a user change their own password, ending their other sessions', async () => {
    await createUser('changer', 'viewer');
    const first = await api.login('changer', PASSWORD);
    const second = await api.login('changer', PASSWORD);
    const wrong = await api.request('POST', '/api/auth/password', { token: first, body: { currentPassword: 'nope', newPassword: 'new-pass-456' } });
    expect([wrong.status, wrong.body.message]).toEqual([401, '当前密码不正确']);
    const changed = await api.request('POST', '/api/auth/password', { token: first, body: { currentPassword: PASSWORD, newPassword: 'new-pass-456' } });
    expect(changed.status).toBe(200);
    expect((await api.request('GET', '/api/auth/me', { token: first })).status).toBe(200);
    expect((await api.request('GET', '/api/auth/me', { token: second })).status).toBe(401);
    expect((await api.request('POST', '/api/auth/login', { token: null, body: { username: 'changer', password: PASSWORD } })).status).toBe(401);
    expect((await api.login('changer', 'new-pass-456')).length).toBeGreaterThan(40);
  });

  it('merges 市质监局 into 市市场监管局 across every assignment, keeping the old name as an alias', async () => {
    const departments = dataSource.getRepository(Department);
    const old = await departments.findOneByOrFail({ name: '市质监局' });
    const oldAssignments = await dataSource.getRepository(Assignment).findBy({ departmentId: old.id });
    expect(oldAssignments.length).toBeGreaterThan(0);
    const target = await api.request('POST', '/api/departments', { body: { name: '市市场监管局', contactEmails: ['scjgj@example.gov.cn'] } });
    expect(target.status).toBe(201);
    const editor = await createUser('zhijian', 'editor', old.id);
    // One item where both already take part: the lead role wins and no duplicate is left.
    const shared = oldAssignments.find((a) => a.role === 'lead')!;
    await dataSource.getRepository(Assignment).insert({ itemId: shared.itemId, departmentId: target.body.id, role: 'co' });

    const merged = await api.request('POST', `/api/departments/${target.body.id}/merge`, { body: { from: old.id } });
    expect(merged.status).toBe(200);
    expect(merged.body.aliases).toContain('市质监局');
    expect(await departments.existsBy({ id: old.id })).toBe(false);
    const moved = await dataSource.getRepository(Assignment).findBy({ departmentId: target.body.id });
    expect(moved.map((a) => a.itemId).sort()).toEqual([...new Set(oldAssignments.map((a) => a.itemId))].sort());
    expect(moved.find((a) => a.itemId === shared.itemId)!.role).toBe('lead');
    expect((await dataSource.getRepository(User).findOneByOrFail({ id: editor.id })).departmentId).toBe(target.body.id);
    expect(await dataSource.getRepository(DepartmentAlias).findOneBy({ alias: '市质监局' })).toMatchObject({ departmentId: target.body.id });
    const listed = await api.get(`/api/items?plan=${planId}&department=${target.body.id}&pageSize=100`);
    expect(listed.body.total).toBe(moved.length);
    const audit = await api.get('/api/audit?action=department.merge');
    expect(audit.body.entries).toHaveLength(1);
    expect(audit.body.entries[0].before.from.name).toBe('市质监局');
  });

  it('assigns all items of a section in bulk, with a deadline in working days from assignment', async () => {
    const items = dataSource.getRepository(Item);
    const tasks = await items.find({ where: { planId, kind: 'task' } });
    const sections = await items.find({ where: { planId, kind: 'section' }, order: { order: 'ASC' } });
    const tasksOf = (s: Item) => tasks.filter((t) => t.path[0] === s.number + s.title);
    const section = sections.reduce((best, s) => (tasksOf(s).length > tasksOf(best).length ? s : best));
    const under = tasksOf(section);
    expect(under.length).toBeGreaterThan(0);
    const lead = await api.request('POST', '/api/departments', { body: { name: '批量牵头局' } });
    // From Tuesday 2024-10-08: 10-09, 10, 11, Saturday 10-12 (a make-up working day after the
    // National Day holiday), 14, 15, 16, 17, 18, 21: the tenth working day is 2024-10-21.
    clock.set(shanghaiInstant('2024-10-08', 10));
    const bulk = await api.request('POST', '/api/assignments/bulk', { body: { section: section.id, lead: lead.body.id, deadline: '10个工作日内' } });
    expect(bulk.status).toBe(200);
    expect(bulk.body.itemIds.sort()).toEqual(under.map((t) => t.id).sort());
    for (const id of bulk.body.itemIds) {
      const item = (await api.get(`/api/items/${id}`)).body;
      expect([item.lead, item.deadline, item.deadlineKind, item.assignedOn]).toEqual([['批量牵头局'], '2024-10-21', 'workdays', '2024-10-08']);
    }
    expect((await api.request('POST', '/api/assignments/bulk', { body: { lead: lead.body.id } })).status).toBe(400);
    const coordinator = await createUser('office', 'coordinator');
    const token = await api.login('office', PASSWORD);
    const ongoing = await api.request('POST', '/api/assignments/bulk', { token, body: { itemIds: [under[0]!.id], deadline: '持续推进' } });
    expect(ongoing.status).toBe(200);
    expect((await api.get(`/api/items/${under[0]!.id}`)).body).toMatchObject({ deadline: null, deadlineKind: 'ongoing', dueText: '持续推进', overdue: false });
    expect(coordinator.id).toBeGreaterThan(0);
  });

  it('proposes the deadlines printed in the document, counting 工作日 from the assignment', async () => {
    const gold = loadGold().find((g) => g.seed.startsWith('001_'))!;
    const parsed = parsedPlanFromGold(gold);
    parsed.title = '工作日期限测试方案';
    parsed.issued = '2024-09-01';
    const tasks = parsed.items.map((item, index) => ({ item, index })).filter(({ item }) => item.kind === 'task');
    tasks[0]!.item.due = '10个工作日内';
    tasks[1]!.item.due = '年内';
    const { plan } = await new PlanImportService(dataSource, jsonParser).importBuffer(Buffer.from(JSON.stringify(parsed)), 'workdays.json');
    const rows = await dataSource.getRepository(Item).find({ where: { planId: plan.id, kind: 'task' }, order: { order: 'ASC' } });
    const [workdays, withinYear] = [rows[0]!, rows[1]!];
    expect((await api.get(`/api/items/${withinYear.id}`)).body).toMatchObject({ dueText: '年内', deadline: '2024-12-31', deadlineKind: 'year_end' });
    const proposed = (await api.get(`/api/items/${workdays.id}`)).body;
    expect([proposed.dueText, proposed.deadline, proposed.deadlineKind]).toEqual(['10个工作日内', null, 'workdays']);
    // Assigned on Monday 2024-11-04: the tenth working day after it is Monday 2024-11-18.
    clock.set(shanghaiInstant('2024-11-04', 10));
    api.adminToken = await api.login('admin', db.env.DUBAN_ADMIN_PASSWORD!);
    const dept = await api.request('POST', '/api/departments', { body: { name: '工作日牵头局' } });
    const assigned = await api.request('PUT', `/api/items/${workdays.id}/assignment`, { body: { lead: dept.body.id, version: proposed.version } });
    expect(assigned.status).toBe(200);
    expect([assigned.body.deadline, assigned.body.deadlineKind, assigned.body.assignedOn]).toEqual(['2024-11-18', 'workdays', '2024-11-04']);
  });

  it('takes indicator readings and says whether each is met, on pace or behind', async () => {
    const plan = await dataSource.getRepository(Plan).findOneByOrFail({ id: planId });
    const indicator = await dataSource.getRepository(Indicator).save({
      planId: plan.id,
      name: '测试指标',
      op: '>=',
      targetValue: 180,
      unit: '家',
      targetYear: 2025,
      path: [],
      order: 999,
    });
    const dept = await api.request('POST', '/api/departments', { body: { name: '指标填报局' } });
    await createUser('stats', 'editor', dept.body.id);
    const stats = await api.login('stats', PASSWORD);
    // The 质量强市办 names the responsible department, whose editors enter the readings.
    expect((await api.request('PUT', `/api/indicators/${indicator.id}/department`, { body: { departmentId: dept.body.id } })).status).toBe(200);
    const empty = await api.request('GET', `/api/indicators/${indicator.id}/readings`, { token: stats });
    expect([empty.status, empty.body.progress]).toEqual([200, 'no_data']);
    await api.request('PUT', `/api/indicators/${indicator.id}/readings/2023`, { token: stats, body: { value: 100 } });
    const onPace = await api.request('PUT', `/api/indicators/${indicator.id}/readings/2024-06`, { token: stats, body: { value: 140, note: '快报' } });
    expect([onPace.status, onPace.body.progress, onPace.body.progressLabel]).toEqual([200, 'on_pace', '进度正常']);
    const behind = await api.request('PUT', `/api/indicators/${indicator.id}/readings/2024-06`, { token: stats, body: { value: 110 } });
    expect(behind.body.progress).toBe('behind');
    const met = await api.request('PUT', `/api/indicators/${indicator.id}/readings/2024-12`, { token: stats, body: { value: 181 } });
    expect([met.body.progress, met.body.readings.map((r: { period: string }) => r.period)]).toEqual(['met', ['2023', '2024-06', '2024-12']]);
    // Another department cannot overwrite these; a viewer writes nothing; bad periods are 400.
    const otherDept = await api.request('POST', '/api/departments', { body: { name: '别的局' } });
    await createUser('otherstats', 'editor', otherDept.body.id);
    const other = await api.login('otherstats', PASSWORD);
    expect((await api.request('PUT', `/api/indicators/${indicator.id}/readings/2023`, { token: other, body: { value: 1 } })).status).toBe(403);
    await createUser('readingviewer', 'viewer');
    const viewer = await api.login('readingviewer', PASSWORD);
    expect((await api.request('PUT', `/api/indicators/${indicator.id}/readings/2025`, { token: viewer, body: { value: 1 } })).status).toBe(403);
    expect((await api.request('PUT', `/api/indicators/${indicator.id}/readings/2024-13`, { token: stats, body: { value: 1 } })).status).toBe(400);
    expect((await api.request('PUT', `/api/indicators/${indicator.id}/readings/2024`, { token: stats, body: { value: 'many' } })).status).toBe(400);
    expect((await api.request('GET', `/api/indicators/${indicator.id}/readings`, { token: stats })).body.readings[0].value).toBe(100);
  });
});
