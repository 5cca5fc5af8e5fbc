import { EXTENSION_STATE_LABELS } from '#contracts';
import type { AppConfig } from '#config';
import { Assignment, type DecisionEvent, Department, ExtensionRequest, Item, Plan, ProgressReport } from '#domain';
import { chineseDate, itemLabel, type RenderedMail, renderDecision } from '#mail';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { CONFIG } from '../common/tokens.js';
import { ItemFactsService } from '../reminders/item-facts.service.js';
import { type Addressed, RecipientsService } from './recipients.service.js';

export type DecisionMail = { mail: RenderedMail; addressed: Addressed } | { withdrawn: string };

/** "2026-10" -> "2026年10月". */
const monthLabel = (period: string) => `${Number(period.slice(0, 4))}年${Number(period.slice(5, 7))}月`;

/**
 * Writes a decision's mail when it is sent (the API recorded only its key, in the decision's
 * transaction): who decided what, for whom, from the records as they are now.
 */
@Injectable()
export class DecisionMailService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly items: ItemFactsService,
    private readonly recipients: RecipientsService,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  async compose(row: { key: string; rule: string | null; itemId: number | null }): Promise<DecisionMail> {
    const event = row.rule as DecisionEvent;
    const refId = Number(row.key.split('.')[2]);
    if (event === 'plan-revised') return this.planRevised(refId);
    const [tracked] = row.itemId === null ? [] : await this.items.load({ ids: [row.itemId] });
    if (!tracked) return { withdrawn: '事项已删除' };
    const item = tracked.facts;
    const link = { href: item.link, label: '在督办系统中查看事项' };
    const title = itemLabel(item);
    const departments = (ids: number[]) => this.items.departments(ids);
    const address = (to: Department[], cc: Department[] = []) => this.recipients.address(to, cc, 'none');
    switch (event) {
      case 'extension-approved':
      case 'extension-rejected': {
        const request = await this.dataSource.getRepository(ExtensionRequest).findOne({ where: { id: refId } });
        if (!request) return { withdrawn: '延期申请已删除' };
        const to = await departments([request.departmentId]);
        const approved = event === 'extension-approved';
        const intro = [
          `${to[0]?.name ?? item.leadName}:您单位对以下事项提出的延期申请(申请延期至${chineseDate(request.requestedDeadline)})${approved ? '已获批准' : '已被驳回'}。`,
          `申请理由:${request.reason}`,
          approved ? `新的完成期限为${chineseDate(request.requestedDeadline)}。` : '请按原定期限办理。',
          ...(request.decisionReason ? [`${approved ? '审批意见' : '驳回理由'}:${request.decisionReason}`] : []),
        ];
        return { mail: renderDecision({ tag: `延期${EXTENSION_STATE_LABELS[request.state]}`, title, intro, item, link }), addressed: await address(to) };
      }
      case 'report-returned': {
        const report = await this.dataSource.getRepository(ProgressReport).findOne({ where: { id: refId } });
        if (!report) return { withdrawn: '进展报告已删除' };
        const to = await departments([report.departmentId]);
        const intro = [`${to[0]?.name ?? ''}:您单位报送的${monthLabel(report.period)}进展已被质量强市办退回补充,请补充后重新报送。`, ...(report.returnReason ? [`退回理由:${report.returnReason}`] : [])];
        return { mail: renderDecision({ tag: '进展退回', title, intro, item, link }), addressed: await address(to) };
      }
      case 'item-returned':
      case 'item-closed': {
        const current = await this.dataSource.getRepository(Item).findOne({ where: { id: item.id }, select: { id: true, statusReason: true } });
        const closed = event === 'item-closed';
        const intro = closed
          ? [`${item.leadName}:您单位牵头的以下事项已经质量强市办审核销号。`]
          : [`${item.leadName}:您单位牵头的以下事项已被质量强市办退回,请按意见继续办理。`, ...(current?.statusReason ? [`退回理由:${current.statusReason}`] : [])];
        return { mail: renderDecision({ tag: closed ? '已销号' : '事项退回', title, intro, item, link }), addressed: await address(tracked.lead ? [tracked.lead] : [], tracked.co) };
      }
      case 'contribution-received': {
        const report = await this.dataSource.getRepository(ProgressReport).findOne({ where: { id: refId } });
        if (!report) return { withdrawn: '进展报告已删除' };
        const [from] = await departments([report.departmentId]);
        const intro = [
          `${item.leadName}:配合单位${from?.name ?? ''}已报送以下事项${monthLabel(report.period)}的配合进展${report.percent === null ? '' : `(完成 ${report.percent}%)`}。`,
          `进展:${report.text.length > 300 ? `${report.text.slice(0, 300)}…` : report.text}`,
        ];
        return { mail: renderDecision({ tag: '配合进展', title, intro, item, link }), addressed: await address(tracked.lead ? [tracked.lead] : []) };
      }
    }
    return { withdrawn: `未知的通知类型:${String(event)}` };
  }

  /** A revised plan: every department with an item in it hears of the new version. */
  private async planRevised(planId: number): Promise<DecisionMail> {
    const plan = await this.dataSource.getRepository(Plan).findOne({ where: { id: planId } });
    if (!plan) return { withdrawn: '方案已删除' };
    const assigned = await this.dataSource
      .getRepository(Assignment)
      .createQueryBuilder('a')
      .innerJoin(Item, 'item', 'item.id = a.itemId')
      .select('DISTINCT a.departmentId', 'departmentId')
      .where('item.planId = :planId', { planId })
      .getRawMany<{ departmentId: number | string }>();
    const to = await this.dataSource.getRepository(Department).find({ where: { id: In(assigned.map((a) => Number(a.departmentId))) }, order: { id: 'ASC' } });
    const intro = [`各有关单位:《${plan.title}》已更新为第 ${plan.version} 版${plan.issued ? `(${chineseDate(plan.issued)}印发)` : ''}。未变的事项保留原有办理状态,请查看本单位事项的变化。`];
    const link = { href: `${this.config.DUBAN_PUBLIC_URL.replace(/\/$/, '')}/#/plans/${plan.id}`, label: '在督办系统中查看方案' };
    return { mail: renderDecision({ tag: '方案修订', title: plan.title, intro, item: null, link }), addressed: await this.recipients.address(to, [], 'none') };
  }
}
