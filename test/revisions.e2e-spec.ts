// Revised plans keep every record on the item it really is. For each fixture pair under
// test/fixtures/revisions (insertion that renumbers, deletion, title edit, move, split, merge),
// records are written on version 1 through the API (progress reports, an attachment, an
// extension, an urge) and reminders are recorded as the worker records them; version 2 is
// previewed and saved through the API, and every record is asserted on the right version-2 item,
// none on the wrong ones; old items are read-only; saving again changes nothing; undo works.
import { CLOCK, type FixedClock, Item, Notification, notificationKey, Plan, ProgressReport, shanghaiInstant } from '#domain';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { startApp, type RunningApp } from './helpers/app.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';

const DIR = join(import.meta.dirname, 'fixtures', 'revisions');
const PASSWORD = 'pass-word-123';
const LEADS = { 市市场监管局: 'scjg', 市工信局: 'gxj', 市商务局: 'swj' } as const;

interface Pair {
  name: string;
  /** v1 title -> v2 titles it became (the first takes its records); null: removed. */
  successors: Record<string, string[] | null>;
  added: string[];
  kinds: Record<string, string>;
  /** v1 titles whose match the coordinator must confirm. */
  uncertain?: string[];
}

const SAME = ['加强计量能力建设', '深化标准化改革', '开展质量提升行动', '强化食品安全监管', '培育区域公用品牌'];
const identity = (except: Record<string, string[] | null>) => Object.fromEntries(SAME.map((t) => [t, t in except ? except[t]! : [t]]));

const PAIRS: Pair[] = [
  { name: '1-insertion', successors: identity({}), added: ['加强知识产权保护'], kinds: { 加强计量能力建设: 'unchanged', 开展质量提升行动: 'changed' } },
  { name: '2-deletion', successors: identity({ 深化标准化改革: null }), added: [], kinds: { 开展质量提升行动: 'unchanged' } },
  { name: '3-title-edit', successors: identity({ 开展质量提升行动: ['开展质量提升攻坚行动'] }), added: [], kinds: { 开展质量提升行动: 'changed' } },
  { name: '4-move', successors: identity({}), added: [], kinds: { 深化标准化改革: 'unchanged' } },
  { name: '5-split', successors: identity({ 加强计量能力建设: ['加强计量能力建设', '提升计量服务能力'] }), added: [], kinds: { 加强计量能力建设: 'split' } },
  {
    name: '6-merge',
    successors: identity({ 强化食品安全监管: ['强化食品安全监管和品牌培育'], 培育区域公用品牌: ['强化食品安全监管和品牌培育'] }),
    added: [],
    kinds: { 强化食品安全监管: 'merge' },
  },
  // A body largely rewritten: still paired, but the coordinator confirms it by hand.
  { name: '7-rewrite', successors: identity({}), added: [], kinds: { 开展质量提升行动: 'changed' }, uncertain: ['开展质量提升行动'] },
];

