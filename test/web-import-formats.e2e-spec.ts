// 计划导入 of every format in headless Chromium: one real file of each format is uploaded on the
// page, the preview must list the items with their units as the fixture's gold says (written by
// hand, never the importer's output), the plan is saved and its page shows the items; a scanned
// PDF and a zip bomb are refused with a Chinese message on the page.
import { Plan } from '#domain';
import iconv from 'iconv-lite';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { startApp, type RunningApp } from './helpers/app.js';
import { accessibilityViolations, launchBrowser, SCREENSHOTS, signIn } from './helpers/browser.js';
import { createTestDatabase, TEST_ADMIN_PASSWORD, type TestDatabase } from './helpers/database.js';
import { CSV, FORMATS_DIR, PLAN, PLAN_TITLE, storedItems, TABLE } from './helpers/format-gold.js';
import { docxBomb } from './helpers/zip-bomb.js';

const FIXTURES = join(process.cwd(), 'test', 'fixtures');

interface ExpectedFile {
  title: string | null;
  items: { number: string; title: string; kind: string; lead: string[]; co: string[] }[];
}

/** An ok fixture's hand-written expectation, as "number title: lead / co" of its tasks and safeguards. */
function expectedRows(name: string): { title: string | null; rows: string[] } {
  const expected = JSON.parse(readFileSync(join(FIXTURES, 'ok', name), 'utf8')) as ExpectedFile;
  return { title: expected.title, rows: expected.items.filter((i) => i.kind === 'task' || i.kind === 'safeguard').map((i) => `${i.number}${i.title}:${i.lead.join('、')} / ${i.co.join('、')}`) };
}

const html = expectedRows('103_portal_page.expected.json');
const text = expectedRows('101_work_points_fullwidth.expected.json');

/** One upload: the file as the user has it, what its preview and its saved plan must show, and how saving ends. */
interface Case {
  format: string;
  name: string;
  bytes: () => Buffer;
  title: string;
  /** A task table has no title of its own: the plan is named after the file, and the page says so. */
  untitled?: true;
  rows: string[];
  /** created: a new plan; revised: the plan's next version (same content, another format); duplicate: the same bytes were imported already. */
  ends: 'created' | 'revised' | 'duplicate';
}

const file = (...path: string[]) => () => readFileSync(join(...path));

const CASES: Case[] = [
  { format: '.docx', name: '工作要点.docx', bytes: file(FORMATS_DIR, 'plan.docx'), title: PLAN_TITLE, rows: PLAN, ends: 'created' },
  { format: '.pdf (text layer)', name: '工作要点.pdf', bytes: file(FORMATS_DIR, 'plan.pdf'), title: PLAN_TITLE, rows: PLAN, ends: 'revised' },
  { format: '.doc', name: '工作要点.doc', bytes: file(FORMATS_DIR, 'plan.doc'), title: PLAN_TITLE, rows: PLAN, ends: 'revised' },
  // WPS Office writes the same OLE binary as Word 97: the fixture is the .doc's bytes, so it was imported already.
  { format: '.wps', name: '工作要点.wps', bytes: file(FORMATS_DIR, 'plan.wps'), title: PLAN_TITLE, rows: PLAN, ends: 'duplicate' },
  { format: '.ofd', name: '工作要点.ofd', bytes: file(FORMATS_DIR, 'plan.ofd'), title: PLAN_TITLE, rows: PLAN, ends: 'revised' },
  { format: '.xlsx', name: '分工表(xlsx).xlsx', bytes: file(FORMATS_DIR, 'tasks.xlsx'), title: '分工表(xlsx)', untitled: true, rows: TABLE, ends: 'created' },
  { format: '.xls', name: '分工表(xls).xls', bytes: file(FORMATS_DIR, 'tasks.xls'), title: '分工表(xls)', untitled: true, rows: TABLE, ends: 'created' },
  // WPS 表格 writes the .xls binary: the fixture is the .xls's bytes.
  { format: '.et', name: '分工表(et).et', bytes: file(FORMATS_DIR, 'tasks.et'), title: '分工表(et)', untitled: true, rows: TABLE, ends: 'duplicate' },
  { format: '.csv (GBK)', name: '任务清单.csv', bytes: file(FORMATS_DIR, 'tasks.csv'), title: '任务清单', untitled: true, rows: CSV, ends: 'created' },
  { format: '.html (portal page)', name: '实施方案.html', bytes: file(FIXTURES, 'ok', '103_portal_page.html'), title: html.title!, rows: html.rows, ends: 'created' },
  // Saved as "ANSI" by Windows Notepad on a Chinese system: GBK.
  { format: '.txt (GBK)', name: '工作要点.txt', bytes: () => iconv.encode(readFileSync(join(FIXTURES, 'ok', '101_work_points_fullwidth.txt'), 'utf8'), 'gbk'), title: text.title!, rows: text.rows, ends: 'created' },
];

