import { Module } from '@nestjs/common';
import { AttachmentInterceptor } from './attachment.interceptor.js';
import { ProgressReportsController } from './progress-reports.controller.js';
import { ProgressReportsService } from './progress-reports.service.js';
import { ReportReviewController } from './report-review.controller.js';
import { ReportReviewService } from './report-review.service.js';

@Module({ controllers: [ReportReviewController, ProgressReportsController], providers: [ProgressReportsService, ReportReviewService, AttachmentInterceptor] })
export class ProgressReportsModule {}
