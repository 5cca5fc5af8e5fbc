import { Assignment, CLOCK, type Clock, Item, Plan } from '#domain';
import { RevisionUndoError, revisionUndoCheck, undoRevision } from '#plan-import';
import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { AccessService } from '../auth/access.service.js';
import type { Actor } from '../auth/auth.types.js';
import { AuditService } from '../audit/audit.service.js';
import { conflict, invalidField } from '../common/errors.js';
import type { UpdatePlanDto } from './dto/update-plan.dto.js';

export interface PlanSummary {
  id: number;
  title: string;
  issuer: string | null;
  docNumber: string | null;
  issued: string | null;
  version: number;
  current: boolean;
  supersededById: number | null;
  city: string | null;
  startDate: string | null;
  endDate: string | null;
  /** Archived: its items are out of the active lists and get no reminders. */
  archived: boolean;
  /** The file it was imported from (the plan is shown by its title, never by this). */
  sourceFileName: string;
  importedAt: string;
  itemCount: number;
  taskCount: number;
}

export interface ItemNode {
  id: number;
  number: string;
  title: string;
  kind: string;
  status: string;
  dueText: string | null;
  deadline: string | null;
  lead: string[];
  co: string[];
  children: ItemNode[];
}

export interface PlanDetail extends PlanSummary {
  sha256: string;
  warnings: string[];
  items: ItemNode[];
  /** A version made by a revision: whether 撤销本次修订 is possible now, else why not; null for a first import. */
  undo: { allowed: boolean; reason: string | null } | null;
}

@Injectable()
export class PlansService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Rename a plan, set its issuer, document number, dates and city, archive it or bring it back. */
  async update(actor: Actor, id: number, body: UpdatePlanDto): Promise<PlanDetail> {
    this.access.assertCoordinator(actor, '修改方案信息');
    const fields = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)) as Partial<Plan>;
    if (Object.keys(fields).length === 0) throw new BadRequestException({ statusCode: 400, error: '请求参数有误', message: ['请指定要修改的内容:title、issuer、docNumber、issued、startDate、endDate、city 或 archived'] });
    if (typeof fields.title === 'string') fields.title = fields.title.trim();
    await this.dataSource.transaction(async (manager) => {
      const plan = await manager.getRepository(Plan).findOneBy({ id });
      if (!plan) throw new NotFoundException(`方案不存在:${id}`);
      const start = fields.startDate !== undefined ? fields.startDate : plan.startDate;
      const end = fields.endDate !== undefined ? fields.endDate : plan.endDate;
      if (start && end && start > end) throw invalidField('startDate', `起始日期 ${start} 不能晚于截止日期 ${end}`, 'out_of_range');
      const before = Object.fromEntries(Object.keys(fields).map((k) => [k, plan[k as keyof Plan]]));
      await manager.getRepository(Plan).update({ id }, fields);
      await this.audit.record(manager, actor, fields.archived === true ? 'plan.archive' : 'plan.update', 'plan', id, null, before, fields);
    });
    return this.get(id);
  }

  /** Undoes the revision that made this version (nobody may have written on it yet); the previous version is current again. */
  async undoRevision(actor: Actor, id: number): Promise<{ planId: number; previousPlanId: number }> {
    this.access.assertCoordinator(actor, '撤销方案修订');
    await this.find(id);
    try {
      const { previousPlanId } = await this.dataSource.transaction((manager) => undoRevision(manager, id, { id: actor.id, username: actor.username }, this.clock.now()));
      return { planId: id, previousPlanId };
    } catch (error) {
      if (error instanceof RevisionUndoError) throw conflict(error.message);
      throw error;
    }
  }

  async list(): Promise<PlanSummary[]> {
    const plans = await this.dataSource.getRepository(Plan).find({ order: { id: 'ASC' } });
    const counts: { planId: number; kind: string; n: string | number }[] = await this.dataSource
      .getRepository(Item)
      .createQueryBuilder('item')
      .select('item.planId', 'planId')
      .addSelect('item.kind', 'kind')
      .addSelect('COUNT(*)', 'n')
      .groupBy('item.planId')
      .addGroupBy('item.kind')
      .getRawMany();
    return plans.map((plan) => {
      const mine = counts.filter((c) => Number(c.planId) === plan.id);
      return this.summary(
        plan,
        mine.filter((c) => c.kind !== 'section').reduce((sum, c) => sum + Number(c.n), 0),
        mine.filter((c) => c.kind === 'task').reduce((sum, c) => sum + Number(c.n), 0),
      );
    });
  }

  async get(id: number): Promise<PlanDetail> {
    const plan = await this.find(id);
    const items = await this.dataSource.getRepository(Item).find({ where: { planId: id }, order: { order: 'ASC' } });
    const assignments = items.length
      ? await this.dataSource.getRepository(Assignment).find({
          where: { itemId: In(items.map((i) => i.id)) },
          relations: { department: true },
          order: { id: 'ASC' },
        })
      : [];
    const nodes = new Map<number, ItemNode>();
    for (const item of items) {
      const mine = assignments.filter((a) => a.itemId === item.id);
      nodes.set(item.id, {
        id: item.id,
        number: item.number,
        title: item.title,
        kind: item.kind,
        status: item.status,
        dueText: item.dueText,
        deadline: item.deadline,
        lead: mine.filter((a) => a.role === 'lead').map((a) => a.department.name),
        co: mine.filter((a) => a.role === 'co').map((a) => a.department.name),
        children: [],
      });
    }
    const roots: ItemNode[] = [];
    for (const item of items) {
      const node = nodes.get(item.id)!;
      const parent = item.parentId !== null ? nodes.get(item.parentId) : undefined;
      (parent ? parent.children : roots).push(node);
    }
    const nonSection = items.filter((i) => i.kind !== 'section');
    const check = await revisionUndoCheck(this.dataSource.manager, id);
    return {
      ...this.summary(plan, nonSection.length, nonSection.filter((i) => i.kind === 'task').length),
      sha256: plan.sha256,
      warnings: plan.warnings,
      items: roots,
      undo: check.revision ? { allowed: check.refusal === null, reason: check.refusal } : null,
    };
  }

  /** The plan, or 404 in Chinese. */
  async find(id: number): Promise<Plan> {
    const plan = await this.dataSource.getRepository(Plan).findOneBy({ id });
    if (!plan) throw new NotFoundException(`方案不存在:${id}`);
    return plan;
  }

  private summary(plan: Plan, itemCount: number, taskCount: number): PlanSummary {
    return {
      id: plan.id,
      title: plan.title,
      issuer: plan.issuer,
      docNumber: plan.docNumber,
      issued: plan.issued,
      version: plan.version,
      current: plan.current,
      supersededById: plan.supersededById,
      city: plan.city,
      startDate: plan.startDate,
      endDate: plan.endDate,
      archived: plan.archived,
      sourceFileName: plan.sourceFileName,
      importedAt: new Date(plan.importedAt).toISOString(),
      itemCount,
      taskCount,
    };
  }
}
