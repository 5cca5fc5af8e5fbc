import { STATUS_ACTIONS, type StatusAction } from '#domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { VersionDto } from '../../assignments/dto/assignment.dto.js';

export class TransitionDto extends VersionDto {
  @ApiProperty({
    description: 'start 启动(未启动→推进中);complete 报完成(推进中→已完成(待审核),须填办结情况);close 销号(须填销号意见);reopen 撤销销号(须填理由);return 退回(须填理由);suspend 暂缓(须填理由);resume 恢复推进',
    enum: STATUS_ACTIONS,
    example: 'complete',
  })
  @IsIn(STATUS_ACTIONS, { message: `action 必须是以下之一:${STATUS_ACTIONS.join('、')}` })
  action!: StatusAction;

  @ApiPropertyOptional({ description: '办结情况、销号意见或理由(报完成、销号、撤销销号、退回、暂缓时必填)', example: '佐证材料不全,请补充' })
  @IsOptional()
  @IsString({ message: 'reason 必须是文字' })
  @MaxLength(2000, { message: '理由不能超过 2000 个字' })
  reason?: string;
}
