import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { type Actor, CurrentUser } from '../auth/auth.types.js';
import { IdPipe } from '../common/validation.js';
import { AttachmentInterceptor } from './attachment.interceptor.js';
import { ListReportsQuery, SaveReportDto, SubmitReportDto } from './dto/progress-report.dto.js';
import { sendDownload, type UploadedFile as File } from '../common/stored-file.js';
import { ProgressReportsService } from './progress-reports.service.js';

const REPORT_EXAMPLE = {
  id: 21,
  itemId: 9,
  departmentId: 3,
  departmentName: '市科技局',
  role: 'lead',
  period: '2024-10',
  text: '已完成全市企业标准领跑者名单初审,正在组织专家评审。',
  percent: 60,
  state: 'submitted',
  submittedAt: '2024-10-20T02:00:00.000Z',
  late: false,
  authorId: 5,
  updatedAt: '2024-10-20T02:00:00.000Z',
  version: 2,
  attachments: [{ id: 4, fileName: '评审方案.pdf', mimeType: 'application/pdf', size: 183204, createdAt: '2024-10-19T08:00:00.000Z' }],
};

@ApiTags('progress-reports')
@ApiBearerAuth()
@Controller()
export class ProgressReportsController {
  constructor(private readonly reports: ProgressReportsService) {}

  @Get('progress-reports')
  @ApiOperation({ summary: '进展报送列表:一个事项或一个单位的(已报送的全部可见;草稿只对本单位可见)' })
  @ApiOkResponse({ description: '进展报告', example: [REPORT_EXAMPLE] })
  list(@CurrentUser() actor: Actor, @Query() query: ListReportsQuery) {
    return this.reports.list(actor, query);
  }

  @Get('progress-reports/:id')
  @ApiOperation({ summary: '进展报告详情' })
  @ApiParam({ name: 'id', type: Number })
  @ApiOkResponse({ description: '进展报告', example: REPORT_EXAMPLE })
  @ApiNotFoundResponse({ description: '不存在(或是其他单位的草稿)' })
  get(@CurrentUser() actor: Actor, @Param('id', IdPipe) id: number) {
    return this.reports.get(actor, id);
  }

  @Put('items/:id/reports/:period')
  @ApiOperation({ summary: '保存本单位某月的进展草稿(牵头单位写汇总报告,配合单位写分工进展)' })
  @ApiParam({ name: 'id', type: Number })
  @ApiParam({ name: 'period', example: '2024-10' })
  @ApiOkResponse({ description: '草稿', example: { ...REPORT_EXAMPLE, state: 'draft', submittedAt: null, version: 1, attachments: [] } })
  @ApiForbiddenResponse({ description: '不是本事项的牵头或配合单位,或无写权限' })
  @ApiConflictResponse({ description: '已报送,或版本已过期' })
  @ApiBadRequestResponse({ description: '参数有误' })
  save(@CurrentUser() actor: Actor, @Param('id', IdPipe) id: number, @Param('period') period: string, @Body() body: SaveReportDto) {
    return this.reports.save(actor, id, period, body);
  }

  @Post('items/:id/reports/:period/submit')
  @HttpCode(200)
  @ApiOperation({ summary: '报送本单位某月的进展(超过每月报送日的标记为迟报)' })
  @ApiParam({ name: 'id', type: Number })
  @ApiParam({ name: 'period', example: '2024-10' })
  @ApiOkResponse({ description: '已报送的进展', example: REPORT_EXAMPLE })
  @ApiForbiddenResponse({ description: '无权报送' })
  @ApiConflictResponse({ description: '已报送,或版本已过期' })
  @ApiNotFoundResponse({ description: '没有草稿' })
  submit(@CurrentUser() actor: Actor, @Param('id', IdPipe) id: number, @Param('period') period: string, @Body() body: SubmitReportDto) {
    return this.reports.submit(actor, id, period, body.version);
  }

  @Post('progress-reports/:id/attachments')
  @UseInterceptors(AttachmentInterceptor)
  @ApiOperation({ summary: '为本单位的进展草稿上传附件(PDF、Office 文档、图片、文本、ZIP,大小受限)' })
  @ApiParam({ name: 'id', type: Number })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiCreatedResponse({ description: '附件', example: REPORT_EXAMPLE.attachments[0] })
  @ApiBadRequestResponse({ description: '类型不支持或空文件' })
  @ApiForbiddenResponse({ description: '不是本单位的报告' })
  attach(@CurrentUser() actor: Actor, @Param('id', IdPipe) id: number, @UploadedFile() file: File | undefined) {
    return this.reports.attach(actor, id, file);
  }

  @Get('progress-reports/:id/attachments/:attachmentId')
  @ApiOperation({ summary: '下载附件(能读该报告的用户)' })
  @ApiParam({ name: 'id', type: Number })
  @ApiParam({ name: 'attachmentId', type: Number })
  @ApiOkResponse({ description: '文件内容', content: { 'application/octet-stream': { example: '(二进制文件)' } } })
  @ApiNotFoundResponse({ description: '不存在或无权读取' })
  async download(
    @CurrentUser() actor: Actor,
    @Param('id', IdPipe) id: number,
    @Param('attachmentId', IdPipe) attachmentId: number,
    @Res() response: Response,
  ): Promise<void> {
    const { attachment, content } = await this.reports.download(actor, id, attachmentId);
    sendDownload(response, attachment, content);
  }
}
