import { Assignment, CLOCK, type Clock, Urge } from '#domain';
import { type IssuedDocument, writeOrForget } from '#reports';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { AccessService } from '../auth/access.service.js';
import type { Actor } from '../auth/auth.types.js';
import { conflict } from '../common/errors.js';
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
    await this.access.findWritableItem(itemId);
    let issuedLetter: IssuedDocument | null = null;
    const urge = await this.dataSource.transaction(async (manager) => {
      const item = await this.access.findItem(itemId, manager);
      if (item.status === '已销号') throw conflict('事项已销号,无需催办');
      const assignments = await manager.getRepository(Assignment).findBy({ itemId });
      const lead = assignments.find((a) => a.role === 'lead');
      if (!lead) throw conflict('事项尚未分配牵头单位,无法催办');
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
      // The 催办函 (numbered, its DOCX written) in the same transaction: the worker attaches it to the mail.
      if (letter) issuedLetter = await this.documents.letterForUrge(manager, actor, saved);
      return saved;
    });
    // The letter's DOCX before the worker is told, so the mail finds it.
    if (issuedLetter) await writeOrForget(this.dataSource, issuedLetter);
    try {
      await this.notifier.urgeRecorded(urge);
    } catch (error) {
      // The row is committed: the worker's scan delivers it anyway.
      this.logger.warn(`催办 ${urge.id} 未能立即排队,将由定时扫描发送:${error instanceof Error ? error.message : String(error)}`);
    }
    return urge;
  }

  async listForItem(itemId: number): Promise<Urge[]> {
    await this.access.findItem(itemId);
    return this.dataSource.getRepository(Urge).find({ where: { itemId }, order: { id: 'ASC' } });
  }
}
