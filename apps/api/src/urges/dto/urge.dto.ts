import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export class UrgeDto {
  @ApiProperty({ description: '催办内容', example: '该事项已临近期限,请于本周五前报送最新进展。' })
  @IsString({ message: 'message 必须是文字' })
  @IsNotEmpty({ message: '请填写催办内容' })
  @MaxLength(2000, { message: '催办内容不能超过 2000 个字' })
  message!: string;

  @ApiPropertyOptional({ description: '同时催办配合单位', example: true, default: false })
  @IsOptional()
  @IsBoolean({ message: 'includeCo 必须是 true 或 false' })
  includeCo?: boolean;

  @ApiPropertyOptional({ description: '同时生成催办函(按发文设置编文号),作为附件随催办邮件发出', example: true, default: false })
  @IsOptional()
  @IsBoolean({ message: 'letter 必须是 true 或 false' })
  letter?: boolean;
}
