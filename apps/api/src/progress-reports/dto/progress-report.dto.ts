import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
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
