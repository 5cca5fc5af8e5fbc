import { Module } from '@nestjs/common';
import { WorkbenchController } from './workbench.controller.js';
import { WorkbenchService } from './workbench.service.js';

/** 工作台 (read-only): a department's start page. */
@Module({
  controllers: [WorkbenchController],
  providers: [WorkbenchService],
})
export class WorkbenchModule {}
