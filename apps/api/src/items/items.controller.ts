import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { type Actor, CurrentUser } from '../auth/auth.types.js';
import { IdPipe } from '../common/validation.js';
import { ListItemsQuery } from './dto/list-items.query.js';
import { TransitionDto } from './dto/transition.dto.js';
import { type ItemDetail, type ItemPage, ItemsService } from './items.service.js';

const ITEM_EXAMPLE = {
  id: 9,
  planId: 1,
  parentId: 8,
  number: '1',
  normalizedNumber: '1',
  path: ['三、重点任务', '(一)推动经济质量效益型发展'],
  title: '夯实科技创新质量支撑',
  kind: 'task',
  status: '未启动',
  dueText: '2025年12月底前',
  deadline: '2025-12-31',
  deadlineKind: 'month_end',
  overdue: false,
  light: 'yellow',
  lightReasons: ['本月进展未报送'],
  percent: 60,
  lead: ['市科技局'],
  co: ['市市场监管局'],
};

@ApiTags('items')
@ApiBearerAuth()
@Controller('items')
export class ItemsController {
  constructor(private readonly items: ItemsService) {}

  @Get()
  @ApiOperation({ summary: '事项查询(按方案、单位、类型、关键字,分页)' })
  @ApiOkResponse({ description: '一页事项', example: { total: 35, page: 1, pageSize: 20, items: [ITEM_EXAMPLE] } })
  @ApiBadRequestResponse({ description: '参数有误' })
  list(@Query() query: ListItemsQuery): Promise<ItemPage> {
    return this.items.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: '事项详情(含牵头单位、配合单位)' })
  @ApiParam({ name: 'id', type: Number })
  @ApiOkResponse({
    description: '事项',
    example: {
      ...ITEM_EXAMPLE,
      body: '1.夯实科技创新质量支撑。……(市科技局牵头,市市场监管局配合)',
      order: 9,
      level: 2,
      sourceLineStart: 40,
      sourceLineEnd: 42,
      version: 1,
      assignedOn: '2024-10-08',
      statusReason: null,
      departments: [
        { id: 3, name: '市科技局', role: 'lead' },
        { id: 4, name: '市市场监管局', role: 'co' },
      ],
      actions: [
        { action: 'complete', allowed: true },
        { action: 'close', allowed: false, reason: '牵头单位不能销号事项,只有质量强市办可以' },
      ],
      completion: null,
      evidence: [],
    },
  })
  @ApiNotFoundResponse({ description: '事项不存在' })
  @ApiBadRequestResponse({ description: '编号不是正整数' })
  get(@CurrentUser() actor: Actor, @Param('id', IdPipe) id: number): Promise<ItemDetail> {
    return this.items.get(id, actor);
  }

  @Post(':id/transitions')
  @HttpCode(200)
  @ApiOperation({
    summary: '变更事项状态',
    description: '未启动→推进中→报完成(须填办结情况)→已完成(待审核)→销号(质量强市办,须填销号意见);已销号可由质量强市办撤销销号(须填理由);已完成(待审核)可由质量强市办退回推进中(须填理由);暂缓(须填理由)及恢复。须带上读到的 version。',
  })
  @ApiParam({ name: 'id', type: Number })
  @ApiOkResponse({ description: '变更后的事项', example: { ...ITEM_EXAMPLE, status: '已完成(待审核)', version: 5 } })
  @ApiForbiddenResponse({ description: '无权执行此操作(如配合单位报完成、只读用户)' })
  @ApiConflictResponse({ description: '当前状态不允许此操作,或版本已过期' })
  @ApiBadRequestResponse({ description: '缺少理由等参数错误' })
  @ApiNotFoundResponse({ description: '事项不存在' })
  transition(@CurrentUser() actor: Actor, @Param('id', IdPipe) id: number, @Body() body: TransitionDto): Promise<ItemDetail> {
    return this.items.transition(actor, id, body.action, body.reason, body.version);
  }
}
