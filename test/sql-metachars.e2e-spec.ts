// SQL metacharacters in every filter and sort key of the list endpoints (items, 督办总览, audit, progress
// reports, extensions, notifications, bulk assignment) and in stored text (department and user names):
// never a 5xx, never more rows than the filter selects (a department that does not exist selects nothing),
// "%", "_" and "\" in a text search match literally, and no table changes size.
import { ENTITIES, Item } from '#domain';
import { PlanImportService } from '#plan-import';
import { DataSource, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { startApp, type RunningApp } from './helpers/app.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';

const PASSWORD = 'sql-pass-word-1';

// A plan whose texts hold the characters LIKE and SQL treat specially.
const PLAN = [
  '某某市2026年质量强市工作要点',
  '一、重点任务',
  '1.提升产品合格率至100%以上。(市市场监管局牵头,市发改委配合)',
  '2.推进a_b标准化建设。(市发改委负责)',
  '3.完善质量\\档案\\管理。(市工信局负责)',
  `4.加强"品牌"建设与'宣传'。(市商务局负责)`,
  '5.开展质量提升行动。(市市场监管局负责)',
  '6.推广100_200工程;DROP TABLE item;--。(市商务局负责)',
  '',
].join('\n');

/** Values that end or extend a quoted SQL string, comment the rest out, or act as LIKE wildcards. */
const METACHARS = [
  "' OR 1=1 --",
  "' OR '1'='1",
  '"; DROP TABLE item; --',
  "'; DELETE FROM item; --",
  '1; DROP TABLE item',
  '1 OR 1=1',
  '(select 1)',
  "') UNION SELECT * FROM user --",
  '%',
  '_',
  '\\',
  '%%',
  '_%_',
  '\\%',
  "'",
  '"',
  '`',
  ';',
  '--',
  '/*',
  // NUL ends a C string: SQLite's LIKE stopped at it and matched every row; PostgreSQL refuses it in text.
  '\u0000',
  'a\u0000b',
];

const SORT_KEYS = ['id; DROP TABLE item', '(select 1)', 'title desc', "title'--", 'item.id', '1', 'RANDOM()', 'deadline,(select 1)'];

describe('SQL metacharacters in filters, sort keys and stored text', () => {
  let db: TestDatabase;
  let api: RunningApp;
  let ds: DataSource;
  let editorToken: string;
  let planId: number;
  let items: Item[];
  /** The task the department user leads. */
  let ledItem: number;

  const counts = async (): Promise<Record<string, number>> => {
    const out: Record<string, number> = {};
    for (const entity of ENTITIES) out[(entity as { name: string }).name] = await ds.getRepository(entity as EntityTarget<ObjectLiteral>).count();
    return out;
  };
  const get = (path: string, token = api.adminToken) => api.request('GET', path, { token });
  const q = (params: Record<string, string>) => `?${new URLSearchParams(params).toString()}`;
  /** Items whose title or body holds the text, the way a literal search must find them. */
  const literal = (text: string) => items.filter((i) => i.title.includes(text) || i.body.includes(text)).map((i) => i.id).sort((a, b) => a - b);

  beforeAll(async () => {
    db = await createTestDatabase({ DUBAN_CLOCK: '2026-03-02T09:00:00+08:00' });
    api = await startApp(db);
    ds = api.app.get(DataSource);
    const { plan } = await new PlanImportService(ds).importBuffer(Buffer.from(PLAN), '工作要点.txt');
    planId = plan.id;
    items = await ds.getRepository(Item).find({ where: { planId } });
    // The plan holds what the literal searches below need: one title with each character.
    expect(['%', '_', '\\', "'", '"', ';'].map((c) => literal(c).length)).toEqual([1, 2, 1, 1, 1, 1]);
    const dept = await api.request('POST', '/api/departments', { body: { name: '测试局' } });
    await api.request('POST', '/api/users', { body: { username: 'sql-editor', displayName: '填报员', password: PASSWORD, role: 'editor', departmentId: dept.body.id } });
    editorToken = await api.login('sql-editor', PASSWORD);
    const task = items.find((i) => i.title.startsWith('开展'))!;
    ledItem = task.id;
    const item = (await get(`/api/items/${task.id}`)).body;
    expect((await api.request('PUT', `/api/items/${task.id}/assignment`, { body: { version: item.version, lead: dept.body.id, deadline: '2026年12月底前' } })).status).toBe(200);
    expect((await api.request('PUT', `/api/items/${task.id}/reports/2026-03`, { token: editorToken, body: { text: '进展 100% 完成_a' } })).status).toBe(200);
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    await db?.cleanup();
  });

  it('reads with metacharacters in every filter: no 5xx, no extra rows, nothing written', async () => {
    const before = await counts();
    const failures: string[] = [];
    const check = async (path: string, ok: (body: any) => string | null, token?: string) => {
      const res = await get(path, token);
      if (res.status >= 500) failures.push(`${path} -> ${res.status}`);
      else if (res.status === 200) {
        const wrong = ok(res.body);
        if (wrong) failures.push(`${path} -> ${wrong}`);
      } else if (res.status !== 400 && res.status !== 404) failures.push(`${path} -> ${res.status} ${JSON.stringify(res.body)}`);
    };
    const none = (rows: unknown[] | undefined) => (rows && rows.length === 0 ? null : `rows leaked: ${JSON.stringify(rows).slice(0, 200)}`);
    for (const value of METACHARS) {
      // Free text: exactly the items that hold the text literally.
      await check(`/api/items${q({ q: value })}`, (b) => {
        const ids = b.items.map((i: { id: number }) => i.id).sort((x: number, y: number) => x - y);
        const expected = literal(value.trim());
        return b.total === expected.length && JSON.stringify(ids) === JSON.stringify(expected) ? null : `${b.total} rows, expected ${expected.length}`;
      });
      await check(`/api/dashboard/items${q({ q: value, pageSize: '500' })}`, (b) => {
        const expected = items.filter((i) => i.kind !== 'section' && `${i.number}${i.title}`.includes(value.trim())).length;
        return b.items.every((r: { number: string; title: string }) => `${r.number}${r.title}`.includes(value.trim())) && b.total <= expected ? null : `${b.total} rows for "${value}"`;
      });
      // Ids, enumerations, dates, actions and periods: refused or matching nothing.
      for (const name of ['plan', 'department', 'kind', 'status', 'overdue', 'page', 'pageSize']) await check(`/api/items${q({ [name]: value })}`, (b) => none(b.items));
      for (const name of ['plan', 'section', 'department', 'role', 'light', 'status', 'due', 'deadlineFrom', 'deadlineTo', 'dir', 'page', 'pageSize']) {
        await check(`/api/dashboard/items${q({ [name]: value })}`, (b) => none(b.items));
      }
      for (const name of ['plan', 'department']) await check(`/api/dashboard/${name === 'plan' ? 'summary' : 'workbench'}${q({ [name]: value })}`, () => 'answered 200');
      for (const name of ['item', 'action', 'page', 'pageSize']) await check(`/api/audit${q({ [name]: value })}`, (b) => none(b.entries));
      for (const name of ['item', 'period', 'department']) await check(`/api/progress-reports${q({ [name]: value })}`, (b) => none(b), editorToken);
      await check(`/api/extensions${q({ state: value })}`, (b) => none(b));
      for (const name of ['status', 'kind']) await check(`/api/notifications${q({ [name]: value })}`, (b) => none(b));
      // The same text as a path segment where a period or an id belongs.
      const put = await api.request('PUT', `/api/items/${ledItem}/reports/${encodeURIComponent(value)}`, { token: editorToken, body: { text: value } });
      if (put.status !== 400 && put.status !== 404) failures.push(`PUT report period ${value} -> ${put.status}`);
      await check(`/api/indicators/${encodeURIComponent(value)}/readings`, () => 'answered 200');
      await check(`/api/outbox/${encodeURIComponent(value)}`, () => 'answered 200');
      await check(`/api/reports/jobs/${encodeURIComponent(value)}`, () => 'answered 200');
    }
    for (const sort of SORT_KEYS) {
      for (const path of ['/api/dashboard/items', '/api/dashboard/items.xlsx']) {
        const res = await get(`${path}${q({ sort, dir: 'desc' })}`);
        if (res.status !== 400) failures.push(`${path} sort=${sort} -> ${res.status}`);
        const dir = await get(`${path}${q({ sort: 'title', dir: sort })}`);
        if (dir.status !== 400) failures.push(`${path} dir=${sort} -> ${dir.status}`);
      }
    }
    expect(failures).toEqual([]);
    expect(await counts()).toEqual(before);
  });

  it('finds "%", "_" and "\\" literally, in the item search and the 督办总览', async () => {
    const found = async (path: string) => ((await get(path)).body.items as { id: number }[]).map((i) => i.id).sort((a, b) => a - b);
    const titled = (text: string) => items.filter((i) => i.title.includes(text)).map((i) => i.id).sort((a, b) => a - b);
    expect(await found(`/api/items${q({ q: '%' })}`)).toEqual(titled('100%以上'));
    expect(await found(`/api/items${q({ q: '100%' })}`)).toEqual(titled('100%以上'));
    expect(await found(`/api/items${q({ q: '_' })}`)).toEqual([...titled('a_b'), ...titled('100_200')].sort((a, b) => a - b));
    // As LIKE patterns "_" would be any one character and "%" any run of them: they must not act so.
    expect(await found(`/api/items${q({ q: '0_2' })}`)).toEqual(titled('100_200'));
    expect(await found(`/api/items${q({ q: '\\' })}`)).toEqual(literal('\\'));
    expect(await found(`/api/items${q({ q: '%_%' })}`)).toEqual([]);
    expect(await found(`/api/items${q({ q: '\\%' })}`)).toEqual([]);
    expect(await found(`/api/items${q({ q: 'DROP TABLE item;--' })}`)).toEqual(literal('DROP TABLE item;--'));
    expect(literal('DROP TABLE item;--')).toHaveLength(1);
    expect(await found(`/api/dashboard/items${q({ q: '%' })}`)).toEqual(titled('100%以上'));
    expect(await found(`/api/dashboard/items${q({ q: '_' })}`)).toEqual([...titled('a_b'), ...titled('100_200')].sort((a, b) => a - b));
    expect(await found(`/api/dashboard/items${q({ q: '%_%' })}`)).toEqual([]);
  });

  it('bulk assignment by a filter touches only what the filter selects', async () => {
    const before = await counts();
    // A department that does not exist selects nothing (not every item).
    const nobody = await api.request('POST', '/api/assignments/bulk', { body: { department: 999_999, deadline: '年内' } });
    expect([nobody.status, nobody.body.updated]).toEqual([200, 0]);
    const quote = await api.request('POST', '/api/assignments/bulk', { body: { q: "' OR 1=1 --", deadline: '年内' } });
    expect([quote.status, quote.body.updated]).toEqual([200, 0]);
    expect(await counts()).toEqual(before);
    // "%" selects the one item that holds a percent sign.
    const percent = await api.request('POST', '/api/assignments/bulk', { body: { q: '%', deadline: '2026年12月底前' } });
    expect([percent.status, percent.body.itemIds]).toEqual([200, literal('%')]);
    const underscore = await api.request('POST', '/api/assignments/bulk', { body: { q: '_', plan: planId, deadline: '2026年12月底前' } });
    expect([underscore.status, [...underscore.body.itemIds].sort((a, b) => a - b)]).toEqual([200, literal('_')]);
  });

  it('stores names full of metacharacters as typed and reads them back', async () => {
    const before = await counts();
    const names = ['"; DROP TABLE item; --', "市'局' OR 1=1 --", '100%_\\局', "Robert'); DROP TABLE department;--"];
    const ids: number[] = [];
    for (const name of names) {
      const created = await api.request('POST', '/api/departments', { body: { name } });
      expect([created.status, created.body.name]).toEqual([201, name]);
      ids.push(created.body.id);
    }
    const user = await api.request('POST', '/api/users', { body: { username: 'o.brien', displayName: "O'Brien\"; DROP TABLE user; --", password: PASSWORD, role: 'viewer' } });
    expect([user.status, user.body.displayName]).toEqual([201, "O'Brien\"; DROP TABLE user; --"]);
    const alias = await api.request('POST', `/api/departments/${ids[0]}/aliases`, { body: { alias: "旧称' OR '1'='1" } });
    expect(alias.status).toBe(201);
    // Listed exactly once each, the alias resolving to its own department only.
    const list = (await get('/api/departments')).body as { id: number; name: string; aliases: string[] }[];
    for (const name of names) expect(list.filter((d) => d.name === name)).toHaveLength(1);
    expect(list.filter((d) => d.aliases.includes("旧称' OR '1'='1")).map((d) => d.id)).toEqual([ids[0]]);
    const users = (await get('/api/users')).body as { displayName: string }[];
    expect(users.filter((u) => u.displayName.includes('DROP TABLE'))).toHaveLength(1);
    // Every table still there, grown by exactly what was written (4 departments, 1 alias, 1 user and their audit rows).
    const after = await counts();
    expect(after.Item).toBe(before.Item);
    expect(after.Department).toBe(before.Department! + 4);
    expect(after.DepartmentAlias).toBe(before.DepartmentAlias! + 1);
    expect(after.User).toBe(before.User! + 1);
    expect((await get(`/api/items${q({ plan: String(planId), pageSize: '100' })}`)).body.total).toBe(items.length);
  });
});
