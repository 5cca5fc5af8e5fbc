// The API over the five seed plans, checked against the hand-made gold annotations.
import { Item, Plan } from '#domain';
import { PlanImportService } from '#plan-import';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { SeedingService } from '../apps/api/src/seeding/seeding.service.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';
import { type Gold, jsonParser, loadGold, parsedPlanFromGold, SEEDS_DIR } from './helpers/gold.js';

const CHINESE = /[\u4e00-\u9fff]/u;

describe('API over the seed plans', () => {
  let db: TestDatabase;
  let api: RunningApp;
  let dataSource: DataSource;
  const golds = loadGold();
  const gold001 = golds.find((g) => g.seed.startsWith('001_')) as Gold;
  const planIds = new Map<string, number>();

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startApp(db);
    dataSource = api.app.get(DataSource);
    await api.app.get(SeedingService).seedIfEmpty(SEEDS_DIR);
    const plans = await dataSource.getRepository(Plan).find();
    for (const plan of plans) planIds.set(plan.sourceFileName, plan.id);
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    await db?.cleanup();
  });

  const allItems = async (planId: number) => {
    const { status, body } = await api.get(`/api/items?plan=${planId}&pageSize=100`);
    expect(status).toBe(200);
    expect(body.total).toBeLessThanOrEqual(100);
    return body.items as { id: number; number: string; path: string[]; title: string; kind: string; lead: string[]; co: string[] }[];
  };

  it('imported every seed once, as version 1', async () => {
    const { status, body } = await api.get('/api/plans');
    expect(status).toBe(200);
    expect(body.map((p: { sourceFileName: string }) => p.sourceFileName).sort()).toEqual(golds.map((g) => g.seed).sort());
    for (const plan of body) {
      const gold = golds.find((g) => g.seed === plan.sourceFileName)!;
      expect([plan.version, plan.current, plan.itemCount]).toEqual([1, true, gold.items.length]);
      expect(plan.taskCount).toBe(gold.items.filter((i) => i.kind === 'task').length);
    }
  });

  it.each(loadGold().map((g) => [g.seed, g] as const))('lists the items of %s as in the gold annotation', async (seed, gold) => {
    const items = await allItems(planIds.get(seed)!);
    expect(items.filter((i) => i.kind === 'section').map((i) => i.number + i.title)).toEqual(gold.sections.map((s) => s.number + s.title));
    expect(items.filter((i) => i.kind !== 'section').map((i) => [i.number, i.path, i.title, i.kind])).toEqual(
      gold.items.map((g) => [g.number, g.path, g.title, g.kind]),
    );
  });

  it('assigns the lead and co departments of seed 001 as in the gold annotation', async () => {
    const items = (await allItems(planIds.get(gold001.seed)!)).filter((i) => i.kind !== 'section');
    expect(items.map((i) => [i.number + i.title, [...i.lead].sort(), [...i.co].sort()])).toEqual(
      gold001.items.map((g) => [g.number + g.title, [...g.lead].sort(), [...g.co].sort()]),
    );
  });

  it('returns a plan with its item tree', async () => {
    const id = planIds.get(golds[0]!.seed)!;
    const { status, body } = await api.get(`/api/plans/${id}`);
    expect(status).toBe(200);
    expect(body.title).toBe(golds[0]!.title);
    expect(body.items.map((n: { number: string; title: string }) => n.number + n.title)).toEqual(golds[0]!.sections.map((s) => s.number + s.title));
    // Every gold item sits in the tree under the ancestors its path names.
    for (const g of golds[0]!.items) {
      let level = body.items as { number: string; title: string; children: unknown[] }[];
      for (const label of g.path) {
        const next = level.find((n) => n.number + n.title === label);
        expect(next).toBeDefined();
        level = next!.children as typeof level;
      }
      expect(level.map((n) => n.number + n.title)).toContain(g.number + g.title);
    }
  });

  it('returns one item with its departments', async () => {
    const items = await allItems(planIds.get(gold001.seed)!);
    const target = items.find((i) => i.title === '大力提升工程质量')!;
    const { status, body } = await api.get(`/api/items/${target.id}`);
    expect(status).toBe(200);
    expect(body.title).toBe('大力提升工程质量');
    expect(body.body).toContain('大力提升工程质量');
    const gold = gold001.items.find((g) => g.title === '大力提升工程质量')!;
    expect(body.departments.filter((d: { role: string }) => d.role === 'lead').map((d: { name: string }) => d.name)).toEqual(gold.lead);
    expect(body.departments.filter((d: { role: string }) => d.role === 'co').map((d: { name: string }) => d.name).sort()).toEqual([...gold.co].sort());
  });

  it('lists departments with their lead and co counts', async () => {
    const { status, body } = await api.get('/api/departments');
    expect(status).toBe(200);
    const names = body.map((d: { name: string }) => d.name);
    for (const name of new Set(gold001.items.flatMap((g) => [...g.lead, ...g.co]))) expect(names).toContain(name);
    const zhijian = body.find((d: { name: string }) => d.name === '市住房城乡建设局');
    const expectedLead = golds.flatMap((g) => g.items).filter((i) => i.lead.includes('市住房城乡建设局')).length;
    expect(zhijian.leadCount).toBe(expectedLead);
  });

  describe('filters', () => {
    it('by department, within a plan', async () => {
      const planId = planIds.get(gold001.seed)!;
      const departments = (await api.get('/api/departments')).body as { id: number; name: string }[];
      const dept = departments.find((d) => d.name === '市质监局')!;
      const { body } = await api.get(`/api/items?plan=${planId}&department=${dept.id}&pageSize=100`);
      expect(body.items.map((i: { title: string }) => i.title)).toEqual(
        gold001.items.filter((g) => g.lead.includes('市质监局') || g.co.includes('市质监局')).map((g) => g.title),
      );
    });

    it('by kind', async () => {
      const gold = golds[0]!;
      const { body } = await api.get(`/api/items?plan=${planIds.get(gold.seed)}&kind=safeguard`);
      expect(body.items.map((i: { title: string }) => i.title)).toEqual(gold.items.filter((g) => g.kind === 'safeguard').map((g) => g.title));
    });

    it('by text in title or body, literally', async () => {
      const planId = planIds.get(gold001.seed)!;
      const { body } = await api.get(`/api/items?plan=${planId}&q=${encodeURIComponent('加强标准化建设')}`);
      expect(body.items.map((i: { title: string }) => i.title)).toContain('加强标准化建设');
      const all = await allItems(planId);
      const percent = await api.get(`/api/items?plan=${planId}&q=${encodeURIComponent('%')}&pageSize=100`);
      expect(percent.body.total).toBeLessThan(all.length);
      for (const item of percent.body.items) {
        const detail = (await api.get(`/api/items/${item.id}`)).body;
        expect(detail.title + detail.body).toContain('%');
      }
    });

    it('pages in document order', async () => {
      const planId = planIds.get(golds[0]!.seed)!;
      const all = await allItems(planId);
      const { body } = await api.get(`/api/items?plan=${planId}&page=2&pageSize=5`);
      expect(body.total).toBe(all.length);
      expect([body.page, body.pageSize]).toEqual([2, 5]);
      expect(body.items.map((i: { id: number }) => i.id)).toEqual(all.slice(5, 10).map((i) => i.id));
    });
  });

  describe('errors', () => {
    it.each(['/api/plans/999999', '/api/items/999999', '/api/plans/999999/indicators'])('404 in Chinese for %s', async (path) => {
      const { status, body } = await api.get(path);
      expect(status).toBe(404);
      expect(body.message).toMatch(/不存在/);
    });

    it('404 in Chinese for an unknown API route', async () => {
      const { status, body } = await api.get('/api/nothing-here');
      expect(status).toBe(404);
      expect(body.message).toMatch(CHINESE);
    });

    it.each([
      '/api/plans/abc',
      '/api/plans/0',
      '/api/plans/1.5',
      '/api/items/99999999999',
      '/api/items?page=0',
      '/api/items?pageSize=1000',
      '/api/items?pageSize=abc',
      '/api/items?plan=abc',
      '/api/items?plan=99999999999',
      '/api/items?department=-1',
      '/api/items?kind=foo',
      '/api/items?foo=1',
      `/api/items?q=${'长'.repeat(101)}`,
      '/api/items?plan=1&plan=2',
    ])('400 in Chinese for %s', async (path) => {
      const { status, body } = await api.get(encodeURI(path));
      expect(status).toBe(400);
      expect(JSON.stringify(body.message)).toMatch(CHINESE);
    });
  });

  it('reports health with a database ping', async () => {
    const { status, body } = await api.get('/health');
    expect(status).toBe(200);
    expect(body.status).toBe('ok');
    expect(body.details.database.status).toBe('up');
  });

  it('publishes the OpenAPI document with every endpoint and an example for each', async () => {
    const { status, body } = await api.get('/api/docs-json');
    expect(status).toBe(200);
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining(['/api/departments', '/api/items', '/api/items/{id}', '/api/plans', '/api/plans/{id}', '/api/plans/{id}/indicators', '/health']),
    );
    // Every operation of every path documents its success response with an example.
    type Operation = { responses: Record<string, { content?: Record<string, { example?: unknown }> }> };
    for (const [path, operations] of Object.entries(body.paths) as [string, Record<string, Operation>][]) {
      for (const [method, operation] of Object.entries(operations)) {
        const success = Object.entries(operation.responses).filter(([code]) => code.startsWith('2'));
        const examples = success.map(([, r]) => r.content?.['application/json']?.example ?? Object.values(r.content ?? {})[0]?.example);
        // A 204 (no content) has no body to show.
        const documented = examples.some((e) => e !== undefined) || (success.length > 0 && success.every(([code]) => code === '204'));
        expect([method, path, documented]).toEqual([method, path, true]);
      }
    }
    // For signed-in admins only (test/security-headers.e2e-spec.ts checks the refusals).
    const ui = await fetch(`${api.baseUrl}/api/docs`, { headers: { authorization: `Bearer ${api.adminToken}` } });
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger');
  });

  it('lists a plan’s indicators in document order', async () => {
    const plan = parsedPlanFromGold(gold001);
    plan.title = '指标测试方案';
    const result = await new PlanImportService(dataSource, jsonParser).importBuffer(Buffer.from(JSON.stringify(plan)), 'indicators.json');
    const { status, body } = await api.get(`/api/plans/${result.plan.id}/indicators`);
    expect(status).toBe(200);
    expect(body.map((x: { name: string; op: string; targetValue: number; unit: string | null; targetYear: number | null; path: string[] }) => [x.name, x.op, x.targetValue, x.unit, x.targetYear, x.path])).toEqual(
      gold001.indicators.map((x) => [x.name, x.op, x.value, x.unit, x.year, x.path]),
    );
  });

  describe('importing again', () => {
    const seedPath = join(SEEDS_DIR, gold001.seed);

    it('creates nothing for a file already imported', async () => {
      const before = [await dataSource.getRepository(Plan).count(), await dataSource.getRepository(Item).count()];
      const result = await new PlanImportService(dataSource).importFile(seedPath);
      expect(result.status).toBe('unchanged');
      expect(result.plan.id).toBe(planIds.get(gold001.seed));
      expect(await api.app.get(SeedingService).seedIfEmpty(SEEDS_DIR)).toEqual([]);
      expect([await dataSource.getRepository(Plan).count(), await dataSource.getRepository(Item).count()]).toEqual(before);
    });

    it('imports a revised document as version 2 with its diff, keeping the tracking state of unchanged items', async () => {
      const v1Id = planIds.get(gold001.seed)!;
      const kept = (await allItems(v1Id)).find((i) => i.title === '大力提升服务质量')!;
      await dataSource.getRepository(Item).update(kept.id, { status: '推进中', deadline: '2025-06-30' });

      const original = readFileSync(seedPath, 'utf8');
      const dropStart = original.indexOf('(六)实施中小企业质量提升行动计划');
      const dropEnd = original.indexOf('三、加强质量技术基础建设');
      expect(dropStart).toBeGreaterThan(0);
      expect(dropEnd).toBeGreaterThan(dropStart);
      const revised =
        original
          .slice(0, dropStart)
          .replace('(二)大力提升工程质量。', '(二)大力提升工程建设质量。') +
        original.slice(dropEnd).trimEnd() +
        '\n(六)加快质量人才培养。实施质量人才培养计划,加强质量专业技术人才队伍建设。(市人力资源社会保障局牵头,市质监局分工负责)\n';
      expect(revised).toContain('大力提升工程建设质量');

      const result = await new PlanImportService(dataSource).importBuffer(Buffer.from(revised, 'utf8'), '001-revised.txt');
      expect(result.status).toBe('revised');
      if (result.status !== 'revised') return;
      expect(result.plan.version).toBe(2);
      expect(result.previous.id).toBe(v1Id);
      expect(result.diff).toEqual({
        added: [{ number: '(六)', path: ['三、加强质量技术基础建设'], title: '加快质量人才培养' }],
        removed: [{ number: '(六)', path: ['二、实施质量提升工程'], title: '实施中小企业质量提升行动计划' }],
        changed: [{ number: '(二)', path: ['二、实施质量提升工程'], title: '大力提升工程建设质量', previousTitle: '大力提升工程质量' }],
      });

      const plans = (await api.get('/api/plans')).body as { id: number; version: number; current: boolean; supersededById: number | null }[];
      expect(plans.find((p) => p.id === v1Id)).toMatchObject({ current: false, supersededById: result.plan.id });
      expect(plans.find((p) => p.id === result.plan.id)).toMatchObject({ version: 2, current: true });

      const v2Items = await allItems(result.plan.id);
      const carried = (await api.get(`/api/items/${v2Items.find((i) => i.title === '大力提升服务质量')!.id}`)).body;
      expect([carried.status, carried.deadline]).toEqual(['推进中', '2025-06-30']);
      const gold = gold001.items.find((g) => g.title === '大力提升服务质量')!;
      expect([carried.lead, [...carried.co].sort()]).toEqual([gold.lead, [...gold.co].sort()]);
      const renamed = (await api.get(`/api/items/${v2Items.find((i) => i.title === '大力提升工程建设质量')!.id}`)).body;
      expect(renamed.status).toBe('未启动');
    });
  });
});
