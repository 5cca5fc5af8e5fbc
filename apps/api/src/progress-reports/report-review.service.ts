import { CLOCK, type Clock, Item, Plan, ProgressReport, ProgressReportVersion, ReportComment, User } from '#domain';
import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { AccessService } from '../auth/access.service.js';
import type { Actor } from '../auth/auth.types.js';
import { badRequest, conflict, forbidden } from '../common/errors.js';
import { DecisionNotifier } from '../queue/decision-notifier.service.js';
import { endVersion } from './progress-reports.service.js';

export interface ReviewQuery {
  month?: string;
  plan?: number;
  department?: number;
  unread?: boolean;
  page: number;
  pageSize: number;
}

/** Where a report stands for the office. */
export type ReviewState = 'unread' | 'read' | 'returned' | 'withdrawn';

export interface ReviewRow {
  id: number;
  itemId: number;
  itemNumber: string;
  itemTitle: string;
  planId: number;
  planTitle: string;
  departmentId: number;
  departmentName: string;
  role: 'lead' | 'co';
  period: string;
  /** The last submitted text (a report being corrected shows what was submitted, never the draft). */
  text: string;
  percent: number | null;
  submittedAt: Date;
  late: boolean;
  state: ReviewState;
  readAt: Date | null;
  returnReason: string | null;
  versions: Array<{ number: number; text: string; percent: number | null; submittedAt: Date; endedBy: string | null }>;
  comments: Array<{ id: number; author: string; text: string; createdAt: Date }>;
}

/**
 * 报送审阅: the 质量强市办 reads submitted progress reports (by month, plan, department, not yet read),
 * comments on them and sends them back for completion (退回补充) with a reason. 领导 read the list too.
 */
