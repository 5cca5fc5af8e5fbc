import { Module } from '@nestjs/common';
import { EvidenceController } from './evidence.controller.js';
import { AttachmentInterceptor } from '../progress-reports/attachment.interceptor.js';
import { EvidenceService } from './evidence.service.js';

@Module({ controllers: [EvidenceController], providers: [EvidenceService, AttachmentInterceptor] })
export class EvidenceModule {}
