import { CHAT_PLATFORM_LABELS, ChatChannel, type ChatPlatform, CLOCK, type Clock, Department } from '#domain';
import { maskWebhook, postChat } from '#mail';
import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { AccessService } from '../auth/access.service.js';
import type { Actor } from '../auth/auth.types.js';
import { badRequest } from '../common/errors.js';
import type { CreateChatChannelDto } from './dto/chat-channel.dto.js';

/** Departments' group-chat robots (企业微信, 钉钉, 飞书), managed by administrators. */
@Injectable()
export class ChatChannelsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  /** A robot as the browser sees it (ChatChannelRow): never its whole address or its secret. */
  private view(c: ChatChannel, names: Map<number, string>) {
    return { id: c.id, departmentId: c.departmentId, departmentName: names.get(c.departmentId) ?? '', platform: c.platform, webhook: maskWebhook(c.webhookUrl), hasSecret: Boolean(c.secret), active: c.active, lastError: c.lastError, createdAt: c.createdAt };
  }

  private async names(): Promise<Map<number, string>> {
    return new Map((await this.dataSource.getRepository(Department).find({ select: { id: true, name: true } })).map((d) => [d.id, d.name]));
  }

  async list(actor: Actor) {
    this.access.assertAdmin(actor, '管理群机器人');
    const names = await this.names();
    return (await this.dataSource.getRepository(ChatChannel).find({ order: { id: 'ASC' } })).map((c) => this.view(c, names));
  }

  private async find(id: number): Promise<ChatChannel> {
    const channel = await this.dataSource.getRepository(ChatChannel).findOne({ where: { id } });
    if (!channel) throw new NotFoundException({ statusCode: 404, error: '未找到', message: `群机器人不存在:${id}` });
    return channel;
  }

  async create(actor: Actor, body: CreateChatChannelDto) {
    this.access.assertAdmin(actor, '管理群机器人');
    const platform = body.platform as ChatPlatform;
    const secret = body.secret?.trim() || null;
    if (platform === 'wecom' && secret) throw badRequest('企业微信群机器人不使用密钥,请留空');
    const saved = await this.dataSource.transaction(async (manager) => {
      if (!(await manager.getRepository(Department).existsBy({ id: body.departmentId }))) throw badRequest(`单位不存在:${body.departmentId}`);
      const repo = manager.getRepository(ChatChannel);
      const row = await repo.save(repo.create({ departmentId: body.departmentId, platform, webhookUrl: body.webhookUrl.trim(), secret, active: true, createdAt: this.clock.now(), lastError: null }));
      await this.audit.record(manager, actor, 'chat-channel.create', 'chat_channel', row.id, null, null, { departmentId: row.departmentId, platform, webhook: maskWebhook(row.webhookUrl), hasSecret: Boolean(secret) });
      return row;
    });
    return this.view(saved, await this.names());
  }

  async remove(actor: Actor, id: number): Promise<void> {
    this.access.assertAdmin(actor, '管理群机器人');
    await this.dataSource.transaction(async (manager) => {
      const channel = await this.find(id);
      await manager.getRepository(ChatChannel).delete({ id });
      await this.audit.record(manager, actor, 'chat-channel.delete', 'chat_channel', id, null, { departmentId: channel.departmentId, platform: channel.platform, webhook: maskWebhook(channel.webhookUrl) }, null);
    });
  }

  /** 发送测试消息: posts at once and answers with what the platform said. */
  async test(actor: Actor, id: number): Promise<{ ok: boolean; message: string }> {
    this.access.assertAdmin(actor, '管理群机器人');
    const channel = await this.find(id);
    const names = await this.names();
    const label = CHAT_PLATFORM_LABELS[channel.platform];
    const outcome = await postChat(
      channel.platform,
      channel.webhookUrl,
      channel.secret,
      { title: '督办系统测试消息', lines: [`这是督办系统发给${names.get(channel.departmentId) ?? ''}的${label}测试消息。`, '收到这条消息,说明提醒、催办和办理结果会发到本群。'], link: null },
      new Date(),
    );
    await this.dataSource.getRepository(ChatChannel).update({ id }, { lastError: outcome.ok ? null : outcome.message });
    return outcome.ok ? { ok: true, message: `${label}已收到测试消息` } : { ok: false, message: outcome.message };
  }
}
