import { Assignment, Item } from '#domain';
import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, In } from 'typeorm';
import type { ListItemsQuery } from './dto/list-items.query.js';

export interface ItemDepartment {
  id: number;
  name: string;
  role: 'lead' | 'co';
}

export interface ItemView {
  id: number;
  planId: number;
  parentId: number | null;
  number: string;
  normalizedNumber: string;
  path: string[];
  title: string;
  kind: string;
  status: string;
  dueText: string | null;
  deadline: string | null;
  lead: string[];
  co: string[];
}

export interface ItemDetail extends ItemView {
  body: string;
  order: number;
  level: number;
  sourceLineStart: number | null;
  sourceLineEnd: number | null;
  version: number;
  departments: ItemDepartment[];
}

export interface ItemPage {
  total: number;
  page: number;
  pageSize: number;
  items: ItemView[];
}

/** Escapes LIKE wildcards so user text matches literally. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

@Injectable()
export class ItemsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(query: ListItemsQuery): Promise<ItemPage> {
    const qb = this.dataSource.getRepository(Item).createQueryBuilder('item');
    if (query.plan !== undefined) qb.andWhere('item.planId = :plan', { plan: query.plan });
    if (query.kind !== undefined) qb.andWhere('item.kind = :kind', { kind: query.kind });
    if (query.department !== undefined) {
      qb.andWhere(
        `EXISTS (SELECT 1 FROM ${this.dataSource.driver.escape('assignment')} a WHERE a.${this.dataSource.driver.escape('itemId')} = item.id AND a.${this.dataSource.driver.escape('departmentId')} = :department)`,
        { department: query.department },
      );
    }
    if (query.q !== undefined && query.q.trim() !== '') {
      const q = likePattern(query.q.trim());
      qb.andWhere(
        new Brackets((w) => {
          w.where("item.title LIKE :q ESCAPE '\\'", { q }).orWhere("item.body LIKE :q ESCAPE '\\'", { q });
        }),
      );
    }
    const total = await qb.getCount();
    const rows = await qb
      .orderBy('item.planId', 'ASC')
      .addOrderBy('item.order', 'ASC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getMany();
    const departments = await this.departmentsOf(rows.map((r) => r.id));
    return {
      total,
      page: query.page,
      pageSize: query.pageSize,
      items: rows.map((row) => this.view(row, departments.get(row.id) ?? [])),
    };
  }

  async get(id: number): Promise<ItemDetail> {
    const item = await this.dataSource.getRepository(Item).findOneBy({ id });
    if (!item) throw new NotFoundException(`事项不存在:${id}`);
    const departments = (await this.departmentsOf([id])).get(id) ?? [];
    return {
      ...this.view(item, departments),
      body: item.body,
      order: item.order,
      level: item.level,
      sourceLineStart: item.sourceLineStart,
      sourceLineEnd: item.sourceLineEnd,
      version: item.version,
      departments,
    };
  }

  private async departmentsOf(itemIds: number[]): Promise<Map<number, ItemDepartment[]>> {
    const out = new Map<number, ItemDepartment[]>();
    if (itemIds.length === 0) return out;
    const assignments = await this.dataSource.getRepository(Assignment).find({
      where: { itemId: In(itemIds) },
      relations: { department: true },
      order: { id: 'ASC' },
    });
    for (const a of assignments) {
      const list = out.get(a.itemId) ?? [];
      list.push({ id: a.departmentId, name: a.department.name, role: a.role });
      out.set(a.itemId, list);
    }
    return out;
  }

  private view(item: Item, departments: ItemDepartment[]): ItemView {
    return {
      id: item.id,
      planId: item.planId,
      parentId: item.parentId,
      number: item.number,
      normalizedNumber: item.normalizedNumber,
      path: item.path,
      title: item.title,
      kind: item.kind,
      status: item.status,
      dueText: item.dueText,
      deadline: item.deadline,
      lead: departments.filter((d) => d.role === 'lead').map((d) => d.name),
      co: departments.filter((d) => d.role === 'co').map((d) => d.name),
    };
  }
}
