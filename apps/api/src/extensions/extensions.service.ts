import { CLOCK, type Clock, EXTENSION_KIND_LABELS, type ExtensionKind, ExtensionRequest } from '#domain';
import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { AccessService } from '../auth/access.service.js';
import type { Actor } from '../auth/auth.types.js';
import { badRequest, conflict, forbidden, invalidField } from '../common/errors.js';
import { today } from '../common/time.module.js';
import { saveItemVersioned } from '../items/item-lock.js';
import { DecisionNotifier } from '../queue/decision-notifier.service.js';

/**
 * 延期申请 (before the deadline) or 逾期说明 (after it, with a proposed new date), by the one rule of
 * libs/domain extension.ts: the lead asks, a coordinator approves (the deadline moves) or rejects.
 */
@Injectable()
export class ExtensionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly decisions: DecisionNotifier,
  ) {}

  async listForItem(itemId: number): Promise<ExtensionRequest[]> {
    await this.access.findItem(itemId);
    return this.dataSource.getRepository(ExtensionRequest).find({ where: { itemId }, order: { id: 'ASC' } });
  }

  async list(actor: Actor, state?: string): Promise<ExtensionRequest[]> {
    const where: Record<string, unknown> = {};
    if (state) where.state = state;
    if (!this.access.readsAsOffice(actor) && actor.departmentId !== null) where.departmentId = actor.departmentId;
    if (!this.access.readsAsOffice(actor) && actor.departmentId === null) return [];
    return this.dataSource.getRepository(ExtensionRequest).find({ where, order: { id: 'ASC' } });
  }

  async request(actor: Actor, itemId: number, requestedDeadline: string, reason: string, kind: ExtensionKind): Promise<ExtensionRequest> {
    this.access.assertCanWrite(actor);
    await this.access.findWritableItem(itemId);
    return this.dataSource.transaction(async (manager) => {
      // The rule decides whether this kind may be submitted today (an extension only up to the deadline).
      const item = await this.access.assertItemAction(actor, itemId, kind, manager);
      if (item.deadline === null) throw conflict('事项没有期限,无需申请延期');
      const now = today(this.clock);
      if (requestedDeadline <= item.deadline) throw invalidField('requestedDeadline', `申请的新期限必须晚于当前期限 ${item.deadline}`, 'out_of_range');
      if (requestedDeadline <= now) throw invalidField('requestedDeadline', `提出的新期限必须晚于今天(${now})`, 'out_of_range');
      const repo = manager.getRepository(ExtensionRequest);
      const saved = await repo.save(
        repo.create({
          itemId,
          departmentId: actor.departmentId!,
          requestedById: actor.id,
          previousDeadline: item.deadline,
          requestedDeadline,
          reason: reason.trim(),
          state: 'pending',
          kind,
          decidedById: null,
          decidedAt: null,
          decisionReason: null,
          // The injected clock, like every other time the workflow records.
          createdAt: this.clock.now(),
        }),
      );
      await this.audit.record(manager, actor, kind === 'overdue' ? 'extension.explain' : 'extension.request', 'extension_request', saved.id, itemId, null, {
        kind,
        previousDeadline: item.deadline,
        requestedDeadline,
        reason: saved.reason,
      });
      return saved;
    });
  }

  async decide(actor: Actor, id: number, approve: boolean, reason: string | undefined): Promise<ExtensionRequest> {
    this.access.assertCoordinator(actor, approve ? '批准延期申请或逾期说明' : '驳回延期申请或逾期说明');
    if (!approve && (reason ?? '').trim() === '') throw badRequest('驳回必须填写理由');
    return this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(ExtensionRequest);
      const request = await repo.findOneBy({ id });
      if (!request) throw new NotFoundException(`延期申请不存在:${id}`);
      if (request.state !== 'pending') throw conflict(`该${EXTENSION_KIND_LABELS[request.kind]}已${request.state === 'approved' ? '批准' : '驳回'},不能重复审批`);
      await this.access.findWritableItem(request.itemId, manager);
      const before = { state: request.state };
      request.state = approve ? 'approved' : 'rejected';
      request.decidedById = actor.id;
      request.decidedAt = this.clock.now();
      request.decisionReason = reason?.trim() || null;
      await repo.save(request);
      if (approve) {
        const item = await this.access.findItem(request.itemId, manager);
        const saved = await saveItemVersioned(manager, item, item.version, {
          deadline: request.requestedDeadline,
          deadlineKind: 'date',
          dueText: `${request.requestedDeadline}(延期)`,
        });
        await this.audit.record(
          manager,
          actor,
          'item.deadline.extend',
          'item',
          item.id,
          item.id,
          { deadline: item.deadline, dueText: item.dueText, version: item.version },
          { deadline: saved.deadline, dueText: saved.dueText, version: saved.version, extensionRequestId: request.id },
        );
      }
      await this.audit.record(manager, actor, approve ? 'extension.approve' : 'extension.reject', 'extension_request', id, request.itemId, before, {
        state: request.state,
        decisionReason: request.decisionReason,
      });
      await this.decisions.record(manager, { event: approve ? 'extension-approved' : 'extension-rejected', refId: request.id, itemId: request.itemId });
      return request;
    });
  }
}
