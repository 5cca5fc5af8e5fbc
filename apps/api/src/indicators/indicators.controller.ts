import { Controller, Get, Param } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { IdPipe } from '../common/validation.js';
import { type IndicatorView, IndicatorsService } from './indicators.service.js';

@ApiTags('indicators')
@Controller('plans/:id/indicators')
export class IndicatorsController {
  constructor(private readonly indicators: IndicatorsService) {}

  @Get()
  @ApiOperation({ summary: '方案的量化指标' })
  @ApiParam({ name: 'id', type: Number, description: '方案编号' })
  @ApiOkResponse({
    description: '指标,按文中顺序',
    example: [{ id: 1, name: '国家级创新平台', op: '>=', targetValue: 180, unit: '家', targetYear: 2025, path: ['二、发展目标'] }],
  })
  @ApiNotFoundResponse({ description: '方案不存在' })
  @ApiBadRequestResponse({ description: '编号不是正整数' })
  list(@Param('id', IdPipe) id: number): Promise<IndicatorView[]> {
    return this.indicators.forPlan(id);
  }
}
