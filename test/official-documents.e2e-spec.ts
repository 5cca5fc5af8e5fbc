// Official documents end to end, on the seed plans with a month of activity: the monthly 通报, a
// 督办通知单 and a 催办函 are produced, opened (mammoth and the DOCX XML) and checked against the
// database, rendered to PDF by LibreOffice and to PNG by pdftoppm (kept under
// data/test-output/official-documents for a person to look at); the 台账 is opened with exceljs.
import { Assignment, Department, Indicator, IndicatorReading, isOverdue, Item, Notification, OfficialDocument, Plan, ProgressReport } from '#domain';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { In } from 'typeorm';
import { readZip } from '../libs/importer/src/formats/zip.js';
import { SeedingService } from '../apps/api/src/seeding/seeding.service.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { accessibilityViolations, launchBrowser } from './helpers/browser.js';
import { createTestDatabase, TEST_ADMIN_PASSWORD, type TestDatabase } from './helpers/database.js';
import { startRedis, type TestRedis } from './worker-support/redis.js';
import { type RunningWorker, shanghaiInstant as at, startWorker, workerEnv } from './worker-support/worker.js';

// After the reporting day (25th) of November 2026, a Friday in office hours.
const NOW = at('2026-11-27', 10);
const OUT = resolve('data/test-output/official-documents');
const OFFICE = {
  city: '杭州市',
  issuer: '杭州市质量强市工作领导小组办公室',
  signature: '杭州市质量强市工作领导小组办公室',
  numbers: { circular: { pattern: '杭质强办〔{年}〕{号}号', start: 12 }, notice: { pattern: '杭质强办督〔{年}〕{号}号', start: 1 }, letter: { pattern: '杭质强办催〔{年}〕{号}号', start: 1 } },
  cc: '市委办公室、市政府办公室',
  contact: '联系人:王明,电话:0571-12345678',
};

/** A4 and the GB/T 9704 margins, in PDF points. */
const MM = 72 / 25.4;
const A4 = { w: 210 * MM, h: 297 * MM };
const BODY = { left: 28 * MM, right: (210 - 26) * MM, top: 37 * MM, bottom: (297 - 35) * MM };

