/**
 * The reminder scan over the province, run by the real worker process: a job on the
 * reminder-scan queue, as the hourly Job Scheduler adds it, with the worker's clock
 * (DUBAN_CLOCK) on a working day in office hours. The notification log starts empty, so every
 * open item at or past its first reminder stage is due (the first scan after going live, or
 * after the log was cleared). Mail sending is paused (the queue, not the worker) so the figure is
 * the scan's own. Reference: a bare BullMQ addBulk of a mail job for each new reminder on the same Redis.
 */
import { Notification } from '#domain';
import { bullRootOptions, defaultJobOptions, JOBS, QUEUES } from '#queue';
import { Queue, QueueEvents } from 'bullmq';
import type { BenchDatabase } from './support/database.js';
import { rssMb, sampleRss, startWorker } from './support/processes.js';
import type { Row } from './importer.bench.js';

export interface ScanFigures {
  rows: Row[];
  worker: { coldStartMs: number; idleMb: number; peakMb: number };
}

interface ScanRun {
  seconds: number;
  stalled: number;
  result: { created: number; requeued: number; urges: number; ms?: { find: number; record: number; queue: number } };
}

/** One scan job, as the Job Scheduler adds it; seconds from adding the job to its end. */
async function runScan(scan: Queue, events: QueueEvents, timeoutSeconds: number): Promise<ScanRun | { failed: string }> {
  const job = await scan.add(JOBS.reminderScan, {});
  let result: ScanRun['result'] & { skipped?: string };
  try {
    result = (await job.waitUntilFinished(events, timeoutSeconds * 1000)) as typeof result;
  } catch (error) {
    return { failed: (error as Error).message };
  }
  if (result.skipped) throw new Error(`scan skipped: ${result.skipped}`);
  const done = (await scan.getJob(job.id!))!;
  // From the job's creation: when the job stalled and ran again, its processedOn is the second start.
  return { seconds: (done.finishedOn! - done.timestamp) / 1000, stalled: done.stalledCounter, result };
}

/** Crons that do not fire during a bench run: the scan is started by the bench. */
export const QUIET_CRONS = { REMINDER_SCAN_CRON: '0 3 1 1 *', REPORT_DUTY_CRON: '0 3 1 1 *', MONTHLY_REPORT_CRON: '0 3 1 1 *' };

export async function benchScan(db: BenchDatabase, label: string, items: number, clock: Date, timeoutSeconds: number): Promise<ScanFigures> {
  const env = { ...db.env, ...QUIET_CRONS, DUBAN_CLOCK: clock.toISOString() };
  const root = bullRootOptions(db.config);
  const opts = { connection: root.connection, prefix: root.prefix };
  const mail = new Queue(QUEUES.mail, opts);
  const scan = new Queue(QUEUES.reminderScan, opts);
  const events = new QueueEvents(QUEUES.reminderScan, opts);
  await events.waitUntilReady();
  await mail.pause();
  const worker = await startWorker(env);
  try {
    await new Promise((r) => setTimeout(r, 2000));
    const idleMb = rssMb(worker.pid);
    const sampler = sampleRss(worker.pid);
    const first = await runScan(scan, events, timeoutSeconds);
    if ('failed' in first) {
      console.error(worker.output());
      sampler.stop();
      return {
        rows: [{ database: label, items, scan: 'first', 'scan (s)': `> ${timeoutSeconds} (${first.failed.slice(0, 60)})`, 'target <= 3 s': 'missed' }],
        worker: { coldStartMs: worker.coldStartMs, idleMb, peakMb: sampler.stop() },
      };
    }
    const counts = await mail.getJobCounts();
    const jobs = Object.entries(counts).reduce((n, [state, count]) => (state === 'completed' || state === 'failed' ? n : n + count), 0);
    const notifications = await db.dataSource.getRepository(Notification).countBy({ kind: 'deadline' });

    // Reference: a job for each new notification (same payload shape, ids and default options) in one addBulk.
    const bare = new Queue(`${QUEUES.mail}-addbulk-reference`, opts);
    const payloads = Array.from({ length: notifications }, (_, i) => ({ name: JOBS.mail, data: { key: `item.${i}.overdue.2026-01-01.1` }, opts: { ...defaultJobOptions(db.config), jobId: `item.${i}.overdue.2026-01-01.1` } }));
    const t = process.hrtime.bigint();
    if (payloads.length) await bare.addBulk(payloads);
    const bulkSeconds = Number(process.hrtime.bigint() - t) / 1e9;
    await bare.obliterate({ force: true });
    await bare.close();

    // The next hourly scan: the mails went out (rows marked sent, jobs gone), nothing new is due.
    await mail.obliterate({ force: true });
    await db.dataSource.getRepository(Notification).update({ status: 'pending' }, { status: 'sent', sentAt: clock });
    const next = await runScan(scan, events, timeoutSeconds);
    const peakMb = sampler.stop();
    const row = (which: string, r: ScanRun | { failed: string }, created: number, queued: number): Row =>
      'failed' in r
        ? { database: label, items, scan: which, 'scan (s)': `> ${timeoutSeconds} (${r.failed.slice(0, 60)})`, 'target <= 3 s': 'missed' }
        : {
            database: label,
            items,
            scan: which,
            'scan (s)': r.seconds.toFixed(2),
            'new notifications': created,
            'recorded/s': created ? (created / r.seconds).toFixed(0) : '',
            'mail jobs queued': queued,
            'addBulk of as many (s)': created ? bulkSeconds.toFixed(2) : '',
            'addBulk jobs/s': created ? (created / bulkSeconds).toFixed(0) : '',
            'target <= 3 s': r.seconds <= 3 ? 'met' : 'missed',
            note: [
              r.result.ms ? `find ${r.result.ms.find} ms, record ${r.result.ms.record} ms, queue ${r.result.ms.queue} ms` : '',
              r.stalled ? `stalled ${r.stalled}x: the scan held the event loop past the ${db.config.QUEUE_LOCK_MS / 1000} s job lock, BullMQ ran it again` : '',
            ]
              .filter(Boolean)
              .join('; '),
          };
    return {
      rows: [
        row('first (log empty)', first, notifications, jobs),
        row('next hour (all recorded and sent)', next, 'failed' in next ? 0 : next.result.created, 'failed' in next ? 0 : next.result.created),
      ],
      worker: { coldStartMs: worker.coldStartMs, idleMb, peakMb },
    };
  } finally {
    await worker.stop();
    await events.close();
    await scan.close();
    await mail.close();
  }
}
