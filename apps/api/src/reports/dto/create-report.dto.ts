import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, Matches } from 'class-validator';
import { IsOmittable, IsPositiveId } from '../../common/validation.js';

export class CreateReportDto {
  @ApiProperty({ example: '2026-10', description: '月份(YYYY-MM)' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month 必须是 YYYY-MM 格式的月份,例如 2026-10' })
  month!: string;

  @ApiPropertyOptional({ description: '方案编号;不填为全部现行方案' })
  @IsOmittable()
  @IsPositiveId('planId')
  planId?: number;

  @ApiPropertyOptional({ description: '生成后是否发送给质量强市办(默认是)' })
  @IsOmittable()
  @IsBoolean({ message: 'email 必须是 true 或 false' })
  email?: boolean;
}
