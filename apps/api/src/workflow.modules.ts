import type { AppConfig } from '#config';
import type { DynamicModule, Type } from '@nestjs/common';
import { AssignmentsModule } from './assignments/assignments.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { TimeModule } from './common/time.module.js';
import { EvidenceModule } from './evidence/evidence.module.js';
import { ExtensionsModule } from './extensions/extensions.module.js';
import { ProgressReportsModule } from './progress-reports/progress-reports.module.js';
import { RecoveryModule } from './recovery/recovery.module.js';
import { SettingsModule } from './settings/settings.module.js';
import { UrgesModule } from './urges/urges.module.js';
import { UsersModule } from './users/users.module.js';

/** The department workflow (accounts, steering, reporting, urging, audit), kept in one list for ApiModule. */
export function workflowModules(config: AppConfig): (Type | DynamicModule)[] {
  return [TimeModule.forRoot(config), AuditModule, AuthModule, UsersModule, AssignmentsModule, ProgressReportsModule, ExtensionsModule, EvidenceModule, UrgesModule, SettingsModule, RecoveryModule];
}
