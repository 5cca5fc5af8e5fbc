import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsEmail, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { FieldLabel, IsOmittable, IsPositiveId } from '../../common/validation.js';

export class CreateDepartmentDto {
  @ApiProperty({ example: '市市场监管局' })
  @FieldLabel('单位名称')
  @IsString({ message: 'name 必须是文字' })
  @IsNotEmpty({ message: '请填写单位名称' })
  @MaxLength(200, { message: '单位名称不能超过 200 个字' })
  name!: string;

  @ApiPropertyOptional({ description: '联系邮箱(催办、提醒发往这些地址)', example: ['scjgj@example.gov.cn'], type: [String] })
  @IsOptional()
  @IsArray({ message: 'contactEmails 必须是邮箱列表' })
  @ArrayMaxSize(20, { message: '联系邮箱不能超过 20 个' })
  @IsEmail({}, { each: true, message: 'contactEmails 中有无效的邮箱地址' })
  contactEmails?: string[];
}

export class UpdateDepartmentDto {
  @ApiPropertyOptional({ example: '市市场监督管理局' })
  @IsOmittable()
  @FieldLabel('单位名称')
  @IsString({ message: 'name 必须是文字' })
  @IsNotEmpty({ message: '单位名称不能为空' })
  @MaxLength(200, { message: '单位名称不能超过 200 个字' })
  name?: string;

  @ApiPropertyOptional({ example: ['scjgj@example.gov.cn'], type: [String] })
  @IsOmittable()
  @IsArray({ message: 'contactEmails 必须是邮箱列表' })
  @ArrayMaxSize(20, { message: '联系邮箱不能超过 20 个' })
  @IsEmail({}, { each: true, message: 'contactEmails 中有无效的邮箱地址' })
  contactEmails?: string[];
}

export class AliasDto {
  @ApiProperty({ description: '别名(旧称、简称)', example: '市质监局' })
  @IsString({ message: 'alias 必须是文字' })
  @IsNotEmpty({ message: '请填写别名' })
  @MaxLength(200, { message: '别名不能超过 200 个字' })
  alias!: string;
}

export class MergeDepartmentDto {
  @ApiProperty({ description: '并入本单位的单位编号(合并后删除,其名称成为别名)', example: 7 })
  @IsPositiveId('from')
  from!: number;
}
