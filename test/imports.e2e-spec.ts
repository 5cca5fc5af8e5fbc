// 计划导入 through the API: preview without writing, map unknown departments, save, revise.
import { Assignment, AuditLog, Department, DepartmentAlias, Item, Plan } from '#domain';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { startApp, type RunningApp } from './helpers/app.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';

const SEED_001 = readFileSync(join(process.cwd(), 'seeds', '001_f45f8dcdffc8ad1c.txt'));

function form(file: Buffer, name: string, fields: Record<string, string> = {}): FormData {
  const data = new FormData();
  data.append('file', new Blob([new Uint8Array(file)]), name);
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  return data;
}

describe('plan import API', () => {
  let db: TestDatabase;
  let api: RunningApp;
  let dataSource: DataSource;

  const post = async (path: string, body: FormData, token: string | null = api.adminToken) => {
    const response = await fetch(api.baseUrl + path, { method: 'POST', body, headers: token ? { Authorization: `Bearer ${token}` } : {} });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response shapes are asserted field by field
    return { status: response.status, body: (await response.json()) as any };
  };
  const count = (entity: typeof Plan | typeof Item | typeof Department | typeof DepartmentAlias | typeof Assignment) => dataSource.getRepository(entity).count();

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startApp(db);
    dataSource = api.app.get(DataSource);
    // One department the office already knows under today's name.
    await dataSource.getRepository(Department).insert({ name: '市市场监管局', contactEmails: null });
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    await db?.cleanup();
  });

  it('previews a document without writing anything', async () => {
    const { status, body } = await post('/api/imports/preview', form(SEED_001, '实施意见.txt'));
    expect(status).toBe(200);
    expect(body.fileName).toBe('实施意见.txt');
    expect(body.plan.title).toBe('关于进一步加快质量发展建设质量强市的实施意见');
    expect(body.plan.items).toHaveLength(15);
    expect(body.alreadyImported).toBeNull();
    const zhijian = body.departments.find((d: { name: string }) => d.name === '市质监局');
    expect(zhijian).toEqual({ name: '市质监局', departmentId: null, departmentName: null, items: 10 });
    // Each item shows the note its units were read from; an item without units shows none.
    const brand = body.plan.items.find((i: { title: string }) => i.title === '实施品牌发展战略');
    expect(brand.lead).toEqual(['市质监局']);
    expect(brand.note).toMatch(/^\(市质监局牵头,市发改委、市经信委.*分工负责\)$/);
    expect(body.plan.items.find((i: { lead: string[] }) => i.lead.length === 0).note).toBeNull();
    expect([await count(Plan), await count(Item), await count(Department)]).toEqual([0, 0, 1]);
  });

  it('saves with "市质监局" mapped to 市市场监管局, recording the alias', async () => {
    const target = await dataSource.getRepository(Department).findOneByOrFail({ name: '市市场监管局' });
    const { status, body } = await post('/api/imports', form(SEED_001, '实施意见.txt', { mapping: JSON.stringify({ 市质监局: target.id }) }));
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'created', version: 1, title: '关于进一步加快质量发展建设质量强市的实施意见' });
    expect(await dataSource.getRepository(Department).findOneBy({ name: '市质监局' })).toBeNull();
    expect(await dataSource.getRepository(DepartmentAlias).findOneBy({ alias: '市质监局' })).toMatchObject({ departmentId: target.id });
    // (二)加强标准化建设 under 三、 is led by 市质监局 in the text: now by 市市场监管局.
    const item = await dataSource.getRepository(Item).findOneByOrFail({ planId: body.planId, title: '加强标准化建设' });
    const leads = await dataSource.getRepository(Assignment).find({ where: { itemId: item.id, role: 'lead' } });
    expect(leads.map((a) => a.departmentId)).toEqual([target.id]);
  });

  it('tells in the preview that the same file was imported, and saving it again creates nothing', async () => {
    const before = [await count(Plan), await count(Item), await count(Assignment)];
    const preview = await post('/api/imports/preview', form(SEED_001, '实施意见.txt'));
    expect(preview.body.alreadyImported).toMatchObject({ version: 1 });
    expect(preview.body.departments.find((d: { name: string }) => d.name === '市质监局').departmentName).toBe('市市场监管局');
    const again = await post('/api/imports', form(SEED_001, '实施意见.txt'));
    expect(again.body.status).toBe('unchanged');
    expect([await count(Plan), await count(Item), await count(Assignment)]).toEqual(before);
  });

  it('saves a revised document as version 2 and lists what changed', async () => {
    const revised = Buffer.from(SEED_001.toString('utf8').replace('(四)推进检验检测认证产业发展', '(四)推进检验检测认证服务业发展'));
    const preview = await post('/api/imports/preview', form(revised, '实施意见(修订).txt'));
    expect(preview.body.revises).toMatchObject({ version: 1 });
    const { body } = await post('/api/imports', form(revised, '实施意见(修订).txt'));
    expect(body).toMatchObject({ status: 'revised', version: 2 });
    expect(body.diff.changed.map((c: { title: string; previousTitle: string }) => [c.previousTitle, c.title])).toEqual([['推进检验检测认证产业发展', '推进检验检测认证服务业发展']]);
    expect(body.diff.added).toEqual([]);
    expect(body.diff.removed).toEqual([]);
  });

  it.each([
    ['empty.txt', Buffer.alloc(0), 400, '空文件'],
    ['scan.pdf', Buffer.from('%PDF-1.7\n'), 400, 'PDF'],
    ['notes.txt', Buffer.from('没有编号的一段文字。'), 400, '未能'],
  ])('refuses %s with a Chinese message and writes nothing', async (name, bytes, status, words) => {
    const before = await count(Plan);
    const res = await post('/api/imports/preview', form(bytes, name));
    expect(res.status).toBe(status);
    expect(res.body.message.join()).toContain(words);
    const saved = await post('/api/imports', form(bytes, name));
    expect(saved.status).toBe(status);
    expect(await count(Plan)).toBe(before);
  });

  it('refuses an upload over 20 MB with 413 and a Chinese message', async () => {
    const res = await post('/api/imports/preview', form(Buffer.alloc(21 * 1024 * 1024, 0x41), 'big.txt'));
    expect(res.status).toBe(413);
    expect(res.body.message.join()).toContain('20 MB');
  });

  it('lets only the coordinating office and admins import, and records who imported what', async () => {
    const department = await dataSource.getRepository(Department).findOneByOrFail({ name: '市市场监管局' });
    const users = [
      { username: 'viewer1', displayName: '只读用户', password: 'viewer-password', role: 'viewer' },
      { username: 'editor1', displayName: '填报员', password: 'editor-password', role: 'editor', departmentId: department.id },
    ];
    for (const body of users) expect((await api.request('POST', '/api/users', { body })).status).toBe(201);
    const before = await count(Plan);
    const another = form(Buffer.from(SEED_001.toString('utf8').replace('实施意见', '实施意见(三)')), 'x.txt');
    const asViewer = await post('/api/imports', another, await api.login('viewer1', 'viewer-password'));
    expect([asViewer.status, asViewer.body.message]).toEqual([403, '只读用户不能修改数据']);
    const asEditor = await post('/api/imports/preview', another, await api.login('editor1', 'editor-password'));
    expect(asEditor.status).toBe(403);
    expect(asEditor.body.message).toMatch(/质量强市办/);
    expect((await post('/api/imports/preview', form(SEED_001, 'x.txt'), null)).status).toBe(401);
    expect(await count(Plan)).toBe(before);
    const audit = await dataSource.getRepository(AuditLog).find({ where: { entityType: 'plan' }, order: { id: 'ASC' } });
    expect(audit.map((a) => a.action)).toEqual(['plan.import', 'plan.revise']);
  });

  it('refuses a request without a file, and a mapping to an unknown department, without writing', async () => {
    const none = new FormData();
    none.append('mapping', '{}');
    expect((await post('/api/imports/preview', none)).status).toBe(400);
    const before = await count(DepartmentAlias);
    const bad = await post('/api/imports', form(Buffer.from(SEED_001.toString('utf8').replace('实施意见', '实施意见(二)')), 'x.txt', { mapping: JSON.stringify({ 市经信委: 999999 }) }));
    expect(bad.status).toBe(400);
    expect(bad.body.message.join()).toContain('单位不存在');
    const malformed = await post('/api/imports', form(SEED_001, 'x.txt', { mapping: '{not json' }));
    expect(malformed.status).toBe(400);
    expect(await count(DepartmentAlias)).toBe(before);
  });
});
