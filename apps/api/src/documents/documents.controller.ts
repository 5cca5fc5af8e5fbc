import { Body, Controller, Get, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { createReadStream } from 'node:fs';
import { type Actor, CurrentUser } from '../auth/auth.types.js';
import { REPORT_CSP } from '../common/security-headers.js';
import { IdPipe } from '../common/validation.js';
import { DocumentsService } from './documents.service.js';
import { CreateNoticeDto } from './dto/create-notice.dto.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const EXAMPLE = { id: 3, kind: 'notice', number: '杭质强办督〔2026〕3号', title: '督办通知单', issuedOn: '2026-11-02', itemIds: [12], departmentId: 4, downloads: { html: '/api/documents/3/html', docx: '/api/documents/3/docx' } };

/** 督办通知单 (and the 催办函 of urges): numbered documents, as DOCX and as a printable page. */
@ApiTags('documents')
@Controller('documents')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Post('notices')
  @ApiOperation({ summary: '生成督办通知单(质量强市办):每项一份,或同一牵头单位的事项合为一份;按发文设置编文号' })
  @ApiCreatedResponse({ description: '生成的通知单', example: [EXAMPLE] })
  @ApiConflictResponse({ description: '尚未完成发文设置(中文说明)' })
  createNotices(@CurrentUser() actor: Actor, @Body() body: CreateNoticeDto) {
    return this.documents.createNotices(actor, body.itemIds, body.perDepartment ?? true);
  }

  @Get()
  @ApiOperation({ summary: '已生成的督办通知单、催办函和通报(最近 500 份),可按事项筛选' })
  @ApiQuery({ name: 'itemId', required: false, type: Number })
  @ApiOkResponse({ description: '公文列表', example: [EXAMPLE] })
  list(@Query('itemId') itemId?: string) {
    return this.documents.list(itemId && /^\d{1,9}$/.test(itemId) ? Number(itemId) : undefined);
  }

  @Get(':id/html')
  @ApiOperation({ summary: '公文(可打印的网页)' })
  @ApiOkResponse({ description: '公文网页', content: { 'text/html': { example: '<!doctype html><html lang="zh-CN">…</html>' } } })
  async html(@Param('id', IdPipe) id: number, @Res({ passthrough: true }) res: { setHeader(k: string, v: string): void }) {
    const doc = await this.documents.find(id);
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Content-Security-Policy', REPORT_CSP);
    return doc.html;
  }

  @Get(':id/docx')
  @ApiOperation({ summary: '下载公文(Word)' })
  @ApiOkResponse({ description: '公文(docx 文件)', content: { [DOCX]: { example: '(docx 文件)' } } })
  async docx(@Param('id', IdPipe) id: number, @Res({ passthrough: true }) res: { setHeader(k: string, v: string): void }) {
    const file = await this.documents.docxFile(id);
    res.setHeader('Content-Type', DOCX);
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`);
    return new StreamableFile(createReadStream(file.path));
  }
}
