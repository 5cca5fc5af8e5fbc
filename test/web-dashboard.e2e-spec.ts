// The read-only views behind 工作台 and 督办总览 (apps/api/src/dashboard): who may see what,
// filters checked against the database, and Excel exports that never carry a formula.
import { Assignment, Department, Item, Plan, ProgressReport, Urge, User } from '#domain';
import ExcelJS from 'exceljs';
import { DataSource, In, IsNull } from 'typeorm';
import { SeedingService } from '../apps/api/src/seeding/seeding.service.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';
import { SEEDS_DIR } from './helpers/gold.js';

const PASSWORD = 'dash-pass-word-1';

describe('dashboard views', () => {
  let db: TestDatabase;
  let api: RunningApp;
  let dataSource: DataSource;
  let editorToken: string;
  let viewerToken: string;
  let deptId: number;
  let otherDeptId: number;

  beforeAll(async () => {
    db = await createTestDatabase({ DUBAN_CLOCK: '2025-03-10T10:00:00+08:00' });
    api = await startApp(db);
    dataSource = api.app.get(DataSource);
    await api.app.get(SeedingService).seedIfEmpty(SEEDS_DIR);
    const leads = await dataSource.getRepository(Assignment).find({ where: { role: 'lead' }, order: { id: 'ASC' } });
    deptId = leads[0]!.departmentId;
    otherDeptId = leads.find((a) => a.departmentId !== deptId)!.departmentId;
    await api.request('POST', '/api/users', { body: { username: 'ed', displayName: '填报', password: PASSWORD, role: 'editor', departmentId: deptId } });
    await api.request('POST', '/api/users', { body: { username: 'vi', displayName: '只读', password: PASSWORD, role: 'viewer' } });
    editorToken = await api.login('ed', PASSWORD);
    // Three tasks overdue by different amounts on 2025-03-10.
    const tasks = await dataSource.getRepository(Item).find({ where: { kind: 'task', deadline: IsNull() }, order: { id: 'ASC' }, take: 3 });
    for (const [i, deadline] of ['2025-02-28', '2024-12-31', '2025-01-31'].entries()) {
      const item = (await api.get(`/api/items/${tasks[i]!.id}`)).body;
      expect((await api.request('PUT', `/api/items/${item.id}/deadline`, { body: { deadline, version: item.version } })).status).toBe(200);
    }
    viewerToken = await api.login('vi', PASSWORD);
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    await db?.cleanup();
  });

  it('keeps 督办总览 and the settings to the coordinating office', async () => {
    expect((await api.request('GET', '/api/dashboard/summary', { token: editorToken })).status).toBe(403);
    expect((await api.request('GET', '/api/settings', { token: viewerToken })).status).toBe(403);
    expect((await api.request('GET', '/api/dashboard/summary', { token: null })).status).toBe(401);
    const summary = await api.get('/api/dashboard/summary');
    expect(summary.status).toBe(200);
    const tasks = await dataSource.getRepository(Item).count({ where: { kind: 'task', plan: { current: true } } });
    expect(summary.body.totals.items).toBe(tasks);
    const byPlanTotal = summary.body.byPlan.reduce((s: number, p: { total: number }) => s + p.total, 0);
    expect(byPlanTotal).toBe(tasks);
  });

  it('shows a department only its own 工作台; the coordinator any', async () => {
    const own = await api.request('GET', '/api/dashboard/workbench', { token: editorToken });
    expect(own.status).toBe(200);
    expect(own.body.department.id).toBe(deptId);
    const led = await dataSource.getRepository(Assignment).find({ where: { departmentId: deptId, role: 'lead' }, relations: { item: { plan: true } } });
    const expected = led.filter((a) => a.item.kind === 'task' && a.item.plan.current).map((a) => a.itemId).sort();
    expect(own.body.lead.map((r: { id: number }) => r.id).sort()).toEqual(expected);
    expect(own.body.period).toBe('2025-03');
    expect((await api.request('GET', `/api/dashboard/workbench?department=${otherDeptId}`, { token: editorToken })).status).toBe(403);
    const other = await api.get(`/api/dashboard/workbench?department=${otherDeptId}`);
    expect(other.body.department.id).toBe(otherDeptId);
    expect((await api.request('GET', '/api/dashboard/workbench', { token: viewerToken })).body.message).toEqual(['您的账号未归属任何单位,请选择要查看的单位']);
  });

  it('shows on the 工作台 each item as 督办总览 does, with the department\'s own report of the month', async () => {
    const admin = await dataSource.getRepository(User).findOneByOrFail({ username: 'admin' });
    const assignments = dataSource.getRepository(Assignment);
    const own = await assignments.find({ where: { departmentId: deptId, item: { kind: 'task', plan: { current: true } } }, order: { id: 'ASC' } });
    const led = own.filter((a) => a.role === 'lead');
    const supported = own.filter((a) => a.role === 'co');
    expect(led.length).toBeGreaterThan(1);
    expect(supported.length).toBeGreaterThan(0);
    // A second lead department for one item; the lead's submitted report for another; the department's draft for an item it supports.
    const onItem = new Set((await assignments.findBy({ itemId: led[0]!.itemId })).map((a) => a.departmentId));
    const stranger = (await dataSource.getRepository(Department).find()).find((d) => !onItem.has(d.id))!;
    const second = await assignments.save(assignments.create({ itemId: led[0]!.itemId, departmentId: stranger.id, role: 'lead' }));
    const reports = dataSource.getRepository(ProgressReport);
    const report = (itemId: number, departmentId: number, role: 'lead' | 'co', state: 'draft' | 'submitted', late: boolean) =>
      reports.save(reports.create({ itemId, departmentId, role, period: '2025-03', text: '进展', percent: 10, state, submittedAt: state === 'submitted' ? new Date('2025-03-09T01:00:00Z') : null, late, authorId: admin.id }));
    const submitted = await report(led[1]!.itemId, deptId, 'lead', 'submitted', true);
    // A draft counts as not reported: on an open item not yet overdue, the light says so.
    const notDue = await dataSource.getRepository(Item).find({ where: { id: In(led.slice(2).map((a) => a.itemId)), status: In(['未启动', '推进中']), deadline: IsNull() } });
    expect(notDue.length).toBeGreaterThan(0);
    const leadDraft = await report(notDue[0]!.id, deptId, 'lead', 'draft', false);
    const lead = await assignments.findOneByOrFail({ itemId: supported[0]!.itemId, role: 'lead' });
    const draft = await report(supported[0]!.itemId, deptId, 'co', 'draft', false);
    const leadReport = await report(supported[0]!.itemId, lead.departmentId, 'lead', 'submitted', false);
    try {
      const page = (await api.request('GET', '/api/dashboard/workbench', { token: editorToken })).body;
      const overview = (await api.get(`/api/dashboard/items?department=${deptId}&pageSize=500`)).body;
      expect(overview.total).toBe(own.length);
      const shown = (r: { id: number; number: string; title: string; planTitle: string; status: string; dueText: string | null; deadline: string | null; daysLeft: number | null; overdue: boolean; light: string; lightReasons: string[]; lead: string[] }) => ({
        id: r.id, number: r.number, title: r.title, planTitle: r.planTitle, status: r.status, dueText: r.dueText, deadline: r.deadline, daysLeft: r.daysLeft, overdue: r.overdue, light: r.light, lightReasons: r.lightReasons, lead: [...r.lead].sort(),
      });
      const byId = (a: { id: number }, b: { id: number }) => a.id - b.id;
      expect([...page.lead, ...page.co].map(shown).sort(byId)).toEqual(overview.items.map(shown).sort(byId));
      expect(page.lead.map((r: { id: number }) => r.id).sort()).toEqual(led.map((a) => a.itemId).sort());
      expect(page.co.map((r: { id: number }) => r.id).sort()).toEqual(supported.map((a) => a.itemId).sort());
      const row = (id: number) => [...page.lead, ...page.co].find((r: { id: number }) => r.id === id);
      expect(row(led[0]!.itemId).lead).toHaveLength(2);
      expect(row(led[1]!.itemId).myReport).toEqual({ id: submitted.id, state: 'submitted', late: true });
      expect(row(led[1]!.itemId).lightReasons).not.toContain('本月进展未报送');
      expect(row(supported[0]!.itemId).myReport).toEqual({ id: draft.id, state: 'draft', late: false });
      expect(row(notDue[0]!.id).myReport).toEqual({ id: leadDraft.id, state: 'draft', late: false });
      expect(row(notDue[0]!.id).lightReasons).toContain('本月进展未报送');
      expect(row(supported[0]!.itemId).lightReasons).not.toContain('本月进展未报送');
      expect(page.due.map((r: { id: number }) => r.id)).toContain(supported[0]!.itemId);
      expect(page.due.map((r: { id: number }) => r.id)).not.toContain(led[1]!.itemId);
    } finally {
      await reports.delete({ id: In([submitted.id, draft.id, leadReport.id, leadDraft.id]) });
      await assignments.delete({ id: second.id });
    }
  });

  it('lists on the 工作台 the urges of items the department leads or supports, newest first, and no others', async () => {
    const admin = await dataSource.getRepository(User).findOneByOrFail({ username: 'admin' });
    const item = await dataSource.getRepository(Assignment).findOneByOrFail({ departmentId: deptId, role: 'lead' });
    const repo = dataSource.getRepository(Urge);
    const urge = (message: string, lead: number, co: number[]) =>
      repo.save(repo.create({ itemId: item.itemId, fromUserId: admin.id, message, leadDepartmentId: lead, coDepartmentIds: co, createdAt: new Date('2025-03-12T02:00:00Z'), deliveredAt: null }));
    const asLead = await urge('牵头', deptId, []);
    const asCo = await urge('配合', otherDeptId, [otherDeptId + 1000, deptId]);
    // Ids that contain this department's id as digits ("1" in "10", "21") are other departments.
    await urge('他人', otherDeptId, [Number(`${deptId}0`), Number(`2${deptId}`)]);
    const page = (await api.request('GET', '/api/dashboard/workbench', { token: editorToken })).body;
    const mine = page.urges.filter((u: { id: number }) => u.id >= asLead.id);
    expect(mine.map((u: { id: number; role: string; message: string }) => [u.id, u.role, u.message])).toEqual([
      [asCo.id, 'co', '配合'],
      [asLead.id, 'lead', '牵头'],
    ]);
    await repo.delete({ message: In(['牵头', '配合', '他人']) });
  });

  it('lists at most 200 items waiting for 销号 on 督办总览, with the total of all', async () => {
    // 250 more tasks waiting for 销号, copies of one task of a current plan.
    const repo = dataSource.getRepository(Item);
    const model = await repo.findOneByOrFail({ kind: 'task', plan: { current: true } });
    const { id: _id, ...fields } = model;
    const copies = await repo.save(Array.from({ length: 250 }, (_, i) => repo.create({ ...fields, number: `9${i}`, normalizedNumber: `9${i}`, order: 100_000 + i, title: `待销号${i}`, status: '已完成(待审核)' })));
    try {
      const waiting = await repo.count({ where: { kind: 'task', status: '已完成(待审核)', plan: { current: true } } });
      const summary = (await api.get('/api/dashboard/summary')).body;
      expect(summary.totals.waitingClose).toBe(waiting);
      expect(waiting).toBeGreaterThanOrEqual(250);
      expect(summary.waitingClose).toHaveLength(200);
      expect(summary.overdue.length).toBe(Math.min(200, summary.totals.overdue));
    } finally {
      await repo.delete({ id: In(copies.map((c) => c.id)) });
    }
  });

  it('ranks departments and draws the monthly trend from the database figures', async () => {
    // One late lead report this month (2025-03) and one on time last month, for an item the department leads; one urge.
    const led = await dataSource.getRepository(Assignment).find({ where: { departmentId: deptId, role: 'lead', item: { kind: 'task', plan: { current: true } } }, relations: { item: true } });
    const admin = await dataSource.getRepository(User).findOneByOrFail({ username: 'admin' });
    const repo = dataSource.getRepository(ProgressReport);
    const write = (period: string, late: boolean) =>
      repo.save(repo.create({ itemId: led[0]!.itemId, departmentId: deptId, role: 'lead', period, text: '进展', percent: 10, state: 'submitted', submittedAt: new Date('2025-03-10T01:00:00Z'), late, authorId: admin.id }));
    await write('2025-03', true);
    await write('2025-02', false);
    expect((await api.request('POST', `/api/items/${led[0]!.itemId}/urges`, { body: { message: '请报送进展' } })).status).toBe(201);

    const summary = (await api.get('/api/dashboard/summary')).body;
    const row = summary.ranking.find((r: { departmentId: number }) => r.departmentId === deptId);
    const co = await dataSource.getRepository(Assignment).count({ where: { departmentId: deptId, role: 'co', item: { kind: 'task', plan: { current: true } } } });
    const overdue = (await api.get(`/api/dashboard/items?department=${deptId}&role=lead&due=overdue&pageSize=500`)).body.total;
    expect(row).toEqual(expect.objectContaining({ lead: led.length, co, overdue, lateReports: 1 }));
    expect(summary.ranking.map((r: { rank: number }) => r.rank)).toEqual(summary.ranking.map((_: unknown, i: number) => i + 1));
    expect(summary.trend.map((t: { month: string }) => t.month)).toEqual(['2024-10', '2024-11', '2024-12', '2025-01', '2025-02', '2025-03']);
    expect(summary.trend.at(-1)).toEqual({ month: '2025-03', reports: 1, late: 1, urges: 1, closed: 0 });
    expect(summary.trend.at(-2)).toEqual({ month: '2025-02', reports: 1, late: 0, urges: 0, closed: 0 });
  });

  it('filters items by department, light and due date, matching the item API', async () => {
    const page = await api.get(`/api/dashboard/items?department=${deptId}&role=lead&pageSize=500`);
    expect(page.status).toBe(200);
    expect(page.body.total).toBeGreaterThan(0);
    for (const row of page.body.items) {
      const item = await api.get(`/api/items/${row.id}`);
      expect(item.body.departments).toContainEqual(expect.objectContaining({ id: deptId, role: 'lead' }));
      // Light and 逾期 are the same as the item API derives.
      expect([row.light, row.overdue]).toEqual([item.body.light, item.body.overdue]);
    }
    const red = await api.get('/api/dashboard/items?light=red&pageSize=500');
    expect(red.body.items.every((r: { light: string }) => r.light === 'red')).toBe(true);
    expect(red.body.total).toBe(red.body.counts.light.red);
    const overdue = await api.get('/api/dashboard/items?due=overdue&sort=daysLeft&pageSize=500');
    expect(overdue.body.total).toBeGreaterThanOrEqual(3);
    const days = overdue.body.items.map((r: { daysLeft: number }) => r.daysLeft);
    expect(days.every((d: number) => d < 0)).toBe(true);
    expect(days).toEqual([...days].sort((a, b) => a - b));
    // The overdue list reads only items past their deadline: the same rows, sections included, as the full list shows.
    const all = await api.get('/api/dashboard/items?pageSize=500');
    expect(all.body.total).toBeLessThanOrEqual(500);
    const byId = (rows: { id: number }[]) => [...rows].sort((a, b) => a.id - b.id);
    expect(byId(overdue.body.items)).toEqual(byId(all.body.items.filter((r: { overdue: boolean }) => r.overdue)));
    expect(overdue.body.items.some((r: { section: string | null }) => r.section !== null)).toBe(true);
    const bad = await api.get('/api/dashboard/items?light=blue&deadlineFrom=2025-13-01');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toEqual(expect.arrayContaining(['红绿灯必须是 red、yellow 或 green', '期限起始日期无效,格式为 YYYY-MM-DD']));
  });

  it('filters by section: only items under it', async () => {
    // A section with tasks under it (sections may hold only text).
    const sections = await dataSource.getRepository(Item).find({ where: { kind: 'section', plan: { current: true } }, order: { id: 'ASC' } });
    const task = await dataSource.getRepository(Item).findOneByOrFail({ kind: 'task', parentId: In(sections.map((x) => x.id)) });
    const section = sections.find((x) => x.id === task.parentId)!;
    const plan = await dataSource.getRepository(Plan).findOneByOrFail({ id: section.planId });
    const page = await api.get(`/api/dashboard/items?plan=${plan.id}&section=${section.id}&pageSize=500`);
    const under = await dataSource.getRepository(Item).findBy({ planId: plan.id, kind: 'task' });
    const byId = new Map((await dataSource.getRepository(Item).findBy({ planId: plan.id })).map((i) => [i.id, i]));
    const inside = (id: number): boolean => {
      const parent = byId.get(id)?.parentId ?? null;
      return parent === section.id || (parent !== null && inside(parent));
    };
    expect(page.body.total).toBeGreaterThan(0);
    expect(page.body.items.map((r: { id: number }) => r.id).sort()).toEqual(under.filter((i) => inside(i.id)).map((i) => i.id).sort());
  });

  it('exports tables to Excel without formulas', async () => {
    const res = await fetch(`${api.baseUrl}/api/dashboard/export`, {
      method: 'POST',
      headers: { authorization: `Bearer ${editorToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: '单位排名', columns: ['单位', '数'], rows: [['=HYPERLINK("http://x","y")', 3], ['+1', '-2'], ['@SUM(A1)', null]] }),
    });
    expect(res.status).toBe(200);
    expect(decodeURIComponent(res.headers.get('content-disposition') ?? '')).toContain('单位排名.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await res.arrayBuffer()) as never);
    const sheet = wb.getWorksheet('单位排名')!;
    expect(sheet.getRow(2).getCell(1).value).toBe('\'=HYPERLINK("http://x","y")');
    expect(sheet.getRow(2).getCell(2).value).toBe(3);
    expect(sheet.getRow(3).getCell(1).value).toBe("'+1");
    expect(sheet.getRow(3).getCell(2).value).toBe("'-2");
    expect(sheet.getRow(4).getCell(1).value).toBe("'@SUM(A1)");
    const bad = await api.request('POST', '/api/dashboard/export', { body: { title: '', columns: 'x', rows: [] } });
    expect(bad.status).toBe(400);

    const all = await fetch(`${api.baseUrl}/api/dashboard/items.xlsx?department=${deptId}`, { headers: { authorization: `Bearer ${api.adminToken}` } });
    const items = new ExcelJS.Workbook();
    await items.xlsx.load((await all.arrayBuffer()) as never);
    const count = (await api.get(`/api/dashboard/items?department=${deptId}`)).body.total;
    expect(items.worksheets[0]!.rowCount - 1).toBe(count);
  });

  it('exports a table of 10,000 rows from a page, while other requests keep the small body limit', async () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => [`第${i + 1}项 加强质量文化宣传,推进品牌建设`, i, '市市场监管局']);
    const body = JSON.stringify({ title: '事项查询', columns: ['事项', '序号', '牵头单位'], rows });
    expect(Buffer.byteLength(body)).toBeGreaterThan(500_000);
    const res = await fetch(`${api.baseUrl}/api/dashboard/export`, { method: 'POST', headers: { authorization: `Bearer ${editorToken}`, 'content-type': 'application/json' }, body });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await res.arrayBuffer()) as never);
    const sheet = wb.getWorksheet('事项查询')!;
    expect(sheet.rowCount).toBe(10_001);
    expect(sheet.getRow(10_001).getCell(2).value).toBe(9_999);
    // Any other route still refuses a body over 100 kB.
    const big = await fetch(`${api.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'x'.repeat(200_000), password: 'y' }) });
    expect(big.status).toBe(413);
  });
});
