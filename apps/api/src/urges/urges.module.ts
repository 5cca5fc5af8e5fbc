import { Module } from '@nestjs/common';
import { noopUrgeNotifier, URGE_NOTIFIER } from './urge-notifier.js';
import { UrgesController } from './urges.controller.js';
import { UrgesService } from './urges.service.js';

@Module({
  controllers: [UrgesController],
  providers: [UrgesService, { provide: URGE_NOTIFIER, useValue: noopUrgeNotifier }],
  exports: [URGE_NOTIFIER],
})
export class UrgesModule {}
