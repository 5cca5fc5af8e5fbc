import { AppConfig } from '#config';
import { CLOCK, type Clock, isLateReport, ProgressReport, ProgressReportVersion, ReportAttachment, SettingsStore } from '#domain';
import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Brackets, DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { AccessService } from '../auth/access.service.js';
import type { Actor } from '../auth/auth.types.js';
import { checkUpload, readStored, storeUpload, type UploadedFile } from '../common/stored-file.js';
import { badRequest, conflict, forbidden, staleVersion } from '../common/errors.js';
import { today } from '../common/time.module.js';
import { DecisionNotifier } from '../queue/decision-notifier.service.js';

export interface AttachmentView {
  id: number;
  fileName: string;
  mimeType: string;
  size: number;
  createdAt: Date;
}

export interface ReportView {
  id: number;
  itemId: number;
  departmentId: number;
  departmentName: string;
  role: 'lead' | 'co';
  period: string;
  text: string;
  percent: number | null;
  state: 'draft' | 'submitted';
  submittedAt: Date | null;
  late: boolean;
  authorId: number;
  updatedAt: Date;
  version: number;
  attachments: AttachmentView[];
  /** When the 质量强市办 read it (then it can no longer be withdrawn), or null. */
  readAt: Date | null;
  /** Why the office sent it back for completion (退回补充), until submitted again. */
  returnReason: string | null;
}

/**
 * 进展报送: each department writes its own monthly report on an item (the lead's is the
 * consolidated one, co-departments' are contributions). Drafts are private to their
 * department; submitted reports are readable by every signed-in user.
 */
