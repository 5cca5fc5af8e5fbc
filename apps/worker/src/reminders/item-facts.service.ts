import type { AppConfig } from '#config';
import { Assignment, Department, isCompletedStatus, Item, Plan } from '#domain';
import type { ItemFacts } from '#mail';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { CONFIG } from '../common/tokens.js';

export interface TrackedItem {
  item: Item;
  plan: Plan;
  lead: Department | null;
  co: Department[];
  facts: ItemFacts;
}

/** Items reported complete, closed (销号) or suspended (暂缓) get no reminders. */
export function needsReminders(status: string): boolean {
  return !isCompletedStatus(status) && status !== '暂缓';
}

/** Loads items with their plan and departments, and the facts a mail shows about them. */
@Injectable()
export class ItemFactsService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  itemLink(itemId: number): string {
    return `${this.config.DUBAN_PUBLIC_URL.replace(/\/$/, '')}/#/items/${itemId}`;
  }

  /** Open items of current plans with a lead department (optionally only those with a deadline, or given ids). */
  async load(filter: { ids?: number[]; withDeadline?: boolean; openOnly?: boolean }): Promise<TrackedItem[]> {
    const qb = this.dataSource
      .getRepository(Item)
      .createQueryBuilder('item')
      .innerJoinAndSelect('item.plan', 'plan')
      .leftJoinAndSelect('item.assignments', 'assignment')
      .leftJoinAndSelect('assignment.department', 'department')
      .orderBy('item.planId')
      .addOrderBy('item.order');
    if (filter.ids) qb.where('item.id IN (:...ids)', { ids: filter.ids.length ? filter.ids : [-1] });
    else qb.where('plan.current = :current', { current: true });
    if (filter.withDeadline) qb.andWhere('item.deadline IS NOT NULL');
    const items = await qb.getMany();
    return items
      .filter((item) => !filter.openOnly || needsReminders(item.status))
      .map((item) => this.facts(item))
      .filter((t) => filter.ids !== undefined || t.lead !== null);
  }

  private facts(item: Item): TrackedItem {
    const assignments = (item.assignments ?? []) as Assignment[];
    const lead = assignments.find((a) => a.role === 'lead')?.department ?? null;
    const co = assignments.filter((a) => a.role === 'co').map((a) => a.department);
    const plan = item.plan as Plan;
    return {
      item,
      plan,
      lead,
      co,
      facts: {
        id: item.id,
        number: item.number,
        title: item.title,
        planTitle: plan.title,
        leadName: lead?.name ?? '(未确定牵头单位)',
        coNames: co.map((d) => d.name),
        dueText: item.dueText,
        deadline: item.deadline,
        link: this.itemLink(item.id),
      },
    };
  }

  async departments(ids: number[]): Promise<Department[]> {
    if (ids.length === 0) return [];
    return this.dataSource.getRepository(Department).find({ where: { id: In(ids) }, order: { id: 'ASC' } });
  }
}
