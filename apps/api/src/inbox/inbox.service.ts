import { CLOCK, type Clock, InboxNotification } from '#domain';
import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import type { Actor } from '../auth/auth.types.js';

/** Notices shown per list. */
const LIST_LIMIT = 200;

/** One's own in-app notifications (written by the worker as notifications go out): list, unread count, mark read. */
@Injectable()
export class InboxService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private get repo() {
    return this.dataSource.getRepository(InboxNotification);
  }

  unread(actor: Actor): Promise<number> {
    return this.repo.count({ where: { userId: actor.id, readAt: IsNull() } });
  }

  async list(actor: Actor, unreadOnly: boolean): Promise<{ unread: number; items: InboxNotification[] }> {
    const items = await this.repo.find({ where: { userId: actor.id, ...(unreadOnly ? { readAt: IsNull() } : {}) }, order: { createdAt: 'DESC', id: 'DESC' }, take: LIST_LIMIT });
    return { unread: await this.unread(actor), items };
  }

  async markRead(actor: Actor, id: number): Promise<{ unread: number }> {
    const found = await this.repo.findOne({ where: { id, userId: actor.id }, select: { id: true, readAt: true } });
    // Another user's notice does not exist for this one.
    if (!found) throw new NotFoundException({ statusCode: 404, error: '未找到', message: `通知不存在:${id}` });
    if (!found.readAt) await this.repo.update({ id }, { readAt: this.clock.now() });
    return { unread: await this.unread(actor) };
  }

  async markAllRead(actor: Actor): Promise<{ unread: number }> {
    await this.repo.update({ userId: actor.id, readAt: IsNull() }, { readAt: this.clock.now() });
    return { unread: 0 };
  }
}
