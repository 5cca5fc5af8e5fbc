import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentUser } from '../auth/auth.types.js';
import { UpdatePlanDto } from './dto/update-plan.dto.js';
import { IdPipe } from '../common/validation.js';
import { ITEM_NODE_EXAMPLE, PLAN_SUMMARY_EXAMPLE } from './examples.js';
import { type PlanDetail, type PlanSummary, PlansService } from './plans.service.js';

@ApiTags('plans')
@Controller('plans')
export class PlansController {
  constructor(private readonly plans: PlansService) {}

  @Get()
  @ApiOperation({ summary: '方案列表(含事项数)' })
  @ApiOkResponse({ description: '所有导入的方案,各版本分别列出', example: [PLAN_SUMMARY_EXAMPLE] })
  list(): Promise<PlanSummary[]> {
    return this.plans.list();
  }

  @Get(':id')
  @ApiOperation({ summary: '方案详情及事项树' })
  @ApiParam({ name: 'id', type: Number })
  @ApiOkResponse({
    description: '方案及其章节、事项树(含牵头单位、配合单位)',
    example: { ...PLAN_SUMMARY_EXAMPLE, sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', warnings: [], items: [ITEM_NODE_EXAMPLE], undo: null },
  })
  @ApiNotFoundResponse({ description: '方案不存在' })
  @ApiBadRequestResponse({ description: '编号不是正整数' })
  get(@Param('id', IdPipe) id: number): Promise<PlanDetail> {
    return this.plans.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: '修改方案信息:名称、发文单位、发文字号、日期、城市;归档或恢复' })
  @ApiParam({ name: 'id', type: Number })
  @ApiOkResponse({ description: '修改后的方案详情', example: { ...PLAN_SUMMARY_EXAMPLE, sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', warnings: [], items: [ITEM_NODE_EXAMPLE], undo: null } })
  @ApiNotFoundResponse({ description: '方案不存在' })
  @ApiBadRequestResponse({ description: '字段格式不正确' })
  update(@CurrentUser() actor: Actor, @Param('id', IdPipe) id: number, @Body() body: UpdatePlanDto): Promise<PlanDetail> {
    return this.plans.update(actor, id, body);
  }

  @Post(':id/undo-revision')
  @HttpCode(200)
  @ApiOperation({ summary: '撤销修订:新版本尚无人办理时,记录回到旧版事项,旧版恢复为现行版本' })
  @ApiParam({ name: 'id', type: Number, description: '修订生成的新版本方案编号' })
  @ApiOkResponse({ description: '已撤销', example: { planId: 7, previousPlanId: 3 } })
  @ApiConflictResponse({ description: '该版本不是修订生成的、已被更新版本替代,或已有人在新版本上办理' })
  undoRevision(@CurrentUser() actor: Actor, @Param('id', IdPipe) id: number): Promise<{ planId: number; previousPlanId: number }> {
    return this.plans.undoRevision(actor, id);
  }
}
