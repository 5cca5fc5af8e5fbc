import { LoggedWorkerHost } from '../common/logged-worker-host.js';
import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { ReportingDutyService } from './reporting-duty.service.js';

/** Queue "reporting-duty": the daily check for the progress-report reminder. */
@Injectable()
export class ReportingDutyProcessor extends LoggedWorkerHost {
  constructor(private readonly duty: ReportingDutyService) {
    super();
  }

  async process(_job: Job) {
    return this.duty.scan();
  }
}
