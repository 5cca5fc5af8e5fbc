import { Assignment, CLOCK, type Clock, decideItemAction, ExtensionRequest, Item, type ItemActionDecision, type ItemActionInput, type ItemActionName, type ItemRelation, itemActions } from '#domain';
import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { conflict, forbidden } from '../common/errors.js';
import { today } from '../common/time.module.js';
import { assertWritable, readOnlyReasons } from '../items/item-lock.js';
import type { Actor } from './auth.types.js';

/**
 * Who may do what, asked by the services at the point where they read or write data
 * (never only in a route guard). Every item is readable by every signed-in user.
 */
@Injectable()
export class AccessService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  isCoordinator(actor: Actor): boolean {
    return actor.role === 'coordinator' || actor.role === 'admin';
  }

  /** Reads what the 质量强市办 reads (督办总览, every department's 工作台, 月报, reports, the log): the office, admins and 领导. */
  readsAsOffice(actor: Actor): boolean {
    return this.isCoordinator(actor) || actor.role === 'leader';
  }

  /** How the user stands to the item: coordinator (and admin), lead, co, other department, viewer. */
  async relationTo(actor: Actor, itemId: number, manager: EntityManager = this.dataSource.manager): Promise<ItemRelation> {
    if (this.isCoordinator(actor)) return 'coordinator';
    if (actor.role === 'viewer') return 'viewer';
    if (actor.role === 'leader') return 'leader';
    if (actor.departmentId === null) return 'other';
    const assignment = await manager.getRepository(Assignment).findOneBy({ itemId, departmentId: actor.departmentId });
    return assignment ? assignment.role : 'other';
  }

  async findItem(itemId: number, manager: EntityManager = this.dataSource.manager): Promise<Item> {
    const item = await manager.getRepository(Item).findOneBy({ id: itemId });
    if (!item) throw new NotFoundException(`事项不存在:${itemId}`);
    return item;
  }

  /** The item, refused (409, naming its successor) when it may not be written on: see readOnlyReason. */
  async findWritableItem(itemId: number, manager: EntityManager = this.dataSource.manager): Promise<Item> {
    const item = await this.findItem(itemId, manager);
    await assertWritable(manager, item);
    return item;
  }

  assertCanWrite(actor: Actor): void {
    if (actor.role === 'viewer') throw forbidden('只读用户不能修改数据');
    if (actor.role === 'leader') throw forbidden('领导账号只能查看,不能修改数据');
  }

  /** The facts the item-action rule (libs/domain item-actions.ts) decides on, for this user and item. */
  async actionInput(actor: Actor, item: Item, manager: EntityManager = this.dataSource.manager): Promise<ItemActionInput> {
    return {
      status: item.status,
      kind: item.kind,
      relation: await this.relationTo(actor, item.id, manager),
      readOnly: (await readOnlyReasons(manager, [item])).get(item.id) ?? null,
      hasLead: await manager.getRepository(Assignment).existsBy({ itemId: item.id, role: 'lead' }),
      deadline: item.deadline,
      today: today(this.clock),
      pendingExtension: await manager.getRepository(ExtensionRequest).existsBy({ itemId: item.id, state: 'pending' }),
    };
  }

  /** Every action this user may or may not take on the item, with the reason when not. */
  async actionsOn(actor: Actor, item: Item, manager: EntityManager = this.dataSource.manager): Promise<ItemActionDecision[]> {
    return itemActions(await this.actionInput(actor, item, manager));
  }

  /** Refuses (403 / 409 with the rule's reason) an action the item-action rule does not allow; returns the item. */
  async assertItemAction(actor: Actor, itemId: number, action: ItemActionName, manager: EntityManager = this.dataSource.manager): Promise<Item> {
    const item = await this.findItem(itemId, manager);
    const decision = decideItemAction(action, await this.actionInput(actor, item, manager));
    if (!decision.allowed) throw decision.refusal === 'forbidden' ? forbidden(decision.reason) : conflict(decision.reason);
    return item;
  }

  assertCoordinator(actor: Actor, what: string): void {
    this.assertCanWrite(actor);
    if (!this.isCoordinator(actor)) throw forbidden(`只有质量强市办可以${what}`);
  }

  assertAdmin(actor: Actor, what: string): void {
    this.assertCanWrite(actor);
    if (actor.role !== 'admin') throw forbidden(`只有系统管理员可以${what}`);
  }

  /**
   * Progress-report drafts are private to their department: the department whose drafts this user
   * may read (an editor's own), or null for none. Submitted reports are readable by everyone.
   * The one rule for the report views and the audit log.
   */
  draftDepartment(actor: Actor): number | null {
    return actor.role === 'editor' ? actor.departmentId : null;
  }

  /** The department a report, request or reading is written for: the editor's own. */
  ownDepartment(actor: Actor): number {
    this.assertCanWrite(actor);
    if (actor.departmentId === null) throw forbidden('您的账号未归属任何单位,不能代表单位报送');
    return actor.departmentId;
  }
}