describe('web: 计划导入 of every format', () => {
  let db: TestDatabase;
  let api: RunningApp;
  let dataSource: DataSource;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  async function upload(name: string, buffer: Buffer) {
    await page.goto(`${api.baseUrl}/#/import`);
    await page.getByRole('heading', { name: '计划导入' }).waitFor();
    await page.locator('input[type=file]').setInputFiles({ name, mimeType: 'application/octet-stream', buffer });
    await page.getByRole('button', { name: '解析预览' }).click();
  }

  /** The preview's tasks and safeguards as "number title: lead / co" ("—" is an empty cell). */
  const previewRows = () =>
    page.locator('table.preview tbody tr').evaluateAll((rows) =>
      rows
        .map((r) => [...r.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim()))
        .filter((c) => c[3] === '任务' || c[3] === '保障措施')
        .map((c) => {
          const cell = (v: string | undefined) => (v === '—' ? '' : (v ?? ''));
          return `${c[1]}${c[2]}:${cell(c[4])} / ${cell(c[5])}`;
        }),
    );

  /** The saved plan page's tasks and safeguards, read from its item tree. */
  const treeRows = () =>
    page.locator('ul.tree li.kind-task > .node-row, ul.tree li.kind-safeguard > .node-row').evaluateAll((rows) =>
      rows.map((r) => {
        const part = (selector: string) => (r.querySelector(selector)?.textContent ?? '').trim();
        return `${part('.number')}${part('a')}:${part('.depts .lead')} / ${part('.depts .co')}`;
      }),
    );

  beforeAll(async () => {
    db = await createTestDatabase({ DUBAN_CLOCK: '2030-03-11T10:00:00+08:00', DUBAN_SESSION_HOURS: '100000' });
    api = await startApp(db);
    dataSource = api.app.get(DataSource);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${api.baseUrl}/#/import`);
    await signIn(page, 'admin', TEST_ADMIN_PASSWORD);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await db?.cleanup();
  });

  it.each(CASES.map((c) => [c.format, c] as const))('%s: the preview lists the gold’s items and units, saved the plan shows them', async (format, c) => {
    await upload(c.name, c.bytes());
    await page.getByRole('heading', { level: 2, name: c.title, exact: true }).waitFor({ timeout: 30_000 });
    await expect(page.locator('p.notice', { hasText: `保存后以文件名“${c.title}”作为方案名称` }).count()).resolves.toBe(c.untitled ? 1 : 0);
    expect(await previewRows()).toEqual(c.rows);
    const slug = format.replace(/[^a-z]/g, '');
    await page.screenshot({ path: join(SCREENSHOTS, `import-format-${slug}.png`), fullPage: true });
    expect({ format, violations: await accessibilityViolations(page) }).toEqual({ format, violations: [] });

    const save = page.locator('.actions button.primary');
    if (c.ends === 'duplicate') {
      await page.locator('p.notice', { hasText: '该文件已导入过' }).waitFor();
      await expect(save.isDisabled()).resolves.toBe(true);
      await expect(save.textContent()).resolves.toBe('已导入过,无需保存');
      return;
    }
    const plans = await dataSource.getRepository(Plan).count();
    await expect(save.textContent()).resolves.toMatch(c.ends === 'created' ? /^保存导入$/ : /^保存为第 \d+ 版$/);
    await save.click();
    await page.locator('p.success', { hasText: c.ends === 'created' ? '已导入新方案' : /已保存为第 \d+ 版/ }).waitFor({ timeout: 30_000 });
    expect(await dataSource.getRepository(Plan).count()).toBe(plans + 1);
    await page.getByRole('link', { name: '查看方案' }).click();
    await page.getByRole('heading', { level: 1, name: c.title }).waitFor();
    const planId = Number(/#\/plans\/(\d+)/.exec(page.url())![1]);
    expect(await treeRows()).toEqual(c.rows);
    expect(await storedItems(dataSource, planId)).toEqual(c.rows);
    expect(pageErrors).toEqual([]);
  });

  it('refuses a scanned PDF on the page, saying it is an image and how to go on', async () => {
    const plans = await dataSource.getRepository(Plan).count();
    await upload('扫描件.pdf', readFileSync(join(FIXTURES, 'not-ok', 'scan.pdf')));
    await page.getByRole('alert').getByText(/扫描图片.*OCR.*\.docx/).waitFor({ timeout: 30_000 });
    await expect(page.locator('table.preview').count()).resolves.toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'import-format-scan.png'), fullPage: true });
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(await dataSource.getRepository(Plan).count()).toBe(plans);
  });

  it('refuses a zip bomb on the page in Chinese, and the API keeps answering', async () => {
    const plans = await dataSource.getRepository(Plan).count();
    const bomb = docxBomb(200);
    expect(bomb.length).toBeLessThan(400 * 1024);
    await upload('方案.docx', bomb);
    await page.getByRole('alert').getByText(/疑似压缩炸弹/).waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(SCREENSHOTS, 'import-format-bomb.png'), fullPage: true });
    expect((await fetch(`${api.baseUrl}/health`)).status).toBe(200);
    expect(await dataSource.getRepository(Plan).count()).toBe(plans);
    expect(pageErrors).toEqual([]);
  });
});
