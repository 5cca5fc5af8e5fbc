// 月报 end to end: POST /api/reports queues the job, the worker (real Redis) builds and stores it and
// mails it to the coordinators (outbox, no SMTP configured); the XLSX and DOCX are opened with their
// libraries (exceljs, mammoth) and checked against the database.
import { Department, ExtensionRequest, Notification, Urge, Indicator, IndicatorReading, isCompletedStatus, Item, ProgressReport } from '#domain';
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { startApp, type RunningApp } from './helpers/app.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';
import { startRedis, type TestRedis } from './worker-support/redis.js';
import { type RunningWorker, seedPlan, shanghaiInstant as at, startWorker, workerEnv } from './worker-support/worker.js';

const NOW = at('2026-11-02', 9);

describe('monthly report (月报)', () => {
  let db: TestDatabase;
  let redis: TestRedis;
  let api: RunningApp;
  let worker: RunningWorker;
  let seed: Awaited<ReturnType<typeof seedPlan>>;
  let reportId: number;

  beforeAll(async () => {
    redis = await startRedis();
    db = await createTestDatabase({ REDIS_URL: redis.url, DUBAN_COORDINATOR_EMAILS: 'office@duban.test', DUBAN_CLOCK: NOW.toISOString() });
    api = await startApp(db);
    worker = await startWorker(workerEnv(db, redis.url), NOW);
    const ds = worker.dataSource;
    seed = await seedPlan(ds, {
      departments: [
        { name: '市市场监管局', contactEmails: ['scj@duban.test'] },
        { name: '市发展改革委', contactEmails: ['fgw@duban.test'] },
        { name: '市经信局', contactEmails: [] },
      ],
      items: [
        { number: '1', title: '加强质量文化宣传', deadline: '2026-10-09', lead: '市市场监管局', co: ['市发展改革委'] },
        { number: '2', title: '推进标准化建设', deadline: '2026-09-30', lead: '市经信局', status: '已销号' },
        { number: '3', title: '开展质量提升行动', deadline: '2026-12-25', lead: '市发展改革委', co: ['市经信局'] },
        { number: '4', title: '=HYPERLINK("http://evil.example","点我")', deadline: '2026-10-20', lead: '市经信局' },
        { number: '5', title: '持续推进品牌建设', deadline: null, lead: '市市场监管局', status: '暂缓' },
      ],
    });
    const item = (n: string) => seed.items.get(n)!;
    const dept = (name: string) => seed.departments.get(name)!;
    const report = (n: string, d: string, late: boolean, text: string) =>
      ds.getRepository(ProgressReport).save(
        ds.getRepository(ProgressReport).create({ itemId: item(n).id, departmentId: dept(d).id, role: 'lead', period: '2026-10', text, percent: 60, state: 'submitted', submittedAt: NOW, late, authorId: seed.user.id }),
      );
    await report('1', '市市场监管局', false, '已开展宣传活动 3 场');
    await report('3', '市发展改革委', true, '方案已印发,正在组织实施');
    await ds.getRepository(ExtensionRequest).save(
      ds.getRepository(ExtensionRequest).create({
        itemId: item('4').id,
        departmentId: dept('市经信局').id,
        requestedById: seed.user.id,
        previousDeadline: '2026-10-20',
        requestedDeadline: '2026-12-31',
        reason: '涉及多部门协调',
        state: 'rejected',
        decidedById: seed.user.id,
        decidedAt: at('2026-10-22', 10),
        decisionReason: '请按原期限完成',
        createdAt: at('2026-10-15', 10),
      }),
    );
    const indicator = await ds.getRepository(Indicator).save(
      ds.getRepository(Indicator).create({ planId: seed.plan.id, name: '制造业产品质量合格率', op: '>=', targetValue: 95, unit: '%', targetYear: 2026, path: [], order: 0 }),
    );
    await ds.getRepository(IndicatorReading).save(ds.getRepository(IndicatorReading).create({ indicatorId: indicator.id, period: '2026-09', value: 96.2, note: null, departmentId: null, enteredById: seed.user.id }));
  }, 60_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await redis?.stop();
    await db?.cleanup();
  });

  it('refuses bad requests in Chinese and without sign-in', async () => {
    const bad = await api.request('POST', '/api/reports', { body: { month: '2026-13' } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/YYYY-MM/);
    const anonymous = await api.request('POST', '/api/reports', { body: { month: '2026-10' }, token: null });
    expect(anonymous.status).toBe(401);
  });

  it('queues the report, the worker builds and stores it', async () => {
    // The office sets who issues the 通报 (管理 → 发文设置) before its first one.
    const office = await api.request('PUT', '/api/settings/issuing-office', {
      body: {
        city: '测试市',
        issuer: '测试市质量强市工作领导小组办公室',
        signature: '测试市质量强市工作领导小组办公室',
        numbers: { circular: { pattern: '测试质强办〔{年}〕{号}号', start: 1 }, notice: { pattern: '测试质强办督〔{年}〕{号}号', start: 1 }, letter: { pattern: '测试质强办催〔{年}〕{号}号', start: 1 } },
      },
    });
    expect(office.status).toBe(200);
    const created = await api.request('POST', '/api/reports', { body: { month: '2026-10' } });
    expect(created.status).toBe(202);
    const jobId = created.body.jobId as string;
    const until = Date.now() + 20_000;
    for (;;) {
      const state = await api.get(`/api/reports/jobs/${jobId}`);
      if (state.body.status === 'completed' && state.body.reportId) {
        reportId = state.body.reportId;
        break;
      }
      if (Date.now() > until) throw new Error(`report job not done: ${JSON.stringify(state.body)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const list = await api.get('/api/reports');
    expect(list.body.map((r: { id: number; month: string; trigger: string }) => [r.id, r.month, r.trigger])).toEqual([[reportId, '2026-10', 'api']]);
  });

  it('writes an XLSX whose figures match the database, with no cell a spreadsheet would run', async () => {
    const response = await fetch(`${api.baseUrl}/api/reports/${reportId}/xlsx`, { headers: { authorization: `Bearer ${api.adminToken}` } });
    expect(response.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '台账', '逾期事项', '未报送进展', '延期申请', '单位排名', '指标']);

    // Figures from the database, as of 2026-10-31 (the report month's last day).
    const ds = worker.dataSource;
    const items = await ds.getRepository(Item).find({ where: { planId: seed.plan.id }, relations: { assignments: { department: true } }, order: { order: 'ASC' } });
    const overdue = items.filter((i) => i.deadline && i.deadline < '2026-10-31' && !isCompletedStatus(i.status) && i.status !== '暂缓');
    const reported = new Set((await ds.getRepository(ProgressReport).find({ where: { period: '2026-10', state: 'submitted' } })).map((r) => r.itemId));
    const missing = items.filter((i) => !isCompletedStatus(i.status) && i.status !== '暂缓' && !reported.has(i.id));

    const summary = wb.getWorksheet('汇总')!;
    const figure = (label: string) => summary.getColumn(1).values.indexOf(label);
    expect(summary.getRow(figure('纳入督办事项')).getCell(2).value).toBe(items.length);
    expect(summary.getRow(figure('逾期事项')).getCell(2).value).toBe(overdue.length);
    expect(summary.getRow(figure('本月未报送进展')).getCell(2).value).toBe(missing.length);

    const ledger = wb.getWorksheet('台账')!;
    expect(ledger.rowCount).toBe(items.length + 1);
    items.forEach((item, i) => {
      const row = ledger.getRow(i + 2);
      const lead = item.assignments.find((a) => a.role === 'lead')!.department.name;
      const co = item.assignments.filter((a) => a.role === 'co').map((a) => a.department.name).join('、');
      expect([row.getCell(3).value, row.getCell(5).value, row.getCell(6).value ?? '', row.getCell(7).value, row.getCell(8).value]).toEqual([
        item.number,
        lead,
        co,
        item.deadline ?? item.dueText,
        item.status,
      ]);
    });
    // The latest progress of item 1 is its lead's October report.
    expect(ledger.getRow(2).getCell(11).value).toBe('已开展宣传活动 3 场');
    // The title that looks like a formula is text.
    const evil = ledger.getRow(5).getCell(4);
    expect(evil.type).toBe(ExcelJS.ValueType.String);
    expect(evil.value).toBe(`'=HYPERLINK("http://evil.example","点我")`);
    for (const sheet of wb.worksheets) sheet.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));

    const overdueSheet = wb.getWorksheet('逾期事项')!;
    expect(overdueSheet.getColumn(1).values.slice(2).sort()).toEqual(overdue.map((i) => i.number).sort());
    // Item 1: deadline 10-09, working days to 10-31: 10-10 (调休), 12-16, 19-23, 26-30 = 16.
    const row1 = overdueSheet.getColumn(1).values.indexOf('1');
    expect(overdueSheet.getRow(row1).getCell(6).value).toBe(16);

    const ranking = wb.getWorksheet('单位排名')!;
    const departments = await ds.getRepository(Department).find();
    expect(ranking.rowCount - 1).toBe(new Set(items.map((i) => i.assignments.find((a) => a.role === 'lead')!.departmentId)).size);
    expect(departments.length).toBe(3);
    const ext = wb.getWorksheet('延期申请')!.getRow(2);
    expect([ext.getCell(4).value, ext.getCell(5).value, ext.getCell(7).value]).toEqual(['2026-10-20', '2026-12-31', '已驳回']);
    const ind = wb.getWorksheet('指标')!.getRow(2);
    expect([ind.getCell(2).value, ind.getCell(5).value]).toEqual(['制造业产品质量合格率', '已达标']);
  });

  it('writes a DOCX circular (通报) with the same figures', async () => {
    const response = await fetch(`${api.baseUrl}/api/reports/${reportId}/docx`, { headers: { authorization: `Bearer ${api.adminToken}` } });
    expect(response.status).toBe(200);
    const { value: text } = await mammoth.extractRawText({ buffer: Buffer.from(await response.arrayBuffer()) });
    expect(text).toContain('关于2026年10月测试市质量强市建设重点工作推进情况的通报');
    expect(text).toContain('测试质强办〔2026〕1号');
    expect(text).toContain('纳入督办的重点工作事项共5项');
    expect(text).toContain('逾期未完成2项');
    expect(text).toMatch(/未报送1项/);
    expect(text).toContain('加强质量文化宣传');
    expect(text).toContain('已驳回');
  });

  it('mails the report to the coordinators through the outbox, listed by the API', async () => {
    await worker.drain();
    const outbox = await api.get('/api/outbox');
    expect(outbox.status).toBe(200);
    const entry = outbox.body.find((e: { key: string }) => e.key === `report.${reportId}`);
    expect(entry).toMatchObject({ to: ['office@duban.test'], subject: '【月报】2026年10月质量强市建设重点工作推进情况月报' });
    const eml = await fetch(`${api.baseUrl}/api/outbox/${entry.key}`, { headers: { authorization: `Bearer ${api.adminToken}` } });
    expect(eml.status).toBe(200);
    const raw = (await eml.text()).replace(/\r?\n[ \t]+/g, ' ');
    expect(raw).toMatch(/Content-Type: application\/vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet/);
    expect(raw).toMatch(/Content-Type: application\/vnd\.openxmlformats-officedocument\.wordprocessingml\.document/);
  });

  it('sends an urge (催办) made in the API at once, escaped, and marks it delivered', async () => {
    const item = seed.items.get('3')!;
    const made = await api.request('POST', `/api/items/${item.id}/urges`, { body: { message: '请尽快报送<b>进展</b>', includeCo: true } });
    expect(made.status).toBe(201);
    await worker.drain();
    const until = Date.now() + 10_000;
    let urge: Urge | null = null;
    while (Date.now() < until) {
      urge = await worker.dataSource.getRepository(Urge).findOneBy({ itemId: item.id });
      if (urge?.deliveredAt) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(urge?.deliveredAt).toBeTruthy();
    const outbox = await api.get('/api/outbox');
    const entry = outbox.body.find((e: { key: string }) => e.key === `urge.${urge!.id}`);
    // Lead 市发展改革委; the co department 市经信局 has no contacts and is listed instead.
    expect(entry).toMatchObject({ to: ['fgw@duban.test'], cc: [], subject: '【催办】3.开展质量提升行动' });
    const missing = await api.get('/api/notifications/missing-contacts');
    const row = missing.body.find((m: { department: string }) => m.department === '市经信局');
    expect(row.notifications.map((n: { key: string }) => n.key)).toContain(`urge.${urge!.id}`);
    const log = await api.get('/api/notifications?kind=urge');
    expect(log.body.map((n: { key: string; status: string }) => [n.key, n.status])).toEqual([[`urge.${urge!.id}`, 'sent']]);
    const stored = await worker.dataSource.getRepository(Notification).findOneByOrFail({ key: `urge.${urge!.id}` });
    expect(stored.html).toContain('请尽快报送&lt;b&gt;进展&lt;/b&gt;');
  });

  it('serves bull-board at /admin/queues to administrators only', async () => {
    expect((await fetch(`${api.baseUrl}/admin/queues`)).status).toBe(401);
    const page = await fetch(`${api.baseUrl}/admin/queues`, { headers: { authorization: `Bearer ${api.adminToken}` } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toMatch(/<html/i);
    // No network outside the server: every stylesheet, script and icon the page loads is served here.
    const loads = [...html.matchAll(/<(?:link|script|img)\b[^>]*\s(?:href|src)="([^"]+)"/giu)].map((m) => m[1]!);
    expect(loads.filter((a) => /^(?:[a-z]+:)?\/\//i.test(a) && !a.startsWith(api.baseUrl))).toEqual([]);
    expect(html).not.toMatch(/fonts\.googleapis|fonts\.gstatic/);
    const sheets = loads.filter((a) => a.endsWith('.css'));
    expect(sheets.length).toBeGreaterThan(0);
    for (const sheet of sheets) {
      const css = await (await fetch(new URL(sheet, `${api.baseUrl}/admin/queues/`), { headers: { authorization: `Bearer ${api.adminToken}` } })).text();
      expect([sheet, css.length > 0, /url\(\s*["']?(?:https?:)?\/\/|@import/i.test(css)]).toEqual([sheet, true, false]);
    }
    const queues = await fetch(`${api.baseUrl}/admin/queues/api/queues`, { headers: { authorization: `Bearer ${api.adminToken}` } });
    expect(queues.status).toBe(200);
    const body = (await queues.json()) as { queues: { name: string }[] };
    expect(body.queues.map((q) => q.name).sort()).toEqual(['chat', 'mail', 'monthly-report', 'reminder-scan', 'reporting-duty', 'urge']);
  });

  it('shows Redis and the queues in the health check', async () => {
    const { status, body } = await api.get('/health');
    expect(status).toBe(200);
    expect(body.details.redis.status).toBe('up');
    expect(Object.keys(body.details.redis.queues).sort()).toEqual(['chat', 'mail', 'monthly-report', 'reminder-scan', 'reporting-duty', 'urge']);
  });
});
