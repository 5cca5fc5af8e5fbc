// The department workflow through HTTP, per role, on the Xiamen plan (seed 004):
// a coordinator assigns a lead and two co departments with a deadline; the co departments
// contribute; the lead reports 60% and then completion; the coordinator returns the item once
// and then closes it; the audit log shows every step; every forbidden attempt fails with the
// right status and changes nothing.
import { AuditLog, CLOCK, FixedClock, Item, Plan, shanghaiInstant, Urge } from '#domain';
import { PlanImportService } from '#plan-import';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { type HttpResult, startApp, type RunningApp } from './helpers/app.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';
import { SEEDS_DIR } from './helpers/gold.js';

const XIAMEN = '004_60e92da960188409.txt';
const PASSWORD = 'pass-word-123';

describe('department workflow', () => {
  let db: TestDatabase;
  let api: RunningApp;
  let dataSource: DataSource;
  let clock: FixedClock;
  const dept: Record<string, number> = {};
  const token: Record<string, string> = {};
  let itemId: number;
  let item2Id: number;

  const at = (day: string, hour = 9) => clock.set(shanghaiInstant(day, hour));
  const as = (who: string) => ({
    get: (path: string) => api.request('GET', path, { token: token[who] }),
    post: (path: string, body: unknown = {}) => api.request('POST', path, { token: token[who], body }),
    put: (path: string, body: unknown) => api.request('PUT', path, { token: token[who], body }),
  });
  const item = async (id = itemId) => (await as('coord').get(`/api/items/${id}`)).body;
  const auditCount = () => dataSource.getRepository(AuditLog).count();
  const expectStatus = (result: HttpResult, status: number, message?: RegExp) => {
    expect([result.status, result.body?.message]).toEqual([status, expect.anything()]);
    if (message) expect(JSON.stringify(result.body.message)).toMatch(message);
  };
  /** Runs a forbidden attempt and checks it left the item and the audit log as they were. */
  const refused = async (attempt: () => Promise<HttpResult>, status: number, message?: RegExp, id = itemId) => {
    const before = [await item(id), await auditCount()];
    const result = await attempt();
    expectStatus(result, status, message);
    expect([await item(id), await auditCount()]).toEqual(before);
  };

  beforeAll(async () => {
    // Sessions outlast the months this suite moves through (expiry has its own test).
    db = await createTestDatabase({ DUBAN_CLOCK: '2024-10-08T09:00:00+08:00', DUBAN_SESSION_HOURS: '100000', DUBAN_UPLOAD_MAX_MB: '1' });
    api = await startApp(db);
    dataSource = api.app.get(DataSource);
    clock = api.app.get(CLOCK);
    const { plan } = await new PlanImportService(dataSource).importFile(join(SEEDS_DIR, XIAMEN));
    expect(plan.title).toContain('厦门');
    const tasks = await dataSource.getRepository(Item).find({ where: { planId: plan.id, kind: 'task' }, order: { order: 'ASC' } });
    itemId = tasks[0]!.id;
    item2Id = tasks[1]!.id;

    const names = { office: '市质量强市办', lead: '市市场监管局', co1: '市发改委', co2: '市工信局', other: '市教育局' };
    for (const [key, name] of Object.entries(names)) {
      const created = await api.request('POST', '/api/departments', { body: { name, contactEmails: [`${key}@example.gov.cn`] } });
      expect(created.status).toBe(201);
      dept[key] = created.body.id;
    }
    const users: [string, string, number | undefined][] = [
      ['coord', 'coordinator', dept.office],
      ['lead', 'editor', dept.lead],
      ['co1', 'editor', dept.co1],
      ['co2', 'editor', dept.co2],
      ['other', 'editor', dept.other],
      ['viewer', 'viewer', undefined],
    ];
    for (const [username, role, departmentId] of users) {
      const created = await api.request('POST', '/api/users', { body: { username, displayName: username, password: PASSWORD, role, departmentId } });
      expect(created.status).toBe(201);
      token[username] = await api.login(username, PASSWORD);
    }
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    await db?.cleanup();
  });

  it('runs the whole cycle: assign, contribute, 60%, complete, return, complete, close, audited', async () => {
    const start = await item();
    expect(start.status).toBe('未启动');

    // The coordinator assigns a lead and two co departments with a deadline.
    const assigned = await as('coord').put(`/api/items/${itemId}/assignment`, { lead: dept.lead, co: [dept.co1, dept.co2], deadline: '2024年12月底前', version: start.version });
    expect(assigned.status).toBe(200);
    expect(assigned.body).toMatchObject({ lead: ['市市场监管局'], co: ['市发改委', '市工信局'], deadline: '2024-12-31', deadlineKind: 'month_end', assignedOn: '2024-10-08' });
    expect(assigned.body.version).toBe(start.version + 1);
    // Far from the deadline, but this month's progress report is missing: yellow.
    expect([assigned.body.light, assigned.body.lightReasons, assigned.body.overdue]).toEqual(['yellow', ['本月进展未报送'], false]);

    // The lead starts the item.
    const started = await as('lead').post(`/api/items/${itemId}/transitions`, { action: 'start', version: assigned.body.version });
    expect([started.status, started.body.status]).toEqual([200, '推进中']);

    // Co departments contribute; a draft stays private to its department until submitted.
    const draft = await as('co1').put(`/api/items/${itemId}/reports/2024-10`, { text: '发改委:已将相关项目列入年度计划。' });
    expect([draft.status, draft.body.state, draft.body.role]).toEqual([200, 'draft', 'co']);
    const leadSeesBefore = await as('lead').get(`/api/progress-reports?item=${itemId}&period=2024-10`);
    expect(leadSeesBefore.body).toEqual([]);
    expect((await as('coord').get(`/api/progress-reports?item=${itemId}`)).body).toEqual([]);
    // Never every report of the province at once.
    const unbounded = await as('coord').get('/api/progress-reports?period=2024-10');
    expect([unbounded.status, unbounded.body.message]).toEqual([400, ['请指定事项(item)或单位(department)']]);
    expect((await as('co1').get(`/api/progress-reports?item=${itemId}`)).body.map((r: { id: number }) => r.id)).toEqual([draft.body.id]);
    expect((await as('lead').get(`/api/progress-reports/${draft.body.id}`)).status).toBe(404);
    const co1 = await as('co1').post(`/api/items/${itemId}/reports/2024-10/submit`, { version: draft.body.version });
    expect([co1.status, co1.body.state, co1.body.late]).toEqual([200, 'submitted', false]);
    const co2Draft = await as('co2').put(`/api/items/${itemId}/reports/2024-10`, { text: '工信局:已组织企业开展培训。' });
    expect((await as('co2').post(`/api/items/${itemId}/reports/2024-10/submit`, { version: co2Draft.body.version })).status).toBe(200);

    // The lead sees both contributions while writing the consolidated report: 60%.
    const contributions = await as('lead').get(`/api/progress-reports?item=${itemId}&period=2024-10`);
    expect(contributions.body.map((r: { departmentName: string; role: string }) => [r.departmentName, r.role]).sort()).toEqual([
      ['市发改委', 'co'],
      ['市工信局', 'co'],
    ]);
    const leadDraft = await as('lead').put(`/api/items/${itemId}/reports/2024-10`, { text: '汇总:完成总体进度的六成。', percent: 60 });
    expect([leadDraft.status, leadDraft.body.role, leadDraft.body.percent]).toEqual([200, 'lead', 60]);
    const edited = await as('lead').put(`/api/items/${itemId}/reports/2024-10`, { text: '汇总:已完成总体进度的六成。', percent: 60, version: leadDraft.body.version });
    expect(edited.status).toBe(200);
    // An attachment, downloadable by anyone who may read the submitted report.
    const form = new FormData();
    form.append('file', new Blob([Buffer.from('佐证材料')]), '佐证材料.txt');
    const attached = await api.request('POST', `/api/progress-reports/${leadDraft.body.id}/attachments`, { token: token.lead, body: form });
    expect([attached.status, attached.body.fileName, attached.body.size]).toEqual([201, '佐证材料.txt', Buffer.byteLength('佐证材料')]);
    const leadReport = await as('lead').post(`/api/items/${itemId}/reports/2024-10/submit`, { version: edited.body.version });
    expect([leadReport.status, leadReport.body.percent, leadReport.body.late]).toEqual([200, 60, false]);
    const download = await fetch(`${api.baseUrl}/api/progress-reports/${leadDraft.body.id}/attachments/${attached.body.id}`, { headers: { authorization: `Bearer ${token.viewer}` } });
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).toString('utf8')).toBe('佐证材料');
    expect([(await item()).light, (await item()).percent]).toEqual(['green', 60]);

    // 延期申请 before the deadline; the coordinator approves and the deadline moves, history kept.
    at('2024-12-02');
    const asked = await as('lead').post(`/api/items/${itemId}/extensions`, { requestedDeadline: '2025-03-31', reason: '专家评审推迟' });
    expect([asked.status, asked.body.state, asked.body.previousDeadline]).toEqual([201, 'pending', '2024-12-31']);
    expect(new Date(asked.body.createdAt).toISOString()).toBe(shanghaiInstant('2024-12-02', 9).toISOString());
    const approved = await as('coord').post(`/api/extensions/${asked.body.id}/approve`, { reason: '同意' });
    expect([approved.status, approved.body.state]).toEqual([200, 'approved']);
    expect((await item()).deadline).toBe('2025-03-31');
    expect((await as('viewer').get(`/api/items/${itemId}/extensions`)).body.map((e: { state: string }) => e.state)).toEqual(['approved']);

    // The December report comes after the 25th: late. Then the lead reports completion.
    at('2024-12-27');
    const decDraft = await as('lead').put(`/api/items/${itemId}/reports/2024-12`, { text: '已全部完成。', percent: 100 });
    const dec = await as('lead').post(`/api/items/${itemId}/reports/2024-12/submit`, { version: decDraft.body.version });
    expect([dec.status, dec.body.late]).toEqual([200, true]);
    expect((await item()).percent).toBe(100);
    let current = await item();
    // 报完成 states what was done (办结情况): without it, 400 and nothing changes.
    await refused(() => as('lead').post(`/api/items/${itemId}/transitions`, { action: 'complete', version: current.version }), 400, /报完成必须填写办结情况/);
    const completed = await as('lead').post(`/api/items/${itemId}/transitions`, { action: 'complete', reason: '已全部完成。', version: current.version });
    expect([completed.status, completed.body.status, completed.body.completion?.statement]).toEqual([200, '已完成(待审核)', '已全部完成。']);

    // The coordinator returns it once, with a reason (without one: 400).
    await refused(() => as('coord').post(`/api/items/${itemId}/transitions`, { action: 'return', version: completed.body.version }), 400, /退回必须填写退回理由/);
    const returned = await as('coord').post(`/api/items/${itemId}/transitions`, { action: 'return', reason: '佐证材料不全', version: completed.body.version });
    expect([returned.status, returned.body.status, returned.body.statusReason]).toEqual([200, '推进中', '佐证材料不全']);

    // The lead completes again; the coordinator closes (销号).
    const again = await as('lead').post(`/api/items/${itemId}/transitions`, { action: 'complete', reason: '已补充佐证材料。', version: returned.body.version });
    expect(again.body.status).toBe('已完成(待审核)');
    // 销号 carries a 销号意见: without one, 400.
    await refused(() => as('coord').post(`/api/items/${itemId}/transitions`, { action: 'close', version: again.body.version }), 400, /销号必须填写销号意见/);
    const closed = await as('coord').post(`/api/items/${itemId}/transitions`, { action: 'close', reason: '同意销号', version: again.body.version });
    expect([closed.status, closed.body.status, closed.body.overdue, closed.body.statusReason]).toEqual([200, '已销号', false, '同意销号']);
    await refused(() => as('coord').post(`/api/items/${itemId}/transitions`, { action: 'return', reason: '再看看', version: closed.body.version }), 409, /已销号/);

    // The audit log shows every step, in order, with who did it and before/after.
    const audit = await as('coord').get(`/api/items/${itemId}/audit`);
    expect(audit.status).toBe(200);
    const steps = audit.body.entries.map((e: { action: string; username: string; after: { action?: string } }) => [e.username, e.action, e.after?.action ?? '']);
    expect(steps).toEqual([
      ['coord', 'item.assign', ''],
      ['lead', 'item.transition', 'start'],
      ['co1', 'report.create', ''],
      ['co1', 'report.submit', ''],
      ['co2', 'report.create', ''],
      ['co2', 'report.submit', ''],
      ['lead', 'report.create', ''],
      ['lead', 'report.save', ''],
      ['lead', 'report.attach', ''],
      ['lead', 'report.submit', ''],
      ['lead', 'extension.request', ''],
      ['coord', 'item.deadline.extend', ''],
      ['coord', 'extension.approve', ''],
      ['lead', 'report.create', ''],
      ['lead', 'report.submit', ''],
      ['lead', 'item.transition', 'complete'],
      ['coord', 'item.transition', 'return'],
      ['lead', 'item.transition', 'complete'],
      ['coord', 'item.transition', 'close'],
    ]);
    const assign = audit.body.entries[0];
    expect(assign.before).toMatchObject({ lead: null, co: [], deadline: start.deadline });
    expect(assign.after).toMatchObject({ lead: dept.lead, co: [dept.co1, dept.co2], deadline: '2024-12-31' });
    const ret = audit.body.entries[16];
    expect([ret.before.status, ret.after.status, ret.after.statusReason]).toEqual(['已完成(待审核)', '推进中', '佐证材料不全']);
    expect(new Date(ret.at).toISOString()).toBe(shanghaiInstant('2024-12-27', 9).toISOString());
    const system = await as('coord').get('/api/audit?action=item.transition');
    expect(system.body.entries.length).toBe(5);
    current = await item();
    expect(current.status).toBe('已销号');
  });

  it('refuses every forbidden attempt with the right status and changes nothing', async () => {
    at('2024-10-09');
    const it2 = await item(item2Id);
    // Only coordinators assign; a viewer writes nothing.
    await refused(() => as('lead').put(`/api/items/${item2Id}/assignment`, { lead: dept.lead, version: it2.version }), 403, /只有质量强市办可以分配/, item2Id);
    await refused(() => as('viewer').put(`/api/items/${item2Id}/assignment`, { lead: dept.lead, version: it2.version }), 403, /只读用户/, item2Id);
    const assigned = await as('coord').put(`/api/items/${item2Id}/assignment`, { lead: dept.lead, co: [dept.co1], deadline: '2024-10-31', version: it2.version });
    expect(assigned.status).toBe(200);
    const v = assigned.body.version;

    // Another department's item, whatever the route.
    await refused(() => as('other').post(`/api/items/${item2Id}/transitions`, { action: 'start', version: v }), 403, /非本事项责任单位/, item2Id);
    await refused(() => as('other').put(`/api/items/${item2Id}/reports/2024-10`, { text: '越权' }), 403, /不是该事项的牵头单位或配合单位/, item2Id);
    await refused(() => as('other').post(`/api/items/${item2Id}/extensions`, { requestedDeadline: '2024-12-31', reason: '越权' }), 403, /只有牵头单位/, item2Id);
    // A co-department changing status, or asking for an extension.
    await refused(() => as('co1').post(`/api/items/${item2Id}/transitions`, { action: 'start', version: v }), 403, /配合单位不能启动/, item2Id);
    await refused(() => as('co1').post(`/api/items/${item2Id}/extensions`, { requestedDeadline: '2024-12-31', reason: '想延期' }), 403, /只有牵头单位/, item2Id);
    // A viewer writing anything.
    await refused(() => as('viewer').post(`/api/items/${item2Id}/transitions`, { action: 'start', version: v }), 403, /只读用户/, item2Id);
    await refused(() => as('viewer').put(`/api/items/${item2Id}/reports/2024-10`, { text: '只读' }), 403, /只读用户/, item2Id);
    await refused(() => as('viewer').post(`/api/items/${item2Id}/urges`, { message: '只读' }), 403, /只读用户/, item2Id);
    // Editors do not urge, close, approve or read the audit log; the lead cannot close its own item.
    await refused(() => as('lead').post(`/api/items/${item2Id}/urges`, { message: '自己催自己' }), 403, /只有质量强市办可以催办/, item2Id);
    await refused(() => as('lead').post(`/api/items/${item2Id}/transitions`, { action: 'close', reason: '自己销号', version: v }), 403, /只有质量强市办可以/, item2Id);
    expectStatus(await as('lead').get(`/api/items/${item2Id}/audit`), 403, /只有质量强市办、领导和管理员/);
    expectStatus(await as('coord').get('/api/users'), 403, /只有系统管理员/);
    // An illegal transition: 409 saying why.
    await refused(() => as('lead').post(`/api/items/${item2Id}/transitions`, { action: 'complete', reason: '完成', version: v }), 409, /当前状态为“未启动”,不能报完成/, item2Id);

    // A stale version: 409 and nothing overwritten.
    const started = await as('lead').post(`/api/items/${item2Id}/transitions`, { action: 'start', version: v });
    expect(started.status).toBe(200);
    await refused(() => as('coord').put(`/api/items/${item2Id}/deadline`, { deadline: '2025-06-30', version: v }), 409, /已被他人修改/, item2Id);
    await refused(() => as('lead').post(`/api/items/${item2Id}/transitions`, { action: 'complete', reason: '完成', version: v }), 409, /已被他人修改/, item2Id);
    expect((await item(item2Id)).deadline).toBe('2024-10-31');

    // Past the deadline: overdue and red (derived), and no extension any more.
    at('2024-11-05');
    const late = await item(item2Id);
    expect([late.overdue, late.light]).toEqual([true, 'red']);
    await refused(() => as('lead').post(`/api/items/${item2Id}/extensions`, { requestedDeadline: '2024-12-31', reason: '来不及' }), 409, /已过,不能再申请延期/, item2Id);
    const listed = await as('viewer').get(`/api/items?plan=${late.planId}&pageSize=100`);
    expect(listed.body.items.find((x: { id: number }) => x.id === item2Id)).toMatchObject({ overdue: true, light: 'red' });
    // The coordinating office's list of overdue items, and its complement.
    const overdue = await as('coord').get(`/api/items?plan=${late.planId}&overdue=true&pageSize=100`);
    expect(overdue.body.items.map((x: { id: number }) => x.id)).toEqual([item2Id]);
    const onTime = await as('coord').get(`/api/items?plan=${late.planId}&overdue=false&pageSize=100`);
    expect(onTime.body.total).toBe(listed.body.total - 1);
    const inProgress = await as('coord').get(`/api/items?plan=${late.planId}&status=${encodeURIComponent('推进中')}`);
    expect(inProgress.body.items.map((x: { id: number }) => x.id)).toEqual([item2Id]);
  });

  it('records an urge for delivery: lead and optionally co departments, not yet delivered', async () => {
    const before = await dataSource.getRepository(Urge).count();
    const urged = await as('coord').post(`/api/items/${item2Id}/urges`, { message: '已逾期,请尽快推进并报送进展。', includeCo: true });
    expect(urged.status).toBe(201);
    expect(urged.body).toMatchObject({ itemId: item2Id, leadDepartmentId: dept.lead, coDepartmentIds: [dept.co1], deliveredAt: null });
    const row = await dataSource.getRepository(Urge).findOneByOrFail({ id: urged.body.id });
    expect([row.message, row.deliveredAt, row.createdAt.toISOString()]).toEqual(['已逾期,请尽快推进并报送进展。', null, shanghaiInstant('2024-11-05', 9).toISOString()]);
    const leadOnly = await as('coord').post(`/api/items/${item2Id}/urges`, { message: '请牵头单位说明情况。' });
    expect(leadOnly.body.coDepartmentIds).toEqual([]);
    expect(await dataSource.getRepository(Urge).count()).toBe(before + 2);
    expect((await as('lead').get(`/api/items/${item2Id}/urges`)).body).toHaveLength(2);
  });

  it('refuses a revoked personal token', async () => {
    const created = await as('lead').post('/api/auth/tokens', { name: '脚本' });
    expect(created.status).toBe(201);
    const personal = created.body.token as string;
    expect((await api.request('GET', '/api/auth/me', { token: personal })).body.username).toBe('lead');
    // Stored hashed only.
    const stored = await dataSource.query(`SELECT ${dataSource.driver.escape('tokenHash')} AS h FROM ${dataSource.driver.escape('api_token')} WHERE id = ${Number(created.body.id)}`);
    expect(stored[0].h).toMatch(/^[0-9a-f]{64}$/);
    expect(stored[0].h).not.toContain(personal);
    // Another user cannot revoke it.
    expect((await api.request('DELETE', `/api/auth/tokens/${created.body.id}`, { token: token.co1 })).status).toBe(404);
    const revoked = await api.request('DELETE', `/api/auth/tokens/${created.body.id}`, { token: token.lead });
    expect(revoked.status).toBe(200);
    const after = await api.request('GET', '/api/auth/me', { token: personal });
    expect([after.status, after.body.message]).toEqual([401, '令牌无效、已过期或已被撤销']);
    const it2 = await item(item2Id);
    expect((await api.request('POST', `/api/items/${item2Id}/transitions`, { token: personal, body: { action: 'complete', version: it2.version } })).status).toBe(401);
    expect((await item(item2Id)).status).toBe(it2.status);
  });

  it('accepts a session cookie with its CSRF token and refuses a forged request', async () => {
    const login = await api.request('POST', '/api/auth/login', { token: null, body: { username: 'coord', password: PASSWORD } });
    const cookies = login.headers.getSetCookie();
    const session = cookies.find((c) => c.startsWith('duban_session='))!;
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
    const cookie = cookies.map((c) => c.split(';')[0]).join('; ');
    const csrf = cookies.find((c) => c.startsWith('duban_csrf='))!.split(';')[0]!.split('=')[1]!;
    expect(csrf).toBe(login.body.csrfToken);
    // Reading with the cookie alone works.
    expect((await api.request('GET', '/api/auth/me', { token: null, headers: { cookie } })).body.via).toBe('cookie');
    const body = { message: '请报送本月进展。' };
    // Forged: no token, a wrong token, the token of another session.
    await refused(() => api.request('POST', `/api/items/${item2Id}/urges`, { token: null, headers: { cookie }, body }), 403, /CSRF/, item2Id);
    await refused(() => api.request('POST', `/api/items/${item2Id}/urges`, { token: null, headers: { cookie, 'x-csrf-token': 'f'.repeat(64) }, body }), 403, /CSRF/, item2Id);
    const other = await api.request('POST', '/api/auth/login', { token: null, body: { username: 'coord', password: PASSWORD } });
    await refused(() => api.request('POST', `/api/items/${item2Id}/urges`, { token: null, headers: { cookie, 'x-csrf-token': other.body.csrfToken }, body }), 403, /CSRF/, item2Id);
    const urges = await dataSource.getRepository(Urge).count();
    const ok = await api.request('POST', `/api/items/${item2Id}/urges`, { token: null, headers: { cookie, 'x-csrf-token': csrf }, body });
    expect(ok.status).toBe(201);
    expect(await dataSource.getRepository(Urge).count()).toBe(urges + 1);
    // After logout the cookie no longer works.
    expect((await api.request('POST', '/api/auth/logout', { token: null, headers: { cookie, 'x-csrf-token': csrf } })).status).toBe(200);
    expect((await api.request('GET', '/api/auth/me', { token: null, headers: { cookie } })).status).toBe(401);
  });

  it('requires sign-in for data but keeps health public', async () => {
    expect((await api.request('GET', '/api/items', { token: null })).status).toBe(401);
    expect((await api.request('GET', '/api/items', { token: null })).body.message).toBe('请先登录');
    expect((await api.request('GET', '/health', { token: null })).status).toBe(200);
    // Every signed-in user reads every item.
    expect((await as('other').get(`/api/items/${itemId}`)).status).toBe(200);
    expect((await as('viewer').get(`/api/items/${itemId}`)).status).toBe(200);
  });

  it('answers bad input with 400 and Chinese field messages, never 500', async () => {
    const it2 = await item(item2Id);
    const cases: [string, string, unknown, RegExp][] = [
      ['POST', `/api/items/${item2Id}/transitions`, { action: 'explode', version: it2.version }, /操作必须是以下之一/],
      ['POST', `/api/items/${item2Id}/transitions`, { action: 'start', version: it2.version, hack: 1 }, /不支持的参数:hack/],
      ['POST', `/api/items/${item2Id}/transitions`, { action: 'start' }, /版本必须是整数/],
      ['PUT', `/api/items/${item2Id}/reports/2024-10`, { text: '进展', percent: 150 }, /完成进度必须是 0 到 100 之间的整数/],
      ['PUT', `/api/items/${item2Id}/reports/2024-13`, { text: '进展' }, /YYYY-MM/],
      ['PUT', `/api/items/${item2Id}/reports/2030-01`, { text: '进展' }, /不能报送未来月份/],
      ['POST', `/api/items/${item2Id}/extensions`, { requestedDeadline: '2025-02-30', reason: 'x' }, /不是有效日期/],
      ['POST', '/api/auth/login', { username: '', password: 'x' }, /请填写用户名/],
    ];
    for (const [method, path, body, message] of cases) {
      const result = await api.request(method, path, { token: token.lead, body });
      expect([method, path, result.status]).toEqual([method, path, 400]);
      expect(JSON.stringify(result.body.message)).toMatch(message);
    }
    const deadline = await as('coord').put(`/api/items/${item2Id}/deadline`, { deadline: '下辈子', version: it2.version });
    expect([deadline.status, JSON.stringify(deadline.body.message)]).toEqual([400, expect.stringMatching(/无法识别的期限/)]);
    const malformed = await fetch(`${api.baseUrl}/api/items/${item2Id}/transitions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token.lead}`, 'content-type': 'application/json' },
      body: '{"action": "start",',
    });
    expect([malformed.status, ((await malformed.json()) as { message: unknown }).message]).toEqual([400, ['请求内容不是有效的 JSON']]);
    const bad = new FormData();
    bad.append('file', new Blob([Buffer.from('MZ')]), 'virus.exe');
    const draft = await as('lead').put(`/api/items/${item2Id}/reports/2024-11`, { text: '草稿' });
    const upload = await api.request('POST', `/api/progress-reports/${draft.body.id}/attachments`, { token: token.lead, body: bad });
    expect([upload.status, JSON.stringify(upload.body.message)]).toEqual([400, expect.stringMatching(/不支持的附件类型/)]);
    // Two first drafts at once: one is created, the other gets a 409 (never a 500), on either database.
    const racing = await Promise.all([
      as('co1').put(`/api/items/${item2Id}/reports/2024-09`, { text: '甲' }),
      as('co1').put(`/api/items/${item2Id}/reports/2024-09`, { text: '乙' }),
    ]);
    expect(racing.map((r) => r.status).sort()).toEqual([200, 409]);
    const big = new FormData();
    big.append('file', new Blob([Buffer.alloc(1024 * 1024 + 1, 65)]), '大文件.txt');
    const tooBig = await api.request('POST', `/api/progress-reports/${draft.body.id}/attachments`, { token: token.lead, body: big });
    expect([tooBig.status, tooBig.body.message]).toEqual([413, ['附件不能超过 1 MB']]);
    expect((await as('lead').get(`/api/progress-reports/${draft.body.id}`)).body.attachments).toEqual([]);
  });
});
