import { AppConfig } from '#config';
import { ItemEvidence } from '#domain';
import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { AccessService } from '../auth/access.service.js';
import type { Actor } from '../auth/auth.types.js';
import { checkUpload, readStored, storeUpload, type UploadedFile } from '../common/stored-file.js';

/** 佐证材料: evidence of completion the lead department (or the office) attaches to an item; every signed-in user reads it. */
@Injectable()
export class EvidenceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async attach(actor: Actor, itemId: number, upload: UploadedFile | undefined): Promise<{ id: number; fileName: string; size: number; createdAt: Date }> {
    const { file, fileName, ext, mimeType } = checkUpload(upload, this.config.DUBAN_UPLOAD_MAX_MB);
    await this.access.assertItemAction(actor, itemId, 'evidence');
    const { relative, absolute } = await storeUpload(this.config.dataDir, join('evidence', String(itemId)), ext, file.buffer);
    try {
      return await this.dataSource.transaction(async (manager) => {
        await this.access.assertItemAction(actor, itemId, 'evidence', manager);
        const repo = manager.getRepository(ItemEvidence);
        const saved = await repo.save(repo.create({ itemId, fileName, mimeType, size: file.size, storagePath: relative, uploadedById: actor.id }));
        await this.audit.record(manager, actor, 'item.evidence', 'item_evidence', saved.id, itemId, null, { fileName, size: file.size });
        return { id: saved.id, fileName, size: saved.size, createdAt: saved.createdAt };
      });
    } catch (error) {
      await unlink(absolute).catch(() => undefined);
      throw error;
    }
  }

  async download(itemId: number, evidenceId: number): Promise<{ evidence: ItemEvidence; content: Buffer }> {
    await this.access.findItem(itemId);
    const evidence = await this.dataSource.getRepository(ItemEvidence).findOneBy({ id: evidenceId, itemId });
    if (!evidence) throw new NotFoundException(`佐证材料不存在:${evidenceId}`);
    return { evidence, content: await readStored(this.config.dataDir, evidence.storagePath) };
  }
}
