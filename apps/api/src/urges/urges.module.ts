import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module.js';
import { JobProducer } from '../queue/job-producer.service.js';
import { URGE_NOTIFIER } from './urge-notifier.js';
import { DepartmentUrgesController, UrgesController } from './urges.controller.js';
import { UrgesService } from './urges.service.js';

@Module({
  imports: [DocumentsModule],
  controllers: [UrgesController, DepartmentUrgesController],
  providers: [UrgesService, { provide: URGE_NOTIFIER, useExisting: JobProducer }],
  exports: [URGE_NOTIFIER],
})
export class UrgesModule {}
