import { ITEM_KINDS, ITEM_STATUSES, type ItemKindValue, type ItemStatus } from '#domain';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsPositiveId } from '../../common/validation.js';

export class ListItemsQuery {
  @ApiPropertyOptional({ description: '方案编号', example: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsPositiveId('plan')
  plan?: number;

  @ApiPropertyOptional({ description: '单位编号(牵头或配合)', example: 3 })
  @IsOptional()
  @Type(() => Number)
  @IsPositiveId('department')
  department?: number;

  @ApiPropertyOptional({ description: '事项类型', enum: ITEM_KINDS })
  @IsOptional()
  @IsIn(ITEM_KINDS, { message: `kind 必须是以下之一:${ITEM_KINDS.join('、')}` })
  kind?: ItemKindValue;

  @ApiPropertyOptional({ description: '状态', enum: ITEM_STATUSES })
  @IsOptional()
  @IsIn(ITEM_STATUSES, { message: `status 必须是以下之一:${ITEM_STATUSES.join('、')}` })
  status?: ItemStatus;

  @ApiPropertyOptional({ description: 'true 只看逾期事项(期限已过且未完成),false 只看未逾期的', example: 'true' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'overdue 必须是 true 或 false' })
  overdue?: 'true' | 'false';

  @ApiPropertyOptional({ description: '在标题和正文中查找的文字', example: '标准化' })
  @IsOptional()
  @IsString({ message: 'q 必须是文字' })
  @MaxLength(100, { message: 'q 不能超过 100 个字' })
  q?: string;

  @ApiPropertyOptional({ description: 'current(默认)只列现行方案(最新版本、未归档)的事项;all 也列旧版本和已归档方案的事项。指定 plan 时列该方案的事项', enum: ['current', 'all'] })
  @IsOptional()
  @IsIn(['current', 'all'], { message: 'scope 必须是 current 或 all' })
  scope?: 'current' | 'all';

  @ApiPropertyOptional({ description: '页码,从 1 开始', default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'page 必须是正整数' })
  @Min(1, { message: 'page 必须是正整数' })
  @Max(100_000, { message: 'page 超出范围' })
  page: number = 1;

  @ApiPropertyOptional({ description: '每页条数(1-100)', default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'pageSize 必须是 1 到 100 之间的整数' })
  @Min(1, { message: 'pageSize 必须是 1 到 100 之间的整数' })
  @Max(100, { message: 'pageSize 必须是 1 到 100 之间的整数' })
  pageSize: number = 20;
}
