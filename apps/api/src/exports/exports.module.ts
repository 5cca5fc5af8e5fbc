import { Module } from '@nestjs/common';
import { OverviewModule } from '../overview/overview.module.js';
import { ExportsController } from './exports.controller.js';

/** Excel exports of the pages' tables. */
@Module({
  imports: [OverviewModule],
  controllers: [ExportsController],
})
export class ExportsModule {}
