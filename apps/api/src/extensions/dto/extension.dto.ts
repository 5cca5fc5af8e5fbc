import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class RequestExtensionDto {
  @ApiProperty({ description: '申请的新期限', example: '2025-03-31' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'requestedDeadline 必须是 YYYY-MM-DD 格式的日期' })
  @IsISO8601({ strict: true }, { message: 'requestedDeadline 不是有效日期' })
  requestedDeadline!: string;

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
