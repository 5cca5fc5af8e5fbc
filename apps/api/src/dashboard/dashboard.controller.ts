import { Body, Controller, Get, HttpCode, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentUser } from '../auth/auth.types.js';
import { DashboardService, type DashboardRow } from './dashboard.service.js';
import { DashboardItemsQuery, ExportTableDto, PlanQuery, WorkbenchQuery } from './dto/dashboard.query.js';
import { attachmentName, tableXlsx, XLSX_TYPE } from './table-xlsx.js';

const LIGHT = { red: '红灯', yellow: '黄灯', green: '绿灯' } as const;

type Headers = { setHeader(k: string, v: string): void };

function daysText(r: DashboardRow): string {
  if (r.daysLeft === null) return '';
  if (r.overdue) return `逾期 ${-r.daysLeft} 天`;
  return r.daysLeft >= 0 ? `剩 ${r.daysLeft} 天` : '';
}

/** Read-only views for the web pages (工作台, 督办总览) and Excel exports of their tables. */
@ApiTags('dashboard')
@ApiBearerAuth()
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get('items')
  @ApiOperation({ summary: '事项总览:按方案、章节、单位、红绿灯、状态、期限筛选,排序,分页(含筛选结果的统计)' })
  @ApiOkResponse({ description: '一页事项及统计' })
  @ApiBadRequestResponse({ description: '参数有误' })
  items(@Query() query: DashboardItemsQuery) {
    return this.dashboard.items(query);
  }

  @Get('items.xlsx')
  @ApiOperation({ summary: '按同样的筛选和排序导出全部事项(Excel)' })
  @ApiOkResponse({ description: 'xlsx 文件', content: { [XLSX_TYPE]: { example: '(xlsx 文件)' } } })
  async itemsXlsx(@Query() query: DashboardItemsQuery, @Res({ passthrough: true }) res: Headers) {
    const rows = await this.dashboard.filteredRows(query);
    const buffer = await tableXlsx(
      '事项总览',
      ['方案', '章节', '编号', '事项', '牵头单位', '配合单位', '完成时限', '期限', '剩余/逾期', '状态', '红绿灯', '说明'],
      rows.map((r) => [r.planTitle, r.section, r.number, r.title, r.lead.join('、'), r.co.join('、'), r.dueText, r.deadline, daysText(r), r.status, LIGHT[r.light], r.lightReasons.join(';')]),
    );
    res.setHeader('Content-Type', XLSX_TYPE);
    res.setHeader('Content-Disposition', attachmentName('事项总览.xlsx'));
    return new StreamableFile(buffer);
  }

  @Get('summary')
  @ApiOperation({ summary: '督办总览(质量强市办):按方案的状态、按单位的红绿灯、月度趋势、逾期清单、单位排名、待审批延期申请、待销号事项' })
  @ApiOkResponse({ description: '总览' })
  @ApiForbiddenResponse({ description: '只有质量强市办可以查看' })
  summary(@CurrentUser() actor: Actor, @Query() query: PlanQuery) {
    return this.dashboard.summary(actor, query.plan);
  }

  @Get('workbench')
  @ApiOperation({ summary: '工作台:本单位牵头和配合的事项、本月应报送的进展、收到的催办' })
  @ApiOkResponse({ description: '工作台' })
  @ApiForbiddenResponse({ description: '单位用户只能看本单位' })
  workbench(@CurrentUser() actor: Actor, @Query() query: WorkbenchQuery) {
    return this.dashboard.workbench(actor, query.department);
  }

  @Get('today')
  @ApiOperation({ summary: '服务器的今天和本月(页面以此为准,不依赖电脑时钟)' })
  @ApiOkResponse({ description: '今天', example: { today: '2026-10-09', period: '2026-10' } })
  today() {
    return this.dashboard.today();
  }

  @Get('settings')
  @ApiOperation({ summary: '提醒规则、每月报送日、节假日调整等系统设置(只读;在环境变量中配置)' })
  @ApiOkResponse({ description: '设置' })
  settings(@CurrentUser() actor: Actor) {
    return this.dashboard.settings(actor);
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
