import { Body, Controller, HttpCode, Param, Post, Put } from '@nestjs/common';
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
import { ItemsService } from '../items/items.service.js';
import { AssignmentsService } from './assignments.service.js';
import { BulkAssignmentDto, SetAssignmentDto, SetDeadlineDto } from './dto/assignment.dto.js';

const ITEM_EXAMPLE = {
  id: 9,
  planId: 1,
  number: '1',
  title: '夯实科技创新质量支撑',
  status: '未启动',
  dueText: '2024年12月底前',
  deadline: '2024-12-31',
  deadlineKind: 'month_end',
  overdue: false,
  light: 'green',
  lightReasons: [],
  lead: ['市科技局'],
  co: ['市市场监管局', '市工信局'],
  version: 2,
  assignedOn: '2024-10-08',
  departments: [
    { id: 3, name: '市科技局', role: 'lead' },
    { id: 4, name: '市市场监管局', role: 'co' },
    { id: 5, name: '市工信局', role: 'co' },
  ],
};

@ApiTags('steering')
@ApiBearerAuth()
@Controller()
export class AssignmentsController {
  constructor(
    private readonly assignments: AssignmentsService,
    private readonly items: ItemsService,
  ) {}

  @Put('items/:id/assignment')
  @ApiOperation({ summary: '分配牵头单位和配合单位(质量强市办),可同时设定期限' })
  @ApiParam({ name: 'id', type: Number })
  @ApiOkResponse({ description: '分配后的事项', example: ITEM_EXAMPLE })
  @ApiForbiddenResponse({ description: '只有质量强市办可以分配' })
  @ApiConflictResponse({ description: '版本已过期' })
  @ApiBadRequestResponse({ description: '单位不存在、期限无法识别等' })
  @ApiNotFoundResponse({ description: '事项不存在' })
  async assign(@CurrentUser() actor: Actor, @Param('id', IdPipe) id: number, @Body() body: SetAssignmentDto) {
    await this.assignments.setAssignment(actor, id, body);
    return this.items.get(id, actor);
  }

  @Put('items/:id/deadline')
  @ApiOperation({ summary: '设定期限(质量强市办):日期、月底、年内、N个工作日内、持续推进' })
  @ApiParam({ name: 'id', type: Number })
  @ApiOkResponse({ description: '设定后的事项', example: ITEM_EXAMPLE })
  @ApiForbiddenResponse({ description: '只有质量强市办可以设定期限' })
  @ApiConflictResponse({ description: '版本已过期' })
  @ApiBadRequestResponse({ description: '期限无法识别' })
  async deadline(@CurrentUser() actor: Actor, @Param('id', IdPipe) id: number, @Body() body: SetDeadlineDto) {
    await this.assignments.setDeadline(actor, id, body.deadline, body.version);
    return this.items.get(id, actor);
  }

  @Post('assignments/bulk')
  @HttpCode(200)
  @ApiOperation({ summary: '批量分配单位或设定期限(按事项列表、章节或筛选条件)' })
  @ApiOkResponse({ description: '处理的事项', example: { updated: 3, itemIds: [9, 10, 11] } })
  @ApiForbiddenResponse({ description: '只有质量强市办可以批量分配' })
  @ApiBadRequestResponse({ description: '未指定事项或修改内容' })
  bulk(@CurrentUser() actor: Actor, @Body() body: BulkAssignmentDto) {
    return this.assignments.bulk(actor, body);
  }
}
