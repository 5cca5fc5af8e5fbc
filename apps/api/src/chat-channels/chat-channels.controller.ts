import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiCreatedResponse, ApiForbiddenResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentUser } from '../auth/auth.types.js';
import { IdPipe } from '../common/validation.js';
import { ChatChannelsService } from './chat-channels.service.js';
import { CreateChatChannelDto } from './dto/chat-channel.dto.js';

const CHANNEL_EXAMPLE = { id: 2, departmentId: 3, departmentName: '市市场监管局', platform: 'dingtalk', webhook: 'https://oapi.dingtalk.com/robot/send/…9f3a', hasSecret: true, active: true, lastError: null, createdAt: '2026-10-13T01:00:00.000Z' };

@ApiTags('chat-channels')
@ApiBearerAuth()
@Controller('chat-channels')
export class ChatChannelsController {
  constructor(private readonly channels: ChatChannelsService) {}

  @Get()
  @ApiOperation({ summary: '各单位的群机器人(管理员;地址只显示末 4 位,不返回密钥)' })
  @ApiOkResponse({ description: '群机器人', example: [CHANNEL_EXAMPLE] })
  @ApiForbiddenResponse({ description: '只有管理员可以管理群机器人' })
  list(@CurrentUser() actor: Actor) {
    return this.channels.list(actor);
  }

  @Post()
  @ApiOperation({ summary: '为单位添加企业微信、钉钉或飞书群机器人(管理员)' })
  @ApiCreatedResponse({ description: '新的群机器人', example: CHANNEL_EXAMPLE })
  @ApiBadRequestResponse({ description: '地址无效或单位不存在' })
  create(@CurrentUser() actor: Actor, @Body() body: CreateChatChannelDto) {
    return this.channels.create(actor, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: '删除群机器人(管理员)' })
  @ApiParam({ name: 'id', type: Number })
  @ApiNoContentResponse({ description: '已删除' })
  @ApiNotFoundResponse({ description: '群机器人不存在' })
  async remove(@CurrentUser() actor: Actor, @Param('id', IdPipe) id: number) {
    await this.channels.remove(actor, id);
  }

  @Post(':id/test')
  @HttpCode(200)
  @ApiOperation({ summary: '发送测试消息(管理员):立即发送,返回平台的答复' })
  @ApiParam({ name: 'id', type: Number })
  @ApiOkResponse({ description: '平台的答复', example: { ok: true, message: '钉钉已收到测试消息' } })
  @ApiNotFoundResponse({ description: '群机器人不存在' })
  test(@CurrentUser() actor: Actor, @Param('id', IdPipe) id: number) {
    return this.channels.test(actor, id);
  }
}