@Injectable()
export class ProgressReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly settings: SettingsStore,
    private readonly decisions: DecisionNotifier,
  ) {}

  async list(actor: Actor, query: { item?: number; period?: string; department?: number }): Promise<ReportView[]> {
    // Unbounded otherwise: a province holds about a million reports.
    if (query.item === undefined && query.department === undefined) throw badRequest('请指定事项(item)或单位(department)');
    if (query.item !== undefined) await this.access.findItem(query.item);
    const qb = this.dataSource
      .getRepository(ProgressReport)
      .createQueryBuilder('r')
      .leftJoinAndSelect('r.department', 'department')
      .leftJoinAndSelect('r.attachments', 'attachment');
    if (query.item !== undefined) qb.andWhere('r.itemId = :item', { item: query.item });
    if (query.period !== undefined) qb.andWhere('r.period = :period', { period: query.period });
    if (query.department !== undefined) qb.andWhere('r.departmentId = :department', { department: query.department });
    // Drafts stay private to their own department, whoever asks.
    qb.andWhere(
      new Brackets((w) => {
        w.where('r.state = :submitted', { submitted: 'submitted' });
        const own = this.access.draftDepartment(actor);
        if (own !== null) w.orWhere('r.departmentId = :own', { own });
      }),
    );
    const rows = await qb.orderBy('r.itemId').addOrderBy('r.period').addOrderBy('r.role', 'DESC').addOrderBy('r.id').getMany();
    return rows.map((r) => this.view(r));
  }

  async get(actor: Actor, id: number): Promise<ReportView> {
    const report = await this.readable(actor, id);
    return this.view(report);
  }

  /** Creates or updates the department's draft for the month. */
  async save(actor: Actor, itemId: number, period: string, body: { text: string; percent?: number; version?: number }): Promise<ReportView> {
    this.checkPeriod(period);
    const id = await this.dataSource.transaction(async (manager) => {
      const { departmentId, role } = await this.writer(actor, itemId, manager);
      const repo = manager.getRepository(ProgressReport);
      const existing = await repo.findOneBy({ itemId, departmentId, period });
      if (existing) {
        if (existing.state === 'submitted') throw conflict(`${period} 的进展已报送,不能再修改`);
        if (body.version === undefined) throw conflict(`本单位 ${period} 的进展草稿已存在(版本 ${existing.version}),请带上 version 修改`);
        if (existing.version !== body.version) throw staleVersion(existing.version);
        const before = this.snapshot(existing);
        const result = await manager
          .createQueryBuilder()
          .update(ProgressReport)
          .set({ text: body.text, percent: body.percent ?? null, role, authorId: actor.id })
          .where('id = :id AND version = :version', { id: existing.id, version: body.version })
          .execute();
        if (result.affected !== 1) throw staleVersion(existing.version + 1);
        const saved = await repo.findOneByOrFail({ id: existing.id });
        await this.audit.record(manager, actor, 'report.save', 'progress_report', saved.id, itemId, before, this.snapshot(saved));
        return saved.id;
      }
      const saved = await repo.save(
        repo.create({ itemId, departmentId, role, period, text: body.text, percent: body.percent ?? null, state: 'draft', submittedAt: null, late: false, authorId: actor.id }),
      );
      await this.audit.record(manager, actor, 'report.create', 'progress_report', saved.id, itemId, null, this.snapshot(saved));
      return saved.id;
    });
    return this.get(actor, id);
  }

  async submit(actor: Actor, itemId: number, period: string, version: number): Promise<ReportView> {
    this.checkPeriod(period);
    // One setting for the monthly reporting day, shared with the reminders (reminderRules.reportDueDay).
    const { reportDueDay } = (await this.settings.current()).reminderRules;
    const id = await this.dataSource.transaction(async (manager) => {
      const { departmentId } = await this.writer(actor, itemId, manager);
      const repo = manager.getRepository(ProgressReport);
      const report = await repo.findOneBy({ itemId, departmentId, period });
      if (!report) throw new NotFoundException(`本单位没有 ${period} 的进展草稿,请先保存`);
      if (report.state === 'submitted') throw conflict(`${period} 的进展已报送`);
      if (report.version !== version) throw staleVersion(report.version);
      const before = this.snapshot(report);
      const now = this.clock.now();
      const late = isLateReport(period, today(this.clock), reportDueDay);
      const result = await manager
        .createQueryBuilder()
        .update(ProgressReport)
        .set({ state: 'submitted', submittedAt: now, late, readAt: null, readById: null, returnReason: null })
        .where('id = :id AND version = :version', { id: report.id, version })
        .execute();
      if (result.affected !== 1) throw staleVersion(report.version + 1);
      const saved = await repo.findOneByOrFail({ id: report.id });
      // Every submission is kept: a withdrawn or returned report submitted again is a new version.
      const versions = manager.getRepository(ProgressReportVersion);
      const number = (await versions.countBy({ reportId: saved.id })) + 1;
      await versions.insert({ reportId: saved.id, number, text: saved.text, percent: saved.percent, submittedAt: now, submittedById: actor.id, endedBy: null });
      await this.audit.record(manager, actor, 'report.submit', 'progress_report', saved.id, itemId, before, { ...this.snapshot(saved), submission: number });
      await this.decisions.reportSubmitted(manager, saved);
      return saved.id;
    });
    return this.get(actor, id);
  }

  /**
   * 撤回修改: the department takes its submitted report back to correct it, as long as the office has
   * not read it; the submitted version stays in the history.
   */
  async withdraw(actor: Actor, reportId: number): Promise<ReportView> {
    await this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(ProgressReport);
      const report = await repo.findOneBy({ id: reportId });
      if (!report || report.state !== 'submitted') throw new NotFoundException(`没有可撤回的已报送进展:${reportId}`);
      await this.writer(actor, report.itemId, manager, report.departmentId);
      if (report.readAt !== null) throw conflict('质量强市办已阅读该进展,不能再撤回;如需更正,请联系质量强市办退回补充');
      const result = await manager
        .createQueryBuilder()
        .update(ProgressReport)
        .set({ state: 'draft' })
        .where('id = :id AND version = :version AND "readAt" IS NULL', { id: report.id, version: report.version })
        .execute();
      if (result.affected !== 1) throw conflict('该进展刚被质量强市办阅读或已被修改,请刷新后重试');
      await endVersion(manager, report.id, 'withdrawn');
      await this.audit.record(manager, actor, 'report.withdraw', 'progress_report', report.id, report.itemId, { state: 'submitted' }, { state: 'draft', period: report.period });
    });
    return this.get(actor, reportId);
  }

  async attach(actor: Actor, reportId: number, file: UploadedFile | undefined): Promise<AttachmentView> {
    const { fileName, ext, mimeType } = checkUpload(file, this.config.DUBAN_UPLOAD_MAX_MB);
    // Another department's draft does not exist for this user, here as when reading it.
    const report = await this.readable(actor, reportId);
    await this.writer(actor, report.itemId, this.dataSource.manager, report.departmentId);
    if (report.state === 'submitted') throw conflict('进展已报送,不能再添加附件');
    const { relative, absolute } = await storeUpload(this.config.dataDir, join('attachments', String(report.id)), ext, file!.buffer);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const repo = manager.getRepository(ReportAttachment);
        const saved = await repo.save(repo.create({ reportId, fileName, mimeType, size: file!.size, storagePath: relative, uploadedById: actor.id }));
        await this.audit.record(manager, actor, 'report.attach', 'report_attachment', saved.id, report.itemId, null, { reportId, fileName, size: file!.size });
        return { id: saved.id, fileName, mimeType, size: saved.size, createdAt: saved.createdAt };
      });
    } catch (error) {
      await unlink(absolute).catch(() => undefined);
      throw error;
    }
  }

  async download(actor: Actor, reportId: number, attachmentId: number): Promise<{ attachment: ReportAttachment; content: Buffer }> {
    await this.readable(actor, reportId);
    const attachment = await this.dataSource.getRepository(ReportAttachment).findOneBy({ id: attachmentId, reportId });
    if (!attachment) throw new NotFoundException(`附件不存在:${attachmentId}`);
    const content = await readStored(this.config.dataDir, attachment.storagePath);
    return { attachment, content };
  }

  /** A report the user may read: submitted, or a draft of their own department. Others' drafts do not exist for them. */
  private async readable(actor: Actor, id: number): Promise<ProgressReport> {
    const report = await this.dataSource.getRepository(ProgressReport).findOne({ where: { id }, relations: { department: true, attachments: true } });
    const draftsOf = this.access.draftDepartment(actor);
    const own = draftsOf !== null && report?.departmentId === draftsOf;
    if (!report || (report.state !== 'submitted' && !own)) throw new NotFoundException(`进展报告不存在:${id}`);
    return report;
  }

  /** The department the user writes for, checked against the item: its lead or one of its co departments. */
  private async writer(actor: Actor, itemId: number, manager: EntityManager, reportDepartment?: number): Promise<{ departmentId: number; role: 'lead' | 'co' }> {
    this.access.assertCanWrite(actor);
    await this.access.findWritableItem(itemId, manager);
    if (this.access.isCoordinator(actor)) throw forbidden('进展由牵头单位和配合单位报送,质量强市办不能代为报送');
    const departmentId = this.access.ownDepartment(actor);
    if (reportDepartment !== undefined && reportDepartment !== departmentId) throw forbidden('不能修改其他单位的进展报告');
    const relation = await this.access.relationTo(actor, itemId, manager);
    if (relation !== 'lead' && relation !== 'co') throw forbidden('本单位不是该事项的牵头单位或配合单位,不能报送进展');
    const item = await this.access.findItem(itemId, manager);
    if (item.status === '已销号') throw conflict('事项已销号,无需再报送进展');
    return { departmentId, role: relation };
  }

  private checkPeriod(period: string): void {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) throw badRequest('月份必须是 YYYY-MM 格式,如 2024-10');
    if (period > today(this.clock).slice(0, 7)) throw badRequest(`不能报送未来月份(${period})的进展`);
  }

  private snapshot(r: ProgressReport): Record<string, unknown> {
    return { departmentId: r.departmentId, role: r.role, period: r.period, text: r.text, percent: r.percent, state: r.state, late: r.late, version: r.version };
  }

  private view(r: ProgressReport): ReportView {
    return {
      id: r.id,
      itemId: r.itemId,
      departmentId: r.departmentId,
      departmentName: r.department?.name ?? '',
      role: r.role,
      period: r.period,
      text: r.text,
      percent: r.percent,
      state: r.state,
      submittedAt: r.submittedAt,
      late: r.late,
      authorId: r.authorId,
      updatedAt: r.updatedAt,
      version: r.version,
      attachments: (r.attachments ?? []).sort((a, b) => a.id - b.id).map((a) => ({ id: a.id, fileName: a.fileName, mimeType: a.mimeType, size: a.size, createdAt: a.createdAt })),
      readAt: r.readAt,
      returnReason: r.returnReason,
    };
  }
}

/** Marks the current submitted version of a report as ended (withdrawn by its department, or returned by the office). */
export async function endVersion(manager: EntityManager, reportId: number, endedBy: 'withdrawn' | 'returned'): Promise<void> {
  const versions = manager.getRepository(ProgressReportVersion);
  const current = await versions.findOne({ where: { reportId }, order: { number: 'DESC' } });
  if (current && current.endedBy === null) await versions.update({ id: current.id }, { endedBy });
}
