import { Controller, Get, Param } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
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
    example: { ...PLAN_SUMMARY_EXAMPLE, sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', warnings: [], items: [ITEM_NODE_EXAMPLE] },
  })
  @ApiNotFoundResponse({ description: '方案不存在' })
  @ApiBadRequestResponse({ description: '编号不是正整数' })
  get(@Param('id', IdPipe) id: number): Promise<PlanDetail> {
    return this.plans.get(id);
  }
}
