import { Assignment, chineseNumeral, type IssuingOffice, isOverdue, Item, Plan, planDisplayName, type WorkingCalendar } from '#domain';
import { chineseDate } from '#mail';
import { type EntityManager, In } from 'typeorm';
import type { Block, OfficialDocumentModel } from './official.js';

/** What a 督办通知单 or 催办函 says about one item, read from the database. */
export interface NoticeItem {
  id: number;
  number: string;
  title: string;
  plan: string;
  leadId: number | null;
  lead: string;
  co: string[];
  deadline: string | null;
  dueText: string | null;
  status: string;
  overdueDays: number;
}

/** The items (in the given order), with their plan's name (never its file name) and departments. */
export async function loadNoticeItems(manager: EntityManager, itemIds: number[], today: string, calendar: WorkingCalendar): Promise<NoticeItem[]> {
  if (itemIds.length === 0) return [];
  const items = await manager.getRepository(Item).find({ where: { id: In(itemIds) } });
  const plans = await manager.getRepository(Plan).find({ where: { id: In([...new Set(items.map((i) => i.planId))]) }, select: { id: true, title: true, sourceFileName: true, issuer: true, issued: true } });
  const assignments = await manager.getRepository(Assignment).find({ where: { itemId: In(itemIds) }, relations: { department: true }, order: { id: 'ASC' } });
  const byId = new Map(items.map((i) => [i.id, i]));
  const planName = new Map(plans.map((p) => [p.id, planDisplayName(p)]));
  return itemIds.flatMap((id) => {
    const item = byId.get(id);
    if (!item) return [];
    const own = assignments.filter((a) => a.itemId === id);
    const lead = own.find((a) => a.role === 'lead');
    const late = isOverdue(item.status, item.deadline, today);
    return [
      {
        id,
        number: item.number,
        title: item.title,
        plan: planName.get(item.planId) ?? '',
        leadId: lead?.departmentId ?? null,
        lead: lead?.department.name ?? '',
        co: own.filter((a) => a.role === 'co').map((a) => a.department.name),
        deadline: item.deadline,
        dueText: item.dueText,
        status: item.status,
        overdueDays: late && item.deadline ? calendar.workingDaysBetween(item.deadline, today) : 0,
      },
    ];
  });
}

/** The progress-reporting day feedback is due by: this month's, or next month's once it has passed. */
export function feedbackDay(today: string, reportDueDay: number): string {
  const dayOf = (y: number, m: number) => {
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return `${y}-${String(m).padStart(2, '0')}-${String(Math.min(reportDueDay, last)).padStart(2, '0')}`;
  };
  const [y, m] = today.split('-').map(Number) as [number, number];
  const thisMonth = dayOf(y, m);
  return today <= thisMonth ? thisMonth : m === 12 ? dayOf(y + 1, 1) : dayOf(y, m + 1);
}

/** "3.推进标准化建设", "(五)实施品牌发展战略": a bracketed number takes no full stop. */
export function itemLabel(number: string, title: string): string {
  const n = number.replace(/[.、.]$/u, '');
  if (!n) return title;
  return /[))]$/u.test(n) ? `${n}${title}` : `${n}.${title}`;
}

function timeLimit(item: NoticeItem): string {
  if (item.deadline) return `${chineseDate(item.deadline)}前${item.overdueDays ? `(已逾期${item.overdueDays}个工作日)` : ''}`;
  return item.dueText ?? '未定';
}

/** The 督办要求 of an item: what its state asks for (an urge's own message replaces it in a 催办函). */
export function noticeRequirement(item: NoticeItem): string {
  if (item.status === '已完成(待审核)') return '该事项已报完成,请备齐佐证材料,配合做好审核销号。';
  if (item.overdueDays) return `该事项已超过办理时限${item.overdueDays}个工作日,请牵头单位认真分析原因,采取有效措施尽快完成;确需延期的,按程序提交延期申请。`;
  if (item.status === '未启动') return '该事项尚未启动,请牵头单位尽快制定工作方案,明确责任人和时间节点,会同配合单位抓好落实。';
  return '请牵头单位会同配合单位按照办理时限抓好落实,确保按期保质完成。';
}

export interface NoticeInput {
  kind: 'notice' | 'letter';
  office: IssuingOffice;
  items: NoticeItem[];
  /** Addressed to (the lead department). */
  department: string;
  /** YYYY-MM-DD of the document. */
  date: string;
  /** Feedback due by, YYYY-MM-DD. */
  feedbackBy: string;
  /** A 催办函's message (the urge's text): its 督办要求. */
  message?: string;
}

/** A 督办通知单 (督办事项, 责任单位, 办理时限, 督办要求, 反馈方式和时间) or a 催办函 in the same form. */
export function noticeModel(input: NoticeInput, number: string): OfficialDocumentModel {
  const { office, items } = input;
  const letter = input.kind === 'letter';
  const plans = [...new Set(items.map((i) => i.plan).filter(Boolean))];
  const feedback = `请于${chineseDate(input.feedbackBy)}前通过督办系统报送办理进展和佐证材料${office.contact ? `;${office.contact}` : ''}。`;
  const blocks: Block[] = [
    {
      kind: 'p',
      text: letter
        ? `${plans.length ? `《${plans.join('》《')}》中` : ''}由你单位牵头的以下事项,现予催办,请按要求抓紧办理。`
        : `根据${plans.length ? `《${plans.join('》《')}》` : '工作安排'},现将以下${items.length > 1 ? `${items.length}项` : ''}事项列入督办,请按要求办理。`,
    },
  ];
  items.forEach((item, i) => {
    if (items.length > 1) blocks.push({ kind: 'h2', text: `(${chineseNumeral(i + 1)})${item.title}` });
    blocks.push({
      kind: 'table',
      head: [],
      rows: [
        ['督办事项', itemLabel(item.number, item.title)],
        ['责任单位', `牵头单位:${item.lead || '未分配'}${item.co.length ? `;配合单位:${item.co.join('、')}` : ''}`],
        ['办理时限', timeLimit(item)],
        ['督办要求', letter && input.message ? input.message : noticeRequirement(item)],
        ['反馈方式和时间', feedback],
      ],
      widths: [22, 78],
    });
  });
  return {
    issuer: office.issuer,
    number,
    title: letter ? '催办函' : '督办通知单',
    addressee: input.department,
    blocks,
    signature: office.signature,
    date: chineseDate(input.date),
    cc: office.cc,
    printedBy: office.issuer,
    printedOn: chineseDate(input.date),
  };
}
