import type { AppConfig } from '#config';
import { Department, Notification, NOTIFICATION_KINDS, NOTIFICATION_STATUSES } from '#domain';
import { listOutbox, outboxDir, safeFileName } from '#mail';
import { Controller, Get, Inject, NotFoundException, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsIn, IsOptional } from 'class-validator';
import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AccessService } from '../auth/access.service.js';
import { type Actor, CurrentUser } from '../auth/auth.types.js';
import { forbidden } from '../common/errors.js';
import { API_CONFIG } from './tokens.js';

export class ListNotificationsQuery {
  @IsOptional()
  @IsIn(NOTIFICATION_STATUSES as unknown as string[], { message: `status 只能是 ${NOTIFICATION_STATUSES.join('、')}` })
  status?: string;

  @IsOptional()
  @IsIn(NOTIFICATION_KINDS as unknown as string[], { message: `kind 只能是 ${NOTIFICATION_KINDS.join('、')}` })
  kind?: string;
}

/** The notification log, departments without contacts, and the outbox: for the coordinating office. */
@ApiTags('notifications')
@Controller()
export class NotificationsController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    @Inject(API_CONFIG) private readonly config: AppConfig,
  ) {}

  private assertCoordinator(actor: Actor): void {
    if (!this.access.readsAsOffice(actor)) throw forbidden('只有质量强市办和领导可以查看提醒记录');
  }

  @Get('notifications')
  @ApiOperation({ summary: '提醒与通知记录(最近 500 条)' })
  @ApiOkResponse({
    description: '通知记录',
    example: [{ id: 7, key: 'item.12.overdue.2026-10-09.1', kind: 'deadline', rule: 'overdue', itemId: 12, departmentId: 3, day: '2026-10-13', to: ['scj@example.gov.cn'], cc: [], missingContacts: [], subject: '【逾期提醒】26.加强质量文化宣传 已逾期3个工作日', attachments: [], status: 'sent', attempts: 1, lastError: null, messageId: '<item.12.overdue.2026-10-09.1@duban>', createdAt: '2026-10-13T01:00:00.000Z', sentAt: '2026-10-13T01:00:02.000Z' }],
  })
  async list(@CurrentUser() actor: Actor, @Query() query: ListNotificationsQuery) {
    this.assertCoordinator(actor);
    const rows = await this.dataSource.getRepository(Notification).find({
      where: { ...(query.status ? { status: query.status as Notification['status'] } : {}), ...(query.kind ? { kind: query.kind as Notification['kind'] } : {}) },
      order: { id: 'DESC' },
      take: 500,
    });
    return rows.map(({ html: _html, text: _text, ...rest }) => rest);
  }

  @Get('notifications/missing-contacts')
  @ApiOperation({ summary: '未设置联系人邮箱的单位,及因此未能送达的提醒' })
  @ApiOkResponse({ description: '单位列表', example: [{ department: '市经信局', notifications: [{ key: 'item.5.due.2026-09-30.0', subject: '【督办提醒】2.推进标准化建设 今日到期', day: '2026-09-30', status: 'sent' }] }] })
  async missingContacts(@CurrentUser() actor: Actor) {
    this.assertCoordinator(actor);
    const departments = await this.dataSource.getRepository(Department).find({ order: { id: 'ASC' } });
    const rows = await this.dataSource.getRepository(Notification).find({ order: { id: 'DESC' }, take: 5000 });
    const affected = new Map<string, { key: string; subject: string; day: string; status: string }[]>();
    for (const r of rows) for (const name of r.missingContacts) affected.set(name, [...(affected.get(name) ?? []), { key: r.key, subject: r.subject, day: r.day, status: r.status }]);
    const withoutContacts = departments.filter((d) => (d.contactEmails ?? []).filter(Boolean).length === 0).map((d) => d.name);
    const names = [...new Set([...withoutContacts, ...affected.keys()])];
    return names.map((name) => ({ department: name, notifications: affected.get(name) ?? [] }));
  }

  @Get('outbox')
  @ApiOperation({ summary: '发件箱:未配置 SMTP 时保存的邮件(.eml)' })
  @ApiOkResponse({ description: '发件箱', example: [{ key: 'urge.3', file: 'urge.3.eml', to: ['fgw@example.gov.cn'], cc: [], subject: '【催办】3.开展质量提升行动', storedAt: '2026-11-03T02:30:01.000Z', size: 4210 }] })
  async outbox(@CurrentUser() actor: Actor) {
    this.assertCoordinator(actor);
    return listOutbox(outboxDir(this.config));
  }

  @Get('outbox/:key')
  @ApiOperation({ summary: '下载发件箱中的一封邮件(.eml)' })
  @ApiOkResponse({ description: '邮件原文', content: { 'message/rfc822': { example: 'Subject: =?UTF-8?B?...?=\r\nMessage-ID: <urge.3@duban>\r\n...' } } })
  async download(@CurrentUser() actor: Actor, @Param('key') key: string, @Res({ passthrough: true }) res: { setHeader(k: string, v: string): void }) {
    this.assertCoordinator(actor);
    const file = join(outboxDir(this.config), `${safeFileName(key.replace(/\.eml$/, ''))}.eml`);
    if (!existsSync(file)) throw new NotFoundException({ statusCode: 404, error: '未找到', message: `发件箱中没有这封邮件:${key}` });
    res.setHeader('Content-Type', 'message/rfc822');
    res.setHeader('Content-Disposition', `attachment; filename="${safeFileName(key)}.eml"`);
    return new StreamableFile(createReadStream(file));
  }
}
