import { AuditLog, auditSentence, CLOCK, type Clock, Department, ProgressReport, ReportAttachment, User } from '#domain';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import type { Actor } from '../auth/auth.types.js';
import { AccessService } from '../auth/access.service.js';
import { forbidden } from '../common/errors.js';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: number | null;
  itemId: number | null;
  before: unknown;
  after: unknown;
}

/** An audit row as the API shows it: who and when, then the entry. */
export interface AuditView extends AuditEntry {
  id: number;
  at: Date;
  userId: number | null;
  username: string;
  /** Who, as a reader knows them: display name and department. */
  who: string;
  /** The entry as a Chinese sentence with names and readable values. */
  sentence: string;
}

/** Entries that carry a draft's content: outside its department they read "保存了草稿", without it. */
const DRAFT_ACTIONS = new Set(['report.create', 'report.save', 'report.attach']);

/** Keys of an entry's before/after that hold department ids. */
const DEPARTMENT_KEYS = ['lead', 'co', 'leadDepartmentId', 'coDepartmentIds', 'departmentId'];

/** Who did it: a signed-in user, a user name that failed to sign in (id null), or null for the system. */
export type AuditActor = { id: number | null; username: string } | null;

/** Rows per INSERT statement (9 parameters each, well under every driver's limit). */
const AUDIT_BATCH = 100;

export interface AuditQuery {
  itemId?: number;
  action?: string;
  page: number;
  pageSize: number;
}

/** The audit log: every write records who, when, what, before and after, in the write's own transaction. */
@Injectable()
export class AuditService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly access: AccessService,
  ) {}

  async record(
    manager: EntityManager,
    actor: AuditActor,
    action: string,
    entityType: string,
    entityId: number | null,
    itemId: number | null,
    before: unknown,
    after: unknown,
  ): Promise<void> {
    await this.recordMany(manager, actor, [{ action, entityType, entityId, itemId, before, after }]);
  }

  /** Records several entries of one actor in a few statements (a bulk write logs one entry per row it changed). */
  async recordMany(manager: EntityManager, actor: AuditActor, entries: AuditEntry[]): Promise<void> {
    const at = this.clock.now();
    const rows = entries.map((e) => ({
      at,
      userId: actor?.id ?? null,
      username: actor?.username ?? 'system',
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      itemId: e.itemId,
      before: (e.before ?? null) as never,
      after: (e.after ?? null) as never,
    }));
    for (let i = 0; i < rows.length; i += AUDIT_BATCH) await manager.getRepository(AuditLog).insert(rows.slice(i, i + AUDIT_BATCH));
  }

  /** Coordinators, admins and 领导 read the log, per item or for the whole system. */
  async list(actor: Actor, query: AuditQuery): Promise<{ total: number; page: number; pageSize: number; entries: AuditView[] }> {
    if (!this.access.readsAsOffice(actor)) throw forbidden('只有质量强市办、领导和管理员可以查看操作日志');
    const qb = this.dataSource.getRepository(AuditLog).createQueryBuilder('a');
    if (query.itemId !== undefined) qb.andWhere('a.itemId = :itemId', { itemId: query.itemId });
    if (query.action !== undefined) qb.andWhere('a.action = :action', { action: query.action });
    const [rows, total] = await qb
      .orderBy('a.id', 'ASC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return { total, page: query.page, pageSize: query.pageSize, entries: await this.views(actor, rows) };
  }

  /**
   * Each entry with its sentence. Entries about a draft (its text, its attachments) are as private as
   * the draft itself: outside its department they say that a draft was saved, and show nothing of it.
   */
  private async views(actor: Actor, rows: AuditLog[]): Promise<AuditView[]> {
    const manager = this.dataSource.manager;
    const reportIds = new Set(rows.filter((r) => r.entityType === 'progress_report' && r.entityId !== null).map((r) => r.entityId!));
    const attachmentIds = rows.filter((r) => r.entityType === 'report_attachment' && r.entityId !== null).map((r) => r.entityId!);
    const attachments = attachmentIds.length ? await manager.getRepository(ReportAttachment).find({ where: { id: In(attachmentIds) }, select: { id: true, reportId: true } }) : [];
    const reportOfAttachment = new Map(attachments.map((a) => [a.id, a.reportId]));
    for (const a of attachments) reportIds.add(a.reportId);
    const reports = new Map(
      (reportIds.size ? await manager.getRepository(ProgressReport).find({ where: { id: In([...reportIds]) }, select: { id: true, state: true, departmentId: true } }) : []).map((r) => [r.id, r]),
    );
    const own = this.access.draftDepartment(actor);
    const isPrivate = (r: AuditLog): boolean => {
      if (!DRAFT_ACTIONS.has(r.action) || r.entityId === null) return false;
      const report = reports.get(r.entityType === 'report_attachment' ? (reportOfAttachment.get(r.entityId) ?? -1) : r.entityId);
      // A report since deleted or not found: private rather than shown.
      return !report || (report.state !== 'submitted' && report.departmentId !== own);
    };
    const userIds = [...new Set(rows.map((r) => r.userId).filter((id): id is number => id !== null))];
    const users = new Map((userIds.length ? await manager.getRepository(User).find({ where: { id: In(userIds) }, select: { id: true, displayName: true, departmentId: true } }) : []).map((u) => [u.id, u]));
    const departmentIds = new Set<number>([...users.values()].map((u) => u.departmentId).filter((id): id is number => id !== null));
    for (const r of rows) {
      for (const side of [r.before, r.after] as Record<string, unknown>[]) {
        if (!side || typeof side !== 'object') continue;
        for (const key of DEPARTMENT_KEYS) for (const id of [side[key]].flat()) if (typeof id === 'number') departmentIds.add(id);
      }
    }
    const departments = new Map((departmentIds.size ? await manager.getRepository(Department).find({ where: { id: In([...departmentIds]) }, select: { id: true, name: true } }) : []).map((d) => [d.id, d.name]));
    return rows.map((r) => {
      const user = r.userId !== null ? users.get(r.userId) : undefined;
      const who = user ? `${user.displayName}${user.departmentId !== null && departments.has(user.departmentId) ? `(${departments.get(user.departmentId)})` : ''}` : r.username === 'system' ? '系统' : r.username;
      const hidden = isPrivate(r);
      const before = hidden ? null : r.before;
      const after = hidden ? null : r.after;
      const sentence = auditSentence({ action: r.action, who, before, after, private: hidden, department: (id) => departments.get(id) ?? '已删除的单位' });
      return { ...r, before, after, who, sentence };
    });
  }
}
