import { CLOCK, type Clock, ExtensionRequest, isCompletedStatus } from '#domain';
import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { AccessService } from '../auth/access.service.js';
import type { Actor } from '../auth/auth.types.js';
import { badRequest, conflict, forbidden } from '../common/errors.js';
import { today } from '../common/time.module.js';
import { saveItemVersioned } from '../items/item-lock.js';
import { DecisionNotifier } from '../queue/decision-notifier.service.js';

/** 延期申请: the lead asks before the deadline; a coordinator approves (the deadline moves) or rejects. */
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
    if (!this.access.isCoordinator(actor) && actor.departmentId !== null) where.departmentId = actor.departmentId;
    if (!this.access.isCoordinator(actor) && actor.departmentId === null) return [];
    return this.dataSource.getRepository(ExtensionRequest).find({ where, order: { id: 'ASC' } });
  }

  async request(actor: Actor, itemId: number, requestedDeadline: string, reason: string): Promise<ExtensionRequest> {
    this.access.assertCanWrite(actor);
    await this.access.findWritableItem(itemId);
    return this.dataSource.transaction(async (manager) => {
      const relation = await this.access.relationTo(actor, itemId, manager);
      if (relation !== 'lead') throw forbidden('只有牵头单位可以申请延期');
      const item = await this.access.findItem(itemId, manager);
      if (isCompletedStatus(item.status)) throw conflict(`事项已${item.status === '已销号' ? '销号' : '完成'},无需延期`);
      if (item.deadline === null) throw conflict('事项没有期限,无需申请延期');
      const now = today(this.clock);
      if (now > item.deadline) throw conflict(`期限(${item.deadline})已过,不能再申请延期,请联系质量强市办`);
      if (requestedDeadline <= item.deadline) throw badRequest(`申请的新期限必须晚于当前期限 ${item.deadline}`);
      const repo = manager.getRepository(ExtensionRequest);
      if (await repo.existsBy({ itemId, state: 'pending' })) throw conflict('该事项已有待审批的延期申请');
      const saved = await repo.save(
        repo.create({
          itemId,
          departmentId: actor.departmentId!,
          requestedById: actor.id,
          previousDeadline: item.deadline,
          requestedDeadline,
          reason: reason.trim(),
          state: 'pending',
          decidedById: null,
          decidedAt: null,
          decisionReason: null,
          // The injected clock, like every other time the workflow records.
          createdAt: this.clock.now(),
        }),
      );
      await this.audit.record(manager, actor, 'extension.request', 'extension_request', saved.id, itemId, null, {
        previousDeadline: item.deadline,
        requestedDeadline,
        reason: saved.reason,
      });
      return saved;
    });
  }

  async decide(actor: Actor, id: number, approve: boolean, reason: string | undefined): Promise<ExtensionRequest> {
    this.access.assertCoordinator(actor, approve ? '批准延期申请' : '驳回延期申请');
    if (!approve && (reason ?? '').trim() === '') throw badRequest('驳回延期申请必须填写理由');
    return this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(ExtensionRequest);
      const request = await repo.findOneBy({ id });
      if (!request) throw new NotFoundException(`延期申请不存在:${id}`);
      if (request.state !== 'pending') throw conflict(`该延期申请已${request.state === 'approved' ? '批准' : '驳回'},不能重复审批`);
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
