// Pages of the web interface in headless Chromium: 计划导入's preview notes and revision comparison,
// a superseded item, 我的登录 on 修改密码, and 指标's department picker and reading history.
import { Indicator, Item, Plan } from '#domain';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { startApp, type RunningApp } from './helpers/app.js';
import { checkPage, launchBrowser, signIn as signInAs } from './helpers/browser.js';
import { createTestDatabase, TEST_ADMIN_PASSWORD, type TestDatabase } from './helpers/database.js';

const FIXTURES = join(process.cwd(), 'test', 'fixtures');
const PASSWORD = 'pages-pass-word-1';

describe('web pages', () => {
  let db: TestDatabase;
  let api: RunningApp;
  let dataSource: DataSource;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const token: Record<string, string> = {};
  let oldItemId = 0;
  let newItemId = 0;

  const upload = (path: string, file: string, fields: Record<string, string> = {}) => {
    const form = new FormData();
    form.append('file', new Blob([readFileSync(join(FIXTURES, file))]), file.split('/').pop()!);
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    return api.request('POST', path, { body: form });
  };

  const signIn = (p: Page, username = 'admin', password = TEST_ADMIN_PASSWORD) => signInAs(p, username, password);
  const shoot = (p: Page, name: string) => checkPage(p, name, { phone: true });

  beforeAll(async () => {
    db = await createTestDatabase({ DUBAN_CLOCK: '2024-10-08T09:00:00+08:00', DUBAN_SESSION_HOURS: '100000' });
    api = await startApp(db);
    dataSource = api.app.get(DataSource);
    for (const name of ['市市场监管局', '市工信局', '市商务局', '市发改委']) {
      expect((await api.request('POST', '/api/departments', { body: { name, contactEmails: [] } })).status).toBe(201);
    }
    const departments = (await api.get('/api/departments')).body as Array<{ id: number; name: string }>;
    const gxj = departments.find((d) => d.name === '市工信局')!.id;
    expect((await api.request('POST', '/api/users', { body: { username: 'gxj', displayName: '工信局填报员', password: PASSWORD, role: 'editor', departmentId: gxj } })).status).toBe(201);
    token.gxj = await api.login('gxj', PASSWORD);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(api.baseUrl + '/#/import');
    await signIn(page);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await db?.cleanup();
  });

  it('计划导入 preview shows, for each item, the note its units were read from', async () => {
    await page.goto(api.baseUrl + '/#/import');
    await page.getByRole('heading', { name: '计划导入' }).waitFor();
    await page.locator('input[type=file]').setInputFiles(join(FIXTURES, 'ok', '101_work_points_fullwidth.txt'));
    await page.getByRole('button', { name: '解析预览' }).click();
    await page.getByRole('heading', { name: '某某市2024年质量强市工作要点' }).waitFor();
    const headers = await page.locator('table.preview thead th').allTextContents();
    const noteColumn = headers.indexOf('依据') + 1;
    expect(noteColumn).toBeGreaterThan(0);
    const noteOf = (title: string) => page.locator('table.preview tbody tr', { hasText: title }).locator(`td:nth-child(${noteColumn})`).textContent();
    await expect(noteOf('加强计量能力建设')).resolves.toContain('牵头单位');
    await expect(noteOf('加强计量能力建设')).resolves.toContain('市市场监管局');
    await expect(noteOf('开展质量提升行动')).resolves.toContain('市工信局牵头');
    await shoot(page, 'import-preview-notes');
  });

  it('计划导入 of a revised plan: compare, confirm the uncertain pair by hand, save; the records move', async () => {
    const v1 = await upload('/api/imports', 'revisions/7-rewrite.v1.txt');
    expect([v1.status, v1.body.status]).toEqual([200, 'created']);
    const v1Items = await dataSource.getRepository(Item).find({ where: { planId: v1.body.planId, kind: 'task' } });
    const rewritten = v1Items.find((i) => i.title === '开展质量提升行动')!;
    const draft = await api.request('PUT', `/api/items/${rewritten.id}/reports/2024-10`, { token: token.gxj, body: { text: '进展:质量对标已启动', percent: 30 } });
    expect(draft.status).toBe(200);
    expect((await api.request('POST', `/api/items/${rewritten.id}/reports/2024-10/submit`, { token: token.gxj, body: { version: draft.body.version } })).status).toBe(200);

    await page.goto(api.baseUrl + '/#/import');
    await page.getByRole('heading', { name: '计划导入' }).waitFor();
    await page.locator('input[type=file]').setInputFiles(join(FIXTURES, 'revisions', '7-rewrite.v2.txt'));
    await page.getByRole('button', { name: '解析预览' }).click();
    await page.getByRole('heading', { name: '与第 1 版的对比' }).waitFor();
    const counts = Object.fromEntries(
      (await page.locator('.revision-counts li').allTextContents()).map((t) => {
        const m = /^(\S+)\s*(\d+)$/.exec(t.trim())!;
        return [m[1], Number(m[2])];
      }),
    );
    expect(counts).toEqual({ 未变: 7, 有修改: 1, 拆分: 0, 合并: 0, 新增: 0, 删除: 0, 对应不确定: 1 });
    const card = page.locator('.link-card.uncertain');
    await expect(card.count()).resolves.toBe(1);
    // Old and new text side by side, the differences marked: removed text only on the old side, added only on the new.
    await expect(card.locator('.side').nth(0).locator('del').first().textContent()).resolves.toBeTruthy();
    await expect(card.locator('.side').nth(0).locator('ins').count()).resolves.toBe(0);
    await expect(card.locator('.side').nth(1).locator('ins').first().textContent()).resolves.toBeTruthy();
    await expect(card.locator('.side').nth(1).locator('del').count()).resolves.toBe(0);
    expect(await card.locator('.side').nth(0).textContent()).toContain('推动制造业企业实施质量攻关项目');
    expect(await card.locator('.side').nth(1).textContent()).toContain('建立质量提升专家服务团');
    // Saving waits until the uncertain pair is decided, and says so.
    const save = page.locator('.actions button.primary');
    await expect(save.textContent()).resolves.toContain('还有 1 处对应不确定');
    await expect(save.isDisabled()).resolves.toBe(true);
    await shoot(page, 'import-revision');

    // Contradictory decisions (paired by hand and marked 删除) are refused by the server, in Chinese, beside the form.
    await card.getByRole('combobox').selectOption({ label: '旧版 3 开展质量提升行动' });
    await card.getByLabel(/旧版 3 开展质量提升行动 删除/).check();
    await expect(save.isDisabled()).resolves.toBe(false);
    await save.click();
    await page.getByRole('alert').getByText(/既有手动对应又被标为删除/).waitFor();
    expect(await dataSource.getRepository(Plan).count()).toBe(1);

    await card.getByLabel(/旧版 3 开展质量提升行动 删除/).uncheck();
    await card.getByRole('combobox').selectOption({ label: '按系统对应' });
    await expect(save.isDisabled()).resolves.toBe(true);
    await card.getByLabel('确认对应').check();
    await expect(save.textContent()).resolves.toBe('保存为第 2 版');
    await save.click();
    await page.getByText('已保存为第 2 版').first().waitFor();

    const v2 = await dataSource.getRepository(Plan).findOneByOrFail({ current: true });
    expect(v2.version).toBe(2);
    const successor = await dataSource.getRepository(Item).findOneByOrFail({ planId: v2.id, title: '开展质量提升行动' });
    const moved = await api.get(`/api/progress-reports?item=${successor.id}`);
    expect(moved.body.map((r: { text: string }) => r.text)).toEqual(['进展:质量对标已启动']);
    const left = await api.get(`/api/progress-reports?item=${rewritten.id}`);
    expect(left.body).toEqual([]);
    expect((await dataSource.getRepository(Item).findOneByOrFail({ id: rewritten.id })).successorId).toBe(successor.id);
    expect(pageErrors).toEqual([]);
    oldItemId = rewritten.id;
    newItemId = successor.id;
  });

  it('an item of the old version says 已被第2版替代, links to its successor and offers no action', async () => {
    // The successor, writable: the coordinating office sees its actions.
    await page.goto(`${api.baseUrl}/#/items/${newItemId}`);
    await page.getByRole('heading', { name: '3 开展质量提升行动' }).waitFor();
    await page.getByRole('heading', { name: '催办记录' }).waitFor();
    await expect(page.getByText('红绿灯', { exact: true }).count()).resolves.toBe(1);
    await expect(page.locator('.status-actions button').count()).resolves.toBeGreaterThan(0);
    await expect(page.getByRole('button', { name: '催办' }).count()).resolves.toBe(1);

    await page.goto(`${api.baseUrl}/#/items/${oldItemId}`);
    await page.getByRole('heading', { name: '3 开展质量提升行动' }).waitFor();
    await page.getByRole('heading', { name: '催办记录' }).waitFor();
    const notice = page.locator('p.notice', { hasText: '已被第2版替代' });
    await notice.waitFor();
    await expect(notice.getByRole('link').getAttribute('href')).resolves.toBe(`#/items/${newItemId}`);
    await expect(page.locator('.status-actions button').count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: '催办' }).count()).resolves.toBe(0);
    await expect(page.getByText('调整期限(质量强市办)').count()).resolves.toBe(0);
    // It is tracked on its successor: no light and no days left of its own; the crumbs name its plan and version.
    await expect(page.getByText('红绿灯', { exact: true }).count()).resolves.toBe(0);
    await expect(page.locator('.crumbs').textContent()).resolves.toMatch(/^方案 \/ .+\(第1版\) \/ 二、重点任务/);
    await shoot(page, 'item-superseded');
    await notice.getByRole('link').click();
    await page.locator('p.notice', { hasText: '已被第2版替代' }).waitFor({ state: 'detached' });
    expect(page.url()).toContain(`#/items/${newItemId}`);
  });

  it('我的登录 on 修改密码: ends the other session of the same user, whose next request is 401', async () => {
    expect((await api.request('POST', '/api/users', { body: { username: 'liangchu', displayName: '两处登录', password: PASSWORD, role: 'viewer' } })).status).toBe(201);
    const here = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const there = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Firefox/128.0' });
    const mine = await here.newPage();
    const other = await there.newPage();
    for (const p of [mine, other]) {
      await p.goto(`${api.baseUrl}/#/password`);
      await signIn(p, 'liangchu', PASSWORD);
    }
    await expect(there.request.get(`${api.baseUrl}/api/auth/me`).then((r) => r.status())).resolves.toBe(200);
    await mine.reload();
    await mine.getByRole('heading', { name: '我的登录' }).waitFor();
    const rows = mine.locator('table.sessions tbody tr');
    await rows.nth(1).waitFor();
    await expect(rows.count()).resolves.toBe(2);
    await expect(mine.locator('table.sessions tbody tr', { hasText: '当前' }).count()).resolves.toBe(1);
    await expect(mine.locator('table.sessions tbody tr', { hasText: 'Firefox' }).locator('button', { hasText: '退出' }).count()).resolves.toBe(1);
    await expect(mine.getByText('修改密码后,其他设备上的登录将全部退出').isVisible()).resolves.toBe(true);
    // A personal token: the default is 90 days, and the list shows when it expires.
    await expect(mine.getByLabel('有效天数(1–365)').inputValue()).resolves.toBe('90');
    await mine.getByLabel('令牌名称').fill('导出脚本');
    await mine.getByLabel('有效天数(1–365)').fill('30');
    await mine.getByRole('button', { name: '创建令牌' }).click();
    await mine.locator('code.token').waitFor();
    const tokenRow = mine.locator('table.tokens tbody tr', { hasText: '导出脚本' });
    await tokenRow.waitFor();
    const listed = (await api.request('GET', '/api/auth/tokens', { token: (await mine.locator('code.token').textContent())! })).body as Array<{ name: string; createdAt: string; expiresAt: string }>;
    const made = listed.find((t) => t.name === '导出脚本')!;
    // The server's clock is fixed (DUBAN_CLOCK): the token expires 30 days after it.
    expect(Math.round((Date.parse(made.expiresAt) - Date.parse('2024-10-08T09:00:00+08:00')) / 86_400_000)).toBe(30);
    expect(await tokenRow.textContent()).toContain('2024-11-07');
    await shoot(mine, 'my-sessions');

    await mine.locator('table.sessions tbody tr', { hasText: 'Firefox' }).getByRole('button', { name: /退出/ }).click();
    await mine.locator('table.sessions tbody tr', { hasText: 'Firefox' }).waitFor({ state: 'detached' });
    await expect(rows.count()).resolves.toBe(1);
    await expect(there.request.get(`${api.baseUrl}/api/auth/me`).then((r) => r.status())).resolves.toBe(401);
    await expect(here.request.get(`${api.baseUrl}/api/auth/me`).then((r) => r.status())).resolves.toBe(200);
    await here.close();
    await there.close();
  });

  it('指标: the coordinating office names the responsible department; each period links to its history; a refusal is shown as worded', async () => {
    const created = await api.request('POST', '/api/users', { body: { username: 'zhibiao', displayName: '指标协调员', password: PASSWORD, role: 'coordinator' } });
    expect(created.status).toBe(201);
    // The indicator of the revised plan (version 2, current), from the tests above.
    const current = await dataSource.getRepository(Plan).findOneByOrFail({ current: true });
    const indicatorId = (await dataSource.getRepository(Indicator).findOneByOrFail({ planId: current.id, name: '新增省级以上品牌' })).id;
    expect((await api.request('PUT', `/api/indicators/${indicatorId}/readings/2024-06`, { body: { value: 5 } })).status).toBe(200);
    expect((await api.request('PUT', `/api/indicators/${indicatorId}/readings/2024-06`, { body: { value: 7, note: '据年中统计更正' } })).status).toBe(200);

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const p = await context.newPage();
    p.on('pageerror', (e) => pageErrors.push(e.message));
    await p.goto(`${api.baseUrl}/#/indicators`);
    await signIn(p, 'zhibiao', PASSWORD);
    await p.getByRole('heading', { name: '指标', exact: true }).waitFor();
    const picker = p.getByLabel('新增省级以上品牌 责任单位');
    await expect(picker.inputValue()).resolves.toBe('');
    await picker.selectOption({ label: '市商务局' });
    await p.getByText('责任单位已更新').waitFor();
    const departments = (await api.get('/api/departments')).body as Array<{ id: number; name: string }>;
    const swj = departments.find((d) => d.name === '市商务局')!.id;
    expect((await api.get(`/api/indicators/${indicatorId}/readings`)).body.departmentId).toBe(swj);

    await p.getByRole('button', { name: '新增省级以上品牌 2024-06 的修改记录' }).click();
    const dialog = p.getByRole('dialog', { name: '新增省级以上品牌 2024-06 的修改记录' });
    await dialog.locator('table.history tbody tr').nth(1).waitFor();
    const cells = await dialog.locator('table.history tbody tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].slice(1).map((c) => c.textContent)));
    expect(cells).toEqual([
      ['admin', '5', '—', '—'],
      ['admin', '7', '5', '据年中统计更正'],
    ]);
    await shoot(p, 'indicator-history');
    await dialog.getByRole('button', { name: '关闭' }).click();
    await dialog.waitFor({ state: 'detached' });

    // No longer of the coordinating office (changed elsewhere): the server's refusal is shown as it words it.
    const zhibiao = created.body.id as number;
    const demoted = await api.request('PATCH', `/api/users/${zhibiao}`, { body: { role: 'editor', departmentId: swj } });
    expect(demoted.status).toBe(200);
    const refusal = await api.request('PUT', `/api/indicators/${indicatorId}/department`, { token: token.gxj, body: { departmentId: null } });
    expect(refusal.status).toBe(403);
    const words = ([] as string[]).concat(refusal.body.message).join(';');
    await picker.selectOption({ label: '未指定' });
    const shown = p.getByRole('alert').filter({ hasText: words });
    await shown.waitFor();
    expect((await api.get(`/api/indicators/${indicatorId}/readings`)).body.departmentId).toBe(swj);
    await context.close();
    expect(pageErrors).toEqual([]);
  });
});
