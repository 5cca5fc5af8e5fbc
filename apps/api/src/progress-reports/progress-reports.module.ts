import { Module } from '@nestjs/common';
import { AttachmentInterceptor } from './attachment.interceptor.js';
import { ProgressReportsController } from './progress-reports.controller.js';
import { ProgressReportsService } from './progress-reports.service.js';

@Module({ controllers: [ProgressReportsController], providers: [ProgressReportsService, AttachmentInterceptor] })
export class ProgressReportsModule {}
