// Script, HTML and spreadsheet formulas typed into every user-writable text field reachable through the
// API (plan and item titles via import, department names and aliases, user names, progress reports and
// their attachment names, extension reasons and decisions, urges, status reasons, indicator notes, Excel
// export tables) come out as text everywhere: escaped in the 月报 HTML and in the HTML part of every mail
// (a real SMTP server receives them), as neutralised text cells in every Excel file, and in real Chromium
// the pages (工作台, 任务详情, 督办总览, 管理 and the others) show them while no script runs.
import { CLOCK, FixedClock, Indicator, Item, Plan } from '#domain';
import ExcelJS from 'exceljs';
import { DomUtils, parseDocument } from 'htmlparser2';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { startApp, type RunningApp } from './helpers/app.js';
import { launchBrowser } from './helpers/browser.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';
import { startRedis, type TestRedis } from './worker-support/redis.js';
import { type ReceivedMail, startSmtp, type TestSmtp } from './worker-support/smtp.js';
import { JOBS, QUEUES, type RunningWorker, shanghaiInstant as at, startWorker, workerEnv } from './worker-support/worker.js';

const PASSWORD = 'xss-pass-word-1';
const OFFICE = 'office@duban.test';

/** Runs if rendered as HTML: sets window.__x and opens a dialog. No ";" (the importer ends a title there). */
const XSS = '<script>alert(__x=1)</script><img src=x onerror=alert(__x=2)>';
/** A DDE formula a spreadsheet would run if the cell were a formula. */
const FORMULA = "=cmd|' /C calc'!A0";
/** A hostile value for one field: a formula first, then markup, with a label to tell the fields apart. */
const hostile = (label: string) => `${FORMULA} ${label}${XSS}`;
/** Item titles: the importer ends a title at "!", so their formula stops before it. */
const hostileTitle = (label: string) => `=cmd|' /C calc' ${label}${XSS}`;

/** Every field this suite writes, by what it is. */
const FIELDS = {
  planTitle: `${XSS}某某市2026年质量强市工作要点`,
  item1: hostileTitle('任务一'),
  item2: hostileTitle('任务二'),
  item3: hostileTitle('任务三'),
  lead: hostile('甲局'),
  co: hostile('乙局'),
  alias: hostile('旧称'),
  editorName: hostile('张三'),
  officeName: hostile('李四'),
  progress: hostile('进展'),
  attachment: `=HYPERLINK("evil","点我")<img src=x onerror=alert(__x=3)>.txt`,
  extensionReason: hostile('延期理由'),
  decisionReason: hostile('驳回意见'),
  urge: hostile('催办'),
  returnReason: hostile('退回理由'),
  suspendReason: hostile('暂缓理由'),
  readingNote: hostile('指标说明'),
  exportTitle: hostile('表'),
  exportColumn: hostile('列'),
  exportCell: hostile('格'),
};
type Field = keyof typeof FIELDS;

const PLAN_TEXT = [
  FIELDS.planTitle,
  '一、主要目标',
  '到2026年,制造业产品质量合格率达到95%以上。',
  '二、重点任务',
  `1.${FIELDS.item1}。(市市场监管局牵头,市发改委配合)`,
  `2.${FIELDS.item2}。(市市场监管局负责)`,
  `3.${FIELDS.item3}。(市市场监管局负责)`,
  '',
].join('\n');

// ---------------------------------------------------------------------------------------------
// Reading what came out.

