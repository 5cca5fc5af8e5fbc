import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentUser } from '../auth/auth.types.js';
import { DashboardItemsQuery, PlanQuery } from './dto/overview.query.js';
import { OverviewService } from './overview.service.js';

/** An item as the lists show it, for the API document's examples. */
export const ROW_EXAMPLE = {
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

/** 督办总览: the item list (filters, sorting, paging, counts) and the summary of the coordinating office. */
@ApiTags('dashboard')
@ApiBearerAuth()
@Controller('dashboard')
export class OverviewController {
  constructor(private readonly overview: OverviewService) {}

  @Get('items')
  @ApiOperation({ summary: '事项总览:按方案、章节、单位、红绿灯、状态、期限筛选,排序,分页(含筛选结果的统计)' })
  @ApiOkResponse({
    description: '一页事项及统计',
    example: { total: 1, page: 1, pageSize: 50, counts: { light: { red: 0, yellow: 1, green: 0 }, status: { 未启动: 0, 推进中: 1, '已完成(待审核)': 0, 已销号: 0, 暂缓: 0 }, overdue: 0 }, items: [ROW_EXAMPLE] },
  })
  @ApiBadRequestResponse({ description: '参数有误' })
  items(@Query() query: DashboardItemsQuery) {
    return this.overview.items(query);
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
    return this.overview.summary(actor, query.plan);
  }
}
