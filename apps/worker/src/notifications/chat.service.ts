import type { AppConfig } from '#config';
import { CHAT_MIN_INTERVAL_MS, ChatChannel, ChatDelivery, CLOCK, type Clock, Notification } from '#domain';
import { type ChatOutcome, postChat, summaryLines } from '#mail';
import { type ChatPayload, JOBS, QUEUES } from '#queue';
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { CONFIG } from '../common/tokens.js';
import { claimRow, reviveJob } from '../common/row-jobs.js';
import { DeliveryService } from './delivery.service.js';

/** Reserves the next send slot of one robot (shared by every worker through Redis); returns ms to wait, 0 = go. */
const RESERVE_SLOT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local gap = tonumber(ARGV[1])
local nextAt = tonumber(redis.call('GET', KEYS[1]) or '0')
if nextAt > now then return nextAt - now end
redis.call('SET', KEYS[1], now + gap, 'PX', gap * 2 + 1000)
return 0`;

/** Pending deliveries looked at per requeue pass. */
const REQUEUE_BATCH = 500;

export type ChatResult = 'sent' | 'skipped' | 'failed' | { waitMs: number };

/**
 * Posts one notification to one group-chat robot: the delivery row is claimed first (as a mail's
 * notification row is), the robot's send slot reserved (its platform's rate limit, across workers),
 * the message signed and posted; a refusal for good (robot removed, bad signature) marks the row
 * failed, anything else is thrown for BullMQ to retry with backoff.
 */
@Injectable()
export class ChatService {
  private readonly logger = new Logger('chat');

  constructor(
    private readonly dataSource: DataSource,
    private readonly deliveries: DeliveryService,
    @InjectQueue(QUEUES.chat) private readonly chatQueue: Queue<ChatPayload>,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  private get repo() {
    return this.dataSource.getRepository(ChatDelivery);
  }

  /** Ms to wait before this robot may post again (0: the slot is taken now). */
  private async reserve(channel: ChatChannel): Promise<number> {
    // The queue's ioredis connection (BullMQ's client interface does not list EVAL).
    const client = (await this.chatQueue.getBackend().client) as unknown as { eval(script: string, keys: number, ...args: string[]): Promise<unknown> };
    const key = `${this.config.REDIS_PREFIX}:chat-rate:${channel.id}`;
    return Number(await client.eval(RESERVE_SLOT, 1, key, String(CHAT_MIN_INTERVAL_MS[channel.platform])));
  }

  async deliver(key: string): Promise<ChatResult> {
    const row = await this.repo.findOne({ where: { key } });
    if (!row || row.status !== 'pending') return 'skipped';
    const channel = await this.dataSource.getRepository(ChatChannel).findOne({ where: { id: row.channelId } });
    const notification = await this.dataSource.getRepository(Notification).findOne({ where: { key: row.notificationKey }, select: { key: true, kind: true, rule: true, itemId: true, subject: true, text: true } });
    if (!channel?.active || !notification) {
      await this.repo.update({ id: row.id }, { status: 'failed', lastError: channel ? '机器人已停用' : '机器人已删除' });
      return 'failed';
    }
    const waitMs = await this.reserve(channel);
    if (waitMs > 0) return { waitMs };
    if (!(await claimRow(this.dataSource, ChatDelivery, row.id, this.config.QUEUE_LOCK_MS))) {
      const current = await this.repo.findOne({ where: { id: row.id }, select: { id: true, status: true } });
      if (current?.status !== 'pending') return 'skipped';
      throw new Error(`chat delivery ${key} is being sent by another worker; will check again`);
    }
    const message = { title: notification.subject, lines: summaryLines(notification.text), link: this.deliveries.link(notification) };
    // Signatures carry the real time: the platforms refuse a timestamp more than an hour off.
    const outcome: ChatOutcome = await postChat(channel.platform, channel.webhookUrl, channel.secret, message, new Date());
    if (outcome.ok) {
      await this.repo.update({ id: row.id }, { status: 'sent', sentAt: this.clock.now(), lastError: null, claimedUntil: null });
      if (channel.lastError) await this.dataSource.getRepository(ChatChannel).update({ id: channel.id }, { lastError: null });
      return 'sent';
    }
    if (!outcome.retry) {
      await this.repo.update({ id: row.id }, { status: 'failed', lastError: outcome.message, claimedUntil: null });
      await this.dataSource.getRepository(ChatChannel).update({ id: channel.id }, { lastError: outcome.message });
      this.logger.warn(`${key}: ${outcome.message}`);
      return 'failed';
    }
    await this.repo.update({ id: row.id }, { lastError: outcome.message, claimedUntil: null });
    throw new Error(outcome.message);
  }

  /**
   * Pending deliveries get their jobs back (Redis lost them, or their retries ran out): called by
   * the hourly scan beside the mail's. Returns how many were added or retried.
   */
  async requeuePending(): Promise<number> {
    let touched = 0;
    for (let after = 0; ; ) {
      const rows = await this.repo
        .createQueryBuilder('d')
        .select(['d.id', 'd.key'])
        .where('d.status = :pending AND d.id > :after', { pending: 'pending', after })
        .orderBy('d.id', 'ASC')
        .take(REQUEUE_BATCH)
        .getMany();
      if (rows.length === 0) return touched;
      after = rows[rows.length - 1]!.id;
      for (const { key } of rows) if (await reviveJob(this.chatQueue, key, () => this.chatQueue.add(JOBS.chat, { key }, { jobId: key }))) touched++;
    }
  }
}