/** The HTML parts of a raw MIME message (nested multiparts, base64 and quoted-printable). */
function htmlParts(raw: string): string[] {
  const split = raw.search(/\r?\n\r?\n/);
  const head = (split < 0 ? raw : raw.slice(0, split)).replace(/\r?\n[ \t]+/g, ' ');
  const body = split < 0 ? '' : raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const type = (/^content-type:\s*([^;\r\n]+)/im.exec(head)?.[1] ?? 'text/plain').trim().toLowerCase();
  if (type.startsWith('multipart/')) {
    const boundary = /boundary="?([^";\r\n]+)"?/i.exec(head)![1]!;
    return body
      .split(`--${boundary}`)
      .slice(1, -1)
      .flatMap((part) => htmlParts(part.replace(/^\r?\n/, '')));
  }
  if (type !== 'text/html') return [];
  const encoding = /^content-transfer-encoding:\s*(\S+)/im.exec(head)?.[1]?.toLowerCase();
  if (encoding === 'base64') return [Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')];
  if (encoding === 'quoted-printable') {
    return [Buffer.from(body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8')];
  }
  return [body];
}

/**
 * What a browser would make of an HTML document: its text, and the elements that could run script.
 * Markup typed by a user must be in the text and never among the elements.
 */
function inspectHtml(html: string): { text: string; dangerous: string[] } {
  const doc = parseDocument(html);
  const dangerous = DomUtils.findAll(
    (el) => el.name === 'script' || el.name === 'iframe' || (el.name === 'img' && el.attribs.src === 'x') || Object.keys(el.attribs).some((a) => a.toLowerCase().startsWith('on')),
    doc.children,
  ).map((el) => `<${el.name} ${JSON.stringify(el.attribs)}>`);
  return { text: DomUtils.textContent(doc), dangerous };
}

/** Every text cell of a workbook, with where it is. */
async function workbookCells(bytes: ArrayBuffer): Promise<{ where: string; type: ExcelJS.ValueType; text: string }[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as never);
  const cells: { where: string; type: ExcelJS.ValueType; text: string }[] = [];
  for (const sheet of wb.worksheets) {
    sheet.eachRow((row) => row.eachCell((cell) => cells.push({ where: `${sheet.name}!${cell.address}`, type: cell.type, text: cell.text })));
  }
  return cells;
}

/** No formula cell, no text a spreadsheet would read as one; returns which fields the workbook holds (as neutralised text). */
function checkWorkbook(cells: { where: string; type: ExcelJS.ValueType; text: string }[], name: string): Field[] {
  const text = (c: { type: ExcelJS.ValueType }) => c.type === ExcelJS.ValueType.String || c.type === ExcelJS.ValueType.RichText;
  const problems = cells.filter((c) => c.type === ExcelJS.ValueType.Formula || (text(c) && /^[=+\-@\t\r]/.test(c.text))).map((c) => `${name} ${c.where}: ${c.text}`);
  expect(problems).toEqual([]);
  return (Object.keys(FIELDS) as Field[]).filter((f) => cells.some((c) => c.text === `'${FIELDS[f]}` || (!FIELDS[f].startsWith('=') && c.text === FIELDS[f])));
}

describe('script, markup and formulas in every text field come out as text', () => {
  let db: TestDatabase;
  let redis: TestRedis;
  let smtp: TestSmtp;
  let api: RunningApp;
  let worker: RunningWorker;
  let browser: Browser;
  let ds: DataSource;
  let plan: Plan;
  let items: Item[];
  const token: Record<'editor' | 'office', string> = { editor: '', office: '' };
  const ids: Record<string, number> = {};

  const call = async (method: string, path: string, body?: unknown, who?: 'editor' | 'office') => {
    const res = await api.request(method, path, { body, token: who ? token[who] : undefined });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  beforeAll(async () => {
    redis = await startRedis();
    let now = () => new Date(0);
    smtp = await startSmtp(() => now());
    db = await createTestDatabase({ REDIS_URL: redis.url, DUBAN_CLOCK: at('2026-03-02', 9).toISOString(), DUBAN_SESSION_HOURS: '100000' });
    api = await startApp(db);
    worker = await startWorker(workerEnv(db, redis.url, { SMTP_URL: smtp.url }), at('2026-03-02', 9, 30));
    now = () => worker.clock.now();
    ds = api.app.get(DataSource);

    // Departments, an alias, a department user and a coordinating office user, all named with markup.
    const lead = await call('POST', '/api/departments', { name: FIELDS.lead, contactEmails: ['lead@duban.test'] });
    const co = await call('POST', '/api/departments', { name: FIELDS.co, contactEmails: ['co@duban.test'] });
    await call('POST', `/api/departments/${lead.id}/aliases`, { alias: FIELDS.alias });
    await call('POST', '/api/users', { username: 'bumen', displayName: FIELDS.editorName, password: PASSWORD, role: 'editor', departmentId: lead.id, email: 'bumen@duban.test' });
    await call('POST', '/api/users', { username: 'office', displayName: FIELDS.officeName, password: PASSWORD, role: 'coordinator', email: OFFICE });
    token.editor = await api.login('bumen', PASSWORD);
    token.office = await api.login('office', PASSWORD);
    Object.assign(ids, { lead: lead.id, co: co.id });

    // The plan, imported through the API (its title and item titles carry the markup).
    const form = new FormData();
    form.append('file', new Blob([Buffer.from(PLAN_TEXT)]), '工作要点.txt');
    const imported = await call('POST', '/api/imports', form, 'office');
    plan = await ds.getRepository(Plan).findOneByOrFail({ id: imported.planId });
    expect(plan.title).toBe(FIELDS.planTitle);
    items = await ds.getRepository(Item).find({ where: { planId: plan.id, kind: 'task' }, order: { order: 'ASC' } });
    expect(items.map((i) => i.title)).toEqual([FIELDS.item1, FIELDS.item2, FIELDS.item3]);
    const [item1, item2, item3] = items.map((i) => i.id) as [number, number, number];
    Object.assign(ids, { item1, item2, item3 });

    // Steering: item 1 due on 2026-03-09 (a reminder that day), item 2 at the month's end, item 3 suspended.
    const version = async (id: number) => (await call('GET', `/api/items/${id}`)).version as number;
    await call('PUT', `/api/items/${item1}/assignment`, { version: await version(item1), lead: lead.id, co: [co.id], deadline: '2026-03-09' }, 'office');
    await call('PUT', `/api/items/${item2}/assignment`, { version: await version(item2), lead: lead.id, deadline: '2026-03-31' }, 'office');
    await call('PUT', `/api/items/${item3}/assignment`, { version: await version(item3), lead: lead.id, deadline: '2026-06-30' }, 'office');
    await call('POST', `/api/items/${item1}/transitions`, { action: 'start', version: await version(item1) }, 'editor');
    await call('POST', `/api/items/${item1}/transitions`, { action: 'complete', reason: FIELDS.returnReason, version: await version(item1) }, 'editor');
    await call('POST', `/api/items/${item1}/transitions`, { action: 'return', reason: FIELDS.returnReason, version: await version(item1) }, 'office');
    await call('POST', `/api/items/${item3}/transitions`, { action: 'suspend', reason: FIELDS.suspendReason, version: await version(item3) }, 'office');

    // Progress with an attachment, an extension request turned down, an urge, an indicator reading.
    const draft = await call('PUT', `/api/items/${item1}/reports/2026-03`, { text: FIELDS.progress, percent: 50 }, 'editor');
    const file = new FormData();
    file.append('file', new Blob([Buffer.from('佐证材料')]), FIELDS.attachment);
    const attachment = await call('POST', `/api/progress-reports/${draft.id}/attachments`, file, 'editor');
    expect(attachment.fileName).toBe(FIELDS.attachment);
    await call('POST', `/api/items/${item1}/reports/2026-03/submit`, { version: draft.version }, 'editor');
    const extension = await call('POST', `/api/items/${item2}/extensions`, { requestedDeadline: '2026-06-30', reason: FIELDS.extensionReason }, 'editor');
    await call('POST', `/api/extensions/${extension.id}/reject`, { reason: FIELDS.decisionReason }, 'office');
    await call('POST', `/api/items/${item1}/urges`, { message: FIELDS.urge, includeCo: true }, 'office');
    const indicator = await ds.getRepository(Indicator).findOneByOrFail({ planId: plan.id });
    await call('PUT', `/api/indicators/${indicator.id}/readings/2026-02`, { value: 96, note: FIELDS.readingNote }, 'office');
    ids.indicator = indicator.id;

    // The worker mails the urge at once, the due-day reminder on 03-09, the reporting duty on 03-20.
    await worker.drain();
    for (const [day, queue, job] of [
      ['2026-03-09', QUEUES.reminderScan, JOBS.reminderScan],
      ['2026-03-20', QUEUES.reportingDuty, JOBS.reportingDuty],
    ] as const) {
      worker.clock.set(at(day, 10));
      (api.app.get(CLOCK) as FixedClock).set(at(day, 10));
      await worker.run(queue, job);
      await worker.drain();
    }
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await api?.close();
    await smtp?.stop();
    await redis?.stop();
    await db?.cleanup();
  });

  let reportId: number;

  it('月报 HTML (as served and as mailed) holds every value only as text', async () => {
    worker.clock.set(at('2026-04-01', 10));
    const queued = await call('POST', '/api/reports', { month: '2026-03', planId: plan.id }, 'office');
    const until = Date.now() + 30_000;
    for (;;) {
      const state = await call('GET', `/api/reports/jobs/${queued.jobId}`);
      if (state.reportId) {
        reportId = state.reportId;
        break;
      }
      if (Date.now() > until) throw new Error(`月报 not generated: ${JSON.stringify(state)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const res = await fetch(`${api.baseUrl}/api/reports/${reportId}/html`, { headers: { authorization: `Bearer ${api.adminToken}` } });
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    const { text, dangerous } = inspectHtml(html);
    expect(dangerous).toEqual([]);
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    const shown = (Object.keys(FIELDS) as Field[]).filter((f) => text.includes(FIELDS[f]));
    // Plan and item titles, the lead department (the 通报 lists no extension requests: the item page and the
    // decision mail show their reasons, checked below).
    expect(shown).toEqual(expect.arrayContaining(['planTitle', 'item1', 'item2', 'lead']));
  });

  it('every mail (urge, reminder, reporting duty, decision, 月报) holds the values only as text in its HTML part', async () => {
    await worker.drain();
    const kinds = (m: ReceivedMail) => m.key.split('.')[0];
    expect(new Set(smtp.received.map(kinds))).toEqual(new Set(['urge', 'item', 'duty', 'decision', 'report']));
    const shown = new Set<Field>();
    for (const mail of smtp.received) {
      const parts = htmlParts(mail.raw);
      expect([mail.key, parts.length]).toEqual([mail.key, 1]);
      const { text, dangerous } = inspectHtml(parts[0]!);
      expect([mail.key, dangerous]).toEqual([mail.key, []]);
      expect(parts[0]).not.toContain('<script>alert');
      expect(parts[0]).not.toContain('<img src=x');
      for (const f of Object.keys(FIELDS) as Field[]) if (text.includes(FIELDS[f])) shown.add(f);
    }
    expect([...shown]).toEqual(expect.arrayContaining(['planTitle', 'item1', 'item2', 'lead', 'co', 'urge', 'extensionReason', 'decisionReason']));
  });

  it('every Excel file (月报, 督办总览 export, a page table) holds the values as neutralised text, never a formula', async () => {
    const download = async (path: string, init: RequestInit = {}) => {
      const res = await fetch(`${api.baseUrl}${path}`, { ...init, headers: { authorization: `Bearer ${token.office}`, ...(init.headers ?? {}) } });
      expect([path, res.status]).toEqual([path, 200]);
      return res.arrayBuffer();
    };
    const report = checkWorkbook(await workbookCells(await download(`/api/reports/${reportId}/xlsx`)), '月报');
    expect(report).toEqual(expect.arrayContaining(['item1', 'item2', 'item3', 'lead', 'co', 'progress', 'extensionReason', 'decisionReason']));
    const overview = checkWorkbook(await workbookCells(await download(`/api/dashboard/items.xlsx?plan=${plan.id}`)), '督办总览');
    expect(overview).toEqual(expect.arrayContaining(['item1', 'item2', 'item3', 'lead', 'co']));
    const table = await download('/api/dashboard/export', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: FIELDS.exportTitle, columns: [FIELDS.exportColumn, '数'], rows: [[FIELDS.exportCell, 1], ['+1', '-1'], ['@SUM(A1)', '\t=1+1']] }),
    });
    expect(checkWorkbook(await workbookCells(table), '导出')).toEqual(expect.arrayContaining(['exportColumn', 'exportCell']));
  });

  describe('in Chromium', () => {
    let context: BrowserContext;
    const dialogs: string[] = [];
    const pageErrors: string[] = [];

    /** A signed-in page (the session cookie the login set) that records every dialog. */
    async function open(who: 'admin' | 'editor' | 'office'): Promise<Page> {
      context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
      const session = who === 'admin' ? api.adminToken : token[who];
      await context.addCookies([{ name: 'duban_session', value: session, url: api.baseUrl, httpOnly: true, sameSite: 'Lax' }]);
      const page = await context.newPage();
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      page.on('pageerror', (e) => pageErrors.push(e.message));
      return page;
    }

    /** Opens a page, waits until its data is shown, and returns what it shows; nothing may have run. */
    /** Opens a page; `expected` names the fields its drawing must show before the page is read. */
    async function visit(page: Page, hash: string, heading: string | RegExp, expected: Field[] = []): Promise<string> {
      await page.goto(`${api.baseUrl}/${hash}`);
      await page.getByRole('heading', { name: heading }).first().waitFor();
      await page.waitForLoadState('networkidle');
      // Parts of a page arrive from further requests: wait until the expected values are drawn (the assertions
      // below fail when they never are). Polled from here: a predicate evaluated in the page is refused by its CSP.
      for (const until = Date.now() + 15_000; Date.now() < until; await new Promise((r) => setTimeout(r, 100))) {
        const drawn = await page.evaluate<string>('document.body.innerText');
        if (expected.every((f) => drawn.includes(FIELDS[f]))) break;
      }
      const state = await page.evaluate<{ flag: unknown; injected: string[]; text: string }>(`(() => ({
        flag: window.__x,
        injected: [...document.querySelectorAll('img[src="x"], script:not([src]), iframe, [onerror], [onload], [onclick]')].map((e) => e.outerHTML.slice(0, 120)),
        text: document.body.innerText,
      }))()`);
      expect([hash, state.flag, state.injected, dialogs]).toEqual([hash, undefined, [], []]);
      return state.text;
    }
    const fieldsIn = (text: string) => (Object.keys(FIELDS) as Field[]).filter((f) => text.includes(FIELDS[f]));

    afterEach(async () => {
      await context?.close();
    });

    it('工作台 of the department user', async () => {
      const page = await open('editor');
      const text = await visit(page, '#/workbench', /^工作台/, ['lead', 'item1', 'item2', 'urge', 'editorName']);
      expect(fieldsIn(text)).toEqual(expect.arrayContaining(['lead', 'item1', 'item2', 'urge', 'editorName']));
    });

    it('任务详情 with progress, attachment, extension, urge, status history', async () => {
      const page = await open('office');
      const one = await visit(page, `#/items/${ids.item1}`, new RegExp('任务一'), ['item1', 'lead', 'co', 'progress', 'attachment', 'urge', 'returnReason', 'officeName']);
      expect(fieldsIn(one)).toEqual(expect.arrayContaining(['item1', 'lead', 'co', 'progress', 'attachment', 'urge', 'returnReason', 'officeName']));
      // The attachment link offers the file under its name, as text.
      await expect(page.locator('ul.attachments a').first().getAttribute('download')).resolves.toBe(FIELDS.attachment);
      const two = await visit(page, `#/items/${ids.item2}`, new RegExp('任务二'), ['item2', 'extensionReason', 'decisionReason']);
      expect(fieldsIn(two)).toEqual(expect.arrayContaining(['item2', 'extensionReason', 'decisionReason']));
      const three = await visit(page, `#/items/${ids.item3}`, new RegExp('任务三'), ['item3', 'suspendReason']);
      expect(fieldsIn(three)).toEqual(expect.arrayContaining(['item3', 'suspendReason']));
    });

    it('督办总览, 管理 and the other pages', async () => {
      const page = await open('admin');
      expect(fieldsIn(await visit(page, '#/overview', '督办总览', ['item1', 'item2', 'item3', 'lead']))).toEqual(expect.arrayContaining(['item1', 'item2', 'item3', 'lead']));
      expect(fieldsIn(await visit(page, '#/admin', '管理', ['lead', 'co', 'alias', 'editorName', 'officeName']))).toEqual(expect.arrayContaining(['lead', 'co', 'alias', 'editorName', 'officeName']));
      expect(fieldsIn(await visit(page, `#/plans/${plan.id}`, FIELDS.planTitle, ['planTitle', 'item1', 'lead']))).toEqual(expect.arrayContaining(['planTitle', 'item1', 'lead']));
      expect(fieldsIn(await visit(page, `#/items?plan=${plan.id}`, '事项查询', ['item1', 'item2', 'item3']))).toEqual(expect.arrayContaining(['item1', 'item2', 'item3']));
      expect(fieldsIn(await visit(page, `#/workbench?department=${ids.lead}`, /^工作台/, ['lead', 'item1']))).toEqual(expect.arrayContaining(['lead', 'item1']));
      await visit(page, `#/indicators?plan=${plan.id}`, '指标');
      expect(fieldsIn(await visit(page, '#/notifications', '提醒记录', ['item1']))).toEqual(expect.arrayContaining(['item1']));
      await visit(page, '#/reports', '月报');
      // The 月报 itself, opened in the browser from the same origin.
      await page.goto(`${api.baseUrl}/api/reports/${reportId}/html`);
      await page.waitForLoadState('load');
      const report = await page.evaluate<{ flag: unknown; injected: number; text: string }>(
        `(() => ({ flag: window.__x, injected: document.querySelectorAll('img[src="x"], script, [onerror]').length, text: document.body.innerText }))()`,
      );
      expect([report.flag, report.injected, dialogs]).toEqual([undefined, 0, []]);
      expect(fieldsIn(report.text)).toEqual(expect.arrayContaining(['item1', 'lead']));
      expect(pageErrors).toEqual([]);
    });
  });

  afterAll(() => {
    console.log(`injection: ${Object.keys(FIELDS).length} fields written with script, markup and formulas; ${smtp?.received.length ?? 0} mails checked`);
  });
});
