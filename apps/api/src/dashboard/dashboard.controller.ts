import { Body, Controller, Get, HttpCode, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentUser } from '../auth/auth.types.js';
import { DashboardService, type DashboardRow } from './dashboard.service.js';
import { DashboardItemsQuery, ExportTableDto, PlanQuery, WorkbenchQuery } from './dto/dashboard.query.js';
import { attachmentName, tableXlsx, XLSX_TYPE } from './table-xlsx.js';

const ROW_EXAMPLE = {
  id: 9,
  planId: 1,
  planTitle: '某某市质量强市建设实施方案',
  sectionId: 3,
  section: '三、重点任务',
  number: '1',
  title: '夯实科技创新质量支撑',
  path: ['三、重点任务', '(一)推动经济质量效益型发展'],
  kind: 'task',
  status: '推进中',
  dueText: '2025年12月底前',
  deadline: '2025-12-31',
  daysLeft: 82,
  overdue: false,
  light: 'yellow',
  lightReasons: ['本月进展未报送'],
  lead: ['市科技局'],
  co: ['市市场监管局'],
  leadIds: [3],
  coIds: [4],
  reportedThisMonth: false,
};

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
  @ApiOkResponse({
    description: '一页事项及统计',
    example: { total: 1, page: 1, pageSize: 50, counts: { light: { red: 0, yellow: 1, green: 0 }, status: { 未启动: 0, 推进中: 1, '已完成(待审核)': 0, 已销号: 0, 暂缓: 0 }, overdue: 0 }, items: [ROW_EXAMPLE] },
  })
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
  @ApiOkResponse({
    description: '总览',
    example: {
      today: '2025-10-10',
      period: '2025-10',
      totals: { items: 1, overdue: 0, light: { red: 0, yellow: 1, green: 0 }, waitingClose: 0, pendingExtensions: 1 },
      byPlan: [{ planId: 1, title: '某某市质量强市建设实施方案', total: 1, status: { 推进中: 1 }, light: { red: 0, yellow: 1, green: 0 } }],
      ranking: [{ rank: 1, departmentId: 3, name: '市科技局', lead: 1, co: 0, active: 1, red: 0, yellow: 1, green: 0, overdue: 0, closed: 0, reportedThisMonth: 0, missingThisMonth: 1, lateReports: 0, onTimeRate: 100, reportRate: 0 }],
      trend: [{ month: '2025-10', reports: 0, late: 0, urges: 1, closed: 0 }],
      overdue: [],
      waitingClose: [],
      extensions: [{ id: 2, itemId: 9, number: '1', title: '夯实科技创新质量支撑', light: 'yellow', department: '市科技局', requestedBy: '张三', previousDeadline: '2025-12-31', requestedDeadline: '2026-03-31', reason: '专家评审推迟', createdAt: '2025-10-09T02:00:00.000Z' }],
    },
  })
  @ApiForbiddenResponse({ description: '只有质量强市办可以查看' })
  summary(@CurrentUser() actor: Actor, @Query() query: PlanQuery) {
    return this.dashboard.summary(actor, query.plan);
  }

  @Get('workbench')
  @ApiOperation({ summary: '工作台:本单位牵头和配合的事项、本月应报送的进展、收到的催办' })
  @ApiOkResponse({
    description: '工作台',
    example: {
      today: '2025-10-10',
      period: '2025-10',
      reportDueDate: '2025-10-25',
      department: { id: 3, name: '市科技局' },
      counts: { lead: 1, co: 0, overdue: 0, red: 0, yellow: 1, green: 0, due: 1 },
      lead: [
        {
          id: ROW_EXAMPLE.id,
          planId: ROW_EXAMPLE.planId,
          planTitle: ROW_EXAMPLE.planTitle,
          number: ROW_EXAMPLE.number,
          title: ROW_EXAMPLE.title,
          status: ROW_EXAMPLE.status,
          dueText: ROW_EXAMPLE.dueText,
          deadline: ROW_EXAMPLE.deadline,
          daysLeft: ROW_EXAMPLE.daysLeft,
          overdue: ROW_EXAMPLE.overdue,
          light: ROW_EXAMPLE.light,
          lightReasons: ROW_EXAMPLE.lightReasons,
          lead: ROW_EXAMPLE.lead,
          role: 'lead',
          myReport: null,
        },
      ],
      co: [],
      due: [{ id: 9, number: '1', title: '夯实科技创新质量支撑', light: 'yellow', lightReasons: ['本月进展未报送'], role: 'lead', myReport: null, deadline: '2025-12-31' }],
      urges: [{ id: 7, itemId: 9, number: '1', title: '夯实科技创新质量支撑', message: '请于本周五前报送最新进展。', role: 'lead', createdAt: '2025-10-09T02:00:00.000Z', deliveredAt: null }],
      extensions: [],
    },
  })
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
