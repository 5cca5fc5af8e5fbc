// Issue 19 findings 4 and 8: private drafts never readable through the audit log by people who cannot
// read the draft; indicator readings written by the indicator's responsible department or the
// coordinating office only, corrected by their writer or the office, with their history.
import { Indicator, Item } from '#domain';
import { PlanImportService } from '#plan-import';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { startApp, type RunningApp } from './helpers/app.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';
import { SEEDS_DIR } from './helpers/gold.js';

const XIAMEN = '004_60e92da960188409.txt';
const PASSWORD = 'Fang-Wen-Kong-Zhi-3';
const SECRET = '草稿里的内部意见:尚未定稿';

describe('drafts in the audit log, and who writes indicator readings', () => {
  let db: TestDatabase;
  let api: RunningApp;
  let dataSource: DataSource;
  const dept: Record<string, number> = {};
  const token: Record<string, string> = {};
  let itemId: number;

  beforeAll(async () => {
    db = await createTestDatabase({ DUBAN_CLOCK: '2024-10-08T09:00:00+08:00' });
    api = await startApp(db);
    dataSource = api.app.get(DataSource);
    const { plan } = await new PlanImportService(dataSource).importFile(join(SEEDS_DIR, XIAMEN));
    itemId = (await dataSource.getRepository(Item).findOneByOrFail({ planId: plan.id, kind: 'task' })).id;
    for (const [key, name] of Object.entries({ office: '市质量强市办', lead: '市市场监管局', stats: '市统计局', other: '市教育局' })) {
      dept[key] = (await api.request('POST', '/api/departments', { body: { name } })).body.id;
    }
    for (const [username, role, departmentId] of [
      ['coord', 'coordinator', dept.office],
      ['lead', 'editor', dept.lead],
      ['stats1', 'editor', dept.stats],
      ['stats2', 'editor', dept.stats],
      ['other', 'editor', dept.other],
    ] as const) {
      expect((await api.request('POST', '/api/users', { body: { username, displayName: username, password: PASSWORD, role, departmentId } })).status).toBe(201);
      token[username] = await api.login(username, PASSWORD);
    }
    const item = (await api.request('GET', `/api/items/${itemId}`)).body;
    expect((await api.request('PUT', `/api/items/${itemId}/assignment`, { token: token.coord, body: { lead: dept.lead, version: item.version } })).status).toBe(200);
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    await db?.cleanup();
  });

  it('keeps a draft out of the audit log until it is submitted', async () => {
    const draft = await api.request('PUT', `/api/items/${itemId}/reports/2024-10`, { token: token.lead, body: { text: SECRET } });
    expect(draft.status).toBe(200);
    const form = new FormData();
    form.append('file', new Blob(['内部材料']), '内部材料.txt');
    expect((await api.request('POST', `/api/progress-reports/${draft.body.id}/attachments`, { token: token.lead, body: form })).status).toBe(201);
    // The coordinator and the admin cannot read the draft ...
    expect((await api.request('GET', `/api/progress-reports/${draft.body.id}`, { token: token.coord })).status).toBe(404);
    // ... nor its entries in either audit view.
    for (const who of [token.coord, api.adminToken]) {
      for (const path of ['/api/audit?pageSize=200', `/api/items/${itemId}/audit?pageSize=200`, '/api/audit?action=report.create', '/api/audit?action=report.attach']) {
        const log = await api.request('GET', path, { token: who });
        expect(log.status).toBe(200);
        expect(JSON.stringify(log.body)).not.toContain(SECRET);
        expect(JSON.stringify(log.body)).not.toContain('内部材料');
        expect(log.body.entries.length).toBe(log.body.total > 200 ? 200 : log.body.total);
      }
    }
    const submitted = await api.request('POST', `/api/items/${itemId}/reports/2024-10/submit`, { token: token.lead, body: { version: draft.body.version } });
    expect(submitted.status).toBe(200);
    const after = await api.request('GET', `/api/items/${itemId}/audit?pageSize=200`, { token: token.coord });
    expect(after.body.entries.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['report.create', 'report.attach', 'report.submit']));
  });

  it('lets only the responsible department or the office write a reading, and keeps its corrections', async () => {
    const plan = (await dataSource.getRepository(Item).findOneByOrFail({ id: itemId })).planId;
    const indicator = await dataSource.getRepository(Indicator).save({ planId: plan, name: '测试指标', op: '>=', targetValue: 100, unit: '家', targetYear: 2025, path: [], order: 99, departmentId: null });
    const put = (who: string, period: string, value: number) => api.request('PUT', `/api/indicators/${indicator.id}/readings/${period}`, { token: token[who], body: { value } });
    // No responsible department yet: an editor may not be the first to claim the indicator.
    expect((await put('other', '2023', 1)).status).toBe(403);
    const set = await api.request('PUT', `/api/indicators/${indicator.id}/department`, { token: token.coord, body: { departmentId: dept.stats } });
    expect([set.status, set.body.departmentId]).toEqual([200, dept.stats]);
    expect((await api.request('PUT', `/api/indicators/${indicator.id}/department`, { token: token.lead, body: { departmentId: dept.lead } })).status).toBe(403);
    // Another department is refused, also for a new period; the responsible department writes.
    const refused = await put('other', '2024', 5);
    expect([refused.status, JSON.stringify(refused.body.message)]).toEqual([403, expect.stringContaining('市统计局')]);
    expect((await put('stats1', '2024', 50)).status).toBe(200);
    // The writer and the office correct it; a colleague of another department cannot.
    expect((await put('stats1', '2024', 55)).status).toBe(200);
    expect((await put('other', '2024', 1)).status).toBe(403);
    expect((await put('coord', '2024', 60)).status).toBe(200);
    const readings = await api.request('GET', `/api/indicators/${indicator.id}/readings`, { token: token.other });
    expect(readings.body.readings.map((r: { value: number }) => r.value)).toEqual([60]);
    const history = await api.request('GET', `/api/indicators/${indicator.id}/readings/2024/history`, { token: token.other });
    expect(history.status).toBe(200);
    expect(history.body.map((h: { value: number; username: string }) => [h.value, h.username])).toEqual([
      [50, 'stats1'],
      [55, 'stats1'],
      [60, 'coord'],
    ]);
  });
});
