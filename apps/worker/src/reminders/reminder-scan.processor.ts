import { LoggedWorkerHost } from '../common/logged-worker-host.js';
import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { ReminderScanService, type ScanResult } from './reminder-scan.service.js';

/** Queue "reminder-scan": the hourly scan (registered with @Processor in WorkerModule). */
@Injectable()
export class ReminderScanProcessor extends LoggedWorkerHost {
  constructor(private readonly scanner: ReminderScanService) {
    super();
  }

  async process(_job: Job): Promise<ScanResult> {
    return this.scanner.scan();
  }
}
