import { AppConfig } from '#config';
import { Assignment, AuditLog, CLOCK, type Clock, decideTransition, isActiveStatus, Item, type ItemActionName, ItemEvidence, ITEM_STATUSES, parseDue, Plan, ProgressReport, STATUS_RULES, type StatusAction, trafficLight, SettingsStore, type TrafficLight, User, type WorkingCalendar } from '#domain';
import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, In } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { AccessService } from '../auth/access.service.js';
import type { Actor } from '../auth/auth.types.js';
import { conflict, forbidden, invalidField } from '../common/errors.js';
import { today } from '../common/time.module.js';
import type { ListItemsQuery } from './dto/list-items.query.js';
import { lockItem, readOnlyReasons, saveItemVersioned } from './item-lock.js';
import { DecisionNotifier } from '../queue/decision-notifier.service.js';

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
  /** How the deadline reads: date, month_end, year_end, workdays, ongoing. */
  deadlineKind: string | null;
  /** Derived, never stored: the deadline passed and the item is not completed. */
  overdue: boolean;
  /** Derived traffic light and why it is not green. */
  light: TrafficLight;
  lightReasons: string[];
  /** Percent complete in the lead department's latest submitted progress report. */
  percent: number | null;
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
  assignedOn: string | null;
  statusReason: string | null;
  departments: ItemDepartment[];
  /** The plan the item belongs to, by its name. */
  plan: { id: number; title: string; version: number; current: boolean; archived: boolean };
  /** Why nothing may be written on the item (old version, withdrawn, archived plan), or null. */
  readOnly: string | null;
  /** The item of the newer version this one became (已被第N版替代), or null. */
  supersededBy: { itemId: number; planId: number; version: number } | null;
  /** The items of the previous version this one continues (more than one after a merge). */
  predecessors: Array<{ itemId: number; planId: number; version: number; number: string; title: string }>;
  /** What the signed-in user may do on the item, each with the reason when not (libs/domain item-actions.ts). */
  actions: Array<{ action: ItemActionName; allowed: boolean; reason?: string }>;
  /** The last 报完成: its 办结情况, when and by whom; null when never reported complete. */
  completion: { statement: string; at: Date; by: string | null } | null;
  /** Evidence of completion (佐证材料) attached to the item. */
  evidence: Array<{ id: number; fileName: string; size: number; createdAt: Date; uploadedBy: string | null }>;
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
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly settings: SettingsStore,
    private readonly config: AppConfig,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly decisions: DecisionNotifier,
  ) {}

  async list(query: ListItemsQuery): Promise<ItemPage> {
    const qb = this.dataSource.getRepository(Item).createQueryBuilder('item');
    if (query.plan !== undefined) qb.andWhere('item.planId = :plan', { plan: query.plan });
    else if (query.scope !== 'all') {
      const esc = (name: string) => this.dataSource.driver.escape(name);
      qb.andWhere(`item.planId IN (SELECT p.${esc('id')} FROM ${esc('plan')} p WHERE p.${esc('current')} = :current AND p.${esc('archived')} = :archived)`, { current: true, archived: false });
    }
    if (query.kind !== undefined) qb.andWhere('item.kind = :kind', { kind: query.kind });
    if (query.status !== undefined) qb.andWhere('item.status = :status', { status: query.status });
    if (query.overdue !== undefined) {
      // The same rule as isOverdue(): a deadline before today, and not completed, closed or suspended.
      const overdue = '(item.deadline IS NOT NULL AND item.deadline < :today AND item.status NOT IN (:...settled))';
      qb.andWhere(query.overdue === 'true' ? overdue : `NOT ${overdue}`, { today: today(this.clock), settled: ITEM_STATUSES.filter((status) => !isActiveStatus(status)) });
    }
    if (query.department !== undefined) {
      // "IN (the department's assignments)" rather than a correlated EXISTS: SQLite then starts from the
      // department's index instead of testing every item (100 ms -> 0.5 ms at 100,000 items, bench/).
      const esc = (name: string) => this.dataSource.driver.escape(name);
      qb.andWhere(`item.id IN (SELECT a.${esc('itemId')} FROM ${esc('assignment')} a WHERE a.${esc('departmentId')} = :department)`, { department: query.department });
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
    const reported = await this.reportedThisMonth(rows.map((r) => r.id));
    const { calendar } = await this.settings.current();
    return {
      total,
      page: query.page,
      pageSize: query.pageSize,
      items: rows.map((row) => this.view(row, departments.get(row.id) ?? [], reported, calendar)),
    };
  }

  async get(id: number, actor: Actor): Promise<ItemDetail> {
    const item = await this.dataSource.getRepository(Item).findOneBy({ id });
    if (!item) throw new NotFoundException(`事项不存在:${id}`);
    const departments = (await this.departmentsOf([id])).get(id) ?? [];
    const reported = await this.reportedThisMonth([id]);
    const plans = this.dataSource.getRepository(Plan);
    const plan = await plans.findOneByOrFail({ id: item.planId });
    const successor = item.successorId !== null ? await this.dataSource.getRepository(Item).findOneBy({ id: item.successorId }) : null;
    const successorPlan = successor ? await plans.findOneBy({ id: successor.planId }) : null;
    const predecessors = await this.dataSource.getRepository(Item).find({ where: { successorId: id }, order: { order: 'ASC' } });
    const predecessorPlans = new Map((await plans.findBy({ id: In([...new Set(predecessors.map((p) => p.planId))]) })).map((p) => [p.id, p]));
    return {
      ...this.view(item, departments, reported, (await this.settings.current()).calendar),
      body: item.body,
      order: item.order,
      level: item.level,
      sourceLineStart: item.sourceLineStart,
      sourceLineEnd: item.sourceLineEnd,
      version: item.version,
      assignedOn: item.assignedOn,
      statusReason: item.statusReason,
      departments,
      plan: { id: plan.id, title: plan.title, version: plan.version, current: plan.current, archived: plan.archived },
      readOnly: (await readOnlyReasons(this.dataSource.manager, [item])).get(id) ?? null,
      supersededBy: successor && successorPlan ? { itemId: successor.id, planId: successor.planId, version: successorPlan.version } : null,
      predecessors: predecessors.map((p) => ({ itemId: p.id, planId: p.planId, version: predecessorPlans.get(p.planId)?.version ?? 0, number: p.number, title: p.title })),
      actions: (await this.access.actionsOn(actor, item)).map((a) => (a.allowed ? { action: a.action, allowed: true } : { action: a.action, allowed: false, reason: a.reason })),
      completion: await this.completionOf(id),
      evidence: await this.evidenceOf(id),
    };
  }

  private async completionOf(itemId: number): Promise<ItemDetail['completion']> {
    const entries = await this.dataSource.getRepository(AuditLog).find({ where: { itemId, action: 'item.transition' }, order: { id: 'DESC' }, take: 50 });
    const last = entries.find((e) => (e.after as { action?: string } | null)?.action === 'complete');
    if (!last) return null;
    const user = last.userId !== null ? await this.dataSource.getRepository(User).findOneBy({ id: last.userId }) : null;
    return { statement: String((last.after as { statusReason?: string }).statusReason ?? ''), at: last.at, by: user?.displayName ?? null };
  }

  private async evidenceOf(itemId: number): Promise<ItemDetail['evidence']> {
    const rows = await this.dataSource.getRepository(ItemEvidence).find({ where: { itemId }, relations: { uploadedBy: true }, order: { id: 'ASC' } });
    return rows.map((r) => ({ id: r.id, fileName: r.fileName, size: r.size, createdAt: r.createdAt, uploadedBy: r.uploadedBy?.displayName ?? null }));
  }

  /**
   * Changes an item's status through the status machine: who may (403), from which status
   * (409), with a reason where one is needed (400), at the version the client read (409).
   */
  async transition(actor: Actor, id: number, action: StatusAction, reason: string | undefined, version: number): Promise<ItemDetail> {
    await this.access.findItem(id);
    await this.dataSource.transaction(async (manager) => {
      const relation = await this.access.relationTo(actor, id, manager);
      const current = await this.access.findWritableItem(id, manager);
      const decision = decideTransition(current.status, action, relation, reason);
      if (!decision.ok && decision.kind === 'forbidden') throw forbidden(decision.message);
      if (current.kind === 'section') throw conflict('章节不是工作事项,不跟踪状态');
      if (!decision.ok) {
        if (decision.kind === 'invalid') throw invalidField('reason', decision.message, 'required');
        throw conflict(decision.message);
      }
      const item = await lockItem(manager, id, version);
      // The text the action carries (办结情况, 销号意见, 撤销理由, 退回理由, 暂缓理由) stays on the item until the next change.
      const statusReason = STATUS_RULES[action].reason !== null ? reason!.trim() : null;
      const saved = await saveItemVersioned(manager, item, version, { status: decision.to, statusReason });
      await this.audit.record(
        manager,
        actor,
        'item.transition',
        'item',
        id,
        id,
        { status: item.status, statusReason: item.statusReason, version: item.version },
        { action, status: saved.status, statusReason, version: saved.version },
      );
      await this.decisions.itemTransition(manager, id, action, saved.version);
    });
    return this.get(id, actor);
  }

  /** Per item: whether the lead submitted this month's report, and the percent of its latest report. */
  private async reportedThisMonth(itemIds: number[]): Promise<Map<number, { thisMonth: boolean; percent: number | null }>> {
    const out = new Map<number, { thisMonth: boolean; percent: number | null }>();
    if (itemIds.length === 0) return out;
    const period = today(this.clock).slice(0, 7);
    const rows = await this.dataSource.getRepository(ProgressReport).find({
      where: { itemId: In(itemIds), role: 'lead', state: 'submitted' },
      select: { itemId: true, period: true, percent: true },
      order: { period: 'ASC' },
    });
    for (const r of rows) {
      const seen = out.get(r.itemId);
      out.set(r.itemId, { thisMonth: (seen?.thisMonth ?? false) || r.period === period, percent: r.percent ?? seen?.percent ?? null });
    }
    return out;
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

  private view(item: Item, departments: ItemDepartment[], reported: Map<number, { thisMonth: boolean; percent: number | null }>, calendar: WorkingCalendar): ItemView {
    const light = trafficLight({
      status: item.status,
      deadline: item.deadline,
      today: today(this.clock),
      reportedThisMonth: reported.get(item.id)?.thisMonth ?? false,
      hasLead: departments.some((d) => d.role === 'lead'),
      warnWorkingDays: this.config.DUBAN_WARN_WORKING_DAYS,
      calendar,
    });
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
      // A deadline printed in the document is proposed as read from its text until a coordinator sets one.
      deadlineKind: item.deadlineKind ?? parseDue(item.dueText, null)?.kind ?? null,
      overdue: light.overdue,
      light: light.light,
      lightReasons: light.reasons,
      percent: reported.get(item.id)?.percent ?? null,
      lead: departments.filter((d) => d.role === 'lead').map((d) => d.name),
      co: departments.filter((d) => d.role === 'co').map((d) => d.name),
    };
  }
}