interface Word {
  page: number;
  text: string;
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

/** DOCX → PDF (LibreOffice) → PNG (pdftoppm); the words with their boxes (pdftotext -bbox). */
function render(docx: Buffer, name: string): { pages: number; width: number; height: number; words: Word[] } {
  const work = mkdtempSync(join(tmpdir(), 'duban-soffice-'));
  try {
    writeFileSync(join(work, `${name}.docx`), docx);
    execFileSync('soffice', [`-env:UserInstallation=file://${work}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', work, join(work, `${name}.docx`)], { stdio: 'pipe', timeout: 120_000 });
    const pdf = join(work, `${name}.pdf`);
    mkdirSync(OUT, { recursive: true });
    for (const f of readdirSync(OUT).filter((f) => f.startsWith(`${name}-`))) rmSync(join(OUT, f));
    execFileSync('pdftoppm', ['-png', '-r', '60', pdf, join(OUT, name)]);
    writeFileSync(join(OUT, `${name}.pdf`), execFileSync('cat', [pdf]));
    const info = execFileSync('pdfinfo', [pdf]).toString();
    const [, w, h] = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info)!;
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    const html = execFileSync('pdftotext', ['-bbox', pdf, '-']).toString();
    const words: Word[] = [];
    let page = 0;
    for (const line of html.split('\n')) {
      if (line.includes('<page ')) page++;
      const m = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/.exec(line);
      if (m) words.push({ page, xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]), text: m[5]! });
    }
    return { pages, width: Number(w), height: Number(h), words };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Page size, margins and page-number field of a DOCX (its XML), and that the PDF keeps text inside the 版心 with "— N —" below it. */
async function checkLayout(docx: Buffer, name: string): Promise<{ text: string; pages: number }> {
  const zip = await readZip(docx, `${name}.docx`);
  const xml = zip.get('word/document.xml')!.toString('utf8');
  expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
  expect(xml).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
  const footers = [...zip.entries()].filter(([f]) => /^word\/footer\d+\.xml$/.test(f)).map(([, b]) => b.toString('utf8'));
  expect(footers.length).toBeGreaterThanOrEqual(2);
  for (const f of footers) {
    expect(f).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
    expect(f).toContain('— ');
  }
  expect(xml).toContain('方正小标宋简体');
  expect(xml).toContain('仿宋_GB2312');
  expect(xml).toContain('w:sz w:val="44"'); // title 二号
  expect(xml).toContain('w:sz w:val="32"'); // body 三号

  const pdf = render(docx, name);
  expect(pdf.width).toBeCloseTo(A4.w, 0);
  expect(pdf.height).toBeCloseTo(A4.h, 0);
  const pageNumbers = pdf.words.filter((w) => /^\d+$/.test(w.text) && w.yMin > BODY.bottom);
  // Every page has its number below the 版心, odd pages at the right, even at the left.
  expect(pageNumbers.map((w) => w.page)).toEqual(Array.from({ length: pdf.pages }, (_, i) => i + 1));
  for (const n of pageNumbers) {
    expect(Number(n.text)).toBe(n.page);
    if (n.page % 2) expect(n.xMin).toBeGreaterThan(A4.w / 2);
    else expect(n.xMax).toBeLessThan(A4.w / 2);
  }
  const body = pdf.words.filter((w) => !pageNumbers.includes(w) && w.text !== '—');
  const slack = 1.5; // points of rounding in the text boxes
  for (const w of body) {
    expect(w.xMin).toBeGreaterThanOrEqual(BODY.left - slack);
    // Chinese typesetting hangs a closing punctuation mark past the line's end (Word: 允许标点溢出边界); nothing else passes the margin.
    const hanging = /[\uff0c。\uff1b\uff1a、\uff01\uff1f\uff09”]$/u.test(w.text) ? 16.5 : 0;
    expect(w.xMax).toBeLessThanOrEqual(BODY.right + slack + hanging);
    expect(w.yMin).toBeGreaterThanOrEqual(BODY.top - slack);
    expect(w.yMax).toBeLessThanOrEqual(BODY.bottom + slack);
  }
  const { value: text } = await mammoth.extractRawText({ buffer: docx });
  return { text, pages: pdf.pages };
}

async function download(api: RunningApp, path: string): Promise<Buffer> {
  const response = await fetch(`${api.baseUrl}${path}`, { headers: { authorization: `Bearer ${api.adminToken}` } });
  expect(response.status).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

describe('official documents (通报, 督办通知单, 催办函, 台账)', () => {
  let db: TestDatabase;
  let redis: TestRedis;
  let api: RunningApp;
  let worker: RunningWorker;
  let tracked: { item: Item; lead: Department; co: Department[] }[];
  let reportId: number;

  beforeAll(async () => {
    redis = await startRedis();
    // The suite's clock may lie in the browser's past: sessions long enough that its cookie has not expired for the browser.
    db = await createTestDatabase({ REDIS_URL: redis.url, DUBAN_COORDINATOR_EMAILS: 'office@duban.test', DUBAN_CLOCK: NOW.toISOString(), DUBAN_SESSION_HOURS: String(24 * 365 * 5) });
    api = await startApp(db);
    await api.app.get(SeedingService).seedIfEmpty(resolve('seeds'));
    worker = await startWorker(workerEnv(db, redis.url), NOW);
    const ds = worker.dataSource;
    // The office assigns the seed plans' unassigned tasks (the seeds print few units): six per plan,
    // three at a time to a lead and a co-department, half with a deadline already past.
    const departments = (await api.get('/api/departments')).body as { id: number }[];
    expect(departments.length).toBeGreaterThanOrEqual(3);
    const assigned = new Set((await ds.getRepository(Assignment).findBy({ role: 'lead' })).map((a) => a.itemId));
    const seedPlans = await ds.getRepository(Plan).find({ order: { id: 'ASC' } });
    let turn = 0;
    for (const plan of seedPlans) {
      const tasks = (await ds.getRepository(Item).find({ where: { planId: plan.id, kind: 'task' }, order: { order: 'ASC' } })).filter((i) => !assigned.has(i.id)).slice(0, 6);
      for (let i = 0; i < tasks.length; i += 3, turn++) {
        const result = await api.request('POST', '/api/assignments/bulk', {
          body: { itemIds: tasks.slice(i, i + 3).map((t) => t.id), lead: departments[turn % departments.length]!.id, co: [departments[(turn + 1) % departments.length]!.id], deadline: turn % 2 ? '2026-10-15' : '2026-12-31' },
        });
        expect(result.status).toBeLessThan(300);
      }
    }
    const assignments = await ds.getRepository(Assignment).find({ relations: { department: true, item: true }, order: { id: 'ASC' } });
    const leads = assignments.filter((a) => a.role === 'lead' && a.item.kind !== 'section');
    tracked = leads.map((a) => ({ item: a.item, lead: a.department, co: assignments.filter((c) => c.itemId === a.itemId && c.role === 'co').map((c) => c.department) }));
    expect(tracked.length).toBeGreaterThan(20);
    const user = (await api.get('/api/auth/me')).body as { id: number };
    // A month of activity: reports (two late), items started, completed and closed, a reading.
    const report = (t: (typeof tracked)[number], text: string, late: boolean, percent: number) =>
      ds.getRepository(ProgressReport).save(
        ds.getRepository(ProgressReport).create({ itemId: t.item.id, departmentId: t.lead.id, role: 'lead', period: '2026-11', text, percent, state: 'submitted', submittedAt: late ? at('2026-11-26', 9) : at('2026-11-20', 9), late, authorId: user.id }),
      );
    await report(tracked[0]!, '已召开专题推进会,印发年度工作方案。下一步将组织督导检查。', false, 60);
    await report(tracked[1]!, `已完成调研报告初稿${'并广泛征求各有关单位意见'.repeat(6)};正在修改完善。`, false, 80);
    await report(tracked[2]!, '已完成全部建设任务,形成总结报告。', true, 100);
    await report(tracked[3]!, '项目已开工建设', true, 30);
    const move = async (t: (typeof tracked)[number], actions: string[]) => {
      for (const action of actions) {
        const item = await api.get(`/api/items/${t.item.id}`);
        const reason = { complete: '已全部完成,形成总结报告。', close: '同意销号' }[action];
        const result = await api.request('POST', `/api/items/${t.item.id}/transitions`, { body: { action, reason, version: item.body.version } });
        expect(result.status).toBe(200);
      }
    };
    await move(tracked[0]!, ['start']);
    await move(tracked[2]!, ['start', 'complete']);
    await move(tracked[4]!, ['start', 'complete', 'close']);
    const indicator = await ds.getRepository(Indicator).findOneOrFail({ where: { op: '>=' }, order: { id: 'ASC' } });
    await ds.getRepository(IndicatorReading).save(ds.getRepository(IndicatorReading).create({ indicatorId: indicator.id, period: '2026-10', value: indicator.targetValue + 1, note: null, departmentId: null, enteredById: user.id }));
  }, 120_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await redis?.stop();
    await db?.cleanup();
  });

  it('asks for the issuing office before the first document, and refuses an incomplete one in Chinese', async () => {
    const before = await api.request('POST', '/api/documents/notices', { body: { itemIds: [tracked[0]!.item.id] } });
    expect(before.status).toBe(409);
    expect(before.body.message).toContain('尚未设置发文机关');
    const urge = await api.request('POST', `/api/items/${tracked[5]!.item.id}/urges`, { body: { message: '请尽快报送进展', letter: true } });
    expect(urge.status).toBe(409);
    const bad = await api.request('PUT', '/api/settings/issuing-office', { body: { ...OFFICE, issuer: '质量强市工作领导小组办公室', numbers: { ...OFFICE.numbers, notice: { pattern: '督〔2026〕', start: 0 } } } });
    expect(bad.status).toBe(400);
    const messages = JSON.stringify(bad.body);
    expect(messages).toContain('发文机关全称应包含城市名称“杭州市”');
    expect(messages).toContain('督办通知单的文号格式须含 {年} 和 {号}');
    expect(messages).toContain('督办通知单的起始编号须为 1 至 99999 的整数');
    const saved = await api.request('PUT', '/api/settings/issuing-office', { body: OFFICE });
    expect(saved.status).toBe(200);
    expect(saved.body.issuingOffice).toMatchObject({ issuer: OFFICE.issuer, cc: OFFICE.cc });
  });

  it('writes the monthly 通报 as a 公文 whose sections agree with the database and with each other', async () => {
    const created = await api.request('POST', '/api/reports', { body: { month: '2026-11', email: false } });
    expect(created.status).toBe(202);
    const until = Date.now() + 60_000;
    for (;;) {
      const state = await api.get(`/api/reports/jobs/${created.body.jobId}`);
      if (state.body.reportId) {
        reportId = state.body.reportId;
        break;
      }
      if (Date.now() > until) throw new Error(`report job not done: ${JSON.stringify(state.body)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const docx = await download(api, `/api/reports/${reportId}/docx`);
    const { text } = await checkLayout(docx, 'circular');
    const ds = worker.dataSource;
    const doc = await ds.getRepository(OfficialDocument).findOneByOrFail({ reportId });
    expect(doc.number).toBe('杭质强办〔2026〕12号'); // the configured start of the year
    expect(text).toContain('杭质强办〔2026〕12号');
    expect(text).toContain('关于2026年11月杭州市质量强市建设重点工作推进情况的通报');
    expect(text).toMatch(/杭州市质量强市工作领导小组办公室\n+2026年11月27日/);
    expect(text).toContain(`抄送：${OFFICE.cc}。`);

    // Figures as of 2026-11-27, from the database.
    const items = await ds.getRepository(Item).findBy({ id: In(tracked.map((t) => t.item.id)) });
    const overdue = items.filter((i) => isOverdue(i.status, i.deadline, '2026-11-27'));
    expect(text).toContain(`纳入督办的重点工作事项共${items.length}项`);
    if (overdue.length) {
      expect(text).toContain(`逾期未完成${overdue.length}项`);
      expect(text).toMatch(/、逾期事项\n/);
      expect(text).toMatch(/存在|对逾期事项认真分析原因/);
    } else {
      expect(text).toContain('无逾期未完成事项');
      expect(text).not.toMatch(/、逾期事项\n/);
      expect(text).not.toContain('对逾期事项');
    }
    // Completed and closed this month, late reports, each named.
    expect(text).toContain('本月新完成待审核1项、销号1项');
    expect(text).toContain(tracked[4]!.item.title);
    expect(text).toMatch(/、本月完成和销号的事项\n/);
    expect(text).toContain('（一）逾期报送');
    expect(text).toContain('以下2项的本月进展在报送截止日后报送');
    // The departments' own words, shortened by the stated rule.
    expect(text).toContain('每项事项取第一句，超过 60 字的截断');
    expect(text).toContain(`事项${tracked[0]!.item.number.replace(/[.、.]$/u, '').replace('(', '（').replace(')', '）')}：已召开专题推进会，印发年度工作方案。`);
    expect(text).not.toContain('下一步将组织督导检查');
    expect(text).toMatch(/已完成调研报告初稿(并广泛征求各有关单位意见)+[^;]*……/);
    // Ranking with its rule; indicators with ≥ and only those with a reading or a due target.
    expect(text).toContain('排名规则：逾期事项少者在前');
    expect(text).toContain('≥');
    expect(text).not.toContain('>=');
    expect(text).not.toContain('暂无数据');
    // Only the indicator with a reading is in the table; the due ones without readings are counted, not tabled.
    const table = text.slice(text.indexOf('已填报监测数据的量化指标1项'), text.indexOf('尚未填报监测数据'));
    const indicators = await ds.getRepository(Indicator).find();
    expect(indicators.filter((i) => table.includes(`\n${i.name}\n`)).length).toBe(1);
    // Plans named by their names, never their file names.
    const plans = await ds.getRepository(Plan).find();
    for (const p of plans) expect(text).not.toContain(p.sourceFileName.replace(/\.txt$/, ''));
    expect(text).toContain(plans[0]!.title);
    // The HTML page has the same content.
    const html = (await api.get(`/api/reports/${reportId}/html`)).body as string;
    const plain = html.replace(/<[^>]+>/g, '\n').replace(/&[a-z#0-9]+;/g, '');
    for (const line of text.split(/[\n\t]/).filter((l) => l.trim().length > 8)) expect(plain).toContain(line.trim());
  }, 240_000);

  it('writes a 督办通知单 per lead department for a selection, numbered in sequence', async () => {
    const selection = [tracked[5]!, tracked[6]!, tracked[7]!];
    const result = await api.request('POST', '/api/documents/notices', { body: { itemIds: selection.map((t) => t.item.id), perDepartment: true } });
    expect(result.status).toBe(201);
    const leads = [...new Set(selection.map((t) => t.lead.id))];
    expect(result.body).toHaveLength(leads.length);
    expect(result.body.map((d: { number: string }) => d.number)).toEqual(leads.map((_, i) => `杭质强办督〔2026〕${i + 1}号`));
    const first = result.body[0] as { id: number; itemIds: number[]; downloads: { docx: string; html: string } };
    const docx = await download(api, first.downloads.docx);
    const { text } = await checkLayout(docx, 'notice');
    const own = selection.filter((t) => first.itemIds.includes(t.item.id));
    expect(text).toContain('督办通知单');
    expect(text).toContain(`${own[0]!.lead.name}：`);
    for (const t of own) {
      expect(text).toContain(t.item.title);
      expect(text).toContain(`牵头单位：${t.lead.name}${t.co.length ? `；配合单位：${t.co.map((c) => c.name).join('、')}` : ''}`);
      if (t.item.deadline) expect(text).toContain(`${Number(t.item.deadline.slice(0, 4))}年${Number(t.item.deadline.slice(5, 7))}月${Number(t.item.deadline.slice(8))}日前`);
    }
    for (const label of ['督办事项', '责任单位', '办理时限', '督办要求', '反馈方式和时间']) expect(text).toContain(label);
    expect(text).toContain('请于2026年12月25日前通过督办系统报送办理进展和佐证材料；联系人：王明，电话：0571-12345678。');
    expect(text).toContain('2026年11月27日');
    const page = (await api.get(first.downloads.html)).body as string;
    expect(page).toContain(own[0]!.item.title);
    expect(page).toContain('@page{size:A4;margin:37mm 26mm 35mm 28mm}');
  }, 240_000);

  it('issues a 催办函 with an urge and mails it as an attachment', async () => {
    const t = tracked[8]!;
    await worker.dataSource.getRepository(Department).update(t.lead.id, { contactEmails: ['lead@duban.test'] });
    const urge = await api.request('POST', `/api/items/${t.item.id}/urges`, { body: { message: '该事项进展滞后,请于12月5日前报送整改措施。', letter: true } });
    expect(urge.status).toBe(201);
    const ds = worker.dataSource;
    const letter = await ds.getRepository(OfficialDocument).findOneByOrFail({ urgeId: urge.body.id });
    expect(letter).toMatchObject({ kind: 'letter', number: '杭质强办催〔2026〕1号', itemIds: [t.item.id], departmentId: t.lead.id });
    const docx = await download(api, `/api/documents/${letter.id}/docx`);
    const { text } = await checkLayout(docx, 'letter');
    expect(text).toContain('催办函');
    expect(text).toContain('该事项进展滞后，请于12月5日前报送整改措施。');
    expect(text).toContain(t.item.title);
    await worker.drain();
    const mail = await ds.getRepository(Notification).findOneByOrFail({ key: `urge.${urge.body.id}` });
    expect(mail.attachments).toEqual([letter.docxPath]);
    const outbox = await api.get('/api/outbox');
    const entry = outbox.body.find((e: { key: string }) => e.key === `urge.${urge.body.id}`);
    const eml = await (await fetch(`${api.baseUrl}/api/outbox/${entry.key}`, { headers: { authorization: `Bearer ${api.adminToken}` } })).text();
    expect(eml).toMatch(/Content-Disposition: attachment;[\s\S]*filename/);
    // An urge without the option carries no letter.
    const plain = await api.request('POST', `/api/items/${t.item.id}/urges`, { body: { message: '请按期完成。' } });
    expect(await ds.getRepository(OfficialDocument).findOneBy({ urgeId: plain.body.id })).toBeNull();
  }, 240_000);

  it('writes the 台账 with every column filled, a filtered frozen header and an A4 landscape print setup', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await download(api, `/api/reports/${reportId}/xlsx`)) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('台账')!;
    const head = ws.getRow(1).values as unknown[];
    expect(head.slice(1)).toEqual(['所属方案', '章节', '事项编号', '事项', '牵头单位', '配合单位', '完成期限', '状态', '亮灯', '逾期工作日', '最新进展', '完成百分比', '最近报送日期', '销号日期']);
    expect(ws.rowCount).toBe(tracked.length + 1);
    for (let c = 1; c <= 14; c++) {
      const values = (ws.getColumn(c).values as unknown[]).slice(2).filter((v) => v !== null && v !== undefined && v !== '');
      expect({ column: head[c], filled: values.length > 0 }).toEqual({ column: head[c], filled: true });
    }
    const row = (id: number) => {
      const t = tracked.find((x) => x.item.id === id)!;
      for (let r = 2; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(4).value === t.item.title && ws.getRow(r).getCell(5).value === t.lead.name) return ws.getRow(r);
      throw new Error('row not found');
    };
    const closed = row(tracked[4]!.item.id);
    expect(closed.getCell(8).value).toBe('已销号');
    expect(closed.getCell(14).value).toBe('2026-11-27');
    const reported = row(tracked[1]!.item.id);
    expect([reported.getCell(12).value, reported.getCell(13).value]).toEqual([80, '2026-11-20']);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBeTruthy();
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToWidth: 1 });
    expect(ws.getColumn(4).width).toBeGreaterThanOrEqual(20);
  });

  it('offers the 督办通知单 on the item page and for a 督办总览 selection, and prints pages without the controls', async () => {
    const browser = await launchBrowser();
    try {
      const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' })).newPage();
      const t = tracked[9]!;
      mkdirSync(OUT, { recursive: true });
      await page.goto(`${api.baseUrl}/#/items/${t.item.id}`);
      const signIn = page.getByRole('dialog', { name: '登录' });
      await signIn.getByLabel('用户名').fill('admin');
      await signIn.getByLabel('密码').fill(TEST_ADMIN_PASSWORD);
      await signIn.getByRole('button', { name: '登录' }).click();
      await signIn.waitFor({ state: 'detached' });
      await page.getByRole('button', { name: '生成督办通知单' }).click();
      const made = page.locator('.notice-documents li');
      await made.getByRole('link', { name: '打印' }).waitFor();
      const issued = await worker.dataSource.getRepository(OfficialDocument).find({ where: { kind: 'notice' }, order: { id: 'DESC' }, take: 1 });
      expect(issued[0]!.itemIds).toEqual([t.item.id]);
      expect(await made.textContent()).toContain(issued[0]!.number);
      expect(await accessibilityViolations(page)).toEqual([]);

      // Printed: no navigation, buttons or forms; the item's facts stay.
      await page.emulateMedia({ media: 'print' });
      await page.screenshot({ path: join(OUT, 'print-item.png'), fullPage: true });
      await page.pdf({ path: join(OUT, 'print-item.pdf'), format: 'A4' });
      expect(await page.locator('nav#nav').isVisible()).toBe(false);
      expect(await page.getByRole('button', { name: '生成督办通知单' }).isVisible()).toBe(false);
      expect(await page.getByText(t.item.title).first().isVisible()).toBe(true);
      await page.emulateMedia({ media: 'screen' });

      // 督办总览: select two items, one notice per lead department.
      await page.goto(`${api.baseUrl}/#/overview`);
      const boxes = page.getByRole('checkbox', { name: /^选择 / });
      await boxes.nth(0).check();
      await boxes.nth(1).check();
      const before = await worker.dataSource.getRepository(OfficialDocument).count({ where: { kind: 'notice' } });
      await page.getByRole('button', { name: '为所选事项生成督办通知单(按牵头单位)' }).click();
      await page.locator('.notice-documents li').first().waitFor();
      const after = await worker.dataSource.getRepository(OfficialDocument).count({ where: { kind: 'notice' } });
      expect(after - before).toBe(await page.locator('.notice-documents li').count());
      await page.emulateMedia({ media: 'print' });
      await page.screenshot({ path: join(OUT, 'print-overview.png'), fullPage: true });
      expect(await page.locator('form.bulk').isVisible()).toBe(false);
      expect(await page.locator('table').first().isVisible()).toBe(true);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
