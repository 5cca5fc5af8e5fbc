// 月报 in real headless Chromium with a running worker: the coordinating office clicks 立即生成,
// the page waits for the worker's job, lists the new report and downloads its Excel and Word files.
import { MonthlyReport } from '#domain';
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { SeedingService } from '../apps/api/src/seeding/seeding.service.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { accessibilityViolations, launchBrowser, SCREENSHOTS } from './helpers/browser.js';
import { createTestDatabase, TEST_ADMIN_PASSWORD, type TestDatabase } from './helpers/database.js';
import { SEEDS_DIR } from './helpers/gold.js';
import { startRedis, type TestRedis } from './worker-support/redis.js';
import { type RunningWorker, startWorker, workerEnv } from './worker-support/worker.js';

// Ahead of the real date: the browser drops a session cookie whose expiry (clock + session hours) has passed.
const NOW = '2030-03-11T10:00:00+08:00';

describe('web: 月报 generated now by the worker', () => {
  let db: TestDatabase;
  let redis: TestRedis;
  let api: RunningApp;
  let worker: RunningWorker;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    db = await createTestDatabase({ REDIS_URL: redis.url, DUBAN_CLOCK: NOW });
    api = await startApp(db);
    await api.app.get(SeedingService).seedIfEmpty(SEEDS_DIR);
    worker = await startWorker(workerEnv(db, redis.url), new Date(NOW));
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', acceptDownloads: true })).newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await api?.close();
    await redis?.stop();
    await db?.cleanup();
  });

  it('asks for the issuing office on 管理 → 发文设置 and saves it', async () => {
    await page.goto(`${api.baseUrl}/#/admin`);
    const signIn = page.getByRole('dialog', { name: '登录' });
    await signIn.getByLabel('用户名').fill('admin');
    await signIn.getByLabel('密码').fill(TEST_ADMIN_PASSWORD);
    await signIn.getByRole('button', { name: '登录' }).click();
    const section = page.locator('section[aria-labelledby="issuing-office"]');
    // A field by the start of its name (the label; its hint follows).
    const field = (label: string) => section.getByRole('textbox', { name: new RegExp(`^${label.replace(/[()]/g, '\\$&')}`) });
    await section.getByText('尚未设置发文机关').waitFor();
    await field('城市').fill('测试市');
    await field('发文机关全称(含城市)').fill('质量强市工作领导小组办公室');
    await field('署名').fill('测试市质量强市工作领导小组办公室');
    await field('通报文号格式').fill('测试质强办〔{年}〕{号}号');
    await field('督办通知单文号格式').fill('测试质强办督〔{年}〕{号}号');
    await field('催办函文号格式').fill('测试质强办催〔{年}〕{号}号');
    await section.getByRole('button', { name: '保存发文设置' }).click();
    // The issuer without its city is refused next to its field.
    await section.getByText('发文机关全称应包含城市名称“测试市”', { exact: false }).waitFor();
    await field('发文机关全称(含城市)').fill('测试市质量强市工作领导小组办公室');
    await section.getByRole('button', { name: '保存发文设置' }).click();
    await page.getByText('发文设置已保存').waitFor();
    // The page reloads its settings after saving (the section is drawn anew): the whole page, not the old element.
    await page.screenshot({ path: join(SCREENSHOTS, 'issuing-office.png'), fullPage: true });
    expect(await accessibilityViolations(page)).toEqual([]);
    expect((await api.get('/api/settings')).body.issuingOffice).toMatchObject({ city: '测试市', issuer: '测试市质量强市工作领导小组办公室' });
  });

  it('generates the report on 立即生成 and offers its HTML, Excel and Word files', async () => {
    await page.goto(`${api.baseUrl}/#/reports`);
    await page.getByText('还没有生成月报。').waitFor();
    await expect(page.getByLabel('月份').inputValue()).resolves.toBe('2030-03');
    await page.getByLabel('月份').fill('2030-02');
    await page.getByRole('button', { name: '立即生成' }).click();
    await page.getByText('已排队生成 2030-02 月报').waitFor();
    await page.locator('#toast').getByText('月报已生成').waitFor({ timeout: 30_000 });

    const stored = await api.app.get(DataSource).getRepository(MonthlyReport).findOneByOrFail({ month: '2030-02' });
    expect(stored.trigger).toBe('api');
    const row = page.getByRole('table', { name: '月报' }).locator('tbody tr', { hasText: '2030-02' });
    await row.getByRole('link', { name: stored.title }).first().waitFor();
    await expect(row.locator('td.num').first().textContent()).resolves.toBe(String((stored.summary as { items: number }).items));
    await page.screenshot({ path: join(SCREENSHOTS, 'reports-generated.png'), fullPage: true });
    expect(await accessibilityViolations(page)).toEqual([]);

    const [xlsx] = await Promise.all([page.waitForEvent('download'), row.getByRole('link', { name: 'XLSX' }).click()]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await readFile((await xlsx.path())!)) as unknown as ExcelJS.Buffer);
    expect(book.worksheets.length).toBeGreaterThan(0);
    const [docx] = await Promise.all([page.waitForEvent('download'), row.getByRole('link', { name: 'DOCX' }).click()]);
    const text = (await mammoth.extractRawText({ path: (await docx.path())! })).value;
    expect(text).toContain('2030年2月');
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('stops following the job when the user leaves the page, and draws nothing over the next one', async () => {
    await page.goto(`${api.baseUrl}/#/reports`);
    await page.getByLabel('月份').fill('2030-01');
    await page.getByRole('button', { name: '立即生成' }).click();
    await page.getByText('已排队生成 2030-01 月报').waitFor();
    await page.locator('#nav').getByRole('link', { name: '方案' }).click();
    await page.getByRole('heading', { name: '方案' }).waitFor();
    const asked: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/reports/jobs/')) asked.push(r.url());
    });
    // The worker finishes the job meanwhile; the page polled every 2 s and must ask no more.
    const reports = api.app.get(DataSource).getRepository(MonthlyReport);
    for (let i = 0; i < 60 && (await reports.countBy({ month: '2030-01' })) === 0; i++) await new Promise((r) => setTimeout(r, 500));
    expect(await reports.countBy({ month: '2030-01' })).toBe(1);
    await page.waitForTimeout(4_500);
    expect(asked).toEqual([]);
    await expect(page.locator('#toast').getByText('月报已生成').count()).resolves.toBe(0);
    await expect(page.getByText('已排队生成').count()).resolves.toBe(0);
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
