import { AppConfig } from '#config';
import { CLOCK, type Clock, ReportAttachment, Urge } from '#domain';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { readdir, stat, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DataSource, IsNull } from 'typeorm';
import { URGE_NOTIFIER, type UrgeNotifier } from '../urges/urge-notifier.js';

/**
 * An attachment file younger than this may belong to an upload still in progress in another API
 * process (the file is written before its row is committed), so it is never taken for an orphan.
 */
export const ORPHAN_GRACE_MS = 10 * 60_000;
/** Undelivered urges handed to the queue per batch. */
const URGE_BATCH = 500;

/**
 * What a killed process may leave behind, put right when an API process starts:
 * - an attachment file whose row was never committed (killed between writing the file and the
 *   INSERT): files under attachments/ without a row, older than ORPHAN_GRACE_MS, are deleted;
 * - an urge 催办 committed but never handed to the queue (killed between the COMMIT and the
 *   enqueue): every urge not yet delivered is queued again at once, under its deterministic job
 *   id, so one already queued is not queued twice and the worker still mails each once.
 * It runs in the background after start, so a slow Redis never delays the API's start.
 */
@Injectable()
export class StartupRecovery implements OnApplicationBootstrap {
  private readonly logger = new Logger('recovery');
  /** The pass started at boot (awaited by tests and by shutdown). */
  done: Promise<{ orphanFiles: number; urgesQueued: number }> = Promise.resolve({ orphanFiles: 0, urgesQueued: 0 });

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(URGE_NOTIFIER) private readonly notifier: UrgeNotifier,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.done = this.run().catch((error: unknown) => {
      this.logger.warn(`start-up pass incomplete: ${(error as Error).message}`);
      return { orphanFiles: 0, urgesQueued: 0 };
    });
  }

  async run(): Promise<{ orphanFiles: number; urgesQueued: number }> {
    const urgesQueued = await this.queueUndeliveredUrges();
    const orphanFiles = await this.removeOrphanAttachments();
    if (orphanFiles || urgesQueued) this.logger.log(`start-up pass: ${orphanFiles} orphan attachment file(s) removed, ${urgesQueued} undelivered urge(s) queued`);
    return { orphanFiles, urgesQueued };
  }

  private async queueUndeliveredUrges(): Promise<number> {
    let queued = 0;
    for (let after = 0; ; ) {
      const urges = await this.dataSource.getRepository(Urge).createQueryBuilder('u').where('u.deliveredAt IS NULL').andWhere('u.id > :after', { after }).orderBy('u.id').take(URGE_BATCH).getMany();
      for (const urge of urges) await this.notifier.urgeRecorded(urge);
      queued += urges.length;
      if (urges.length < URGE_BATCH) return queued;
      after = urges.at(-1)!.id;
    }
  }

  private async removeOrphanAttachments(): Promise<number> {
    const root = resolve(this.config.dataDir, 'attachments');
    const dirs = await readdir(root, { withFileTypes: true }).catch(() => []);
    const cutoff = this.clock.now().getTime() - ORPHAN_GRACE_MS;
    let removed = 0;
    for (const dir of dirs) {
      if (!dir.isDirectory() || !/^\d+$/.test(dir.name)) continue;
      const files = await readdir(join(root, dir.name), { withFileTypes: true }).catch(() => []);
      if (files.length === 0) continue;
      const rows = await this.dataSource.getRepository(ReportAttachment).find({ where: { reportId: Number(dir.name) }, select: { storagePath: true } });
      const kept = new Set(rows.map((r) => resolve(this.config.dataDir, r.storagePath)));
      for (const file of files) {
        const path = join(root, dir.name, file.name);
        if (!file.isFile() || kept.has(path)) continue;
        const info = await stat(path).catch(() => null);
        if (!info || info.mtimeMs > cutoff) continue;
        await unlink(path).catch(() => undefined);
        removed++;
      }
    }
    return removed;
  }
}
