import type { AppConfig } from '#config';
import { ChatChannel, ChatDelivery, CLOCK, type Clock, InboxNotification, type Notification, User } from '#domain';
import { summaryLines } from '#mail';
import { type ChatPayload, JOBS, QUEUES } from '#queue';
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { DataSource, In } from 'typeorm';
import { CONFIG } from '../common/tokens.js';

/** A chat delivery's key: the notification's and the robot's. Also its job id. */
export const chatDeliveryKey = (notificationKey: string, channelId: number) => `${notificationKey}@chat.${channelId}`;

/** The page of the web interface a notification links to. */
export function notificationPage(n: Pick<Notification, 'key' | 'kind' | 'rule' | 'itemId'>): string {
  if (n.itemId !== null) return `#/items/${n.itemId}`;
  if (n.rule === 'plan-revised') return `#/plans/${n.key.split('.')[2]}`;
  return n.kind === 'report' ? '#/reports' : '#/workbench';
}

/**
 * The channels besides mail, in one place: when a notification is sent, its audience (the
 * departments addressed and, when copied, the coordinating office) gets an in-app notice per
 * active user and a chat delivery per active robot. Both are rows under unique keys inserted with
 * "on conflict do nothing", so a retried or re-created mail job writes nothing twice; each chat
 * delivery has its own job (job id = its key) with retries, backoff and the robot's rate limit.
 */
@Injectable()
export class DeliveryService {
  constructor(
    private readonly dataSource: DataSource,
    @InjectQueue(QUEUES.chat) private readonly chatQueue: Queue<ChatPayload>,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  async fanOut(n: Notification): Promise<void> {
    const audience = n.audience;
    if (!audience || (audience.departments.length === 0 && !audience.office)) return;
    const where = [
      ...(audience.departments.length > 0 ? [{ active: true, departmentId: In(audience.departments) }] : []),
      ...(audience.office ? [{ active: true, role: 'coordinator' as const }] : []),
    ];
    const users = await this.dataSource.getRepository(User).find({ where, select: { id: true, departmentId: true } });
    const createdAt = this.clock.now();
    const page = notificationPage(n);
    if (users.length > 0) {
      await this.dataSource
        .createQueryBuilder()
        .insert()
        .into(InboxNotification)
        .values(
          users.map((u) => ({ userId: u.id, key: n.key, kind: n.kind, title: n.subject.slice(0, 300), body: summaryLines(n.text).join('\n'), link: page, itemId: n.itemId, createdAt, readAt: null })),
        )
        .orIgnore()
        .updateEntity(false)
        .execute();
    }
    // The office's robots are those of the departments its coordinators belong to.
    const officeDepartments = audience.office
      ? (await this.dataSource.getRepository(User).find({ where: { role: 'coordinator', active: true }, select: { id: true, departmentId: true } })).flatMap((u) => (u.departmentId ? [u.departmentId] : []))
      : [];
    const departments = [...new Set([...audience.departments, ...officeDepartments])];
    if (departments.length === 0) return;
    const channels = await this.dataSource.getRepository(ChatChannel).find({ where: { departmentId: In(departments), active: true }, select: { id: true } });
    if (channels.length === 0) return;
    const keys = channels.map((c) => chatDeliveryKey(n.key, c.id));
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(ChatDelivery)
      .values(channels.map((c, i) => ({ key: keys[i]!, notificationKey: n.key, channelId: c.id, status: 'pending' as const, createdAt, lastError: null, sentAt: null, claimedUntil: null })))
      .orIgnore()
      .updateEntity(false)
      .execute();
    // Jobs for the deliveries still pending (BullMQ keeps one job per id).
    const pending = await this.dataSource.getRepository(ChatDelivery).find({ where: { key: In(keys), status: 'pending' }, select: { key: true } });
    if (pending.length > 0) await this.chatQueue.addBulk(pending.map((d) => ({ name: JOBS.chat, data: { key: d.key }, opts: { jobId: d.key } })));
  }

  /** The absolute address of a notification's page, for chat messages. */
  link(n: Pick<Notification, 'key' | 'kind' | 'rule' | 'itemId'>): string {
    return `${this.config.DUBAN_PUBLIC_URL.replace(/\/$/, '')}/${notificationPage(n)}`;
  }
}
