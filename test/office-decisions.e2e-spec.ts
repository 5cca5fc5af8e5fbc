// Issue 14, decisions that cannot be taken by accident, through HTTP: the item tells each user what
// they may do (and why not); 报完成 carries a 办结情况 and evidence; 销号 a 销号意见, undone by the office
// with a reason (撤销销号); one extension rule (延期申请 up to the deadline, 逾期说明 after it);
// 催办 only where a lead exists; 一键催办 of one department's overdue items as one action.
import { AuditLog, CLOCK, ExtensionRequest, FixedClock, Item, shanghaiInstant, Urge } from '#domain';
import { PlanImportService } from '#plan-import';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { type HttpResult, startApp, type RunningApp } from './helpers/app.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';
import { SEEDS_DIR } from './helpers/gold.js';

const PASSWORD = 'pass-word-123';

describe('office decisions', () => {
  let db: TestDatabase;
  let api: RunningApp;
  let dataSource: DataSource;
  let clock: FixedClock;
  const dept: Record<string, number> = {};
  const token: Record<string, string> = {};
  let tasks: Item[];

  const at = (day: string) => clock.set(shanghaiInstant(day, 10));
  const as = (who: string) => ({
    get: (path: string) => api.request('GET', path, { token: token[who] }),
    post: (path: string, body: unknown = {}) => api.request('POST', path, { token: token[who], body }),
    put: (path: string, body: unknown) => api.request('PUT', path, { token: token[who], body }),
  });
  const item = async (id: number, who = 'coord') => (await as(who).get(`/api/items/${id}`)).body;
  const allowedOf = (detail: { actions: { action: string; allowed: boolean }[] }) => detail.actions.filter((a) => a.allowed).map((a) => a.action);
  const reasonOf = (detail: { actions: { action: string; reason?: string }[] }, action: string) => detail.actions.find((a) => a.action === action)?.reason;
  const transition = async (who: string, id: number, action: string, reason?: string): Promise<HttpResult> =>
    as(who).post(`/api/items/${id}/transitions`, { action, reason, version: (await item(id)).version });

  beforeAll(async () => {
    db = await createTestDatabase({ DUBAN_CLOCK: '2026-10-08T10:00:00+08:00', DUBAN_SESSION_HOURS: '100000' });
    api = await startApp(db);
    dataSource = api.app.get(DataSource);
    clock = api.app.get(CLOCK);
    const { plan } = await new PlanImportService(dataSource).importFile(join(SEEDS_DIR, '004_60e92da960188409.txt'));
    tasks = await dataSource.getRepository(Item).find({ where: { planId: plan.id, kind: 'task' }, order: { order: 'ASC' } });
    for (const [key, name] of Object.entries({ office: '市质量强市办', lead: '市市场监管局', co: '市发改委' })) {
      dept[key] = (await api.request('POST', '/api/departments', { body: { name, contactEmails: [`${key}@example.gov.cn`] } })).body.id;
    }
    for (const [username, role, departmentId] of [
      ['coord', 'coordinator', dept.office],
      ['lead', 'editor', dept.lead],
      ['co', 'editor', dept.co],
      ['boss', 'leader', undefined],
    ] as const) {
      expect((await api.request('POST', '/api/users', { body: { username, displayName: `${username}用户`, password: PASSWORD, role, departmentId } })).status).toBe(201);
      token[username] = await api.login(username, PASSWORD);
    }
    // Tasks 0-2 led by 市市场监管局 with 市发改委 co-operating; task 3 has no lead.
    for (const [i, deadline] of [
      [0, '2026-12-31'],
      [1, '2026-10-09'],
      [2, '2026-10-20'],
    ] as const) {
      const t = tasks[i]!;
      const assigned = await as('coord').put(`/api/items/${t.id}/assignment`, { lead: dept.lead, co: [dept.co], deadline, version: (await item(t.id)).version });
      expect(assigned.status).toBe(200);
    }
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    await db?.cleanup();
  });

  it('tells each user the actions they may take, with the reason for the others', async () => {
    const id = tasks[0]!.id;
    expect(allowedOf(await item(id, 'lead'))).toEqual(['start', 'report', 'extension']);
    expect(allowedOf(await item(id, 'co'))).toEqual(['report']);
    expect(allowedOf(await item(id, 'coord'))).toEqual(['start', 'suspend', 'urge', 'deadline']);
    // A 领导 reads what the office reads and writes nothing.
    const boss = await item(id, 'boss');
    expect(allowedOf(boss)).toEqual([]);
    expect(reasonOf(boss, 'urge')).toBe('领导(只读)只能查看,不能修改数据');
    expect((await as('boss').post(`/api/items/${id}/urges`, { message: '领导催办' })).status).toBe(403);
    expect(reasonOf(await item(id, 'co'), 'complete')).toBe('配合单位不能报完成事项,只有牵头单位或质量强市办可以');
    expect(reasonOf(await item(id, 'lead'), 'overdue')).toMatch(/未到,尚未逾期/);
    // No lead: no urge, said why; the API refuses the same way.
    const unled = await item(tasks[3]!.id);
    expect(reasonOf(unled, 'urge')).toBe('事项尚未分配牵头单位,无法催办');
    // No lead: nobody owes this month's report, so the light is not yellow for it.
    expect(unled.lightReasons).not.toContain('本月进展未报送');
    expect(await item(tasks[0]!.id)).toMatchObject({ light: 'yellow', lightReasons: ['本月进展未报送'] });
    const urge = await as('coord').post(`/api/items/${tasks[3]!.id}/urges`, { message: '请推进' });
    expect([urge.status, urge.body.message]).toEqual([409, '事项尚未分配牵头单位,无法催办']);
  });

  it('报完成 with 办结情况 and evidence; 销号 with 意见; 撤销销号 with a reason; all in the history', async () => {
    const id = tasks[0]!.id;
    expect((await transition('lead', id, 'start')).status).toBe(200);
    const bare = await transition('lead', id, 'complete');
    expect([bare.status, bare.body.message]).toEqual([400, ['报完成必须填写办结情况']]);
    const done = await transition('lead', id, 'complete', '质量品牌建设方案已印发实施。');
    expect([done.status, done.body.status, done.body.completion.statement, done.body.completion.by]).toEqual([200, '已完成(待审核)', '质量品牌建设方案已印发实施。', 'lead用户']);
    // Evidence: the lead attaches it; a co department may not; the office reads it when deciding.
    const file = (name: string, text: string) => {
      const form = new FormData();
      form.append('file', new Blob([text], { type: 'application/pdf' }), name);
      return form;
    };
    const upload = await api.request('POST', `/api/items/${id}/evidence`, { token: token.lead, body: file('印发文件.pdf', '%PDF-1.4 印发') });
    expect(upload.status).toBe(201);
    const refused = await api.request('POST', `/api/items/${id}/evidence`, { token: token.co, body: file('配合.pdf', '%PDF') });
    expect([refused.status, refused.body.message]).toEqual([403, '只有牵头单位或质量强市办可以上传佐证材料']);
    const badType = await api.request('POST', `/api/items/${id}/evidence`, { token: token.lead, body: file('脚本.exe', 'MZ') });
    expect(badType.status).toBe(400);
    const waiting = await item(id);
    expect(waiting.evidence.map((e: { fileName: string; uploadedBy: string }) => [e.fileName, e.uploadedBy])).toEqual([['印发文件.pdf', 'lead用户']]);
    expect(allowedOf(waiting)).toEqual(['close', 'return', 'evidence', 'urge', 'deadline']);
    const download = await fetch(`${api.baseUrl}/api/items/${id}/evidence/${upload.body.id}`, { headers: { authorization: `Bearer ${token.boss}` } });
    expect([download.status, await download.text()]).toEqual([200, '%PDF-1.4 印发']);

    const noOpinion = await transition('coord', id, 'close');
    expect([noOpinion.status, noOpinion.body.message]).toEqual([400, ['销号必须填写销号意见']]);
    const closed = await transition('coord', id, 'close', '材料齐全,同意销号');
    expect([closed.status, closed.body.status, closed.body.statusReason]).toEqual([200, '已销号', '材料齐全,同意销号']);
    expect(allowedOf(closed.body)).toEqual(['reopen']);
    expect((await transition('lead', id, 'reopen', '我们还要补充')).status).toBe(403);
    const noReason = await transition('coord', id, 'reopen');
    expect([noReason.status, noReason.body.message]).toEqual([400, ['撤销销号必须填写撤销理由']]);
    const reopened = await transition('coord', id, 'reopen', '误销号,验收尚未完成');
    expect([reopened.status, reopened.body.status, reopened.body.statusReason]).toEqual([200, '已完成(待审核)', '误销号,验收尚未完成']);

    const history = (await dataSource.getRepository(AuditLog).find({ where: { itemId: id }, order: { id: 'ASC' } })).map((e) => [e.action, (e.after as { action?: string; statusReason?: string }).action ?? '', (e.after as { statusReason?: string }).statusReason ?? '']);
    expect(history.slice(-5)).toEqual([
      ['item.transition', 'start', ''],
      ['item.transition', 'complete', '质量品牌建设方案已印发实施。'],
      ['item.evidence', '', ''],
      ['item.transition', 'close', '材料齐全,同意销号'],
      ['item.transition', 'reopen', '误销号,验收尚未完成'],
    ]);
  });

  it('one extension rule: 延期申请 up to the deadline, 逾期说明 after it, decided the same way', async () => {
    const id = tasks[1]!.id; // due 2026-10-09
    at('2026-10-09');
    expect(allowedOf(await item(id, 'lead'))).toContain('extension');
    at('2026-10-12');
    const lead = await item(id, 'lead');
    expect(allowedOf(lead)).toContain('overdue');
    expect(allowedOf(lead)).not.toContain('extension');
    expect(reasonOf(lead, 'extension')).toBe('期限(2026-10-09)已过,不能再申请延期,请提交逾期说明并提出新的完成时限');
    const late = await as('lead').post(`/api/items/${id}/extensions`, { requestedDeadline: '2026-11-30', reason: '来不及' });
    expect([late.status, late.body.message]).toEqual([409, '期限(2026-10-09)已过,不能再申请延期,请提交逾期说明并提出新的完成时限']);
    const past = await as('lead').post(`/api/items/${id}/extensions`, { kind: 'overdue', requestedDeadline: '2026-10-11', reason: '设备未到' });
    expect(past.status).toBe(400);
    const explained = await as('lead').post(`/api/items/${id}/extensions`, { kind: 'overdue', requestedDeadline: '2026-11-30', reason: '设备未到货,预计11月底完成' });
    expect([explained.status, explained.body.kind, explained.body.state]).toEqual([201, 'overdue', 'pending']);
    expect(reasonOf(await item(id, 'lead'), 'overdue')).toBe('该事项已有待审批的延期申请或逾期说明');
    const approved = await as('coord').post(`/api/extensions/${explained.body.id}/approve`, { reason: '同意' });
    expect(approved.status).toBe(200);
    const moved = await item(id);
    expect([moved.deadline, moved.overdue]).toEqual(['2026-11-30', false]);
    await expect(dataSource.getRepository(ExtensionRequest).findOneByOrFail({ id: explained.body.id })).resolves.toMatchObject({ kind: 'overdue', state: 'approved' });
    // Before the deadline a 逾期说明 is refused.
    expect((await as('lead').post(`/api/items/${tasks[2]!.id}/extensions`, { kind: 'overdue', requestedDeadline: '2026-12-31', reason: '提前' })).body.message).toMatch(/未到,尚未逾期/);
  });

  it('一键催办: all overdue items one department leads, in one action', async () => {
    at('2026-10-26'); // task 2 (due 10-20) is overdue; task 1 moved to 11-30, task 0 awaits review.
    const before = await dataSource.getRepository(Urge).count();
    const urged = await as('coord').post(`/api/departments/${dept.lead}/urges/overdue`, { message: '请尽快办理逾期事项' });
    expect([urged.status, urged.body]).toEqual([201, { department: '市市场监管局', urged: 1, itemIds: [tasks[2]!.id] }]);
    expect(await dataSource.getRepository(Urge).count()).toBe(before + 1);
    const none = await as('coord').post(`/api/departments/${dept.co}/urges/overdue`, { message: '请尽快办理' });
    expect([none.status, none.body.message]).toEqual([409, '市发改委没有可催办的逾期事项']);
    expect((await as('lead').post(`/api/departments/${dept.lead}/urges/overdue`, { message: '自己催自己' })).status).toBe(403);
    expect((await as('coord').post('/api/departments/999999/urges/overdue', { message: '不存在' })).status).toBe(404);
    // The ranking: a department that leads nothing in progress (市发改委 only co-operates) is not ranked
    // above the one that leads overdue work, whatever its 100%.
    const ranking = (await as('coord').get('/api/dashboard/summary')).body.ranking.map((d: { name: string; active: number }) => [d.name, d.active]);
    expect(ranking).toEqual([
      ['市市场监管局', 2],
      ['市发改委', 0],
    ]);
  });

  it('报送审阅: withdraw until read, read, comment, 退回补充 with a reason, every version kept', async () => {
    at('2026-10-27');
    const id = tasks[2]!.id;
    const draft = await as('co').put(`/api/items/${id}/reports/2026-10`, { text: '发改委:已完成项目初审。' });
    const first = await as('co').post(`/api/items/${id}/reports/2026-10/submit`, { version: draft.body.version });
    expect(first.status).toBe(200);
    // The lead department sees the contribution as soon as it is submitted.
    expect((await as('lead').get(`/api/progress-reports?item=${id}&period=2026-10`)).body.map((r: { departmentName: string; text: string }) => [r.departmentName, r.text])).toEqual([['市发改委', '发改委:已完成项目初审。']]);
    const unread = await as('coord').get('/api/progress-reports/review?unread=true&month=2026-10');
    expect(unread.body.rows.map((r: { id: number; state: string }) => [r.id, r.state])).toEqual([[first.body.id, 'unread']]);
    expect((await as('coord').get(`/api/progress-reports/review?department=${dept.lead}`)).body.total).toBe(0);
    expect((await as('coord').get(`/api/progress-reports/review?plan=${tasks[2]!.planId}&month=2026-09`)).body.total).toBe(0);
    expect((await as('boss').get('/api/progress-reports/review')).status).toBe(200);
    expect((await as('lead').get('/api/progress-reports/review')).status).toBe(403);
    expect((await as('coord').get('/api/progress-reports/review?month=2026-13')).status).toBe(400);

    // Not read yet: the department withdraws it, corrects and submits again.
    expect((await as('lead').post(`/api/progress-reports/${first.body.id}/withdraw`)).status).toBe(403);
    const withdrawn = await as('co').post(`/api/progress-reports/${first.body.id}/withdraw`);
    expect([withdrawn.status, withdrawn.body.state]).toEqual([200, 'draft']);
    expect((await as('coord').get('/api/progress-reports/review?month=2026-10')).body.rows[0]).toMatchObject({ state: 'withdrawn', text: '发改委:已完成项目初审。' });
    const corrected = await as('co').put(`/api/items/${id}/reports/2026-10`, { text: '发改委:已完成项目初审,3个项目进入复审。', version: withdrawn.body.version });
    expect((await as('co').post(`/api/items/${id}/reports/2026-10/submit`, { version: corrected.body.version })).status).toBe(200);

    // Read: no withdrawing any more.
    expect((await as('boss').post(`/api/progress-reports/${first.body.id}/read`)).status).toBe(403);
    const read = await as('coord').post(`/api/progress-reports/${first.body.id}/read`);
    expect([read.status, read.body.state]).toEqual([200, 'read']);
    const late = await as('co').post(`/api/progress-reports/${first.body.id}/withdraw`);
    expect([late.status, late.body.message]).toEqual([409, '质量强市办已阅读该进展,不能再撤回;如需更正,请联系质量强市办退回补充']);
    const commented = await as('coord').post(`/api/progress-reports/${first.body.id}/comments`, { text: '请说明复审时间' });
    expect(commented.body.comments.map((c: { author: string; text: string }) => [c.author, c.text])).toEqual([['coord用户', '请说明复审时间']]);
    expect((await as('coord').post(`/api/progress-reports/${first.body.id}/return`, { text: ' ' })).status).toBe(400);
    const back = await as('coord').post(`/api/progress-reports/${first.body.id}/return`, { text: '请补充复审时间安排' });
    expect([back.status, back.body.state, back.body.returnReason]).toEqual([200, 'returned', '请补充复审时间安排']);
    expect(back.body.versions.map((v: { number: number; text: string; endedBy: string | null }) => [v.number, v.text, v.endedBy])).toEqual([
      [1, '发改委:已完成项目初审。', 'withdrawn'],
      [2, '发改委:已完成项目初审,3个项目进入复审。', 'returned'],
    ]);
    // The department finds it back as a draft, with the reason, and submits a third version.
    const mine = (await as('co').get(`/api/progress-reports?item=${id}&period=2026-10`)).body[0];
    expect([mine.state, mine.returnReason]).toEqual(['draft', '请补充复审时间安排']);
    const third = await as('co').put(`/api/items/${id}/reports/2026-10`, { text: '发改委:复审定于11月10日。', version: mine.version });
    const resubmitted = await as('co').post(`/api/items/${id}/reports/2026-10/submit`, { version: third.body.version });
    expect([resubmitted.body.state, resubmitted.body.returnReason, resubmitted.body.readAt]).toEqual(['submitted', null, null]);
    expect((await as('coord').get('/api/progress-reports/review?unread=true')).body.rows.map((r: { versions: unknown[] }) => r.versions.length)).toEqual([3]);
  });

  it('操作日志 reads as Chinese sentences with names; a draft is "保存了草稿" outside its department', async () => {
    const id = tasks[0]!.id;
    const log = await as('coord').get(`/api/items/${id}/audit?pageSize=200`);
    const sentences = log.body.entries.map((e: { sentence: string }) => e.sentence);
    expect(sentences).toEqual(
      expect.arrayContaining([
        'coord用户(市质量强市办)分配牵头单位:市市场监管局;配合单位:市发改委;期限:2026年12月31日',
        'lead用户(市市场监管局)启动了事项',
        'lead用户(市市场监管局)报完成,办结情况:质量品牌建设方案已印发实施。',
        'lead用户(市市场监管局)上传了佐证材料《印发文件.pdf》',
        'coord用户(市质量强市办)销号,销号意见:材料齐全,同意销号',
        'coord用户(市质量强市办)撤销销号,理由:误销号,验收尚未完成',
      ]),
    );
    // A 领导 reads the same history.
    expect((await as('boss').get(`/api/items/${id}/audit?pageSize=200`)).body.entries.map((e: { sentence: string }) => e.sentence)).toEqual(sentences);
    // A draft: its department reads what it saved; the office reads only that a draft was saved.
    const draft = await as('co').put(`/api/items/${tasks[1]!.id}/reports/2026-10`, { text: '内部草稿:尚未核实的数字' });
    expect(draft.status).toBe(200);
    const office = await as('coord').get(`/api/items/${tasks[1]!.id}/audit?pageSize=200`);
    const entry = office.body.entries.find((e: { action: string }) => e.action === 'report.create');
    expect([entry.sentence, entry.before, entry.after]).toEqual(['co用户(市发改委)保存了草稿', null, null]);
    expect(JSON.stringify(office.body)).not.toContain('尚未核实');
    const extension = office.body.entries.find((e: { action: string }) => e.action === 'extension.explain');
    expect(extension.sentence).toBe('lead用户(市市场监管局)提交逾期说明,提出新的完成时限2026年11月30日(原期限2026年10月9日),原因:设备未到货,预计11月底完成');
  });

  it('the administrator sets the public address of mail links on 管理', async () => {
    const before = await api.request('GET', '/api/settings');
    expect([before.body.publicUrl, before.body.origin.publicUrl.source]).toEqual(['http://localhost:3000', 'env']);
    // Mail goes to the outbox in this suite (no SMTP_URL): nothing to warn about.
    expect(before.body.publicUrlWarning).toBeNull();
    const bad = await api.request('PUT', '/api/settings/public-url', { body: { url: 'duban.xm.gov.cn' } });
    expect([bad.status, bad.body.message]).toEqual([400, ['系统访问地址必须以 http:// 或 https:// 开头,如 https://duban.example.gov.cn']]);
    expect((await as('coord').put('/api/settings/public-url', { url: 'https://duban.xm.gov.cn' })).status).toBe(403);
    const saved = await api.request('PUT', '/api/settings/public-url', { body: { url: 'https://duban.xm.gov.cn/' } });
    expect([saved.status, saved.body.publicUrl, saved.body.origin.publicUrl.source]).toEqual([200, 'https://duban.xm.gov.cn', 'admin']);
    const reset = await api.request('DELETE', '/api/settings/publicUrl');
    expect(reset.body.publicUrl).toBe('http://localhost:3000');
  });
});
