import { ITEM_STATUSES } from '#domain';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsPositiveId } from '../../common/validation.js';

const id = (name: string) => ({ message: `${name} 必须是正整数` });

export class DashboardItemsQuery {
  @ApiPropertyOptional({ description: '方案编号(不填为全部现行方案)', example: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsPositiveId('plan')
  plan?: number;

  @ApiPropertyOptional({ description: '章节(或分组)编号:只看其下的事项', example: 8 })
  @IsOptional()
  @Type(() => Number)
  @IsPositiveId('section')
  section?: number;

  @ApiPropertyOptional({ description: '单位编号', example: 3 })
  @IsOptional()
  @Type(() => Number)
  @IsPositiveId('department')
  department?: number;

  @ApiPropertyOptional({ description: '单位的角色:lead 牵头、co 配合(不填为两者)', enum: ['lead', 'co'] })
  @IsOptional()
  @IsIn(['lead', 'co'], { message: 'role 必须是 lead 或 co' })
  role?: 'lead' | 'co';

  @ApiPropertyOptional({ description: '红绿灯', enum: ['red', 'yellow', 'green'] })
  @IsOptional()
  @IsIn(['red', 'yellow', 'green'], { message: 'light 必须是 red、yellow 或 green' })
  light?: 'red' | 'yellow' | 'green';

  @ApiPropertyOptional({ description: '状态', enum: ITEM_STATUSES })
  @IsOptional()
  @IsIn(ITEM_STATUSES, { message: `status 必须是以下之一:${ITEM_STATUSES.join('、')}` })
  status?: string;

  @ApiPropertyOptional({ description: '期限:overdue 已逾期;week 7 天内到期;month 本月到期;quarter 三个月内到期;none 无期限', enum: ['overdue', 'week', 'month', 'quarter', 'none'] })
  @IsOptional()
  @IsIn(['overdue', 'week', 'month', 'quarter', 'none'], { message: 'due 必须是 overdue、week、month、quarter 或 none' })
  due?: 'overdue' | 'week' | 'month' | 'quarter' | 'none';

  @ApiPropertyOptional({ description: '期限不早于(YYYY-MM-DD)', example: '2024-10-01' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: '期限起始日期无效,格式为 YYYY-MM-DD' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '期限起始日期无效,格式为 YYYY-MM-DD' })
  deadlineFrom?: string;

  @ApiPropertyOptional({ description: '期限不晚于(YYYY-MM-DD)', example: '2024-12-31' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: '期限截止日期无效,格式为 YYYY-MM-DD' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '期限截止日期无效,格式为 YYYY-MM-DD' })
  deadlineTo?: string;

  @ApiPropertyOptional({ description: '编号或标题中的文字', example: '标准化' })
  @IsOptional()
  @IsString({ message: 'q 必须是文字' })
  @MaxLength(100, { message: '关键字不能超过 100 个字' })
  q?: string;

  @ApiPropertyOptional({ description: '排序', enum: ['order', 'deadline', 'daysLeft', 'light', 'status', 'lead', 'title', 'plan'] })
  @IsOptional()
  @IsIn(['order', 'deadline', 'daysLeft', 'light', 'status', 'lead', 'title', 'plan'], { message: 'sort 不是可排序的列' })
  sort?: string;

  @ApiPropertyOptional({ enum: ['asc', 'desc'] })
  @IsOptional()
  @IsIn(['asc', 'desc'], { message: 'dir 必须是 asc 或 desc' })
  dir?: 'asc' | 'desc';

  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt(id('page'))
  @Min(1, id('page'))
  @Max(100_000, { message: 'page 超出范围' })
  page?: number;

  @ApiPropertyOptional({ default: 50, description: '每页条数(1-500)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'pageSize 必须是 1 到 500 之间的整数' })
  @Min(1, { message: 'pageSize 必须是 1 到 500 之间的整数' })
  @Max(500, { message: 'pageSize 必须是 1 到 500 之间的整数' })
  pageSize?: number;
}

export class PlanQuery {
  @ApiPropertyOptional({ description: '方案编号(不填为全部现行方案)', example: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsPositiveId('plan')
  plan?: number;
}