@Injectable()
export class ReportReviewService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly decisions: DecisionNotifier,
  ) {}

  async list(actor: Actor, query: ReviewQuery): Promise<{ total: number; page: number; pageSize: number; rows: ReviewRow[] }> {
    if (!this.access.readsAsOffice(actor)) throw forbidden('只有质量强市办和领导可以审阅报送的进展');
    const esc = (name: string) => this.dataSource.driver.escape(name);
    const qb = this.dataSource
      .getRepository(ProgressReport)
      .createQueryBuilder('r')
      .innerJoin(Item, 'item', 'item.id = r.itemId')
      .leftJoinAndSelect('r.department', 'department')
      // Reports submitted at least once: the submitted ones and those withdrawn or sent back for correction.
      .where(`EXISTS (SELECT 1 FROM ${esc('progress_report_version')} v WHERE v.${esc('reportId')} = r.id)`);
    if (query.month !== undefined) qb.andWhere('r.period = :month', { month: query.month });
    if (query.plan !== undefined) qb.andWhere('item.planId = :plan', { plan: query.plan });
    if (query.department !== undefined) qb.andWhere('r.departmentId = :department', { department: query.department });
    if (query.unread) qb.andWhere('r.state = :submitted AND r.readAt IS NULL', { submitted: 'submitted' });
    const [reports, total] = await qb
      .orderBy('r.period', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return { total, page: query.page, pageSize: query.pageSize, rows: await this.rows(reports) };
  }

  async one(actor: Actor, id: number): Promise<ReviewRow> {
    if (!this.access.readsAsOffice(actor)) throw forbidden('只有质量强市办和领导可以审阅报送的进展');
    const report = await this.dataSource.getRepository(ProgressReport).findOne({ where: { id }, relations: { department: true } });
    const [row] = report ? await this.rows([report]) : [];
    if (!row) throw new NotFoundException(`进展报告不存在或尚未报送:${id}`);
    return row;
  }

  /** 标为已读: from now on the department can no longer withdraw the report. */
  async read(actor: Actor, id: number): Promise<ReviewRow> {
    this.access.assertCoordinator(actor, '审阅进展');
    await this.dataSource.transaction(async (manager) => {
      const report = await this.submitted(manager.getRepository(ProgressReport), id);
      if (report.readAt !== null) return;
      await manager.getRepository(ProgressReport).update({ id }, { readAt: this.clock.now(), readById: actor.id });
      await this.audit.record(manager, actor, 'report.read', 'progress_report', id, report.itemId, null, { period: report.period });
    });
    return this.one(actor, id);
  }

  async comment(actor: Actor, id: number, text: string): Promise<ReviewRow> {
    this.access.assertCoordinator(actor, '评论进展');
    if (text.trim() === '') throw badRequest('请填写评论内容');
    await this.dataSource.transaction(async (manager) => {
      const report = await manager.getRepository(ProgressReport).findOneBy({ id });
      if (!report || !(await manager.getRepository(ProgressReportVersion).existsBy({ reportId: id }))) throw new NotFoundException(`进展报告不存在或尚未报送:${id}`);
      const saved = await manager.getRepository(ReportComment).save({ reportId: id, authorId: actor.id, text: text.trim(), createdAt: this.clock.now() });
      await this.audit.record(manager, actor, 'report.comment', 'report_comment', saved.id, report.itemId, null, { text: saved.text, period: report.period });
    });
    return this.one(actor, id);
  }

  /** 退回补充: back to its department as a draft, with the reason; the submitted version stays in the history. */
  async giveBack(actor: Actor, id: number, reason: string): Promise<ReviewRow> {
    this.access.assertCoordinator(actor, '退回进展');
    if (reason.trim() === '') throw badRequest('退回补充必须填写理由');
    await this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(ProgressReport);
      const report = await this.submitted(repo, id);
      await this.access.findWritableItem(report.itemId, manager);
      await repo.update({ id }, { state: 'draft', returnReason: reason.trim(), readAt: report.readAt ?? this.clock.now(), readById: report.readById ?? actor.id });
      await endVersion(manager, id, 'returned');
      await this.audit.record(manager, actor, 'report.return', 'progress_report', id, report.itemId, { state: 'submitted' }, { state: 'draft', returnReason: reason.trim(), period: report.period });
      // Told to the department, once per submission sent back.
      const submission = await manager.getRepository(ProgressReportVersion).countBy({ reportId: id });
      await this.decisions.record(manager, { event: 'report-returned', refId: id, occurrence: submission, itemId: report.itemId });
    });
    return this.one(actor, id);
  }

  private async submitted(repo: Repository<ProgressReport>, id: number): Promise<ProgressReport> {
    const report = await repo.findOneBy({ id });
    if (!report) throw new NotFoundException(`进展报告不存在:${id}`);
    if (report.state !== 'submitted') throw conflict('该进展不在已报送状态(已撤回修改或已退回补充)');
    return report;
  }

  private async rows(reports: ProgressReport[]): Promise<ReviewRow[]> {
    if (reports.length === 0) return [];
    const ids = reports.map((r) => r.id);
    const items = new Map((await this.dataSource.getRepository(Item).find({ where: { id: In(reports.map((r) => r.itemId)) }, select: { id: true, number: true, title: true, planId: true } })).map((i) => [i.id, i]));
    const plans = new Map((await this.dataSource.getRepository(Plan).find({ where: { id: In([...new Set([...items.values()].map((i) => i.planId))]) }, select: { id: true, title: true } })).map((p) => [p.id, p]));
    const versions = await this.dataSource.getRepository(ProgressReportVersion).find({ where: { reportId: In(ids) }, order: { number: 'ASC' } });
    const comments = await this.dataSource.getRepository(ReportComment).find({ where: { reportId: In(ids) }, order: { id: 'ASC' } });
    const users = new Map((await this.dataSource.getRepository(User).find({ where: { id: In([...new Set(comments.map((c) => c.authorId))]) }, select: { id: true, displayName: true } })).map((u) => [u.id, u.displayName]));
    const out: ReviewRow[] = [];
    for (const r of reports) {
      const mine = versions.filter((v) => v.reportId === r.id);
      const last = mine[mine.length - 1];
      const item = items.get(r.itemId);
      if (!last || !item) continue;
      const state: ReviewState = r.state === 'submitted' ? (r.readAt ? 'read' : 'unread') : last.endedBy === 'returned' ? 'returned' : 'withdrawn';
      out.push({
        id: r.id,
        itemId: r.itemId,
        itemNumber: item.number,
        itemTitle: item.title,
        planId: item.planId,
        planTitle: plans.get(item.planId)?.title ?? '',
        departmentId: r.departmentId,
        departmentName: r.department?.name ?? '',
        role: r.role,
        period: r.period,
        text: last.text,
        percent: last.percent,
        submittedAt: last.submittedAt,
        late: r.late,
        state,
        readAt: r.readAt,
        returnReason: r.returnReason,
        versions: mine.map((v) => ({ number: v.number, text: v.text, percent: v.percent, submittedAt: v.submittedAt, endedBy: v.endedBy })),
        comments: comments.filter((c) => c.reportId === r.id).map((c) => ({ id: c.id, author: users.get(c.authorId) ?? '', text: c.text, createdAt: c.createdAt })),
      });
    }
    return out;
  }
}
