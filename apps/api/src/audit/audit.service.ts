import { AuditLog, CLOCK, type Clock } from '#domain';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
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
}

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
    // Entries about a draft (its text, its attachments) are as private as the draft itself.
    const own = this.access.draftDepartment(actor);
    const unreadable = `pr.state <> 'submitted'${own === null ? '' : ' AND pr."departmentId" <> :own'}`;
    qb.andWhere(
      `NOT (a.entityType = 'progress_report' AND EXISTS (SELECT 1 FROM progress_report pr WHERE pr.id = a.entityId AND ${unreadable}))`,
    ).andWhere(
      `NOT (a.entityType = 'report_attachment' AND EXISTS (SELECT 1 FROM report_attachment ra JOIN progress_report pr ON pr.id = ra."reportId" WHERE ra.id = a.entityId AND ${unreadable}))`,
      own === null ? {} : { own },
    );
    const [rows, total] = await qb
      .orderBy('a.id', 'ASC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return { total, page: query.page, pageSize: query.pageSize, entries: rows.map((r) => ({ ...r })) };
  }
}
