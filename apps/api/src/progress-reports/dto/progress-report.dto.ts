import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsPositiveId } from '../../common/validation.js';

export const PERIOD_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

export class SaveReportDto {
  @ApiProperty({ description: '进展情况', example: '已完成全市企业标准领跑者名单初审,正在组织专家评审。' })
  @IsString({ message: 'text 必须是文字' })
  @IsNotEmpty({ message: '请填写进展情况' })
  @MaxLength(20_000, { message: '进展情况不能超过 20000 个字' })
  text!: string;

  @ApiPropertyOptional({ description: '完成百分比 0-100(牵头单位填写)', example: 60 })
  @IsOptional()
  @IsInt({ message: 'percent 必须是 0 到 100 之间的整数' })
  @Min(0, { message: 'percent 必须是 0 到 100 之间的整数' })
  @Max(100, { message: 'percent 必须是 0 到 100 之间的整数' })
  percent?: number;

  @ApiPropertyOptional({ description: '修改已有草稿时带上读到的版本(乐观锁)', example: 1 })
  @IsOptional()
  @IsInt({ message: 'version 必须是整数' })
  @Min(1, { message: 'version 必须是正整数' })
  @Max(2_147_483_647, { message: 'version 超出范围' })
  version?: number;
}

export class SubmitReportDto {
  @ApiProperty({ description: '草稿版本(乐观锁)', example: 2 })
  @IsInt({ message: 'version 必须是整数' })
  @Min(1, { message: 'version 必须是正整数' })
  @Max(2_147_483_647, { message: 'version 超出范围' })
  version!: number;
}

export class ListReportsQuery {
  @ApiPropertyOptional({ description: '事项编号', example: 9 })
  @IsOptional()
  @Type(() => Number)
  @IsPositiveId('item')
  item?: number;

  @ApiPropertyOptional({ description: '月份 YYYY-MM', example: '2024-10' })
  @IsOptional()
  @Matches(PERIOD_RE, { message: 'period 必须是 YYYY-MM 格式的月份' })
  period?: string;

  @ApiPropertyOptional({ description: '单位编号', example: 3 })
  @IsOptional()
  @Type(() => Number)
  @IsPositiveId('department')
  department?: number;
}

export class ReviewReportsQuery {
  @ApiPropertyOptional({ description: '月份 YYYY-MM', example: '2026-10' })
  @IsOptional()
  @Matches(PERIOD_RE, { message: '月份必须是 YYYY-MM 格式,如 2026-10' })
  month?: string;

  @ApiPropertyOptional({ description: '方案编号', example: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsPositiveId('plan')
  plan?: number;

  @ApiPropertyOptional({ description: '单位编号', example: 3 })
  @IsOptional()
  @Type(() => Number)
  @IsPositiveId('department')
  department?: number;

  @ApiPropertyOptional({ description: '只看未读(true)', example: 'true' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'unread 必须是 true 或 false' })
  unread?: 'true' | 'false';

  @ApiPropertyOptional({ description: '页码', example: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '页码必须是正整数' })
  @Min(1, { message: '页码必须是正整数' })
  @Max(100_000, { message: '页码超出范围' })
  page: number = 1;

  @ApiPropertyOptional({ description: '每页条数(1-200)', example: 50, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '每页条数必须是 1 到 200 之间的整数' })
  @Min(1, { message: '每页条数必须是 1 到 200 之间的整数' })
  @Max(200, { message: '每页条数必须是 1 到 200 之间的整数' })
  pageSize: number = 50;
}

export class ReviewTextDto {
  @ApiProperty({ description: '评论内容或退回理由', example: '请补充佐证材料和下一步计划' })
  @IsString({ message: '内容必须是文字' })
  @IsNotEmpty({ message: '请填写内容' })
  @MaxLength(2000, { message: '内容不能超过 2000 个字' })
  text!: string;
}
