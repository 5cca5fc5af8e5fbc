import { Module } from '@nestjs/common';
import { ReportsController } from './reports.controller.js';

/** Monthly reports (月报): the API lists, serves and requests them; the worker generates them. */
@Module({ controllers: [ReportsController] })
export class ReportsModule {}
