// The web interface in real headless Chromium: plans, an item, and 计划导入 from upload to save.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { Plan } from '#domain';
import { SeedingService } from '../apps/api/src/seeding/seeding.service.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { accessibilityViolations, launchBrowser, SCREENSHOTS } from './helpers/browser.js';
import { createTestDatabase, TEST_ADMIN_PASSWORD, type TestDatabase } from './helpers/database.js';
import { SEEDS_DIR } from './helpers/gold.js';

describe('web interface', () => {
  let db: TestDatabase;
  let api: RunningApp;
  let browser: Browser;
  let page: Page;
  const dialogs: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startApp(db);
    await api.app.get(SeedingService).seedIfEmpty(SEEDS_DIR);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('pageerror', (e) => pageErrors.push(e.message));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await db?.cleanup();
  });

  /** Signs in through the overlay the app shows whenever the server answers 401. */
  async function signIn(p: Page, password = TEST_ADMIN_PASSWORD) {
    const dialog = p.getByRole('dialog', { name: '登录' });
    await dialog.waitFor();
    await dialog.getByLabel('用户名').fill('admin');
    await dialog.getByLabel('密码').fill(password);
    await dialog.getByRole('button', { name: '登录' }).click();
    await dialog.waitFor({ state: 'detached' });
  }

  it('asks to sign in, and refuses a wrong password in Chinese', async () => {
    await page.goto(api.baseUrl + '/');
    const dialog = page.getByRole('dialog', { name: '登录' });
    await dialog.getByLabel('用户名').fill('admin');
    await dialog.getByLabel('密码').fill('wrong-password');
    await dialog.getByRole('button', { name: '登录' }).click();
    await dialog.getByRole('alert').getByText(/用户名或密码/).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'login.png') });
    expect({ page: 'login', violations: await accessibilityViolations(page) }).toEqual({ page: 'login', violations: [] });
    await dialog.getByLabel('密码').fill(TEST_ADMIN_PASSWORD);
    await dialog.getByRole('button', { name: '登录' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect(page.locator('#user .who').textContent()).resolves.toContain('系统管理员');
  });

  it('lists the seed plans and opens one as a tree with its departments', async () => {
    // The start page of the coordinating office (and admin) is 督办总览; 方案 is one click away.
    await page.goto(api.baseUrl + '/');
    await page.getByRole('heading', { name: '督办总览' }).waitFor();
    await page.locator('#nav').getByRole('link', { name: '方案' }).click();
    await page.getByRole('heading', { name: '方案' }).waitFor();
    const titles = await page.locator('table.data tbody tr td:first-child a').allTextContents();
    expect(titles).toContain('厦门市贯彻落实〈质量强国建设纲要〉实施意见');
    expect(titles).toHaveLength(5);
    await page.screenshot({ path: join(SCREENSHOTS, 'plans.png'), fullPage: true });
    expect({ page: 'plans', violations: await accessibilityViolations(page) }).toEqual({ page: 'plans', violations: [] });

    await page.getByRole('link', { name: '关于进一步加快质量发展建设质量强市的实施意见' }).click();
    await page.getByRole('heading', { name: '条目' }).waitFor();
    const row = page.locator('.node-row', { hasText: '大力提升工程质量' });
    await expect(row.locator('.lead').textContent()).resolves.toBe('市住房城乡建设局');
    const target = page.locator('table.data tr', { hasText: '主要食用农产品质量安全监测合格率' }).locator('td:nth-child(2)');
    await expect(target.textContent()).resolves.toBe('≥ 97%');
    await page.screenshot({ path: join(SCREENSHOTS, 'plan.png'), fullPage: true });
    expect({ page: 'plan', violations: await accessibilityViolations(page) }).toEqual({ page: 'plan', violations: [] });

    await row.getByRole('link', { name: '大力提升工程质量' }).click();
    await page.getByRole('heading', { name: '(二) 大力提升工程质量' }).waitFor();
    expect(await page.locator('.original').textContent()).toContain('加强建筑质量管理制度建设');
    await page.screenshot({ path: join(SCREENSHOTS, 'item.png'), fullPage: true });
    expect({ page: 'item', violations: await accessibilityViolations(page) }).toEqual({ page: 'item', violations: [] });
  });

  it('filters items by department', async () => {
    await page.goto(api.baseUrl + '/#/items');
    await page.locator('select[name=department]').selectOption({ label: '市环保局' });
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByText('共 2 条').waitFor();
    const titles = await page.locator('table.data tbody tr td:nth-child(2) a').allTextContents();
    expect(titles.sort()).toEqual(['大力提升环境质量', '加强标准化建设'].sort());
  });

  it('imports a document on 计划导入: preview, map a department, save', async () => {
    const text = readFileSync(join(process.cwd(), 'test', 'fixtures', 'ok', '101_work_points_fullwidth.txt'), 'utf8')
      // A title typed by a user or printed in a document is shown as text, never run.
      .replace('夯实质量基础', '夯实质量基础<img src=x onerror=alert(1)><script>alert(2)</script>');
    await page.goto(api.baseUrl + '/#/import');
    await page.locator('input[type=file]').setInputFiles({ name: '工作要点.txt', mimeType: 'text/plain', buffer: Buffer.from(text) });
    await page.getByRole('button', { name: '解析预览' }).click();
    await page.getByRole('heading', { name: '某某市2024年质量强市工作要点' }).waitFor();
    expect(await page.locator('table.preview tbody tr').count()).toBe(8);
    const target = page.locator('table.data tr', { hasText: '制造业产品质量合格率' }).locator('td:nth-child(2)');
    await expect(target.textContent()).resolves.toBe('≥ 94.5%');
    await expect(page.getByText('夯实质量基础<img src=x onerror=alert(1)><script>alert(2)</script>', { exact: true }).first().isVisible()).resolves.toBe(true);
    // 市工信局 is new to the system; map it to 市经信委 from the seeds.
    await page.getByLabel('“市工信局”对应的单位').selectOption({ label: '对应到:市经信委' });
    await page.screenshot({ path: join(SCREENSHOTS, 'import-preview.png'), fullPage: true });
    expect({ page: 'import-preview', violations: await accessibilityViolations(page) }).toEqual({ page: 'import-preview', violations: [] });
    await page.getByRole('button', { name: '保存导入' }).click();
    await page.getByText('已导入新方案:某某市2024年质量强市工作要点').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'import-saved.png'), fullPage: true });
    expect({ page: 'import-saved', violations: await accessibilityViolations(page) }).toEqual({ page: 'import-saved', violations: [] });

    const plan = await api.app.get(DataSource).getRepository(Plan).findOneByOrFail({ title: '某某市2024年质量强市工作要点' });
    await page.getByRole('link', { name: '查看方案' }).click();
    const row = page.locator('.node-row', { hasText: '开展质量提升行动' });
    await expect(row.locator('.lead').textContent()).resolves.toBe('市经信委');
    expect(page.url()).toContain(`#/plans/${plan.id}`);
    expect(dialogs).toEqual([]);
  });

  it('works under a strict Content-Security-Policy: no inline script, style or handler', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    // The policy a hardened server sends; the pages must need nothing it forbids.
    const policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
    await context.route(`${api.baseUrl}/`, async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': policy } });
    });
    const strict = await context.newPage();
    const refused: string[] = [];
    strict.on('console', (m) => {
      if (/Content Security Policy|Refused to/.test(m.text())) refused.push(m.text());
    });
    strict.on('pageerror', (e) => pageErrors.push(e.message));
    await strict.goto(api.baseUrl + '/');
    await signIn(strict);
    await strict.getByRole('heading', { name: '督办总览' }).waitFor();
    // The charts are drawn (ECharts, SVG), the bars have their widths.
    await strict.locator('figure.chart', { hasText: '各方案事项状态' }).locator('svg rect, svg path').first().waitFor();
    await strict.screenshot({ path: join(SCREENSHOTS, 'overview-admin.png'), fullPage: true });
    // Every page of the coordinating office on a phone too: nothing wider than the screen.
    await strict.setViewportSize({ width: 390, height: 844 });
    for (const [hash, heading, name] of [
      ['#/overview', '督办总览', 'overview'],
      ['#/items', '事项查询', 'items'],
      ['#/indicators', '指标', 'indicators'],
      ['#/reports', '月报', 'reports'],
      ['#/notifications', '提醒记录', 'notifications'],
      ['#/import', '计划导入', 'import'],
      ['#/admin', '管理', 'admin'],
      ['#/password', '修改密码', 'password'],
      ['#/plans', '方案', 'plans'],
    ]) {
      await strict.goto(`${api.baseUrl}/${hash}`);
      await strict.getByRole('heading', { name: heading, exact: true }).waitFor();
      await strict.screenshot({ path: join(SCREENSHOTS, `phone-${name}.png`), fullPage: true });
      expect({ name, overflow: await strict.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth') }).toEqual({ name, overflow: 0 });
    }
    expect(refused).toEqual([]);
    await context.close();
  });

  it('fits a phone screen', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    await phone.goto(api.baseUrl + '/#/plans');
    await signIn(phone);
    await phone.getByRole('heading', { name: '方案' }).waitFor();
    expect(await phone.locator('#nav').isVisible()).toBe(false);
    await phone.screenshot({ path: join(SCREENSHOTS, 'phone-plans.png'), fullPage: true });
    expect({ page: 'phone-plans', violations: await accessibilityViolations(phone) }).toEqual({ page: 'phone-plans', violations: [] });
    await phone.getByRole('button', { name: '菜单' }).click();
    expect(await phone.locator('#nav').isVisible()).toBe(true);
    // Evaluated in the page (a string: the test itself is compiled without the DOM library).
    const overflow = await phone.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await phone.close();
    expect(pageErrors).toEqual([]);
  });
});
