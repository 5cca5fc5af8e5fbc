import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsNumber, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { type Actor, CurrentUser } from '../auth/auth.types.js';
import { badRequest } from '../common/errors.js';
import { IdPipe, IsPositiveId } from '../common/validation.js';
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

class IndicatorDepartmentDto {
  @ApiProperty({ description: '责任单位编号,null 为取消', example: 3, nullable: true, type: Number })
  @ValidateIf((_o, v) => v !== null)
  @IsPositiveId('departmentId')
  departmentId!: number | null;
}

const READINGS_EXAMPLE = {
  indicatorId: 4,
  name: '国家级创新平台',
  departmentId: 3,
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
@Controller('indicators/:id')
export class IndicatorReadingsController {
  constructor(private readonly readings: IndicatorReadingsService) {}

  @Get('readings')
  @ApiOperation({ summary: '指标的各期数值及达标情况(已达标 / 进度正常 / 进度滞后)' })
  @ApiParam({ name: 'id', type: Number })
  @ApiOkResponse({ description: '数值与进度', example: READINGS_EXAMPLE })
  @ApiNotFoundResponse({ description: '指标不存在' })
  get(@Param('id', IdPipe) id: number) {
    return this.readings.get(id);
  }

  @Put('readings/:period')
  @ApiOperation({ summary: '填报或更正某期数值(指标的责任单位、质量强市办;已有数值由原填报单位或质量强市办更正);期为年份 2024 或月份 2024-06' })
  @ApiParam({ name: 'id', type: Number })
  @ApiParam({ name: 'period', example: '2024-06' })
  @ApiOkResponse({ description: '数值与进度', example: READINGS_EXAMPLE })
  @ApiForbiddenResponse({ description: '只读用户、非责任单位,或修改其他单位填报的数值' })
  put(@CurrentUser() actor: Actor, @Param('id', IdPipe) id: number, @Param('period') period: string, @Body() body: ReadingDto) {
    if (!PERIOD.test(period)) throw badRequest('期必须是年份(2024)或月份(2024-06)');
    return this.readings.put(actor, id, period, body.value, body.note);
  }

  @Get('readings/:period/history')
  @ApiOperation({ summary: '某期数值的修改记录(每次填报或更正的数值、填报人和时间)' })
  @ApiParam({ name: 'id', type: Number })
  @ApiParam({ name: 'period', example: '2024-06' })
  @ApiOkResponse({
    description: '由早到晚',
    example: [
      { at: '2024-07-05T02:00:00.000Z', userId: 5, username: 'tongjiju', value: 140, note: '据统计局快报', previous: null },
      { at: '2024-07-20T02:00:00.000Z', userId: 5, username: 'tongjiju', value: 142, note: '年报更正', previous: 140 },
    ],
  })
  @ApiNotFoundResponse({ description: '指标不存在' })
  history(@Param('id', IdPipe) id: number, @Param('period') period: string) {
    if (!PERIOD.test(period)) throw badRequest('期必须是年份(2024)或月份(2024-06)');
    return this.readings.history(id, period);
  }

  @Put('department')
  @ApiOperation({ summary: '指定指标的责任单位(质量强市办);该单位的填报员填报各期数值' })
  @ApiParam({ name: 'id', type: Number })
  @ApiOkResponse({ description: '数值与进度', example: { ...READINGS_EXAMPLE, departmentId: 3 } })
  @ApiForbiddenResponse({ description: '不是质量强市办' })
  setDepartment(@CurrentUser() actor: Actor, @Param('id', IdPipe) id: number, @Body() body: IndicatorDepartmentDto) {
    return this.readings.setDepartment(actor, id, body.departmentId);
  }
}
