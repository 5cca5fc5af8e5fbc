import { Assignment, CLOCK, type Clock, decideItemAction, Department, isActiveStatus, Item, ITEM_STATUSES, Urge } from '#domain';
import { type IssuedDocument, writeOrForget } from '#reports';
import { Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { AccessService } from '../auth/access.service.js';
import type { Actor } from '../auth/auth.types.js';
import { conflict } from '../common/errors.js';
import { today } from '../common/time.module.js';
import { DocumentsService } from '../documents/documents.service.js';
import { URGE_NOTIFIER, type UrgeNotifier } from './urge-notifier.js';

/** 催办: recorded in the request's transaction, then handed to the notifier for delivery. */
@Injectable()
export class UrgesService {
  private readonly logger = new Logger(UrgesService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(URGE_NOTIFIER) private readonly notifier: UrgeNotifier,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly documents: DocumentsService,
  ) {}

  async urge(actor: Actor, itemId: number, message: string, includeCo: boolean, letter = false): Promise<Urge> {
    this.access.assertCoordinator(actor, '催办');
    // A 催办函 needs the issuing office: asked for before anything is written.
    if (letter) await this.documents.office();
    let issuedLetter: IssuedDocument | null = null;
    const urge = await this.dataSource.transaction(async (manager) => {
      await this.access.assertItemAction(actor, itemId, 'urge', manager);
      const saved = await this.record(manager, actor, itemId, message, includeCo);
      // The 催办函 (numbered, its DOCX written) in the same transaction: the worker attaches it to the mail.
      if (letter) issuedLetter = await this.documents.letterForUrge(manager, actor, saved);
      return saved;
    });
    // The letter's DOCX before the worker is told, so the mail finds it.
    if (issuedLetter) await writeOrForget(this.dataSource, issuedLetter);
    await this.hand(urge);
    return urge;
  }

  /**
   * 一键催办: every overdue item the department leads, urged in one action (one transaction: all or
   * none), each recorded on its item. Items of read-only plans are left out.
   */
  async urgeOverdue(actor: Actor, departmentId: number, message: string): Promise<{ department: string; urged: number; itemIds: number[] }> {
    this.access.assertCoordinator(actor, '催办');
    const department = await this.dataSource.getRepository(Department).findOneBy({ id: departmentId });
    if (!department) throw new NotFoundException(`单位不存在:${departmentId}`);
    const urges = await this.dataSource.transaction(async (manager) => {
      const esc = (name: string) => manager.connection.driver.escape(name);
      // The same overdue rule as the item list (isOverdue): a deadline before today, not completed, closed or suspended.
      const items = await manager
        .getRepository(Item)
        .createQueryBuilder('item')
        .where(`item.id IN (SELECT a.${esc('itemId')} FROM ${esc('assignment')} a WHERE a.${esc('departmentId')} = :department AND a.${esc('role')} = :lead)`, { department: departmentId, lead: 'lead' })
        .andWhere('item.deadline IS NOT NULL AND item.deadline < :today AND item.status NOT IN (:...settled)', { today: today(this.clock), settled: ITEM_STATUSES.filter((status) => !isActiveStatus(status)) })
        .orderBy('item.planId')
        .addOrderBy('item.order')
        .getMany();
      const out: Urge[] = [];
      for (const item of items) {
        const decision = decideItemAction('urge', await this.access.actionInput(actor, item, manager));
        if (decision.allowed) out.push(await this.record(manager, actor, item.id, message, false));
      }
      if (out.length === 0) throw conflict(`${department.name}没有可催办的逾期事项`);
      return out;
    });
    for (const urge of urges) await this.hand(urge);
    return { department: department.name, urged: urges.length, itemIds: urges.map((u) => u.itemId) };
  }

  private async record(manager: EntityManager, actor: Actor, itemId: number, message: string, includeCo: boolean): Promise<Urge> {
    const assignments = await manager.getRepository(Assignment).findBy({ itemId });
    const lead = assignments.find((a) => a.role === 'lead')!;
    const repo = manager.getRepository(Urge);
    const saved = await repo.save(
      repo.create({
        itemId,
        fromUserId: actor.id,
        message: message.trim(),
        leadDepartmentId: lead.departmentId,
        coDepartmentIds: includeCo ? assignments.filter((a) => a.role === 'co').map((a) => a.departmentId) : [],
        createdAt: this.clock.now(),
        deliveredAt: null,
      }),
    );
    await this.audit.record(manager, actor, 'urge.create', 'urge', saved.id, itemId, null, {
      message: saved.message,
      leadDepartmentId: saved.leadDepartmentId,
      coDepartmentIds: saved.coDepartmentIds,
    });
    return saved;
  }

  /** Hands a committed urge to the notifier; when that fails the worker's scan delivers it anyway. */
  private async hand(urge: Urge): Promise<void> {
    try {
      await this.notifier.urgeRecorded(urge);
    } catch (error) {
      this.logger.warn(`催办 ${urge.id} 未能立即排队,将由定时扫描发送:${error instanceof Error ? error.message : String(error)}`);
    }
  }

  async listForItem(itemId: number): Promise<Urge[]> {
    await this.access.findItem(itemId);
    return this.dataSource.getRepository(Urge).find({ where: { itemId }, order: { id: 'ASC' } });
  }
}
