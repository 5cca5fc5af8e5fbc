import { Module } from '@nestjs/common';
import { AccountController } from './account.controller.js';
import { DashboardController } from './dashboard.controller.js';
import { DashboardService } from './dashboard.service.js';

/** Read-only views for the web interface (工作台, 督办总览, Excel exports) and 修改密码. */
@Module({
  controllers: [DashboardController, AccountController],
  providers: [DashboardService],
})
export class DashboardModule {}
