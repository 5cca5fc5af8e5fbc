import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsNumber, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { type Actor, CurrentUser } from '../auth/auth.types.js';
import { badRequest } from '../common/errors.js';
import { IdPipe } from '../common/validation.js';
import { IndicatorReadingsService } from './indicator-readings.service.js';

class ReadingDto {
  @ApiProperty({ description: '本期数值', example: 152 })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'value 必须是数字' })
  value!: number;

  @ApiPropertyOptional({ description: '说明', example: '据统计局快报' })
  @IsOptional()
  @IsString({ message: 'note 必须是文字' })
  @MaxLength(1000, { message: '说明不能超过 1000 个字' })
  note?: string;
}

const READINGS_EXAMPLE = {
  indicatorId: 4,
  name: '国家级创新平台',
  op: '>=',
  targetValue: 180,
  unit: '家',
  targetYear: 2025,
  readings: [
    { id: 1, period: '2023', value: 100, note: null, departmentId: 3, enteredById: 5 },
    { id: 2, period: '2024-06', value: 140, note: '据统计局快报', departmentId: 3, enteredById: 5 },
  ],
  progress: 'on_pace',
  progressLabel: '进度正常',
};

const PERIOD = /^\d{4}(-(0[1-9]|1[0-2]))?$/;

@ApiTags('indicators')
@ApiBearerAuth()
@Controller('indicators/:id/readings')
export class IndicatorReadingsController {
  constructor(private readonly readings: IndicatorReadingsService) {}

  @Get()
  @ApiOperation({ summary: '指标的各期数值及达标情况(已达标 / 进度正常 / 进度滞后)' })
  @ApiParam({ name: 'id', type: Number })
  @ApiOkResponse({ description: '数值与进度', example: READINGS_EXAMPLE })
  @ApiNotFoundResponse({ description: '指标不存在' })
  get(@Param('id', IdPipe) id: number) {
    return this.readings.get(id);
  }

  @Put(':period')
  @ApiOperation({ summary: '填报某期数值(单位填报员、质量强市办);期为年份 2024 或月份 2024-06' })
  @ApiParam({ name: 'id', type: Number })
  @ApiParam({ name: 'period', example: '2024-06' })
  @ApiOkResponse({ description: '数值与进度', example: READINGS_EXAMPLE })
  @ApiForbiddenResponse({ description: '只读用户,或修改其他单位填报的数值' })
  put(@CurrentUser() actor: Actor, @Param('id', IdPipe) id: number, @Param('period') period: string, @Body() body: ReadingDto) {
    if (!PERIOD.test(period)) throw badRequest('期必须是年份(2024)或月份(2024-06)');
    return this.readings.put(actor, id, period, body.value, body.note);
  }
}
