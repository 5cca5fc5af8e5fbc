import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional } from 'class-validator';
import { IsPositiveId } from '../../common/validation.js';

export class WorkbenchQuery {
  @ApiPropertyOptional({ description: '单位编号(质量强市办可看任一单位;单位用户只看本单位)', example: 3 })
  @IsOptional()
  @Type(() => Number)
  @IsPositiveId('department')
  department?: number;
}
