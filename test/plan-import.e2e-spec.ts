// PlanImportService against a real database, fed with the gold annotations as the
// importer's output so that storage, idempotence and revision are tested on their own.
import { buildDataSourceOptions } from '#database';
import { Assignment, Department, Indicator, Item, Plan } from '#domain';
import type { ParsedPlan } from '#importer';
import { PlanImportService } from '#plan-import';
import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';
import { type Gold, jsonParser, loadGold, parsedPlanFromGold } from './helpers/gold.js';

const doc = (plan: ParsedPlan): Buffer => Buffer.from(JSON.stringify(plan));

describe('PlanImportService', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let service: PlanImportService;
  const gold = loadGold().find((g) => g.seed.startsWith('001_')) as Gold;
  const v1 = parsedPlanFromGold(gold);

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = new DataSource(buildDataSourceOptions(db.config));
    await dataSource.initialize();
    service = new PlanImportService(dataSource, jsonParser);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.cleanup();
  });

  const count = async () => ({
    plans: await dataSource.getRepository(Plan).count(),
    items: await dataSource.getRepository(Item).count(),
    departments: await dataSource.getRepository(Department).count(),
    assignments: await dataSource.getRepository(Assignment).count(),
    indicators: await dataSource.getRepository(Indicator).count(),
  });

  it('stores a new plan with sections, items, departments, assignments and indicators', async () => {
    const result = await service.importBuffer(doc(v1), '001.json');
    expect(result.status).toBe('created');
    expect(result.plan.version).toBe(1);
    expect(result.plan.current).toBe(true);
    expect(result.plan.title).toBe(gold.title);
    expect(result.plan.sha256).toMatch(/^[0-9a-f]{64}$/);

    const items = await dataSource.getRepository(Item).find({ where: { planId: result.plan.id }, order: { order: 'ASC' } });
    expect(items.filter((i) => i.kind === 'section').map((i) => i.number + i.title)).toEqual(gold.sections.map((s) => s.number + s.title));
    const nonSection = items.filter((i) => i.kind !== 'section');
    expect(nonSection.map((i) => [i.number, i.path, i.title, i.kind])).toEqual(gold.items.map((g) => [g.number, g.path, g.title, g.kind]));
    // Each item hangs below its section, in document order.
    for (const item of nonSection) {
      const parent = items.find((i) => i.id === item.parentId)!;
      expect(parent.number + parent.title).toBe(item.path[item.path.length - 1]);
      expect(parent.order).toBeLessThan(item.order);
    }

    const allNames = new Set(gold.items.flatMap((g) => [...g.lead, ...g.co]));
    const departments = await dataSource.getRepository(Department).find();
    expect(departments.map((d) => d.name).sort()).toEqual([...allNames].sort());

    const assignments = await dataSource.getRepository(Assignment).find({ relations: { item: true, department: true } });
    for (const [i, g] of gold.items.entries()) {
      const mine = assignments.filter((a) => a.itemId === nonSection[i]!.id);
      expect(mine.filter((a) => a.role === 'lead').map((a) => a.department.name).sort()).toEqual([...g.lead].sort());
      expect(mine.filter((a) => a.role === 'co').map((a) => a.department.name).sort()).toEqual([...g.co].sort());
    }
    const indicators = await dataSource.getRepository(Indicator).find({ where: { planId: result.plan.id }, order: { order: 'ASC' } });
    expect(indicators.map((x) => [x.name, x.op, x.targetValue, x.unit, x.targetYear])).toEqual(
      gold.indicators.map((x) => [x.name, x.op, x.value, x.unit, x.year]),
    );
  });

  it('creates nothing for the same bytes again', async () => {
    const before = await count();
    const result = await service.importBuffer(doc(v1), 'copy-of-001.json');
    expect(result.status).toBe('unchanged');
    expect(result.plan.version).toBe(1);
    expect(await count()).toEqual(before);
  });

  it('reads printed deadlines into dates from the plan year', async () => {
    const plan: ParsedPlan = {
      ...parsedPlanFromGold(gold),
      title: '另一个方案',
      issued: '2024-03-01',
    };
    plan.items[4] = { ...plan.items[4]!, due: '6月底前' };
    plan.items[5] = { ...plan.items[5]!, due: '持续推进' };
    const result = await service.importBuffer(doc(plan), 'other.json');
    const items = await dataSource.getRepository(Item).find({ where: { planId: result.plan.id, kind: 'task' }, order: { order: 'ASC' } });
    expect([items[0]!.dueText, items[0]!.deadline]).toEqual(['6月底前', '2024-06-30']);
    expect([items[1]!.dueText, items[1]!.deadline]).toEqual(['持续推进', null]);
    expect(items[2]!.deadline).toBeNull();
  });

  it('imports a revised document as version 2 with a diff, keeping the tracking state of unchanged items', async () => {
    const v1Plan = (await dataSource.getRepository(Plan).findOneBy({ title: gold.title, version: 1 }))!;
    const v1Items = await dataSource.getRepository(Item).find({ where: { planId: v1Plan.id }, order: { order: 'ASC' } });
    const keep = v1Items.find((i) => i.title === '大力提升服务质量')!;
    await dataSource.getRepository(Item).update(keep.id, { status: '推进中', deadline: '2025-06-30' });
    const someone = await dataSource.getRepository(Department).save({ name: '市审计局', contactEmails: null });
    await dataSource.getRepository(Assignment).delete({ itemId: keep.id });
    await dataSource.getRepository(Assignment).insert({ itemId: keep.id, departmentId: someone.id, role: 'lead' });
    // The office made a department responsible for an indicator of version 1.
    const v1Indicator = (await dataSource.getRepository(Indicator).find({ where: { planId: v1Plan.id }, order: { order: 'ASC' } }))[0]!;
    await dataSource.getRepository(Indicator).update(v1Indicator.id, { departmentId: someone.id });

    // Change one title, drop one item, add one.
    const v2 = parsedPlanFromGold(gold);
    const renamed = v2.items.findIndex((i) => i.title === '大力提升工程质量');
    v2.items[renamed] = { ...v2.items[renamed]!, title: '大力提升工程建设质量' };
    const dropped = v2.items.findIndex((i) => i.title === '实施中小企业质量提升行动计划');
    const last = v2.items[v2.items.length - 1]!;
    v2.items.push({ ...last, number: '(六)', normalizedNumber: '(6)', title: '加快质量人才培养', body: '(六)加快质量人才培养。', lead: ['市人力资源社会保障局'], co: [] });
    v2.items.splice(dropped, 1);
    v2.items = v2.items.map((i) => (i.parent !== null && i.parent > dropped ? { ...i, parent: i.parent - 1 } : i));

    const result = await service.importBuffer(doc(v2), '001-v2.json');
    expect(result.status).toBe('revised');
    if (result.status !== 'revised') return;
    expect(result.plan.version).toBe(2);
    expect(result.plan.seriesKey).toBe(v1Plan.seriesKey);
    expect(result.diff).toEqual({
      added: [{ number: '(六)', path: ['三、加强质量技术基础建设'], title: '加快质量人才培养' }],
      removed: [{ number: '(六)', path: ['二、实施质量提升工程'], title: '实施中小企业质量提升行动计划' }],
      changed: [{ number: '(二)', path: ['二、实施质量提升工程'], title: '大力提升工程建设质量', previousTitle: '大力提升工程质量' }],
    });

    const oldPlan = (await dataSource.getRepository(Plan).findOneBy({ id: v1Plan.id }))!;
    expect(oldPlan.current).toBe(false);
    expect(oldPlan.supersededById).toBe(result.plan.id);

    const v2Items = await dataSource.getRepository(Item).find({ where: { planId: result.plan.id }, relations: { assignments: { department: true } } });
    const kept = v2Items.find((i) => i.title === '大力提升服务质量')!;
    expect([kept.status, kept.deadline]).toEqual(['推进中', '2025-06-30']);
    expect(kept.assignments.map((a) => [a.department.name, a.role])).toEqual([['市审计局', 'lead']]);
    const untouched = v2Items.find((i) => i.title === '大力提升产品质量')!;
    expect(untouched.status).toBe('未启动');
    expect(untouched.assignments.filter((a) => a.role === 'lead').map((a) => a.department.name)).toEqual(['市经信委']);
    const renamedItem = v2Items.find((i) => i.title === '大力提升工程建设质量')!;
    expect(renamedItem.status).toBe('未启动');
    const added = v2Items.find((i) => i.title === '加快质量人才培养')!;
    expect(added.assignments.map((a) => [a.department.name, a.role])).toEqual([['市人力资源社会保障局', 'lead']]);
    // v1 keeps its own items.
    expect(await dataSource.getRepository(Item).countBy({ planId: v1Plan.id })).toBe(v1Items.length);
    // The indicator of the same name and path keeps its responsible department.
    const v2Indicator = await dataSource.getRepository(Indicator).findOneByOrFail({ planId: result.plan.id, name: v1Indicator.name });
    expect(v2Indicator.departmentId).toBe(someone.id);
  });

  it('resolves department names through aliases', async () => {
    const dept = await dataSource.getRepository(Department).findOneByOrFail({ name: '市经信委' });
    await dataSource.query(
      `INSERT INTO ${dataSource.driver.escape('department_alias')} (${dataSource.driver.escape('alias')}, ${dataSource.driver.escape('departmentId')}) VALUES ('市经济和信息化委员会', ${dept.id})`,
    );
    const plan = parsedPlanFromGold(gold);
    plan.title = '第三个方案';
    plan.items[4] = { ...plan.items[4]!, lead: ['市经济和信息化委员会'] };
    const before = await dataSource.getRepository(Department).count();
    const result = await service.importBuffer(doc(plan), 'third.json');
    expect(await dataSource.getRepository(Department).count()).toBe(before);
    const item = await dataSource.getRepository(Item).findOneOrFail({
      where: { planId: result.plan.id, title: plan.items[4]!.title },
      relations: { assignments: true },
    });
    expect(item.assignments.filter((a) => a.role === 'lead').map((a) => a.departmentId)).toEqual([dept.id]);
  });

  it('rolls back everything when a document fails half-way', async () => {
    const before = await count();
    const plan = parsedPlanFromGold(gold);
    plan.title = '坏方案';
    plan.items[3] = { ...plan.items[3]!, lead: ['新单位甲'] };
    plan.items[6] = { ...plan.items[6]!, title: null as unknown as string }; // NOT NULL: fails after earlier rows were written
    await expect(service.importBuffer(doc(plan), 'bad.json')).rejects.toThrow();
    expect(await count()).toEqual(before);
  });
});
