// A real revision: the same office's plan issued on 2017-04-01 and re-issued as revised on 2017-07-31
// (test/fixtures/revisions/real-pingtan-scjg-wenming-2017, sources in SOURCES.md). Which item of the first
// version is which of the second was written by hand in expectations.json from reading both texts. Each
// department reports on every item of version 1 through the API; version 2 is previewed, the coordinator
// confirms what the comparison is unsure of by the expectations (as a person would, by reading), accepts the
// printed changes of departments, and saves. Every report must then be on the item it really is, and none on
// another; the printed change of units is applied.
import { Item, Plan } from '#domain';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { startApp, type RunningApp } from './helpers/app.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';

const DIR = join(import.meta.dirname, 'fixtures', 'revisions', 'real-pingtan-scjg-wenming-2017');
const PASSWORD = 'pass-word-123';

interface Side {
  number: string;
  path: string[];
  title: string;
}
interface Expected {
  v1: Side;
  v2: Side;
  kind: 'unchanged' | 'changed';
  units?: string[];
  units_v1?: string[];
  units_v2?: string[];
}
const EXPECTED = (JSON.parse(readFileSync(join(DIR, 'expectations.json'), 'utf8')) as { pairs: Expected[] }).pairs;

describe('a real revised plan keeps every report on the item it really is', () => {
  let db: TestDatabase;
  let api: RunningApp;
  let dataSource: DataSource;
  let coord: string;
  const editors = new Map<string, string>();

  const upload = (path: string, file: string, fields: Record<string, string> = {}) => {
    const form = new FormData();
    form.append('file', new Blob([readFileSync(join(DIR, file))]), file);
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    return api.request('POST', path, { token: coord, body: form });
  };
  const tasksOf = (planId: number) => dataSource.getRepository(Item).find({ where: { planId, kind: 'task' }, order: { order: 'ASC' } });
  const reportTexts = async (itemId: number) =>
    ((await api.request('GET', `/api/progress-reports?item=${itemId}`, { token: coord })).body as Array<{ text: string }>).map((r) => r.text).sort();
  /** An editor of the department of this name (made on first use, as an administrator would). */
  const editorOf = async (department: string) => {
    const known = editors.get(department);
    if (known) return known;
    const departments = (await api.get('/api/departments')).body as Array<{ id: number; name: string }>;
    const id = departments.find((d) => d.name === department)?.id;
    expect([department, id]).toEqual([department, expect.any(Number)]);
    const username = `u${editors.size + 1}`;
    const created = await api.request('POST', '/api/users', { body: { username, displayName: department, password: PASSWORD, role: 'editor', departmentId: id } });
    expect(created.status).toBe(201);
    const token = await api.login(username, PASSWORD);
    editors.set(department, token);
    return token;
  };

  let v1: Plan;
  const v1ByTitle = new Map<string, Item>();

  beforeAll(async () => {
    db = await createTestDatabase({ DUBAN_CLOCK: '2017-05-08T09:00:00+08:00', DUBAN_SESSION_HOURS: '100000' });
    api = await startApp(db);
    dataSource = api.app.get(DataSource);
    const office = await api.request('POST', '/api/departments', { body: { name: '创城办', contactEmails: ['office@example.gov.cn'] } });
    expect(office.status).toBe(201);
    const user = await api.request('POST', '/api/users', { body: { username: 'coord', displayName: '创城办', password: PASSWORD, role: 'coordinator', departmentId: office.body.id } });
    expect(user.status).toBe(201);
    coord = await api.login('coord', PASSWORD);
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    await db?.cleanup();
  });

  it('refuses to revise a plan that does not exist, in Chinese', async () => {
    const refused = await upload('/api/imports/preview', 'v1.txt', { revises: '999999' });
    expect([refused.status, JSON.stringify(refused.body.message)]).toEqual([400, expect.stringContaining('要修订的方案不存在')]);
    const malformed = await upload('/api/imports/preview', 'v1.txt', { revises: 'abc' });
    expect([malformed.status, JSON.stringify(malformed.body.message)]).toEqual([400, expect.stringContaining('方案编号必须是正整数')]);
  });

  it('imports the April version with every task of the hand-written pairing, and each lead department reports on its items', async () => {
    const saved = await upload('/api/imports', 'v1.txt');
    expect([saved.status, saved.body.status]).toEqual([200, 'created']);
    v1 = await dataSource.getRepository(Plan).findOneByOrFail({ id: saved.body.planId });
    for (const task of await tasksOf(v1.id)) v1ByTitle.set(task.title, task);
    expect(EXPECTED.map((p) => p.v1.title).filter((t) => !v1ByTitle.has(t))).toEqual([]);
    for (const pair of EXPECTED) {
      const task = v1ByTitle.get(pair.v1.title)!;
      const detail = (await api.request('GET', `/api/items/${task.id}`, { token: coord })).body as { lead: string[]; co: string[] };
      // The units as printed in April: the first-named unit leads.
      const printed = pair.units ?? pair.units_v1!;
      expect([pair.v1.title, [...detail.lead, ...detail.co]]).toEqual([pair.v1.title, printed]);
      const lead = await editorOf(detail.lead[0]!);
      const month = '2017-05';
      const draft = await api.request('PUT', `/api/items/${task.id}/reports/${month}`, { token: lead, body: { text: `进展:${pair.v1.title}`, percent: 40 } });
      expect(draft.status).toBe(200);
      const submitted = await api.request('POST', `/api/items/${task.id}/reports/${month}/submit`, { token: lead, body: { version: draft.body.version } });
      expect(submitted.status).toBe(200);
    }
  });

  it('previews the July version against it, is confirmed by hand where unsure, and carries every report to its item', async () => {
    // The July notice is titled "关于修订《…》的通知": the coordinator says which plan it revises.
    const preview = await upload('/api/imports/preview', 'v2.txt', { revises: String(v1.id) });
    expect(preview.status).toBe(200);
    const revision = preview.body.revision;
    expect(revision.previous).toEqual({ planId: v1.id, title: v1.title, version: 1 });
    type Link = { old: Array<{ id: number }>; new: Array<{ index: number; title: string }>; kind: string; uncertain: boolean };
    const newIndex = new Map<string, number>();
    for (const [index, item] of (preview.body.plan.items as Array<{ title: string; kind?: string }>).entries()) newIndex.set(item.title, index);
    const links = revision.links as Link[];
    const linkOf = (oldId: number) => links.find((l) => l.old.some((o) => o.id === oldId));
    for (const pair of EXPECTED) {
      const link = linkOf(v1ByTitle.get(pair.v1.title)!.id);
      // Paired with the item it really is, and an unchanged item is not called changed (nor the reverse).
      expect([pair.v1.title, link?.new.map((n) => n.title), link?.kind]).toEqual([pair.v1.title, [pair.v2.title], pair.kind]);
    }
    const removedTitles = (revision.removed as Array<{ title: string }>).map((r) => r.title);
    expect(EXPECTED.filter((p) => removedTitles.includes(p.v1.title))).toEqual([]);
    // The coordinator confirms each unsure link as the texts say (here: the pairing read by hand).
    const decisions = {
      links: links
        .filter((l) => l.uncertain)
        .map((l) => {
          const title = [...v1ByTitle.entries()].find(([, t]) => t.id === l.old[0]!.id)![0];
          const pair = EXPECTED.find((p) => p.v1.title === title);
          return pair ? { old: l.old.map((o) => o.id), new: [newIndex.get(pair.v2.title)!] } : { old: l.old.map((o) => o.id), new: l.new.map((n) => n.index) };
        }),
      proposals: (revision.proposals as Array<{ newIndex: number; field: string }>).map((p) => ({ newIndex: p.newIndex, field: p.field, decision: 'accept' })),
    };
    const saved = await upload('/api/imports', 'v2.txt', { revises: String(v1.id), decisions: JSON.stringify(decisions) });
    expect([saved.status, saved.body.status, saved.body.version, saved.body.previousPlanId]).toEqual([200, 'revised', 2, v1.id]);

    const v2Tasks = await tasksOf(saved.body.planId);
    const expectedReports = new Map(v2Tasks.map((t) => [t.id, [] as string[]]));
    for (const pair of EXPECTED) {
      const target = v2Tasks.find((t) => t.title === pair.v2.title);
      expect([pair.v2.title, target?.id]).toEqual([pair.v2.title, expect.any(Number)]);
      expectedReports.get(target!.id)!.push(`进展:${pair.v1.title}`);
      const old = (await api.request('GET', `/api/items/${v1ByTitle.get(pair.v1.title)!.id}`, { token: coord })).body;
      expect([pair.v1.title, old.supersededBy?.itemId]).toEqual([pair.v1.title, target!.id]);
      // The units as printed in July, the change accepted as a proposal.
      const now = (await api.request('GET', `/api/items/${target!.id}`, { token: coord })).body as { lead: string[]; co: string[] };
      expect([pair.v2.title, [...now.lead, ...now.co]]).toEqual([pair.v2.title, pair.units ?? pair.units_v2!]);
    }
    // Every report on its own item, none on another (items of the new version without a pair hold none).
    for (const task of v2Tasks) expect([task.title, await reportTexts(task.id)]).toEqual([task.title, expectedReports.get(task.id)!.sort()]);
  });
});
