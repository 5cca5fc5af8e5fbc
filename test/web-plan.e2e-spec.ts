// The plan page in headless Chromium: the coordinating office renames a plan and sets its issuer,
// 文号 and dates (errors shown next to their fields), sees the name on the plan list and the item
// pages; archives it and sees its items leave the active lists; imports a revision on 计划导入,
// which keeps the office's name and dates, and undoes it; once somebody wrote on the new version the
// page says why it cannot be undone. Viewers and departments see no write buttons. axe on each page.
import { Item, Plan } from '#domain';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { startApp, type RunningApp } from './helpers/app.js';
import { checkPage, launchBrowser, signIn } from './helpers/browser.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';

const REVISIONS = join(process.cwd(), 'test', 'fixtures', 'revisions');
const PASSWORD = 'plan-pass-word-1';
const NEW_NAME = '甲市2024年质量强市工作要点(市政府审定稿)';

describe('web: the plan page', () => {
  let db: TestDatabase;
  let api: RunningApp;
  let dataSource: DataSource;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  let planId = 0;
  let otherPlanId = 0;
  const token: Record<string, string> = {};

  const upload = (path: string, file: string) => {
    const form = new FormData();
    form.append('file', new Blob([readFileSync(join(REVISIONS, file))]), file);
    return api.request('POST', path, { token: token.duban, body: form });
  };
  const taskCount = (id: number) => dataSource.getRepository(Item).countBy({ planId: id, kind: 'task' });

  const shoot = (p: Page, name: string) => checkPage(p, name, { phone: true });

  /** Waits until the plan's details show `value` beside `label` (the page redraws after each change). */
  const showsDetail = (p: Page, label: string, value: string) => p.locator(`xpath=//dl[contains(@class,"meta")]/dt[normalize-space()="${label}"]/following-sibling::dd[1][normalize-space()="${value}"]`).waitFor({ timeout: 10_000 });

  beforeAll(async () => {
    db = await createTestDatabase({ DUBAN_CLOCK: '2030-03-11T10:00:00+08:00', DUBAN_SESSION_HOURS: '100000' });
    api = await startApp(db);
    dataSource = api.app.get(DataSource);
    const office = await api.request('POST', '/api/departments', { body: { name: '市质量强市办', contactEmails: [] } });
    for (const name of ['市市场监管局', '市工信局', '市商务局', '市发改委', '市教育局']) {
      expect((await api.request('POST', '/api/departments', { body: { name, contactEmails: [] } })).status).toBe(201);
    }
    const departments = (await api.get('/api/departments')).body as Array<{ id: number; name: string }>;
    const users = [
      { username: 'duban', displayName: '督办员', role: 'coordinator', departmentId: office.body.id },
      { username: 'chakan', displayName: '查看员', role: 'viewer' },
      { username: 'gxj', displayName: '工信局填报员', role: 'editor', departmentId: departments.find((d) => d.name === '市工信局')!.id },
    ];
    for (const u of users) {
      expect((await api.request('POST', '/api/users', { body: { ...u, password: PASSWORD } })).status).toBe(201);
      token[u.username] = await api.login(u.username, PASSWORD);
    }
    const first = await upload('/api/imports', '1-insertion.v1.txt');
    const other = await upload('/api/imports', '2-deletion.v1.txt');
    expect([first.body.status, other.body.status]).toEqual(['created', 'created']);
    planId = first.body.planId;
    otherPlanId = other.body.planId;

    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${api.baseUrl}/#/plans/${planId}`);
    await signIn(page, 'duban', PASSWORD);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await db?.cleanup();
  });

  it('renames the plan and sets issuer, 文号 and dates, each error next to its field', async () => {
    await page.getByRole('heading', { level: 1, name: '甲市2024年质量强市工作要点' }).waitFor();
    await showsDetail(page, '版本', '第 1 版(现行)');
    await showsDetail(page, '归档', '未归档(在办)');
    await expect(page.getByRole('button', { name: '撤销本次修订' }).count()).resolves.toBe(0);
    await shoot(page, 'plan-page');

    await page.getByRole('button', { name: '修改方案信息' }).click();
    const dialog = page.getByRole('dialog', { name: '修改方案信息' });
    await expect(dialog.getByLabel('方案名称').inputValue()).resolves.toBe('甲市2024年质量强市工作要点');
    // An emptied name is refused before anything is sent.
    await dialog.getByLabel('方案名称').fill('');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.locator('label.field.invalid', { hasText: '方案名称' }).getByText('此项必填').waitFor();
    // A start after the end: the server's message appears next to the start date.
    await dialog.getByLabel('方案名称').fill(NEW_NAME);
    await dialog.getByLabel('发文机关').fill('甲市质量强市工作领导小组办公室');
    await dialog.getByLabel('发文字号').fill('甲质强办〔2024〕3号');
    await dialog.getByLabel('城市(区县)').fill('甲市');
    await dialog.getByLabel('实施起始日期').fill('2024-06-01');
    await dialog.getByLabel('实施截止日期').fill('2024-01-31');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.locator('label.field.invalid', { hasText: '实施起始日期' }).getByText('起始日期 2024-06-01 不能晚于截止日期 2024-01-31').waitFor();
    await expect(dialog.getByLabel('实施起始日期').getAttribute('aria-invalid')).resolves.toBe('true');
    await shoot(page, 'plan-edit-errors');
    expect((await dataSource.getRepository(Plan).findOneByOrFail({ id: planId })).title).toBe('甲市2024年质量强市工作要点');

    await dialog.getByLabel('实施起始日期').fill('2024-01-01');
    await dialog.getByLabel('实施截止日期').fill('2024-12-31');
    await dialog.getByRole('button', { name: '保存' }).click();
    await page.locator('#toast').getByText('方案信息已保存').waitFor();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('heading', { level: 1, name: NEW_NAME }).waitFor();
    await showsDetail(page, '发文机关', '甲市质量强市工作领导小组办公室');
    await showsDetail(page, '发文字号', '甲质强办〔2024〕3号');
    await showsDetail(page, '城市', '甲市');
    await showsDetail(page, '起止日期', '2024-01-01 至 2024-12-31');
    expect(await dataSource.getRepository(Plan).findOneByOrFail({ id: planId })).toMatchObject({
      title: NEW_NAME,
      issuer: '甲市质量强市工作领导小组办公室',
      docNumber: '甲质强办〔2024〕3号',
      city: '甲市',
      startDate: '2024-01-01',
      endDate: '2024-12-31',
      archived: false,
    });

    // The plan list and an item page show the new name, never the file's.
    await page.goto(`${api.baseUrl}/#/plans`);
    await page.getByRole('link', { name: NEW_NAME }).waitFor();
    const task = await dataSource.getRepository(Item).findOneByOrFail({ planId, title: '开展质量提升行动' });
    await page.goto(`${api.baseUrl}/#/items/${task.id}`);
    await page.locator('nav.crumbs').getByRole('link', { name: NEW_NAME }).waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('archives the plan after saying what happens: its items leave the active lists', async () => {
    const active = (await taskCount(planId)) + (await taskCount(otherPlanId));
    await page.goto(`${api.baseUrl}/#/items`);
    await page.getByText(`共 ${active} 条`).waitFor();

    await page.goto(`${api.baseUrl}/#/plans/${planId}`);
    await page.getByRole('button', { name: '归档', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: `归档方案:${NEW_NAME}` });
    await expect(dialog.textContent()).resolves.toContain(`${await taskCount(planId)} 项任务将退出工作台、督办总览和事项查询等在办列表,不再发送到期提醒和报送提醒`);
    await shoot(page, 'plan-archive-confirm');
    await dialog.getByRole('button', { name: '确认归档' }).click();
    await page.locator('#toast').getByText('方案已归档').waitFor();
    await page.locator('.page-head .badge.archived', { hasText: '已归档' }).waitFor();
    await showsDetail(page, '归档', '已归档');
    expect((await dataSource.getRepository(Plan).findOneByOrFail({ id: planId })).archived).toBe(true);
    await shoot(page, 'plan-archived');

    await page.goto(`${api.baseUrl}/#/plans`);
    const row = page.locator('table.data tbody tr', { hasText: NEW_NAME });
    await row.locator('.badge.archived').waitFor();
    await expect(page.locator('table.data tbody tr', { hasText: '乙市2024年质量强市工作要点' }).locator('.badge.archived').count()).resolves.toBe(0);
    await shoot(page, 'plans-list-archived');
    await page.goto(`${api.baseUrl}/#/items`);
    await page.getByText(`共 ${await taskCount(otherPlanId)} 条`).waitFor();
    // Asked for by plan, the archived plan's items are still there to read.
    await page.goto(`${api.baseUrl}/#/items?plan=${planId}`);
    await page.getByText(`共 ${await taskCount(planId)} 条`).waitFor();

    await page.goto(`${api.baseUrl}/#/plans/${planId}`);
    await page.getByRole('button', { name: '取消归档' }).click();
    await page.getByRole('dialog', { name: `取消归档:${NEW_NAME}` }).getByRole('button', { name: '确认取消归档' }).click();
    await page.locator('#toast').getByText('方案已取消归档').waitFor();
    await showsDetail(page, '归档', '未归档(在办)');
    await page.goto(`${api.baseUrl}/#/items`);
    await page.getByText(`共 ${active} 条`).waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('imports a revision on 计划导入 that keeps the office’s name and dates, and undoes it', async () => {
    await page.goto(`${api.baseUrl}/#/import`);
    await page.getByRole('heading', { name: '计划导入' }).waitFor();
    await page.locator('input[type=file]').setInputFiles(join(REVISIONS, '1-insertion.v2.txt'));
    await page.getByRole('button', { name: '解析预览' }).click();
    await page.getByText(`这是已有方案“${NEW_NAME}”的修订版`).waitFor();
    await page.getByRole('button', { name: '保存为第 2 版' }).click();
    await page.getByText(`已保存为第 2 版`).first().waitFor();
    await page.getByRole('link', { name: '查看方案' }).click();

    const v2 = await dataSource.getRepository(Plan).findOneByOrFail({ seriesKey: (await dataSource.getRepository(Plan).findOneByOrFail({ id: planId })).seriesKey, version: 2 });
    await page.waitForURL(`**/#/plans/${v2.id}`);
    await page.getByRole('heading', { level: 1, name: NEW_NAME }).waitFor();
    await showsDetail(page, '版本', '第 2 版(现行)');
    await showsDetail(page, '起止日期', '2024-01-01 至 2024-12-31');
    await showsDetail(page, '城市', '甲市');
    await showsDetail(page, '发文字号', '甲质强办〔2024〕3号');
    await shoot(page, 'plan-revised');

    // The old version says it was replaced and offers no write button.
    await page.goto(`${api.baseUrl}/#/plans/${planId}`);
    await page.getByText('本版本已被新版本替代').waitFor();
    await expect(page.getByRole('button', { name: '修改方案信息' }).count()).resolves.toBe(0);
    await page.getByRole('link', { name: '查看现行版本' }).click();
    await page.waitForURL(`**/#/plans/${v2.id}`);

    await page.getByRole('button', { name: '撤销本次修订' }).click();
    const dialog = page.getByRole('dialog', { name: '撤销本次修订:第 2 版' });
    await expect(dialog.textContent()).resolves.toContain('第 1 版恢复为现行版本');
    await shoot(page, 'plan-undo-confirm');
    await dialog.getByRole('button', { name: '确认撤销' }).click();
    await page.locator('#toast').getByText('已撤销修订,第 1 版恢复为现行版本').waitFor();
    await page.waitForURL(`**/#/plans/${planId}`);
    await showsDetail(page, '版本', '第 1 版(现行)');
    expect(await dataSource.getRepository(Plan).existsBy({ id: v2.id })).toBe(false);
    expect((await dataSource.getRepository(Plan).findOneByOrFail({ id: planId })).current).toBe(true);
    expect(pageErrors).toEqual([]);
  });

  it('says why a revision cannot be undone once somebody wrote on the new version', async () => {
    const saved = await upload('/api/imports', '1-insertion.v2.txt');
    expect([saved.status, saved.body.status]).toEqual([200, 'revised']);
    const task = await dataSource.getRepository(Item).findOneByOrFail({ planId: saved.body.planId, title: '开展质量提升行动' });
    expect((await api.request('POST', `/api/items/${task.id}/urges`, { token: token.duban, body: { message: '请报送进展', includeCo: false } })).status).toBe(201);

    await page.goto(`${api.baseUrl}/#/plans/${saved.body.planId}`);
    await page.locator('.undo-refusal').getByText(/^第2版已有1条办理记录.*不能撤销修订$/).waitFor();
    await expect(page.getByRole('button', { name: '撤销本次修订' }).count()).resolves.toBe(0);
    await shoot(page, 'plan-undo-refused');
    expect(pageErrors).toEqual([]);
  });

  it.each([
    ['chakan', 'viewer'],
    ['gxj', 'department'],
  ])('%s (%s) reads the plan page with no write button', async (username) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const reader = await context.newPage();
    reader.on('pageerror', (e) => pageErrors.push(e.message));
    const current = await dataSource.getRepository(Plan).findOneByOrFail({ id: planId });
    const v2 = await dataSource.getRepository(Plan).findOneByOrFail({ seriesKey: current.seriesKey, current: true });
    await reader.goto(`${api.baseUrl}/#/plans/${v2.id}`);
    await signIn(reader, username, PASSWORD);
    await reader.getByRole('heading', { level: 1, name: NEW_NAME }).waitFor();
    await showsDetail(reader, '版本', '第 2 版(现行)');
    for (const name of ['修改方案信息', '归档', '取消归档', '撤销本次修订']) await expect(reader.getByRole('button', { name, exact: true }).count()).resolves.toBe(0);
    await expect(reader.locator('.undo-refusal').count()).resolves.toBe(0);
    await shoot(reader, `plan-page-${username}`);
    await context.close();
    expect(pageErrors).toEqual([]);
  });

  it('imports a re-issue whose title does not show which plan it revises, after the coordinator chooses that plan', async () => {
    // The same office re-issues 乙市's plan under a notice title: nothing in the title names the plan.
    const text = readFileSync(join(REVISIONS, '2-deletion.v2.txt'), 'utf8').replace(/^乙市2024年质量强市工作要点/, '关于调整乙市年度重点工作的通知');
    const file = { name: '调整通知.txt', mimeType: 'text/plain', buffer: Buffer.from(text) };
    await page.goto(`${api.baseUrl}/#/import`);
    await page.getByRole('heading', { name: '计划导入' }).waitFor();
    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByRole('button', { name: '解析预览' }).click();
    // Not chosen: read as a new plan, with the way to say otherwise in sight.
    await page.getByRole('button', { name: '保存' }).first().waitFor();
    await expect(page.getByText('这是已有方案').count()).resolves.toBe(0);
    const other = await dataSource.getRepository(Plan).findOneByOrFail({ id: otherPlanId });
    await page.getByLabel('修订的方案(可选)').selectOption({ label: `${other.title}(第 1 版)` });
    await page.getByRole('button', { name: '解析预览' }).click();
    await page.getByText(`这是已有方案“${other.title}”的修订版`).waitFor();
    await page.getByText(`保存后沿用原方案名称“${other.title}”`).waitFor();
    await shoot(page, 'import-chosen-revision');
    await page.getByRole('button', { name: '保存为第 2 版' }).click();
    await page.getByText('已保存为第 2 版').first().waitFor();
    const v2 = await dataSource.getRepository(Plan).findOneByOrFail({ seriesKey: other.seriesKey, version: 2 });
    expect([v2.current, v2.title, (await dataSource.getRepository(Plan).findOneByOrFail({ id: otherPlanId })).current]).toEqual([true, other.title, false]);
    // The removed item was withdrawn; the others carried over (none was added by the notice title).
    expect(await taskCount(v2.id)).toBe((await taskCount(otherPlanId)) - 1);
    expect(pageErrors).toEqual([]);
  });
});
