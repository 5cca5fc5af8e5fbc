import { Assignment, Department, isActiveStatus, Item, Plan, SettingsStore } from '#domain';
import type { ItemFacts } from '#mail';
import { Injectable } from '@nestjs/common';
import { DataSource, In, type SelectQueryBuilder } from 'typeorm';

/** An item as the reminder jobs see it: its state, its departments and what a mail shows about it. */
export interface TrackedItem {
  /** `current`: its plan is the current version (a revised plan's old items are not). */
  item: { id: number; deadline: string | null; status: string; current: boolean };
  lead: Department | null;
  co: Department[];
  facts: ItemFacts;
}

/** Ids per IN list: well under SQLite's and PostgreSQL's parameter limits. */
const CHUNK = 500;

function chunks<T>(list: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

interface ItemRow {
  id: number;
  number: string;
  title: string;
  dueText: string | null;
  deadline: string | null;
  status: string;
  planTitle: string;
  planCurrent: boolean | number;
}

/**
 * Loads items with their departments and the facts a mail shows about them. Reads only the
 * columns a mail needs, in a few set-based queries (items, their assignments, the departments
 * named), never entity graphs: the reminder scan and the reporting-duty check read up to every
 * open item of the province.
 */
@Injectable()
export class ItemFactsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: SettingsStore,
  ) {}

  /** The address mail links start with: set on the 管理 page, else DUBAN_PUBLIC_URL. */
  async publicUrl(): Promise<string> {
    return (await this.settings.current()).publicUrl;
  }

  /** Id, deadline and lead department of every item of a current plan that has both and still needs reminders. */
  async openDeadlines(): Promise<Array<{ id: number; deadline: string; leadId: number }>> {
    const rows = await this.currentItems()
      .innerJoin(Assignment, 'lead', 'lead.itemId = item.id AND lead.role = :lead', { lead: 'lead' })
      .select(['item.id AS "id"', 'CAST(item.deadline AS VARCHAR(10)) AS "deadline"', 'item.status AS "status"', 'lead.departmentId AS "leadId"'])
      .andWhere('item.deadline IS NOT NULL')
      .orderBy('item.id')
      .addOrderBy('lead.id')
      .getRawMany<{ id: number | string; deadline: string; status: string; leadId: number | string }>();
    // An item with two lead departments comes twice: its reminders are recorded once, under the first.
    const byId = new Map<number, { id: number; deadline: string; leadId: number }>();
    for (const r of rows) if (isActiveStatus(r.status) && !byId.has(Number(r.id))) byId.set(Number(r.id), { id: Number(r.id), deadline: r.deadline, leadId: Number(r.leadId) });
    return [...byId.values()];
  }

  /**
   * Open items of current plans with a lead department (optionally only those with a deadline),
   * or the given items whatever their plan, state or departments.
   */
  async load(filter: { ids?: number[]; withDeadline?: boolean; openOnly?: boolean }): Promise<TrackedItem[]> {
    const columns = [
      'item.id AS "id"',
      'item.number AS "number"',
      'item.title AS "title"',
      'item.dueText AS "dueText"',
      'CAST(item.deadline AS VARCHAR(10)) AS "deadline"',
      'item.status AS "status"',
      'plan.title AS "planTitle"',
      // An archived plan is no longer tracked: its items read as not current (no reminders).
      `CASE WHEN plan.current = :yes AND plan.archived = :no THEN 1 ELSE 0 END AS "planCurrent"`,
    ];
    const order = (qb: SelectQueryBuilder<Item>) => qb.select(columns).orderBy('item.planId').addOrderBy('item.order');
    let rows: ItemRow[];
    let assignments: Array<{ itemId: number; role: string; departmentId: number }>;
    if (filter.ids) {
      rows = [];
      assignments = [];
      for (const ids of chunks([...new Set(filter.ids)])) {
        rows.push(...(await order(this.items().where('item.id IN (:...ids)', { ids })).getRawMany<ItemRow>()));
        assignments.push(...(await this.assignments().where('a.itemId IN (:...ids)', { ids }).getRawMany()));
      }
    } else {
      const current = order(this.currentItems());
      if (filter.withDeadline) current.andWhere('item.deadline IS NOT NULL');
      rows = await current.getRawMany<ItemRow>();
      assignments = await this.assignments().innerJoin(Item, 'item', 'item.id = a.itemId').innerJoin(Plan, 'plan', 'plan.id = item.planId').where('plan.current = :current AND plan.archived = :archived', { current: true, archived: false }).getRawMany();
    }
    const departments = await this.departmentMap(assignments.map((a) => Number(a.departmentId)));
    const byItem = new Map<number, { lead: Department | null; co: Department[] }>();
    for (const a of assignments) {
      const itemId = Number(a.itemId);
      const department = departments.get(Number(a.departmentId));
      if (!department) continue;
      let entry = byItem.get(itemId);
      if (!entry) byItem.set(itemId, (entry = { lead: null, co: [] }));
      // One lead department is addressed: the first (an item with two is recorded under the first too).
      if (a.role === 'lead') entry.lead ??= department;
      else if (a.role === 'co') entry.co.push(department);
    }
    const base = await this.publicUrl();
    return rows
      .filter((row) => !filter.openOnly || isActiveStatus(row.status))
      .map((row) => this.facts(row, byItem.get(Number(row.id)) ?? { lead: null, co: [] }, base))
      .filter((t) => filter.ids !== undefined || t.lead !== null);
  }

  async departments(ids: number[]): Promise<Department[]> {
    return [...(await this.departmentMap(ids)).values()].sort((a, b) => a.id - b.id);
  }

  private items() {
    return this.dataSource.getRepository(Item).createQueryBuilder('item').innerJoin('item.plan', 'plan').setParameters({ yes: true, no: false });
  }

  private currentItems() {
    return this.items().where('plan.current = :current AND plan.archived = :archived', { current: true, archived: false });
  }

  private assignments() {
    return this.dataSource
      .getRepository(Assignment)
      .createQueryBuilder('a')
      .select(['a.itemId AS "itemId"', 'a.role AS "role"', 'a.departmentId AS "departmentId"'])
      .orderBy('a.id');
  }

  private async departmentMap(ids: number[]): Promise<Map<number, Department>> {
    const map = new Map<number, Department>();
    for (const chunk of chunks([...new Set(ids)])) {
      for (const d of await this.dataSource.getRepository(Department).find({ where: { id: In(chunk) } })) map.set(d.id, d);
    }
    return map;
  }

  private facts(row: ItemRow, departments: { lead: Department | null; co: Department[] }, base: string): TrackedItem {
    const id = Number(row.id);
    return {
      item: { id, deadline: row.deadline, status: row.status, current: Boolean(Number(row.planCurrent)) },
      lead: departments.lead,
      co: departments.co,
      facts: {
        id,
        number: row.number,
        title: row.title,
        planTitle: row.planTitle,
        leadName: departments.lead?.name ?? '(未确定牵头单位)',
        coNames: departments.co.map((d) => d.name),
        dueText: row.dueText,
        deadline: row.deadline,
        link: `${base}/#/items/${id}`,
      },
    };
  }
}
