import type { AppConfig } from '#config';
import { DatabaseModule } from '#database';
import { type DynamicModule, Module } from '@nestjs/common';
import { ChatChannelsModule } from './chat-channels/chat-channels.module.js';
import { DepartmentsModule } from './departments/departments.module.js';
import { DocumentsModule } from './documents/documents.module.js';
import { ExportsModule } from './exports/exports.module.js';
import { HealthModule } from './health/health.module.js';
import { ImportsModule } from './imports/imports.module.js';
import { InboxModule } from './inbox/inbox.module.js';
import { IndicatorsModule } from './indicators/indicators.module.js';
import { ItemsModule } from './items/items.module.js';
import { PlansModule } from './plans/plans.module.js';
import { OverviewModule } from './overview/overview.module.js';
import { QueueModule } from './queue/queue.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { SeedingService } from './seeding/seeding.service.js';
import { WebModule } from './web/web.module.js';
import { WorkbenchModule } from './workbench/workbench.module.js';
import { workflowModules } from './workflow.modules.js';

@Module({})
export class ApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [DatabaseModule.forRoot(config), ...workflowModules(config), PlansModule, ItemsModule, DepartmentsModule, IndicatorsModule, HealthModule, ImportsModule, WebModule.forRoot(), QueueModule.forRoot(config), ReportsModule, OverviewModule, WorkbenchModule, ExportsModule, DocumentsModule, InboxModule, ChatChannelsModule],
      providers: [SeedingService],
    };
  }
}
