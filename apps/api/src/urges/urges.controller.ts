import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { type Actor, CurrentUser } from '../auth/auth.types.js';
import { IdPipe } from '../common/validation.js';
import { UrgeDto } from './dto/urge.dto.js';
import { UrgesService } from './urges.service.js';

const URGE_EXAMPLE = {
  id: 7,
  itemId: 9,
  fromUserId: 2,
  message: '该事项已临近期限,请于本周五前报送最新进展。',
  leadDepartmentId: 3,
  coDepartmentIds: [4, 5],
  createdAt: '2024-12-02T02:00:00.000Z',
  deliveredAt: null,
};

@ApiTags('urges')
@ApiBearerAuth()
@Controller('items/:id/urges')
export class UrgesController {
  constructor(private readonly urges: UrgesService) {}

  @Post()
  @ApiOperation({ summary: '催办(质量强市办):记录并排队发送给牵头单位(可选配合单位)' })
  @ApiParam({ name: 'id', type: Number })
  @ApiCreatedResponse({ description: '已记录的催办,deliveredAt 在发送后填写', example: URGE_EXAMPLE })
  @ApiForbiddenResponse({ description: '只有质量强市办可以催办' })
  @ApiConflictResponse({ description: '事项未分配牵头单位或已销号' })
  @ApiNotFoundResponse({ description: '事项不存在' })
  urge(@CurrentUser() actor: Actor, @Param('id', IdPipe) id: number, @Body() body: UrgeDto) {
    return this.urges.urge(actor, id, body.message, body.includeCo ?? false, body.letter ?? false);
  }

  @Get()
  @ApiOperation({ summary: '某事项的催办记录' })
  @ApiParam({ name: 'id', type: Number })
  @ApiOkResponse({ description: '催办记录', example: [URGE_EXAMPLE] })
  list(@Param('id', IdPipe) id: number) {
    return this.urges.listForItem(id);
  }
}

@ApiTags('urges')
@ApiBearerAuth()
@Controller('departments/:id/urges')
export class DepartmentUrgesController {
  constructor(private readonly urges: UrgesService) {}

  @Post('overdue')
  @ApiOperation({ summary: '一键催办(质量强市办):该单位牵头的全部逾期事项,一次操作' })
  @ApiParam({ name: 'id', type: Number })
  @ApiCreatedResponse({ description: '催办的事项数', example: { department: '市市场监管局', urged: 3, itemIds: [9, 12, 15] } })
  @ApiForbiddenResponse({ description: '只有质量强市办可以催办' })
  @ApiConflictResponse({ description: '该单位没有可催办的逾期事项' })
  @ApiNotFoundResponse({ description: '单位不存在' })
  urgeOverdue(@CurrentUser() actor: Actor, @Param('id', IdPipe) id: number, @Body() body: UrgeDto) {
    return this.urges.urgeOverdue(actor, id, body.message);
  }
}
