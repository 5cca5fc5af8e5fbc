import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiParam, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { type Actor, CurrentUser } from '../auth/auth.types.js';
import { IdPipe, IsPositiveId } from '../common/validation.js';
import { AuditService } from './audit.service.js';

export class AuditQueryDto {
  @ApiPropertyOptional({ description: '只看某事项', example: 9 })
  @IsOptional()
  @Type(() => Number)
  @IsPositiveId('item')
  item?: number;

  @ApiPropertyOptional({ description: '只看某类操作', example: 'item.transition' })
  @IsOptional()
  @IsString({ message: 'action 必须是文字' })
  @Matches(/^[a-z_.]{1,64}$/, { message: 'action 格式不正确' })
  action?: string;

  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'page 必须是正整数' })
  @Min(1, { message: 'page 必须是正整数' })
  @Max(100_000, { message: 'page 超出范围' })
  page: number = 1;

  @ApiPropertyOptional({ default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'pageSize 必须是 1 到 200 之间的整数' })
  @Min(1, { message: 'pageSize 必须是 1 到 200 之间的整数' })
  @Max(200, { message: 'pageSize 必须是 1 到 200 之间的整数' })
  pageSize: number = 50;
}

export const AUDIT_EXAMPLE = {
  total: 1,
  page: 1,
  pageSize: 50,
  entries: [
    {
      id: 12,
      at: '2024-10-09T01:00:00.000Z',
      userId: 2,
      username: 'zhangsan',
      action: 'item.transition',
      entityType: 'item',
      entityId: 9,
      itemId: 9,
      before: { status: '推进中', version: 3 },
      after: { status: '已完成(待审核)', version: 4 },
    },
  ],
};

@ApiTags('audit')
@ApiBearerAuth()
@Controller()
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get('audit')
  @ApiOperation({ summary: '操作日志(全系统,质量强市办和管理员)' })
  @ApiOkResponse({ description: '按时间先后的操作记录', example: AUDIT_EXAMPLE })
  @ApiForbiddenResponse({ description: '无权查看' })
  list(@CurrentUser() actor: Actor, @Query() query: AuditQueryDto) {
    return this.audit.list(actor, { itemId: query.item, action: query.action, page: query.page, pageSize: query.pageSize });
  }

  @Get('items/:id/audit')
  @ApiOperation({ summary: '某事项的操作日志(质量强市办和管理员)' })
  @ApiParam({ name: 'id', type: Number })
  @ApiOkResponse({ description: '该事项的操作记录', example: AUDIT_EXAMPLE })
  @ApiForbiddenResponse({ description: '无权查看' })
  forItem(@CurrentUser() actor: Actor, @Param('id', IdPipe) id: number, @Query() query: AuditQueryDto) {
    return this.audit.list(actor, { itemId: id, action: query.action, page: query.page, pageSize: query.pageSize });
  }
}
