import { Module } from '@nestjs/common';
import { JobProducer } from '../queue/job-producer.service.js';
import { URGE_NOTIFIER } from './urge-notifier.js';
import { DepartmentUrgesController, UrgesController } from './urges.controller.js';
import { UrgesService } from './urges.service.js';

@Module({
  controllers: [UrgesController, DepartmentUrgesController],
  providers: [UrgesService, { provide: URGE_NOTIFIER, useExisting: JobProducer }],
  exports: [URGE_NOTIFIER],
})
export class UrgesModule {}
