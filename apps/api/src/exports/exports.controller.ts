import { LIGHT_LABELS } from '#contracts';
import { Body, Controller, Get, HttpCode, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DashboardItemsQuery } from '../overview/dto/overview.query.js';
import { type DashboardRow, OverviewService } from '../overview/overview.service.js';
import { ExportTableDto } from './dto/export-table.dto.js';
import { attachmentName, tableXlsx, XLSX_TYPE } from './table-xlsx.js';

type Headers = { setHeader(k: string, v: string): void };

function daysText(r: DashboardRow): string {
  if (r.daysLeft === null) return '';
  if (r.overdue) return `逾期 ${-r.daysLeft} 天`;
  return r.daysLeft >= 0 ? `剩 ${r.daysLeft} 天` : '';
}

/** Excel exports: 督办总览's items with the page's filters and sorting, and any table a page shows. */
@ApiTags('dashboard')
@ApiBearerAuth()
@Controller('dashboard')
export class ExportsController {
  constructor(private readonly overview: OverviewService) {}

  @Get('items.xlsx')
  @ApiOperation({ summary: '按同样的筛选和排序导出全部事项(Excel)' })
  @ApiOkResponse({ description: 'xlsx 文件', content: { [XLSX_TYPE]: { example: '(xlsx 文件)' } } })
  async itemsXlsx(@Query() query: DashboardItemsQuery, @Res({ passthrough: true }) res: Headers) {
    const rows = await this.overview.filteredRows(query);
    const buffer = await tableXlsx(
      '事项总览',
      ['方案', '章节', '编号', '事项', '牵头单位', '配合单位', '完成时限', '期限', '剩余/逾期', '状态', '红绿灯', '说明'],
      rows.map((r) => [r.planTitle, r.section, r.number, r.title, r.lead.join('、'), r.co.join('、'), r.dueText, r.deadline, daysText(r), r.status, LIGHT_LABELS[r.light], r.lightReasons.join(';')]),
    );
    res.setHeader('Content-Type', XLSX_TYPE);
    res.setHeader('Content-Disposition', attachmentName('事项总览.xlsx'));
    return new StreamableFile(buffer);
  }

  @Post('export')
  @HttpCode(200)
  @ApiOperation({ summary: '把页面上的表格导出为 Excel(单元格只写文字和数字,防公式注入)' })
  @ApiOkResponse({ description: 'xlsx 文件', content: { [XLSX_TYPE]: { example: '(xlsx 文件)' } } })
  async export(@Body() body: ExportTableDto, @Res({ passthrough: true }) res: Headers) {
    const rows = body.rows.map((r) => (Array.isArray(r) ? r.slice(0, body.columns.length).map((v) => (typeof v === 'number' && Number.isFinite(v) ? v : v === null || v === undefined ? '' : String(v))) : []));
    const buffer = await tableXlsx(body.title, body.columns, rows);
    res.setHeader('Content-Type', XLSX_TYPE);
    res.setHeader('Content-Disposition', attachmentName(`${body.title.replace(/[\\/:*?"<>|]/g, '_')}.xlsx`));
    return new StreamableFile(buffer);
  }
}
