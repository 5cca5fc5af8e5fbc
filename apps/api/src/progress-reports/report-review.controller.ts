import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentUser } from '../auth/auth.types.js';
import { IdPipe } from '../common/validation.js';
import { ReviewReportsQuery, ReviewTextDto } from './dto/progress-report.dto.js';
import { ProgressReportsService } from './progress-reports.service.js';
import { ReportReviewService } from './report-review.service.js';

const REVIEW_EXAMPLE = {
  id: 21,
  itemId: 9,
  itemNumber: '1',
  itemTitle: '夯实科技创新质量支撑',
  planId: 1,
  planTitle: '厦门市质量强市建设实施方案',
  departmentId: 3,
  departmentName: '市科技局',
  role: 'lead',
  period: '2026-10',
  text: '已完成全市企业标准领跑者名单初审。',
  percent: 60,
  submittedAt: '2026-10-20T02:00:00.000Z',
  late: false,
  state: 'unread',
  readAt: null,
  returnReason: null,
  versions: [{ number: 1, text: '已完成全市企业标准领跑者名单初审。', percent: 60, submittedAt: '2026-10-20T02:00:00.000Z', endedBy: null }],
  comments: [],
};

@ApiTags('progress-reports')
@ApiBearerAuth()
@Controller('progress-reports')
export class ReportReviewController {
  constructor(
    private readonly review: ReportReviewService,
    private readonly reports: ProgressReportsService,
  ) {}

  @Get('review')
  @ApiOperation({ summary: '报送审阅列表(质量强市办、领导):按月份、方案、单位、未读筛选' })
  @ApiOkResponse({ description: '一页进展', example: { total: 1, page: 1, pageSize: 50, rows: [REVIEW_EXAMPLE] } })
  @ApiForbiddenResponse({ description: '只有质量强市办和领导可以审阅' })
  list(@CurrentUser() actor: Actor, @Query() query: ReviewReportsQuery) {
    return this.review.list(actor, { month: query.month, plan: query.plan, department: query.department, unread: query.unread === 'true', page: query.page, pageSize: query.pageSize });
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: '标为已读(质量强市办);已读后报送单位不能再撤回' })
  @ApiParam({ name: 'id', type: Number })
  @ApiOkResponse({ description: '审阅中的进展', example: { ...REVIEW_EXAMPLE, state: 'read', readAt: '2026-10-21T02:00:00.000Z' } })
  @ApiConflictResponse({ description: '不在已报送状态' })
  @ApiNotFoundResponse({ description: '不存在' })
  read(@CurrentUser() actor: Actor, @Param('id', IdPipe) id: number) {
    return this.review.read(actor, id);
  }

  @Post(':id/comments')
  @HttpCode(200)
  @ApiOperation({ summary: '评论(质量强市办)' })
  @ApiParam({ name: 'id', type: Number })
  @ApiOkResponse({ description: '审阅中的进展', example: REVIEW_EXAMPLE })
  comment(@CurrentUser() actor: Actor, @Param('id', IdPipe) id: number, @Body() body: ReviewTextDto) {
    return this.review.comment(actor, id, body.text);
  }

  @Post(':id/return')
  @HttpCode(200)
  @ApiOperation({ summary: '退回补充(质量强市办,须填理由):退回报送单位修改后重新报送,原报送版本保留' })
  @ApiParam({ name: 'id', type: Number })
  @ApiOkResponse({ description: '审阅中的进展', example: { ...REVIEW_EXAMPLE, state: 'returned', returnReason: '请补充佐证材料' } })
  giveBack(@CurrentUser() actor: Actor, @Param('id', IdPipe) id: number, @Body() body: ReviewTextDto) {
    return this.review.giveBack(actor, id, body.text);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: '撤回修改(报送单位,质量强市办阅读之前):回到草稿,原报送版本保留' })
  @ApiParam({ name: 'id', type: Number })
  @ApiOkResponse({ description: '撤回后的进展(草稿,可修改后重新报送)', example: { id: 31, itemId: 12, period: '2026-11', state: 'draft', text: '已完成调研。', percent: 40, version: 3 } })
  @ApiConflictResponse({ description: '质量强市办已阅读' })
  withdraw(@CurrentUser() actor: Actor, @Param('id', IdPipe) id: number) {
    return this.reports.withdraw(actor, id);
  }
}
