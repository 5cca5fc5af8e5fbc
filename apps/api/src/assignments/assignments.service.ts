import { Assignment, CLOCK, type Clock, Department, Item, parseDue, Plan, resolveDeadline, SettingsStore } from '#domain';
import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, type EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { AccessService } from '../auth/access.service.js';
import type { Actor } from '../auth/auth.types.js';
import { badRequest, conflict, invalidField } from '../common/errors.js';
import { today } from '../common/time.module.js';
import { lockItem, readOnlyReasons, updateItemVersioned } from '../items/item-lock.js';
import type { BulkAssignmentDto, SetAssignmentDto } from './dto/assignment.dto.js';

interface Steering {
  lead: number | null;
  co: number[];
  deadline: string | null;
  deadlineKind: string | null;
  dueText: string | null;
}

/** Items (or rows) per IN list or multi-row INSERT. */
const BATCH = 200;

/** The plan's year: from the issue date, else a year in the title ("2024年…工作要点"). */
export function planYearOf(plan: Plan): number | null {
  if (plan.issued) return Number(plan.issued.slice(0, 4));
  const m = /(20\d{2})年/.exec(plan.title);
  return m ? Number(m[1]) : null;
}

/** Coordinators assign lead and co departments and set deadlines, one item at a time or in bulk. */
@Injectable()
export class AssignmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly settings: SettingsStore,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async setAssignment(actor: Actor, itemId: number, body: SetAssignmentDto): Promise<Item> {
    this.access.assertCoordinator(actor, '分配牵头单位和配合单位');
    await this.access.findItem(itemId);
    const co = body.co ?? [];
    return this.dataSource.transaction(async (manager) => {
      const item = await lockItem(manager, itemId, body.version);
      if (item.kind === 'section') throw badRequest('章节不是工作事项,请分配到其下的具体事项(可按章节批量分配)');
      await this.checkDepartments(manager, body.lead, co);
      return this.apply(manager, actor, item, body.version, { lead: body.lead, co, deadline: body.deadline });
    });
  }

  async setDeadline(actor: Actor, itemId: number, deadline: string, version: number): Promise<Item> {
    this.access.assertCoordinator(actor, '设定期限');
    await this.access.findItem(itemId);
    return this.dataSource.transaction(async (manager) => {
      const item = await lockItem(manager, itemId, version);
      return this.apply(manager, actor, item, version, { deadline });
    });
  }

  async bulk(actor: Actor, body: BulkAssignmentDto): Promise<{ updated: number; itemIds: number[] }> {
    this.access.assertCoordinator(actor, '批量分配');
    if (body.itemIds === undefined && body.section === undefined && body.plan === undefined && body.department === undefined && !body.q) {
      throw badRequest('请指定要处理的事项:itemIds、section,或 plan/department/q 筛选条件');
    }
    if (body.lead === undefined && body.co === undefined && body.deadline === undefined) {
      throw badRequest('请指定要修改的内容:lead、co 或 deadline');
    }
    return this.dataSource.transaction(async (manager) => {
      const selected = await this.select(manager, body);
      // Items named one by one must all be writable; a filter simply leaves out old versions, withdrawn items and archived plans.
      const readOnly = await readOnlyReasons(manager, selected);
      if (body.itemIds !== undefined && readOnly.size > 0) {
        const [id, reason] = [...readOnly][0]!;
        throw conflict(`事项 ${id}:${reason}`);
      }
      const items = selected.filter((i) => !readOnly.has(i.id));
      if (body.lead !== undefined || body.co !== undefined) await this.checkDepartments(manager, body.lead ?? null, body.co ?? []);
      await this.applyAll(
        manager,
        actor,
        items.map((item) => ({ item, version: item.version })),
        { lead: body.lead, co: body.co, deadline: body.deadline },
        'item.assign.bulk',
      );
      return { updated: items.length, itemIds: items.map((i) => i.id) };
    });
  }

  private async select(manager: EntityManager, body: BulkAssignmentDto): Promise<Item[]> {
    const kinds = body.kinds ?? ['task'];
    const qb = manager.getRepository(Item).createQueryBuilder('item').where('item.kind IN (:...kinds)', { kinds });
    if (body.itemIds !== undefined) qb.andWhere('item.id IN (:...ids)', { ids: body.itemIds.length ? body.itemIds : [0] });
    if (body.plan !== undefined) qb.andWhere('item.planId = :plan', { plan: body.plan });
    if (body.department !== undefined) {
      const esc = (s: string) => manager.connection.driver.escape(s);
      qb.andWhere(`EXISTS (SELECT 1 FROM ${esc('assignment')} a WHERE a.${esc('itemId')} = item.id AND a.${esc('departmentId')} = :department)`, {
        department: body.department,
      });
    }
    if (body.q) {
      const q = `%${body.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere(new Brackets((w) => w.where("item.title LIKE :q ESCAPE '\\'", { q }).orWhere("item.body LIKE :q ESCAPE '\\'", { q })));
    }
    if (body.section !== undefined) {
      const section = await manager.getRepository(Item).findOneBy({ id: body.section });
      if (!section) throw new NotFoundException(`章节不存在:${body.section}`);
      const all = await manager.getRepository(Item).find({ where: { planId: section.planId }, select: { id: true, parentId: true } });
      const children = new Map<number, number[]>();
      for (const i of all) if (i.parentId !== null) children.set(i.parentId, [...(children.get(i.parentId) ?? []), i.id]);
      const under: number[] = [];
      const stack = [...(children.get(section.id) ?? [])];
      while (stack.length) {
        const id = stack.pop()!;
        under.push(id);
        stack.push(...(children.get(id) ?? []));
      }
      qb.andWhere('item.id IN (:...under)', { under: under.length ? under : [0] });
    }
    return qb.orderBy('item.planId').addOrderBy('item.order').getMany();
  }

  private async checkDepartments(manager: EntityManager, lead: number | null, co: number[]): Promise<void> {
    if (lead !== null && co.includes(lead)) throw badRequest('牵头单位不能同时是配合单位');
    const ids = [...new Set([...(lead !== null ? [lead] : []), ...co])];
    if (ids.length === 0) return;
    const found = await manager.getRepository(Department).findBy({ id: In(ids) });
    const missing = ids.filter((id) => !found.some((d) => d.id === id));
    if (missing.length) throw badRequest(`单位不存在:${missing.join('、')}`);
  }

  /** Lead, co departments and deadline of each item, from one query for all of them. */
  private async steeringOf(manager: EntityManager, items: Item[]): Promise<Map<number, Steering>> {
    const byItem = new Map<number, Assignment[]>();
    for (let i = 0; i < items.length; i += BATCH) {
      const rows = await manager.getRepository(Assignment).find({ where: { itemId: In(items.slice(i, i + BATCH).map((x) => x.id)) }, order: { id: 'ASC' } });
      for (const r of rows) byItem.set(r.itemId, [...(byItem.get(r.itemId) ?? []), r]);
    }
    return new Map(
      items.map((item) => {
        const mine = byItem.get(item.id) ?? [];
        return [
          item.id,
          {
            lead: mine.find((r) => r.role === 'lead')?.departmentId ?? null,
            co: mine.filter((r) => r.role === 'co').map((r) => r.departmentId),
            deadline: item.deadline,
            deadlineKind: item.deadlineKind,
            dueText: item.dueText,
          },
        ];
      }),
    );
  }

  private async apply(
    manager: EntityManager,
    actor: Actor,
    item: Item,
    version: number,
    change: { lead?: number; co?: number[]; deadline?: string },
  ): Promise<Item> {
    await this.applyAll(manager, actor, [{ item, version }], change, 'item.assign');
    return manager.getRepository(Item).findOneByOrFail({ id: item.id });
  }

  /**
   * Applies one change to items read in this transaction, each written only if still at the
   * version read: a few statements for all items together plus one versioned UPDATE per item.
   */
  private async applyAll(
    manager: EntityManager,
    actor: Actor,
    targets: { item: Item; version: number }[],
    change: { lead?: number; co?: number[]; deadline?: string },
    action: string,
  ): Promise<void> {
    if (targets.length === 0) return;
    const before = await this.steeringOf(
      manager,
      targets.map((t) => t.item),
    );
    const plans = new Map<number, Plan>();
    const planOf = async (id: number): Promise<Plan> => {
      let plan = plans.get(id);
      if (!plan) plans.set(id, (plan = await manager.getRepository(Plan).findOneByOrFail({ id })));
      return plan;
    };
    const reassign = change.lead !== undefined || change.co !== undefined;
    const assignmentRows: { itemId: number; departmentId: number; role: 'lead' | 'co' }[] = [];
    const writes: { item: Item; version: number; fields: Partial<Item>; before: Steering; after: Steering }[] = [];
    for (const { item, version } of targets) {
      const was = before.get(item.id)!;
      const fields: Partial<Item> = {};
      const lead = change.lead ?? was.lead;
      const co = (change.co ?? was.co).filter((id) => id !== lead);
      if (reassign) {
        assignmentRows.push(...(lead !== null ? [{ itemId: item.id, departmentId: lead, role: 'lead' as const }] : []), ...co.map((departmentId) => ({ itemId: item.id, departmentId, role: 'co' as const })));
        if (change.lead !== undefined && change.lead !== was.lead) fields.assignedOn = today(this.clock);
      }
      if (change.deadline !== undefined) {
        const start = fields.assignedOn ?? item.assignedOn ?? today(this.clock);
        const resolved = resolveDeadline(change.deadline, planYearOf(await planOf(item.planId)), start, (await this.settings.current()).calendar);
        if (!resolved) throw invalidField('deadline', `无法识别的期限:“${change.deadline}”(可填日期如 2024-12-20,或“2024年12月底前”“年内”“10个工作日内”“持续推进”)`);
        Object.assign(fields, { deadline: resolved.date, deadlineKind: resolved.kind, dueText: resolved.text });
      } else if (fields.assignedOn && item.dueText && (item.deadlineKind ?? parseDue(item.dueText, null)?.kind) === 'workdays') {
        // "10个工作日内" (set or printed in the document) counts from the (new) assignment.
        const resolved = resolveDeadline(item.dueText, planYearOf(await planOf(item.planId)), fields.assignedOn, (await this.settings.current()).calendar);
        if (resolved) Object.assign(fields, { deadline: resolved.date, deadlineKind: resolved.kind });
      }
      const saved = { ...item, ...fields };
      const after: Steering = {
        lead: reassign ? lead : was.lead,
        co: reassign ? co : was.co,
        deadline: saved.deadline,
        deadlineKind: saved.deadlineKind,
        dueText: saved.dueText,
      };
      writes.push({ item, version, fields, before: was, after });
    }
    if (reassign) {
      const repo = manager.getRepository(Assignment);
      for (let i = 0; i < targets.length; i += BATCH) await repo.delete({ itemId: In(targets.slice(i, i + BATCH).map((t) => t.item.id)) });
      for (let i = 0; i < assignmentRows.length; i += BATCH) await repo.insert(assignmentRows.slice(i, i + BATCH));
    }
    for (const w of writes) await updateItemVersioned(manager, w.item.id, w.version, w.fields);
    await this.audit.recordMany(
      manager,
      actor,
      writes.map((w) => ({ action, entityType: 'item', entityId: w.item.id, itemId: w.item.id, before: { ...w.before, version: w.version }, after: { ...w.after, version: w.version + 1 } })),
    );
  }
}
