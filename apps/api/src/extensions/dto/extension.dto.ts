import { EXTENSION_KINDS, type ExtensionKind } from '#domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class RequestExtensionDto {
  @ApiProperty({ description: '申请的新期限', example: '2025-03-31' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'requestedDeadline 必须是 YYYY-MM-DD 格式的日期' })
  @IsISO8601({ strict: true }, { message: 'requestedDeadline 不是有效日期' })
  requestedDeadline!: string;

  @ApiPropertyOptional({ description: 'extension 延期申请(期限前,含当日);overdue 逾期说明(期限已过,提出新的完成时限)', enum: EXTENSION_KINDS, default: 'extension' })
  @IsOptional()
  @IsIn(EXTENSION_KINDS, { message: 'kind 必须是 extension(延期申请)或 overdue(逾期说明)' })
  kind?: ExtensionKind;

  @ApiProperty({ description: '申请理由', example: '专家评审因省级检查推迟,需顺延三个月' })
  @IsString({ message: 'reason 必须是文字' })
  @IsNotEmpty({ message: '请填写延期理由' })
  @MaxLength(2000, { message: '理由不能超过 2000 个字' })
  reason!: string;
}

export class DecideExtensionDto {
  @ApiPropertyOptional({ description: '意见(驳回时必填)', example: '同意顺延' })
  @IsOptional()
  @IsString({ message: 'reason 必须是文字' })
  @MaxLength(2000, { message: '意见不能超过 2000 个字' })
  reason?: string;
}
