import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** A plan's own details, set by the coordinator; null clears a field. Only the fields sent change. */
export class UpdatePlanDto {
  @ApiPropertyOptional({ description: '方案名称', example: '厦门市质量强市建设实施方案(2025年)' })
  @ValidateIf((_o, v) => v !== undefined)
  @IsString({ message: 'title 必须是文字' })
  @IsNotEmpty({ message: '方案名称不能为空' })
  @MaxLength(300, { message: '方案名称不能超过 300 个字' })
  title?: string;

  @ApiPropertyOptional({ description: '发文单位', example: '厦门市人民政府', nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString({ message: 'issuer 必须是文字' })
  @MaxLength(300, { message: '发文单位不能超过 300 个字' })
  issuer?: string | null;

  @ApiPropertyOptional({ description: '发文字号', example: '厦府〔2025〕12号', nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString({ message: 'docNumber 必须是文字' })
  @MaxLength(200, { message: '发文字号不能超过 200 个字' })
  docNumber?: string | null;

  @ApiPropertyOptional({ description: '印发日期 YYYY-MM-DD', example: '2025-03-01', nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @Matches(DATE, { message: '印发日期必须是 YYYY-MM-DD 格式的日期' })
  issued?: string | null;

  @ApiPropertyOptional({ description: '实施起始日期 YYYY-MM-DD', example: '2025-01-01', nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @Matches(DATE, { message: '起始日期必须是 YYYY-MM-DD 格式的日期' })
  startDate?: string | null;

  @ApiPropertyOptional({ description: '实施截止日期 YYYY-MM-DD', example: '2025-12-31', nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @Matches(DATE, { message: '截止日期必须是 YYYY-MM-DD 格式的日期' })
  endDate?: string | null;

  @ApiPropertyOptional({ description: '城市(区县)', example: '厦门市', nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString({ message: 'city 必须是文字' })
  @MaxLength(100, { message: '城市名称不能超过 100 个字' })
  city?: string | null;

  @ApiPropertyOptional({ description: '归档:true 后其事项退出在办列表,不再提醒;false 恢复' })
  @ValidateIf((_o, v) => v !== undefined)
  @IsBoolean({ message: 'archived 必须是 true 或 false' })
  archived?: boolean;
}
