import { Assignment, CLOCK, type Clock, Department, Item, parseDue, Plan, resolveDeadline, SettingsStore } from '#domain';
import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, type EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { AccessService } from '../auth/access.service.js';
import type { Actor } from '../auth/auth.types.js';
import { badRequest } from '../common/errors.js';
import { today } from '../common/time.module.js';
import { lockItem, saveItemVersioned } from '../items/item-lock.js';
import type { BulkAssignmentDto, SetAssignmentDto } from './dto/assignment.dto.js';

interface Steering {
  lead: number | null;
  co: number[];
  deadline: string | null;
  deadlineKind: string | null;
  dueText: string | null;
}

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
      const items = await this.select(manager, body);
      if (body.lead !== undefined || body.co !== undefined) await this.checkDepartments(manager, body.lead ?? null, body.co ?? []);
      for (const item of items) {
        await this.apply(manager, actor, item, item.version, { lead: body.lead, co: body.co, deadline: body.deadline }, 'item.assign.bulk');
      }
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

  private async steering(manager: EntityManager, item: Item): Promise<Steering> {
    const rows = await manager.getRepository(Assignment).find({ where: { itemId: item.id }, order: { id: 'ASC' } });
    return {
      lead: rows.find((r) => r.role === 'lead')?.departmentId ?? null,
      co: rows.filter((r) => r.role === 'co').map((r) => r.departmentId),
      deadline: item.deadline,
      deadlineKind: item.deadlineKind,
      dueText: item.dueText,
    };
  }

  private async apply(
    manager: EntityManager,
    actor: Actor,
    item: Item,
    version: number,
    change: { lead?: number; co?: number[]; deadline?: string },
    action = 'item.assign',
  ): Promise<Item> {
    const before = await this.steering(manager, item);
    const fields: Partial<Item> = {};
    const lead = change.lead ?? before.lead;
    const co = (change.co ?? before.co).filter((id) => id !== lead);
    if (change.lead !== undefined || change.co !== undefined) {
      const repo = manager.getRepository(Assignment);
      await repo.delete({ itemId: item.id });
      const rows = [...(lead !== null ? [{ itemId: item.id, departmentId: lead, role: 'lead' as const }] : []), ...co.map((departmentId) => ({ itemId: item.id, departmentId, role: 'co' as const }))];
      if (rows.length) await repo.insert(rows);
      if (change.lead !== undefined && change.lead !== before.lead) fields.assignedOn = today(this.clock);
    }
    if (change.deadline !== undefined) {
      const plan = await manager.getRepository(Plan).findOneByOrFail({ id: item.planId });
      const start = fields.assignedOn ?? item.assignedOn ?? today(this.clock);
      const resolved = resolveDeadline(change.deadline, planYearOf(plan), start, (await this.settings.current()).calendar);
      if (!resolved) throw badRequest(`无法识别的期限:“${change.deadline}”(可填日期如 2024-12-20,或“2024年12月底前”“年内”“10个工作日内”“持续推进”)`);
      Object.assign(fields, { deadline: resolved.date, deadlineKind: resolved.kind, dueText: resolved.text });
    } else if (fields.assignedOn && item.dueText && (item.deadlineKind ?? parseDue(item.dueText, null)?.kind) === 'workdays') {
      // "10个工作日内" (set or printed in the document) counts from the (new) assignment.
      const plan = await manager.getRepository(Plan).findOneByOrFail({ id: item.planId });
      const resolved = resolveDeadline(item.dueText, planYearOf(plan), fields.assignedOn, (await this.settings.current()).calendar);
      if (resolved) Object.assign(fields, { deadline: resolved.date, deadlineKind: resolved.kind });
    }
    const saved = await saveItemVersioned(manager, item, version, fields);
    const after = await this.steering(manager, saved);
    await this.audit.record(manager, actor, action, 'item', item.id, item.id, { ...before, version }, { ...after, version: saved.version });
    return saved;
  }
}
