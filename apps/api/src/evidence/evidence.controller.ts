import { Controller, Get, Param, Post, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { type Actor, CurrentUser } from '../auth/auth.types.js';
import { sendDownload, type UploadedFile as File } from '../common/stored-file.js';
import { IdPipe } from '../common/validation.js';
import { AttachmentInterceptor } from '../progress-reports/attachment.interceptor.js';
import { EvidenceService } from './evidence.service.js';

@ApiTags('items')
@ApiBearerAuth()
@Controller('items/:id/evidence')
export class EvidenceController {
  constructor(private readonly evidence: EvidenceService) {}

  @Post()
  @UseInterceptors(AttachmentInterceptor)
  @ApiOperation({ summary: '上传佐证材料(牵头单位或质量强市办;推进中或已完成(待审核)的事项)' })
  @ApiParam({ name: 'id', type: Number })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiCreatedResponse({ description: '佐证材料', example: { id: 3, fileName: '验收报告.pdf', size: 183204, createdAt: '2024-12-20T02:00:00.000Z' } })
  @ApiForbiddenResponse({ description: '不是牵头单位或质量强市办' })
  attach(@CurrentUser() actor: Actor, @Param('id', IdPipe) id: number, @UploadedFile() file: File | undefined) {
    return this.evidence.attach(actor, id, file);
  }

  @Get(':evidenceId')
  @ApiOperation({ summary: '下载佐证材料' })
  @ApiParam({ name: 'id', type: Number })
  @ApiParam({ name: 'evidenceId', type: Number })
  @ApiOkResponse({ description: '文件内容', content: { 'application/octet-stream': { example: '(二进制文件)' } } })
  @ApiNotFoundResponse({ description: '不存在' })
  async download(@Param('id', IdPipe) id: number, @Param('evidenceId', IdPipe) evidenceId: number, @Res() response: Response): Promise<void> {
    const { evidence, content } = await this.evidence.download(id, evidenceId);
    sendDownload(response, evidence, content);
  }
}