describe('plan revisions keep every record on the item it really is', () => {
  let db: TestDatabase;
  let api: RunningApp;
  let dataSource: DataSource;
  let clock: FixedClock;
  const token: Record<string, string> = {};

  const as = (who: string | null) => ({
    get: (path: string) => api.request('GET', path, { token: who ? token[who] : undefined }),
    post: (path: string, body: unknown = {}) => api.request('POST', path, { token: who ? token[who] : undefined, body }),
    put: (path: string, body: unknown) => api.request('PUT', path, { token: who ? token[who] : undefined, body }),
  });
  const upload = (path: string, file: string, fields: Record<string, string> = {}) => {
    const form = new FormData();
    form.append('file', new Blob([readFileSync(join(DIR, file))]), file);
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    return api.request('POST', path, { token: token.coord, body: form });
  };
  const tasksOf = async (planId: number) => dataSource.getRepository(Item).find({ where: { planId, kind: 'task' }, order: { order: 'ASC' } });
  const reportTexts = async (itemId: number) => (await as('coord').get(`/api/progress-reports?item=${itemId}`)).body.map((r: { text: string }) => r.text).sort();
  const counts = async () => {
    const tables = ['plan', 'item', 'assignment', 'progress_report', 'report_attachment', 'extension_request', 'urge', 'notification', 'audit_log', 'plan_revision'];
    const out: Record<string, number> = {};
    for (const t of tables) out[t] = Number((await dataSource.query(`SELECT COUNT(*) AS n FROM ${dataSource.driver.escape(t)}`))[0].n);
    return out;
  };

  beforeAll(async () => {
    db = await createTestDatabase({ DUBAN_CLOCK: '2024-10-08T09:00:00+08:00', DUBAN_SESSION_HOURS: '100000' });
    api = await startApp(db);
    dataSource = api.app.get(DataSource);
    clock = api.app.get(CLOCK);
    clock.set(shanghaiInstant('2024-10-08', 9));
    const office = await api.request('POST', '/api/departments', { body: { name: '市质量强市办', contactEmails: ['office@example.gov.cn'] } });
    for (const [name] of Object.entries(LEADS)) {
      const created = await api.request('POST', '/api/departments', { body: { name, contactEmails: [`${LEADS[name as keyof typeof LEADS]}@example.gov.cn`] } });
      expect(created.status).toBe(201);
    }
    const departments = (await api.get('/api/departments')).body as Array<{ id: number; name: string }>;
    const users: Array<[string, string, number]> = [['coord', 'coordinator', office.body.id]];
    for (const [name, user] of Object.entries(LEADS)) users.push([user, 'editor', departments.find((d) => d.name === name)!.id]);
    for (const [username, role, departmentId] of users) {
      const created = await api.request('POST', '/api/users', { body: { username, displayName: username, password: PASSWORD, role, departmentId } });
      expect(created.status).toBe(201);
      token[username] = await api.login(username, PASSWORD);
    }
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    await db?.cleanup();
  });

  describe.each(PAIRS.map((p) => [p.name, p] as const))('%s', (_name, pair) => {
    let v1: Plan;
    let v1Tasks: Item[];
    const deadlineOf = new Map<number, string>();

    it('imports version 1 and writes records on it through the API', async () => {
      const saved = await upload('/api/imports', `${pair.name}.v1.txt`);
      expect([saved.status, saved.body.status]).toEqual([200, 'created']);
      v1 = await dataSource.getRepository(Plan).findOneByOrFail({ id: saved.body.planId });
      v1Tasks = await tasksOf(v1.id);
      expect(v1Tasks.map((t) => t.title)).toEqual(SAME);
      for (const task of v1Tasks) {
        const detail = (await as('coord').get(`/api/items/${task.id}`)).body;
        const lead = LEADS[detail.lead[0] as keyof typeof LEADS];
        expect(lead).toBeDefined();
        const draft = await as(lead).put(`/api/items/${task.id}/reports/2024-10`, { text: `进展:${task.title}`, percent: 30 });
        expect(draft.status).toBe(200);
        if (task.title === '加强计量能力建设') {
          const form = new FormData();
          form.append('file', new Blob([Buffer.from(`佐证:${pair.name}`)]), '佐证材料.txt');
          const attached = await api.request('POST', `/api/progress-reports/${draft.body.id}/attachments`, { token: token[lead], body: form });
          expect(attached.status).toBe(201);
          const asked = await as(lead).post(`/api/items/${task.id}/extensions`, { requestedDeadline: '2025-01-31', reason: '专家评审推迟' });
          expect(asked.status).toBe(201);
          expect((await as('coord').post(`/api/extensions/${asked.body.id}/approve`, { reason: '同意' })).status).toBe(200);
        }
        expect((await as(lead).post(`/api/items/${task.id}/reports/2024-10/submit`, { version: draft.body.version })).status).toBe(200);
        if (task.title === '强化食品安全监管') {
          expect((await as('coord').post(`/api/items/${task.id}/urges`, { message: '请加快进度', includeCo: false })).status).toBe(201);
        }
        // Reminders as the worker's scan records them: one sent, one waiting for its mail.
        const deadline = (await dataSource.getRepository(Item).findOneByOrFail({ id: task.id })).deadline!;
        expect(deadline).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        deadlineOf.set(task.id, deadline);
        const row = (rule: 'before' | 'due', status: 'sent' | 'pending') => ({
          key: notificationKey.deadline(task.id, { rule, occurrence: 0 }, deadline),
          kind: 'deadline' as const,
          rule,
          itemId: task.id,
          departmentId: null,
          day: '2024-10-08',
          to: [],
          cc: [],
          missingContacts: [],
          subject: status === 'sent' ? '提醒' : '',
          html: '',
          text: '',
          attachments: [],
          status,
          attempts: status === 'sent' ? 1 : 0,
          createdAt: new Date(),
          sentAt: status === 'sent' ? new Date() : null,
        });
        await dataSource.getRepository(Notification).insert([row('before', 'sent'), row('due', 'pending')]);
      }
    });

    it('previews the comparison before saving anything, and saves the coordinator confirmations', async () => {
      const before = await counts();
      const preview = await upload('/api/imports/preview', `${pair.name}.v2.txt`);
      expect(preview.status).toBe(200);
      expect(await counts()).toEqual(before);
      const revision = preview.body.revision;
      expect(revision.previous).toEqual({ planId: v1.id, title: v1.title, version: 1 });
      const oldTitle = new Map(v1Tasks.map((t) => [t.id, t.title]));
      const linkOf = (title: string) => revision.links.find((l: { old: Array<{ id: number }> }) => l.old.some((o) => oldTitle.get(o.id) === title));
      for (const [title, successors] of Object.entries(pair.successors)) {
        if (successors === null) {
          expect(revision.removed.map((r: { title: string }) => r.title)).toContain(title);
          continue;
        }
        const link = linkOf(title);
        expect(link.new.map((n: { title: string }) => n.title)).toEqual(successors);
        expect(link.reasons.length).toBeGreaterThan(0);
        expect(link.confidence).toBeGreaterThan(0);
      }
      for (const [title, kind] of Object.entries(pair.kinds)) expect([title, linkOf(title).kind]).toEqual([title, kind]);
      expect(revision.added.map((a: { title: string }) => a.title)).toEqual(pair.added);
      // A changed item shows old and new text side by side with the difference marked.
      for (const link of revision.links.filter((l: { kind: string }) => l.kind === 'changed')) {
        expect(link.titleSpans.length + link.bodySpans.length).toBeGreaterThan(0);
        expect([...link.titleSpans, ...link.bodySpans].some((s: { op: string }) => s.op !== 'same')).toBe(true);
      }

      const uncertain = revision.links.filter((l: { uncertain: boolean }) => l.uncertain);
      expect(uncertain.map((l: { old: Array<{ id: number }> }) => oldTitle.get(l.old[0]!.id))).toEqual(pair.uncertain ?? []);
      if (uncertain.length > 0) {
        // Not confirmed: refused with the pairs named, nothing saved.
        const refused = await upload('/api/imports', `${pair.name}.v2.txt`);
        expect(refused.status).toBe(400);
        expect(JSON.stringify(refused.body.message)).toMatch(/不确定.*请确认或重新配对/);
        expect(await counts()).toEqual(before);
      }
      // A decision naming an item of another plan is refused in Chinese.
      const wrong = await upload('/api/imports', `${pair.name}.v2.txt`, { decisions: JSON.stringify({ links: [{ old: [999999], new: [0] }] }) });
      expect(wrong.status).toBe(400);
      expect(JSON.stringify(wrong.body.message)).toMatch(/旧版条目不存在/);
      const malformed = await upload('/api/imports', `${pair.name}.v2.txt`, { decisions: JSON.stringify({ links: [{ old: 'x' }] }) });
      expect(malformed.status).toBe(400);
      expect(await counts()).toEqual(before);

      const decisions = {
        links: uncertain.map((l: { old: Array<{ id: number }>; new: Array<{ index: number }> }) => ({ old: l.old.map((o) => o.id), new: l.new.map((n) => n.index) })),
        proposals: revision.proposals.map((p: { newIndex: number; field: string }) => ({ newIndex: p.newIndex, field: p.field, decision: 'accept' })),
      };
      const saved = await upload('/api/imports', `${pair.name}.v2.txt`, { decisions: JSON.stringify(decisions) });
      expect([saved.status, saved.body.status, saved.body.version, saved.body.previousPlanId]).toEqual([200, 'revised', 2, v1.id]);
    });

    it('carries every record to the right version-2 item and none to the wrong ones', async () => {
      const v2 = await dataSource.getRepository(Plan).findOneByOrFail({ seriesKey: v1.seriesKey, version: 2 });
      const v2Tasks = await tasksOf(v2.id);
      const byTitle = new Map(v2Tasks.map((t) => [t.title, t]));
      const expectedReports = new Map<number, string[]>(v2Tasks.map((t) => [t.id, []]));
      const oldByTitle = new Map(v1Tasks.map((t) => [t.title, t]));
      for (const [title, successors] of Object.entries(pair.successors)) {
        const old = oldByTitle.get(title)!;
        const detail = (await as('coord').get(`/api/items/${old.id}`)).body;
        if (successors === null) {
          // Withdrawn, readable with its records; its pending reminder withdrawn, the sent one kept.
          expect([detail.status, detail.supersededBy, detail.readOnly]).toEqual(['已撤销', null, expect.stringMatching(/撤销/)]);
          expect(await reportTexts(old.id)).toEqual([`进展:${title}`]);
          const reminders = await dataSource.getRepository(Notification).find({ where: { itemId: old.id }, order: { id: 'ASC' } });
          expect(reminders.map((n) => [n.rule, n.status])).toEqual([
            ['before', 'sent'],
            ['due', 'withdrawn'],
          ]);
          continue;
        }
        const target = byTitle.get(successors[0]!)!;
        expect(target).toBeDefined();
        expectedReports.get(target.id)!.push(`进展:${title}`);
        expect(detail.supersededBy).toEqual({ itemId: target.id, planId: v2.id, version: 2 });
        expect(detail.readOnly).toMatch(/已被第2版替代/);
        // Old items are read-only: every write refused, naming the successor.
        const lead = LEADS[detail.lead[0] as keyof typeof LEADS];
        const write = await as(lead).put(`/api/items/${old.id}/reports/2024-10`, { text: '写在旧版上', version: 1 });
        expect([write.status, write.body.message]).toEqual([409, expect.stringContaining(`ID ${target.id}`)]);
        const transition = await as('coord').post(`/api/items/${old.id}/transitions`, { action: 'suspend', reason: '旧版', version: detail.version });
        expect(transition.status).toBe(409);
        expect((await as('coord').post(`/api/items/${old.id}/urges`, { message: '旧版', includeCo: false })).status).toBe(409);
        expect((await as(lead).post(`/api/items/${old.id}/extensions`, { requestedDeadline: '2025-12-31', reason: '旧版' })).status).toBe(409);
        expect(await reportTexts(old.id)).toEqual([]);
        // The successor: status, history with the revision as an entry, predecessors named.
        const next = (await as('coord').get(`/api/items/${target.id}`)).body;
        expect(next.status).toBe(detail.status);
        expect(next.predecessors.map((p: { itemId: number }) => p.itemId)).toContain(old.id);
        expect(next.readOnly).toBeNull();
        const audit = (await as('coord').get(`/api/items/${target.id}/audit?pageSize=100`)).body.entries.map((e: { action: string }) => e.action);
        expect(audit).toEqual(expect.arrayContaining(['report.create', 'report.submit', 'item.revise']));
        // Reminders moved with it: the one sent is found under the successor's key (the scan sends it
        // no second time), unless the deadline changed, when the new deadline's reminders are new keys.
        const reminders = await dataSource.getRepository(Notification).find({ where: { itemId: target.id } });
        const oldDeadline = deadlineOf.get(old.id)!;
        expect(reminders.map((n) => n.key).sort()).toEqual(
          expect.arrayContaining([notificationKey.deadline(target.id, { rule: 'before', occurrence: 0 }, oldDeadline), notificationKey.deadline(target.id, { rule: 'due', occurrence: 0 }, oldDeadline)]),
        );
        // Nothing left to send on the old item (a merged item's second copy of the same reminder is withdrawn).
        expect(await dataSource.getRepository(Notification).countBy({ itemId: old.id, status: 'pending' })).toBe(0);
        const merged = Object.values(pair.successors).filter((s) => s?.[0] === successors[0]).length > 1;
        if (!merged) {
          expect(await dataSource.getRepository(Notification).countBy({ itemId: old.id })).toBe(0);
        }
      }
      for (const task of v2Tasks) expect([task.title, await reportTexts(task.id)]).toEqual([task.title, expectedReports.get(task.id)!.sort()]);

      // Attachment, extension and urge on the right items only.
      const metering = byTitle.get('加强计量能力建设')!;
      const reports = (await as('coord').get(`/api/progress-reports?item=${metering.id}`)).body;
      expect(reports[0].attachments.map((a: { fileName: string }) => a.fileName)).toEqual(['佐证材料.txt']);
      const file = await fetch(`${api.baseUrl}/api/progress-reports/${reports[0].id}/attachments/${reports[0].attachments[0].id}`, { headers: { authorization: `Bearer ${token.coord}` } });
      expect(await file.text()).toBe(`佐证:${pair.name}`);
      for (const task of v2Tasks) {
        const extensions = (await as('coord').get(`/api/items/${task.id}/extensions`)).body;
        expect([task.title, extensions.map((e: { state: string }) => e.state)]).toEqual([task.title, task.id === metering.id ? ['approved'] : []]);
        const urges = (await as('coord').get(`/api/items/${task.id}/urges`)).body;
        const food = byTitle.get(pair.successors['强化食品安全监管']![0]!)!;
        expect([task.title, urges.length]).toEqual([task.title, task.id === food.id ? 1 : 0]);
      }
      // The approved extension's deadline stays on the successor.
      expect((await dataSource.getRepository(Item).findOneByOrFail({ id: metering.id })).deadline).toBe('2025-01-31');

      // Lists show the current version only unless asked.
      const listed = (await as('coord').get(`/api/items?q=${encodeURIComponent('强化食品安全监管')}&pageSize=100`)).body.items.map((i: { planId: number }) => i.planId);
      expect(listed).not.toContain(v1.id);
      expect(listed).toContain(v2.id);
      const all = (await as('coord').get(`/api/items?q=${encodeURIComponent('强化食品安全监管')}&scope=all&pageSize=100`)).body.items.map((i: { planId: number }) => i.planId);
      expect(all).toContain(v1.id);
    });

    it('changes nothing when the same revision is saved again', async () => {
      const before = await counts();
      const again = await upload('/api/imports', `${pair.name}.v2.txt`);
      expect([again.status, again.body.status]).toEqual([200, 'unchanged']);
      expect(await counts()).toEqual(before);
    });

    it('undoes the revision while nobody wrote on version 2, and refuses once somebody did', async () => {
      const v2 = await dataSource.getRepository(Plan).findOneByOrFail({ seriesKey: v1.seriesKey, version: 2 });
      const undone = await as('coord').post(`/api/plans/${v2.id}/undo-revision`);
      expect([undone.status, undone.body]).toEqual([200, { planId: v2.id, previousPlanId: v1.id }]);
      expect((await dataSource.getRepository(Plan).findOneByOrFail({ id: v1.id })).current).toBe(true);
      for (const task of v1Tasks) {
        expect([task.title, await reportTexts(task.id)]).toEqual([task.title, [`进展:${task.title}`]]);
        const back = await dataSource.getRepository(Item).findOneByOrFail({ id: task.id });
        expect([task.title, back.successorId, back.status]).toEqual([task.title, null, '未启动']);
        const reminders = await dataSource.getRepository(Notification).find({ where: { itemId: task.id, kind: 'deadline' }, order: { id: 'ASC' } });
        expect(reminders.map((n) => [n.key.split('.')[1], n.status])).toEqual([
          [String(task.id), 'sent'],
          [String(task.id), 'pending'],
        ]);
      }
      // Revised again, then somebody reports on version 2: undo is refused.
      const preview = (await upload('/api/imports/preview', `${pair.name}.v2.txt`)).body.revision;
      const decisions = {
        links: preview.links.filter((l: { uncertain: boolean }) => l.uncertain).map((l: { old: Array<{ id: number }>; new: Array<{ index: number }> }) => ({ old: l.old.map((o) => o.id), new: l.new.map((n) => n.index) })),
      };
      const saved = await upload('/api/imports', `${pair.name}.v2.txt`, { decisions: JSON.stringify(decisions) });
      expect(saved.body.status).toBe('revised');
      const v2again = (await tasksOf(saved.body.planId)).find((t) => t.title === '开展质量提升行动' || t.title === '开展质量提升攻坚行动')!;
      expect(await dataSource.getRepository(ProgressReport).countBy({ itemId: v2again.id })).toBe(1);
      expect((await as('coord').post(`/api/items/${v2again.id}/urges`, { message: '第2版上的催办', includeCo: false })).status).toBe(201);
      const refused = await as('coord').post(`/api/plans/${saved.body.planId}/undo-revision`);
      expect([refused.status, refused.body.message]).toEqual([409, expect.stringMatching(/不能撤销修订/)]);
    });
  });

  it('a printed change of deadline and departments is a proposal, applied when accepted', async () => {
    const plan = await dataSource.getRepository(Plan).findOneByOrFail({ title: '甲市2024年质量强市工作要点', current: true });
    const tasks = await tasksOf(plan.id);
    const quality = tasks.find((t) => t.title === '开展质量提升行动')!;
    expect([quality.dueText, quality.deadline]).toEqual(['2025年6月底前', '2025-06-30']);
    // The reminders recorded for the old deadline moved; those of the new deadline are new keys, so they go out.
    const keys = (await dataSource.getRepository(Notification).findBy({ itemId: quality.id })).map((n) => n.key);
    expect(keys.some((k) => k.includes('2025-06-30'))).toBe(false);
    const food = (await as('coord').get(`/api/items/${tasks.find((t) => t.title === '强化食品安全监管')!.id}`)).body;
    expect(food.co.sort()).toEqual(['市商务局', '市教育局'].sort());
  });

  it('archives a plan: its items leave the active lists and it can be renamed', async () => {
    const plan = await dataSource.getRepository(Plan).findOneByOrFail({ title: '乙市2024年质量强市工作要点', current: true });
    const patched = await api.request('PATCH', `/api/plans/${plan.id}`, { token: token.coord, body: { title: '乙市2024年质量强市工作要点(调整)', city: '乙市', startDate: '2024-01-01', endDate: '2024-12-31', docNumber: '乙质强办〔2024〕1号' } });
    expect([patched.status, patched.body.title, patched.body.city, patched.body.docNumber]).toEqual([200, '乙市2024年质量强市工作要点(调整)', '乙市', '乙质强办〔2024〕1号']);
    const wrongDates = await api.request('PATCH', `/api/plans/${plan.id}`, { token: token.coord, body: { startDate: '2025-01-01' } });
    expect([wrongDates.status, JSON.stringify(wrongDates.body.message)]).toEqual([400, expect.stringMatching(/不能晚于截止日期/)]);
    const badDate = await api.request('PATCH', `/api/plans/${plan.id}`, { token: token.coord, body: { issued: '2024-13-01' } });
    expect(badDate.status).toBe(400);
    const byEditor = await api.request('PATCH', `/api/plans/${plan.id}`, { token: token.gxj, body: { city: 'x' } });
    expect(byEditor.status).toBe(403);

    const listed = async () => (await as('coord').get(`/api/items?plan=${plan.id}&kind=task`)).body.total;
    const active = async () => (await as('coord').get(`/api/items?kind=task&pageSize=100`)).body.items.filter((i: { planId: number }) => i.planId === plan.id).length;
    expect(await active()).toBe(await listed());
    const archived = await api.request('PATCH', `/api/plans/${plan.id}`, { token: token.coord, body: { archived: true } });
    expect([archived.status, archived.body.archived]).toEqual([200, true]);
    expect(await active()).toBe(0);
    expect(await listed()).toBeGreaterThan(0);
    const task = (await tasksOf(plan.id))[0]!;
    const write = await as('coord').post(`/api/items/${task.id}/urges`, { message: '归档后', includeCo: false });
    expect([write.status, write.body.message]).toEqual([409, expect.stringMatching(/已归档/)]);
    const overview = (await as('coord').get('/api/dashboard/items')).body;
    expect(JSON.stringify(overview)).not.toContain('乙市2024年质量强市工作要点(调整)');
  });
});
