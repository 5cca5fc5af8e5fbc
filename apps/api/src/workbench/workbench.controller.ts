import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentUser } from '../auth/auth.types.js';
import { ROW_EXAMPLE } from '../overview/overview.controller.js';
import { WorkbenchQuery } from './dto/workbench.query.js';
import { WorkbenchService } from './workbench.service.js';

/** 工作台: a department's start page, and the server's today (the pages go by it, not the computer's clock). */
@ApiTags('dashboard')
@ApiBearerAuth()
@Controller('dashboard')
export class WorkbenchController {
  constructor(private readonly service: WorkbenchService) {}

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
    return this.service.workbench(actor, query.department);
  }

  @Get('today')
  @ApiOperation({ summary: '服务器的今天和本月(页面以此为准,不依赖电脑时钟)' })
  @ApiOkResponse({ description: '今天', example: { today: '2026-10-09', period: '2026-10' } })
  today() {
    return this.service.today();
  }
}
