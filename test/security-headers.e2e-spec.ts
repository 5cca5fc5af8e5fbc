// Security headers on every class of response (issue 19 finding 5), the queue dashboard behind the CSRF
// check with its actions audited (finding 6), the sheet titles of POST /api/dashboard/export (finding 7),
// and /api/docs and the queue counts of /health for signed-in admins only (finding 11).
import { MonthlyReport } from '#domain';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { webRoot } from '../apps/api/src/web/web.module.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { createTestDatabase, TEST_ADMIN_PASSWORD, type TestDatabase } from './helpers/database.js';

const STRICT = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'frame-ancestors': ["'none'"],
};

function csp(headers: Headers): Record<string, string[]> {
  const value = headers.get('content-security-policy') ?? '';
  return Object.fromEntries(
    value
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

describe('security headers', () => {
  let db: TestDatabase;
  let api: RunningApp;
  let reportId: number;
  let cookie: string;
  let csrf: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startApp(db);
    const report = await api.app.get(DataSource).getRepository(MonthlyReport).save({
      key: 'manual.2026-10.all',
      month: '2026-10',
      planId: null,
      title: '月报',
      trigger: 'manual',
      summary: {},
      html: '<!doctype html><html lang="zh-CN"><body><p style="color:red">月报</p><script>document.title="x"</script></body></html>',
      xlsxPath: 'none.xlsx',
      docxPath: 'none.docx',
      createdAt: new Date(),
    });
    reportId = report.id;
    const login = await fetch(`${api.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: TEST_ADMIN_PASSWORD }),
    });
    const cookies = login.headers.getSetCookie().map((c) => c.split(';')[0]!);
    cookie = cookies.join('; ');
    csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    await db?.cleanup();
  });

  const common = (headers: Headers) => {
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('x-frame-options')).toBe('DENY');
    expect(headers.get('referrer-policy')).toBe('no-referrer');
    expect(headers.get('x-powered-by')).toBeNull();
    // Plain HTTP: no HSTS (browsers ignore it there, and it would pin a LAN install without certificate).
    expect(headers.get('strict-transport-security')).toBeNull();
  };

  it.each([
    ['the web page', '/', 200, 'text/html'],
    // The built entry script, whatever hash Vite gave its name.
    ['a web asset', () => /<script[^>]*\bsrc="([^"]+)"/.exec(readFileSync(join(webRoot(), 'index.html'), 'utf8'))![1], 200, 'javascript'],
    ['a page of the web reached by its address', '/items/1', 200, 'text/html'],
    ['a missing web asset', '/assets/no-such-file-AbCdEf12.js', 404, 'application/json'],
    ['JSON', '/api/auth/me', 200, 'application/json'],
    ['an error', '/api/items/999999', 404, 'application/json'],
    ['an unknown route', '/api/no-such-thing', 404, 'application/json'],
    ['a download', '/api/dashboard/items.xlsx', 200, 'spreadsheetml'],
    ['the liveness check', '/health', 200, 'application/json'],
  ])('%s has the strict policy and the common headers', async (_what, where, status, type) => {
    const path = typeof where === 'function' ? where() : where;
    const response = await fetch(api.baseUrl + path, { headers: { authorization: `Bearer ${api.adminToken}` } });
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toContain(type);
    common(response.headers);
    expect(csp(response.headers)).toMatchObject(STRICT);
  });

  it('serves the web page without inline scripts or styles, so the strict policy does not break it', () => {
    const html = readFileSync(join(webRoot(), 'index.html'), 'utf8');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
    expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
  });

  it('serves a 月报 as a sandboxed document that runs nothing', async () => {
    const response = await fetch(`${api.baseUrl}/api/reports/${reportId}/html`, { headers: { authorization: `Bearer ${api.adminToken}` } });
    expect(response.status).toBe(200);
    common(response.headers);
    const policy = csp(response.headers);
    expect(policy['default-src']).toEqual(["'none'"]);
    expect(policy['script-src']).toBeUndefined();
    expect(policy['frame-ancestors']).toEqual(["'none'"]);
    expect(policy.sandbox).toEqual([]);
  });

  it('sends HSTS and Secure cookies when the request came over HTTPS through a trusted proxy', async () => {
    const other = await createTestDatabase({ DUBAN_TRUST_PROXY: 'loopback' });
    const app = await startApp(other);
    try {
      const viaProxy = await fetch(`${app.baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
        body: JSON.stringify({ username: 'admin', password: TEST_ADMIN_PASSWORD }),
      });
      expect(viaProxy.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      expect(viaProxy.headers.getSetCookie().every((c) => /;\s*Secure/i.test(c))).toBe(true);
      const plain = await fetch(`${app.baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: TEST_ADMIN_PASSWORD }),
      });
      expect(plain.headers.getSetCookie().some((c) => /;\s*Secure/i.test(c))).toBe(false);
    } finally {
      await app.close();
      await other.cleanup();
    }
    // Without a trusted proxy, a client's own X-Forwarded-Proto is not believed.
    const faked = await fetch(`${api.baseUrl}/health`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(faked.headers.get('strict-transport-security')).toBeNull();
  });

  it('keeps the queue dashboard behind sign-in, the admin role and the CSRF check, and audits its actions', async () => {
    const page = await fetch(`${api.baseUrl}/admin/queues`, { headers: { cookie } });
    expect(page.status).toBe(200);
    common(page.headers);
    expect(csp(page.headers)['script-src']).toEqual(["'self'"]);
    // The dashboard's own requests carry the token bull-board's client reads from the XSRF-TOKEN cookie.
    const xsrf = page.headers
      .getSetCookie()
      .map((c) => c.split(';')[0]!)
      .find((c) => c.startsWith('XSRF-TOKEN='));
    expect(xsrf).toBeDefined();
    const json = await fetch(`${api.baseUrl}/admin/queues/api/queues`, { headers: { cookie } });
    expect(json.status).toBe(200);
    common(json.headers);
    const action = `${api.baseUrl}/admin/queues/api/queues/mail/clean/failed`;
    const without = await fetch(action, { method: 'PUT', headers: { cookie } });
    expect(without.status).toBe(403);
    expect(await without.text()).toMatch(/CSRF/);
    const withToken = await fetch(action, { method: 'PUT', headers: { cookie: `${cookie}; ${xsrf}`, 'x-xsrf-token': decodeURIComponent(xsrf!.split('=')[1]!) } });
    expect(withToken.status).toBeLessThan(300);
    const withApiHeader = await fetch(action, { method: 'PUT', headers: { cookie, 'x-csrf-token': csrf } });
    expect(withApiHeader.status).toBeLessThan(300);
    // A bearer token is CSRF-exempt, as on the API.
    expect((await fetch(action, { method: 'PUT', headers: { authorization: `Bearer ${api.adminToken}` } })).status).toBeLessThan(300);
    const log = await api.get('/api/audit?action=queue.action');
    expect(log.body.entries).toHaveLength(3);
    expect(log.body.entries[0]).toMatchObject({ username: 'admin', after: { method: 'PUT', path: '/admin/queues/api/queues/mail/clean/failed' } });
  });

  it('shows the API documents and the queue counts of /health only to signed-in admins', async () => {
    expect((await fetch(`${api.baseUrl}/api/docs`)).status).toBe(401);
    expect((await fetch(`${api.baseUrl}/api/docs-json`)).status).toBe(401);
    const viewer = await api.request('POST', '/api/users', { body: { username: 'docviewer', displayName: '只读', password: 'Du-Wen-Dang-8', role: 'viewer' } });
    expect(viewer.status).toBe(201);
    const viewerToken = await api.login('docviewer', 'Du-Wen-Dang-8');
    expect((await fetch(`${api.baseUrl}/api/docs-json`, { headers: { authorization: `Bearer ${viewerToken}` } })).status).toBe(403);
    const docs = await fetch(`${api.baseUrl}/api/docs`, { headers: { cookie } });
    expect(docs.status).toBe(200);
    expect(csp(docs.headers)['script-src']).toEqual(["'self'"]);
    expect((await fetch(`${api.baseUrl}/api/docs-json`, { headers: { authorization: `Bearer ${api.adminToken}` } })).status).toBe(200);

    const anonymous = (await (await fetch(`${api.baseUrl}/health`)).json()) as Record<string, any>;
    expect(anonymous.status).toBe('ok');
    expect(JSON.stringify(anonymous)).not.toMatch(/queues|pendingJobs|waiting/);
    const asViewer = (await (await fetch(`${api.baseUrl}/health`, { headers: { authorization: `Bearer ${viewerToken}` } })).json()) as Record<string, any>;
    expect(JSON.stringify(asViewer)).not.toMatch(/queues|pendingJobs/);
    const asAdmin = (await api.get('/health')).body;
    expect(asAdmin.details.redis.queues).toBeDefined();
  });

  it('exports a table whose title has an apostrophe or a reserved sheet name', async () => {
    for (const title of ["'单位排名'", 'History', 'history', "张三's 表", '[排名]:*?/\\', "'", '汉'.repeat(40) + "'"]) {
      const result = await fetch(`${api.baseUrl}/api/dashboard/export`, {
        method: 'POST',
        headers: { authorization: `Bearer ${api.adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ title, columns: ['名次', '单位'], rows: [[1, '市科技局']] }),
      });
      expect([title, result.status]).toEqual([title, 200]);
      common(result.headers);
      expect(result.headers.get('content-disposition')).toMatch(/^attachment;/);
    }
  });
});
