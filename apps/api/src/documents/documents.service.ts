import { AppConfig } from '#config';
import { CLOCK, type Clock, type IssuingOffice, ISSUING_OFFICE_MISSING, OfficialDocument, SettingsStore } from '#domain';
import { feedbackDay, type IssuedDocument, issueDocument, loadNoticeItems, type NoticeItem, noticeModel, writeOrForget } from '#reports';
import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { AccessService } from '../auth/access.service.js';
import type { Actor } from '../auth/auth.types.js';
import { badRequest } from '../common/errors.js';
import { today } from '../common/time.module.js';

export interface DocumentView {
  id: number;
  kind: string;
  number: string;
  title: string;
  issuedOn: string;
  itemIds: number[];
  departmentId: number | null;
  downloads: { html: string; docx: string };
}

export function documentView(d: OfficialDocument): DocumentView {
  return { id: d.id, kind: d.kind, number: d.number, title: d.title, issuedOn: d.issuedOn, itemIds: d.itemIds, departmentId: d.departmentId, downloads: { html: `/api/documents/${d.id}/html`, docx: `/api/documents/${d.id}/docx` } };
}

/** 督办通知单 and 催办函: numbered official documents about items, for their lead departments. */
@Injectable()
export class DocumentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly store: SettingsStore,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  /** The issuing office, or a 409 asking for it (never guessed). */
  async office(): Promise<IssuingOffice> {
    const office = (await this.store.current()).issuingOffice;
    if (!office) throw new ConflictException({ statusCode: 409, error: '请先完成发文设置', code: 'issuing_office_missing', message: ISSUING_OFFICE_MISSING });
    return office;
  }

  async createNotices(actor: Actor, itemIds: number[], perDepartment: boolean): Promise<DocumentView[]> {
    this.access.assertCoordinator(actor, '生成督办通知单');
    const office = await this.office();
    const { calendar, reminderRules } = await this.store.current();
    const day = today(this.clock);
    const ids = [...new Set(itemIds)];
    const items = await loadNoticeItems(this.dataSource.manager, ids, day, calendar);
    const missing = ids.filter((id) => !items.some((i) => i.id === id));
    if (missing.length) throw badRequest(`事项不存在:${missing.join('、')}`);
    const unassigned = items.filter((i) => i.leadId === null);
    if (unassigned.length) throw badRequest(`以下事项尚未分配牵头单位,无法督办:${unassigned.map((i) => `${i.number}${i.title}`).join(';')}`);
    const closed = items.filter((i) => i.status === '已销号');
    if (closed.length) throw badRequest(`以下事项已销号,无需督办:${closed.map((i) => `${i.number}${i.title}`).join(';')}`);
    const byLead = new Map<number | null, NoticeItem[]>();
    for (const item of items) byLead.set(item.leadId, [...(byLead.get(item.leadId) ?? []), item]);
    const groups = perDepartment ? [...byLead.values()] : items.map((i) => [i]);
    const feedbackBy = feedbackDay(day, reminderRules.reportDueDay);
    const issued: IssuedDocument[] = [];
    await this.dataSource.transaction(async (manager) => {
      for (const group of groups) issued.push(await this.issue(manager, actor, office, group, { kind: 'notice', feedbackBy, date: day }));
    });
    for (const one of issued) await writeOrForget(this.dataSource, one);
    return issued.map((i) => documentView(i.doc));
  }

  /** A 催办函 for an urge, inside the urge's transaction (its DOCX written by write() after the commit). */
  async letterForUrge(manager: EntityManager, actor: Actor, urge: { id: number; itemId: number; message: string }): Promise<IssuedDocument> {
    const office = await this.office();
    const { calendar, reminderRules } = await this.store.current();
    const day = today(this.clock);
    const items = await loadNoticeItems(manager, [urge.itemId], day, calendar);
    return this.issue(manager, actor, office, items, { kind: 'letter', feedbackBy: feedbackDay(day, reminderRules.reportDueDay), date: day, message: urge.message, urgeId: urge.id });
  }

  private async issue(
    manager: EntityManager,
    actor: Actor,
    office: IssuingOffice,
    items: NoticeItem[],
    o: { kind: 'notice' | 'letter'; feedbackBy: string; date: string; message?: string; urgeId?: number },
  ): Promise<IssuedDocument> {
    const input = { kind: o.kind, office, items, department: items[0]!.lead, date: o.date, feedbackBy: o.feedbackBy, message: o.message };
    const issued = await issueDocument(
      this.dataSource,
      { kind: o.kind, office, date: o.date, now: this.clock.now(), by: actor.username, itemIds: items.map((i) => i.id), departmentId: items[0]!.leadId, urgeId: o.urgeId ?? null, dataDir: this.config.dataDir, model: (n) => noticeModel(input, n) },
      manager,
    );
    await this.audit.record(manager, actor, `document.${o.kind}`, 'official_document', issued.doc.id, items.length === 1 ? items[0]!.id : null, null, {
      number: issued.doc.number,
      itemIds: issued.doc.itemIds,
      departmentId: issued.doc.departmentId,
    });
    return issued;
  }

  async find(id: number): Promise<OfficialDocument> {
    const doc = await this.dataSource.getRepository(OfficialDocument).findOneBy({ id });
    if (!doc) throw new NotFoundException({ statusCode: 404, error: '未找到', message: `公文不存在:${id}` });
    return doc;
  }

  async docxFile(id: number): Promise<{ path: string; name: string }> {
    const doc = await this.find(id);
    const path = resolve(this.config.dataDir, doc.docxPath);
    if (!existsSync(path)) throw new NotFoundException({ statusCode: 404, error: '未找到', message: '公文文件已不存在' });
    return { path, name: `${doc.title}-${doc.number}.docx` };
  }

  async list(itemId?: number): Promise<DocumentView[]> {
    const rows = await this.dataSource.getRepository(OfficialDocument).find({ order: { id: 'DESC' }, take: 500 });
    return rows.filter((d) => itemId === undefined || d.itemIds.includes(itemId)).map(documentView);
  }
}
