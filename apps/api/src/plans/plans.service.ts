import { Assignment, Item, Plan } from '#domain';
import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';

export interface PlanSummary {
  id: number;
  title: string;
  issuer: string | null;
  docNumber: string | null;
  issued: string | null;
  version: number;
  current: boolean;
  supersededById: number | null;
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
}

@Injectable()
export class PlansService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

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
    return {
      ...this.summary(plan, nonSection.length, nonSection.filter((i) => i.kind === 'task').length),
      sha256: plan.sha256,
      warnings: plan.warnings,
      items: roots,
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
      sourceFileName: plan.sourceFileName,
      importedAt: new Date(plan.importedAt).toISOString(),
      itemCount,
      taskCount,
    };
  }
}
