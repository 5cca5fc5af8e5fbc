import { MAX_DOCUMENT_BYTES, SUPPORTED_FORMATS_TEXT } from '#importer';
import { BadRequestException, Body, Controller, HttpCode, Post, UploadedFile, UseFilters, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBadRequestResponse, ApiBearerAuth, ApiBody, ApiConsumes, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiPayloadTooLargeResponse, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentUser } from '../auth/auth.types.js';
import { uploadName } from '../common/upload-name.js';
import { ImportDocumentBody } from './dto/import-document.body.js';
import { parseRevisionDecisions } from './dto/revision-decisions.dto.js';
import { type ImportPreview, ImportsService } from './imports.service.js';
import { UploadTooLargeFilter } from './upload-too-large.filter.js';

/** The uploaded file, as multer hands it over (memory storage). */
interface Upload {
  originalname: string;
  buffer: Buffer;
  size: number;
}

const upload = FileInterceptor('file', { limits: { fileSize: MAX_DOCUMENT_BYTES, files: 1 } });

function fileOf(file: Upload | undefined): { buffer: Buffer; name: string } {
  if (!file) throw new BadRequestException({ statusCode: 400, error: '请求参数有误', message: ['请选择要导入的文件(字段名 file)'] });
  return { buffer: file.buffer, name: uploadName(file.originalname) };
}

const FILE_BODY = {
  schema: {
    type: 'object',
    required: ['file'],
    properties: {
      file: { type: 'string', format: 'binary', description: `方案文件:${SUPPORTED_FORMATS_TEXT}` },
      mapping: { type: 'string', description: '未知单位的对应关系(JSON),如 {"市质监局": 12};未列出的单位将新建', example: '{"市质监局":12}' },
      revises: { type: 'integer', description: '本文件修订的方案编号(标题不同而实为修订版时,如“关于修订《…》的通知”);不填则按标题识别', example: 3 },
      decisions: {
        type: 'string',
        description:
          '修订版的对应确认(JSON):links 为手动配对或确认的不确定对应(old 为旧版条目 ID,new 为预览中新版条目序号),unlinkOld/unlinkNew 标为删除/新增,proposals 对期限和单位的变化选择 accept(采用新版)或 keep(保留现值)',
        example: '{"links":[{"old":[12],"new":[3]}],"proposals":[{"newIndex":3,"field":"deadline","decision":"keep"}]}',
      },
    },
  },
};

@ApiTags('imports')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: '只有质量强市办和系统管理员可以导入方案' })
@Controller('imports')
@UseFilters(UploadTooLargeFilter)
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Post('preview')
  @HttpCode(200)
  @UseInterceptors(upload)
  @ApiOperation({ summary: '计划导入预览:解析文档,列出条目、单位、期限和指标,不写入数据库' })
  @ApiConsumes('multipart/form-data')
  @ApiBody(FILE_BODY)
  @ApiOkResponse({
    description: '解析结果',
    example: {
      fileName: '厦门市实施意见.txt',
      sha256: '60e92da9…',
      alreadyImported: null,
      revises: null,
      plan: { title: '厦门市贯彻落实〈质量强国建设纲要〉实施意见', issuer: '中共厦门市委、厦门市人民政府', issued: null, sections: [], items: [], indicators: [] },
      departments: [{ name: '市质监局', departmentId: null, departmentName: null, items: 3 }],
    },
  })
  @ApiBadRequestResponse({ description: '文件为空、格式不支持、是扫描图片、解压后过大(压缩炸弹)、解析超时或无法识别出条目' })
  @ApiPayloadTooLargeResponse({ description: '文件超过 20 MB' })
  preview(@CurrentUser() actor: Actor, @UploadedFile() file: Upload | undefined, @Body() body: ImportDocumentBody): Promise<ImportPreview> {
    const { buffer, name } = fileOf(file);
    return this.imports.preview(actor, buffer, name, body.revises);
  }

  @Post()
  @HttpCode(200)
  @UseInterceptors(upload)
  @ApiOperation({ summary: '保存导入:同一文件重复导入不产生新数据;修订版生成新版本并列出变化' })
  @ApiConsumes('multipart/form-data')
  @ApiBody(FILE_BODY)
  @ApiOkResponse({
    description: '导入结果',
    example: { status: 'revised', planId: 7, version: 2, previousPlanId: 3, diff: { added: [], removed: [], changed: [] } },
  })
  @ApiBadRequestResponse({ description: '文件无法导入,或对应关系有误' })
  async save(@CurrentUser() actor: Actor, @UploadedFile() file: Upload | undefined, @Body() body: ImportDocumentBody) {
    const { buffer, name } = fileOf(file);
    const result = await this.imports.save(actor, buffer, name, body.mappingObject(), await parseRevisionDecisions(body.decisions), body.revises);
    return {
      status: result.status,
      planId: result.plan.id,
      title: result.plan.title,
      version: result.plan.version,
      previousPlanId: result.status === 'revised' ? result.previous.id : null,
      diff: result.status === 'revised' ? result.diff : null,
      revisionId: result.status === 'revised' ? result.revisionId : null,
      links:
        result.status === 'revised'
          ? result.revision.links.map((l) => ({ kind: l.kind, reasons: l.reasons, confidence: l.confidence, byHand: l.byHand, oldItemIds: l.old, newIndexes: l.new }))
          : null,
      proposals: result.status === 'revised' ? result.revision.proposals.map((p) => ({ newIndex: p.newKey, oldItemId: p.oldKey, field: p.field, from: p.from, to: p.to, accepted: p.accepted })) : null,
    };
  }
}
