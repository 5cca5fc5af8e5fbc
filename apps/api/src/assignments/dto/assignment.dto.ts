import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsOmittable, IsPositiveId } from '../../common/validation.js';

const ID = { message: '单位编号必须是正整数' };

/** A department id (牵头单位), with its Chinese message. */
const IsDepartmentId = () => applyDecorators(IsInt(ID), Min(1, ID), Max(2_147_483_647, ID));

/** The co departments (配合单位): distinct department ids, at most 50. */
const AreDepartmentIds = () =>
  applyDecorators(
    IsArray({ message: 'co 必须是单位编号的列表' }),
    ArrayMaxSize(50, { message: '配合单位不能超过 50 个' }),
    ArrayUnique({ message: '配合单位不能重复' }),
    IsInt({ each: true, ...ID }),
    Min(1, { each: true, ...ID }),
    Max(2_147_483_647, { each: true, ...ID }),
  );

/** A deadline as typed (a date, "2024年12月底前", "年内", ...): resolved by the service. */
const IsDeadlineText = () =>
  applyDecorators(IsString({ message: 'deadline 必须是文字' }), IsNotEmpty({ message: 'deadline 不能为空' }), MaxLength(50, { message: 'deadline 不能超过 50 个字' }));

export class VersionDto {
  @ApiProperty({ description: '客户端读到的事项版本(乐观锁)', example: 3 })
  @Type(() => Number)
  @IsInt({ message: 'version 必须是整数' })
  @Min(1, { message: 'version 必须是正整数' })
  @Max(2_147_483_647, { message: 'version 超出范围' })
  version!: number;
}

export class SetAssignmentDto extends VersionDto {
  @ApiProperty({ description: '牵头单位编号', example: 3 })
  @IsDepartmentId()
  lead!: number;

  @ApiPropertyOptional({ description: '配合单位编号', example: [4, 5], type: [Number] })
  @IsOptional()
  @AreDepartmentIds()
  co?: number[];

  @ApiPropertyOptional({ description: '同时设置期限:日期、"2024年12月底前"、"年内"、"10个工作日内"或"持续推进"', example: '2024年12月底前' })
  @IsOptional()
  @IsDeadlineText()
  deadline?: string;
}

export class SetDeadlineDto extends VersionDto {
  @ApiProperty({ description: '期限:日期(2024-12-20)、"2024年12月底前"、"年内"、"10个工作日内"或"持续推进"', example: '2024-12-20' })
  @IsDeadlineText()
  deadline!: string;
}

export class BulkAssignmentDto {
  @ApiPropertyOptional({ description: '事项编号列表', example: [9, 10, 11], type: [Number] })
  @IsOmittable()
  @IsArray({ message: 'itemIds 必须是事项编号的列表' })
  @ArrayMaxSize(2000, { message: '一次最多 2000 个事项' })
  @IsInt({ each: true, message: '事项编号必须是正整数' })
  @Min(1, { each: true, message: '事项编号必须是正整数' })
  @Max(2_147_483_647, { each: true, message: '事项编号超出范围' })
  itemIds?: number[];

  @ApiPropertyOptional({ description: '某章节(或分组)下的全部事项', example: 8 })
  @IsOmittable()
  @IsPositiveId('section')
  section?: number;

  @ApiPropertyOptional({ description: '筛选:方案编号', example: 1 })
  @IsOmittable()
  @IsPositiveId('plan')
  plan?: number;

  @ApiPropertyOptional({ description: '筛选:当前由该单位牵头或配合的事项', example: 3 })
  @IsOmittable()
  @IsPositiveId('department')
  department?: number;

  @ApiPropertyOptional({ description: '筛选:标题或正文包含的文字', example: '标准化' })
  @IsOmittable()
  @IsString({ message: 'q 必须是文字' })
  @MaxLength(100, { message: 'q 不能超过 100 个字' })
  q?: string;

  @ApiPropertyOptional({ description: '新的牵头单位', example: 3 })
  @IsOmittable()
  @IsDepartmentId()
  lead?: number;

  @ApiPropertyOptional({ description: '新的配合单位(替换原有)', example: [4], type: [Number] })
  @IsOmittable()
  @AreDepartmentIds()
  co?: number[];

  @ApiPropertyOptional({ description: '新的期限', example: '年内' })
  @IsOmittable()
  @IsDeadlineText()
  deadline?: string;

  @ApiPropertyOptional({ description: '只处理这些类型的事项(默认 task)', example: ['task'], isArray: true, enum: ['group', 'task', 'safeguard', 'context'] })
  @IsOmittable()
  @IsArray({ message: 'kinds 必须是列表' })
  @ArrayNotEmpty({ message: 'kinds 不能为空' })
  @IsIn(['group', 'task', 'safeguard', 'context'], { each: true, message: 'kinds 只能包含 group、task、safeguard、context' })
  kinds?: string[];
}
