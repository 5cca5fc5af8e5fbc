// Errors as data on real endpoints: each refusal names the field it concerns (its path in the request, its
// Chinese name and a code), and `message` stays the readable Chinese sentence(s).
import { DataSource } from 'typeorm';
import { startApp, type RunningApp } from './helpers/app.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';
import { seedPlan } from './worker-support/worker.js';

const PASSWORD = 'errors-pass-1';

describe('errors as data', () => {
  let db: TestDatabase;
  let api: RunningApp;
  let itemId: number;
  let departmentId: number;

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startApp(db);
    const seed = await seedPlan(api.app.get(DataSource), {
      departments: [{ name: '市市场监管局', contactEmails: ['scj@duban.test'] }],
      items: [{ number: '1', title: '加强质量文化宣传', deadline: '2026-10-22', lead: '市市场监管局' }],
    });
    itemId = seed.items.get('1')!.id;
    departmentId = seed.departments.get('市市场监管局')!.id;
    expect((await api.request('POST', '/api/users', { body: { username: 'taken', displayName: '张三', password: PASSWORD, role: 'viewer' } })).status).toBe(201);
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    await db?.cleanup();
  });

  /** [status, code, [field, fieldLabel, code] of each field error]; checks every field message is in `message`. */
  const refusal = async (method: string, path: string, body: unknown, token?: string) => {
    const res = await api.request(method, path, { body, ...(token ? { token } : {}) });
    const errors = (res.body.errors ?? []) as { field: string; fieldLabel: string; code: string; message: string }[];
    const messages = ([] as string[]).concat(res.body.message);
    for (const e of errors) {
      expect(messages).toContain(e.message);
      expect(e.message).toMatch(/[\u4e00-\u9fff]/u);
    }
    return [res.status, res.body.code, errors.map((e) => [e.field, e.fieldLabel, e.code])];
  };

  it.each([
    ['a department with a bad address', 'POST', '/api/departments', { name: '市科技局', contactEmails: ['not-an-address'] }, [400, 'invalid_request', [['contactEmails', '联系邮箱', 'invalid_email']]]],
    ['a department without a name', 'POST', '/api/departments', { name: '' }, [400, 'invalid_request', [['name', '单位名称', 'required']]]],
    ['a department name already used', 'POST', '/api/departments', { name: '市市场监管局' }, [409, 'conflict', [['name', '单位名称', 'duplicate']]]],
    ['a user with a taken login name', 'POST', '/api/users', { username: 'taken', displayName: '李四', password: PASSWORD, role: 'viewer' }, [409, 'conflict', [['username', '登录名', 'duplicate']]]],
    ['an editor without a department', 'POST', '/api/users', { username: 'ed1', displayName: '王五', password: PASSWORD, role: 'editor' }, [400, 'invalid_request', [['departmentId', '所属单位', 'required']]]],
    ['a user with a bad role and an unknown field', 'POST', '/api/users', { username: 'x2', displayName: '赵六', password: PASSWORD, role: 'boss', colour: 1 }, [400, 'invalid_request', [['colour', 'colour', 'unknown_field'], ['role', '角色', 'not_allowed']]]],
    ['a reporting day out of range', 'PUT', '/api/settings/reminder-rules', { beforeDays: [7, 1], onDay: true, overdueEvery: 3, escalateFrom: 5, copyCo: [], reportDueDay: 40, reportDutyBefore: 3, officeHours: [9, 18] }, [400, 'invalid_request', [['reportDueDay', '每月报送日', 'out_of_range']]]],
    ['a day both off and worked', 'PUT', '/api/settings/calendar', { holidays: ['2026-10-13'], workdays: ['2026-10-13'] }, [400, 'invalid_request', [['workdays', '调休上班日期', 'invalid_format']]]],
    ['a holiday that is no date', 'PUT', '/api/settings/calendar', { holidays: ['2026-02-30'], workdays: [] }, [400, 'invalid_request', [['holidays', '放假日期', 'invalid_format']]]],
  ])('%s', async (_name, method, path, body, expected) => {
    expect(await refusal(method, path, body)).toEqual(expected);
  });

  it('names the fields of an item request, and a reason the status change needs', async () => {
    const { body: item } = await api.get(`/api/items/${itemId}`);
    expect(await refusal('PUT', `/api/items/${itemId}/reports/2026-10`, { text: '进展', percent: 150 })).toEqual([400, 'invalid_request', [['percent', '完成进度', 'out_of_range']]]);
    expect(await refusal('POST', `/api/items/${itemId}/transitions`, { action: 'explode' })).toEqual([
      400,
      'invalid_request',
      expect.arrayContaining([
        ['action', '操作', 'not_allowed'],
        ['version', '版本', expect.any(String)],
      ]),
    ]);
    expect(await refusal('POST', `/api/items/${itemId}/transitions`, { action: 'suspend', version: item.version })).toEqual([400, 'invalid_request', [['reason', '理由', 'required']]]);
  });

  it('says the field in Chinese in the message too', async () => {
    const res = await api.request('POST', '/api/departments', { body: { name: '市科技局', contactEmails: ['x'] } });
    expect(res.body).toMatchObject({ statusCode: 400, code: 'invalid_request', message: ['联系邮箱中有无效的邮箱地址'], errors: [{ field: 'contactEmails', fieldLabel: '联系邮箱', code: 'invalid_email', message: '联系邮箱中有无效的邮箱地址' }] });
  });

  it('gives every error answer a code, with no field errors where no field is concerned', async () => {
    const cases: [string, string, unknown, string | null, number, string][] = [
      ['GET', '/api/nowhere', undefined, undefined as unknown as string, 404, 'not_found'],
      ['GET', '/api/items', undefined, null, 401, 'unauthenticated'],
      ['GET', '/api/items/abc', undefined, undefined as unknown as string, 400, 'invalid_request'],
      ['POST', `/api/departments/${departmentId}/merge`, { from: departmentId }, undefined as unknown as string, 409, 'conflict'],
    ];
    for (const [method, path, body, token, status, code] of cases) {
      const res = await api.request(method, path, { body, ...(token === null ? { token: null } : {}) });
      expect([path, res.status, res.body.code, typeof res.body.error, res.body.errors]).toEqual([path, status, code, 'string', undefined]);
    }
    const viewer = await api.login('taken', PASSWORD);
    const refused = await api.request('POST', '/api/departments', { body: { name: '市科技局' }, token: viewer });
    expect([refused.status, refused.body.code]).toEqual([403, 'forbidden']);
    const notJson = await fetch(`${api.baseUrl}/api/departments`, { method: 'POST', headers: { authorization: `Bearer ${api.adminToken}`, 'content-type': 'application/json' }, body: '{"name":' });
    expect([notJson.status, await notJson.json()]).toEqual([400, { statusCode: 400, code: 'invalid_request', error: '请求参数有误', message: ['请求内容不是有效的 JSON'] }]);
  });
});
