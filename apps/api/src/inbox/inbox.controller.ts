import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { type Actor, CurrentUser } from '../auth/auth.types.js';
import { IdPipe } from '../common/validation.js';
import { InboxService } from './inbox.service.js';

export class InboxQuery {
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'unread 只能是 true 或 false' })
  unread?: string;
}

const INBOX_EXAMPLE = {
  id: 31,
  userId: 5,
  key: 'decision.extension-approved.7',
  kind: 'decision',
  title: '【延期已批准】26.加强质量文化宣传',
  body: '市市场监管局:您单位对以下事项提出的延期申请(申请延期至2026年12月31日)已获批准。',
  link: '#/items/12',
  itemId: 12,
  createdAt: '2026-10-13T01:00:00.000Z',
  readAt: null,
};

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('me/notifications')
export class InboxController {
  constructor(private readonly inbox: InboxService) {}

  @Get()
  @ApiOperation({ summary: '我的通知(最近 200 条)及未读数' })
  @ApiOkResponse({ description: '通知列表', example: { unread: 1, items: [INBOX_EXAMPLE] } })
  list(@CurrentUser() actor: Actor, @Query() query: InboxQuery) {
    return this.inbox.list(actor, query.unread === 'true');
  }

  @Get('unread-count')
  @ApiOperation({ summary: '我的未读通知数' })
  @ApiOkResponse({ description: '未读数', example: { unread: 3 } })
  async count(@CurrentUser() actor: Actor) {
    return { unread: await this.inbox.unread(actor) };
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiOperation({ summary: '全部标为已读' })
  @ApiOkResponse({ description: '未读数', example: { unread: 0 } })
  readAll(@CurrentUser() actor: Actor) {
    return this.inbox.markAllRead(actor);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: '标为已读' })
  @ApiParam({ name: 'id', type: Number })
  @ApiOkResponse({ description: '未读数', example: { unread: 2 } })
  @ApiNotFoundResponse({ description: '通知不存在(或不是自己的)' })
  read(@CurrentUser() actor: Actor, @Param('id', IdPipe) id: number) {
    return this.inbox.markRead(actor, id);
  }
}
