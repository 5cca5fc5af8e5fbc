import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { type Actor, CurrentUser } from '../auth/auth.types.js';
import { IdPipe } from '../common/validation.js';
import { DecideExtensionDto, RequestExtensionDto } from './dto/extension.dto.js';
import { ExtensionsService } from './extensions.service.js';

class ListExtensionsQuery {
  @ApiPropertyOptional({ enum: ['pending', 'approved', 'rejected'], example: 'pending' })
  @IsOptional()
  @IsIn(['pending', 'approved', 'rejected'], { message: 'state 必须是 pending、approved 或 rejected' })
  state?: string;
}

const EXTENSION_EXAMPLE = {
  id: 2,
  itemId: 9,
  departmentId: 3,
  requestedById: 5,
  previousDeadline: '2024-12-31',
  requestedDeadline: '2025-03-31',
  reason: '专家评审因省级检查推迟,需顺延三个月',
  state: 'pending',
  decidedById: null,
  decidedAt: null,
  decisionReason: null,
  createdAt: '2024-12-02T02:00:00.000Z',
};

@ApiTags('extensions')
@ApiBearerAuth()
@Controller()
export class ExtensionsController {
  constructor(private readonly extensions: ExtensionsService) {}

  @Get('extensions')
  @ApiOperation({ summary: '延期申请列表(质量强市办看全部,单位看本单位的)' })
  @ApiOkResponse({ description: '延期申请', example: [EXTENSION_EXAMPLE] })
  list(@CurrentUser() actor: Actor, @Query() query: ListExtensionsQuery) {
    return this.extensions.list(actor, query.state);
  }

  @Get('items/:id/extensions')
  @ApiOperation({ summary: '某事项的延期申请及审批历史' })
  @ApiParam({ name: 'id', type: Number })
  @ApiOkResponse({ description: '延期申请', example: [EXTENSION_EXAMPLE] })
  @ApiNotFoundResponse({ description: '事项不存在' })
  forItem(@Param('id', IdPipe) id: number) {
    return this.extensions.listForItem(id);
  }

  @Post('items/:id/extensions')
  @ApiOperation({ summary: '申请延期(牵头单位,期限前含当日)或提交逾期说明(期限已过,kind=overdue,提出新的完成时限);由质量强市办审批' })
  @ApiParam({ name: 'id', type: Number })
  @ApiCreatedResponse({ description: '延期申请', example: EXTENSION_EXAMPLE })
  @ApiForbiddenResponse({ description: '只有牵头单位可以申请' })
  @ApiConflictResponse({ description: '期限已过、已有待审批申请、事项已完成' })
  @ApiBadRequestResponse({ description: '新期限不晚于当前期限等' })
  request(@CurrentUser() actor: Actor, @Param('id', IdPipe) id: number, @Body() body: RequestExtensionDto) {
    return this.extensions.request(actor, id, body.requestedDeadline, body.reason, body.kind ?? 'extension');
  }

  @Post('extensions/:id/approve')
  @HttpCode(200)
  @ApiOperation({ summary: '批准延期申请(质量强市办):事项期限改为申请的日期,历史保留' })
  @ApiParam({ name: 'id', type: Number })
  @ApiOkResponse({ description: '已批准', example: { ...EXTENSION_EXAMPLE, state: 'approved', decidedById: 2, decidedAt: '2024-12-03T02:00:00.000Z', decisionReason: '同意' } })
  @ApiForbiddenResponse({ description: '只有质量强市办可以审批' })
  @ApiConflictResponse({ description: '已审批过' })
  approve(@CurrentUser() actor: Actor, @Param('id', IdPipe) id: number, @Body() body: DecideExtensionDto) {
    return this.extensions.decide(actor, id, true, body.reason);
  }

  @Post('extensions/:id/reject')
  @HttpCode(200)
  @ApiOperation({ summary: '驳回延期申请(质量强市办,须填理由)' })
  @ApiParam({ name: 'id', type: Number })
  @ApiOkResponse({ description: '已驳回', example: { ...EXTENSION_EXAMPLE, state: 'rejected', decidedById: 2, decidedAt: '2024-12-03T02:00:00.000Z', decisionReason: '理由不充分' } })
  @ApiForbiddenResponse({ description: '只有质量强市办可以审批' })
  @ApiConflictResponse({ description: '已审批过' })
  @ApiBadRequestResponse({ description: '缺少驳回理由' })
  reject(@CurrentUser() actor: Actor, @Param('id', IdPipe) id: number, @Body() body: DecideExtensionDto) {
    return this.extensions.decide(actor, id, false, body.reason);
  }
}
