import { Module } from '@nestjs/common';
import { UrgesModule } from '../urges/urges.module.js';
import { StartupRecovery } from './startup-recovery.service.js';

/** The start-up pass over what a killed process left behind (orphan attachment files, urges not yet queued). */
@Module({ imports: [UrgesModule], providers: [StartupRecovery], exports: [StartupRecovery] })
export class RecoveryModule {}
