import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsInt, IsOptional, Min } from 'class-validator';

/** POST /api/documents/notices: 督办通知单 for items, one per item or one per lead department. */
export class CreateNoticeDto {
  @ApiProperty({ description: '督办的事项编号(内部编号)', example: [12, 15], type: [Number] })
  @IsArray({ message: 'itemIds 必须是事项编号的列表' })
  @ArrayMinSize(1, { message: '请至少选择一项事项' })
  @ArrayMaxSize(200, { message: '一次最多选择 200 项事项' })
  @IsInt({ each: true, message: '事项编号必须是整数' })
  @Min(1, { each: true, message: '事项编号必须是正整数' })
  itemIds!: number[];

  @ApiPropertyOptional({ description: 'true:同一牵头单位的事项合为一份(按单位);false:每项一份(按事项)', default: true })
  @IsOptional()
  @IsBoolean({ message: 'perDepartment 必须是 true 或 false' })
  perDepartment?: boolean;
}
