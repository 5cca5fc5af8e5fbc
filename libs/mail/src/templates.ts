/**
 * Mail texts (Chinese): subject, HTML and plain-text bodies. Everything users typed
 * (titles, department names, urge messages) is escaped in the HTML.
 */
import { EXTENSION_INVITATIONS, extensionKindOn } from '#domain';
export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Subjects are one line. */
function oneLine(value: string): string {
  return value.replace(/[\r\n\t]+/g, ' ').trim();
}

export interface ItemFacts {
  id: number;
  number: string;
  title: string;
  planTitle: string;
  leadName: string;
  coNames: string[];
  /** As printed, e.g. "2026年10月9日前". */
  dueText: string | null;
  /** YYYY-MM-DD. */
  deadline: string | null;
  link: string;
}

/** "2026-10-09" -> "2026年10月9日". */
export function chineseDate(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

function itemLabel(item: ItemFacts): string {
  const number = item.number.replace(/[.、.]$/u, '');
  return `${number}.${item.title}`;
}

function factRows(item: ItemFacts, timing: string): [string, string][] {
  return [
    ['所属方案', item.planTitle],
    ['事项编号', item.number],
    ['事项', item.title],
    ['牵头单位', item.leadName],
    ['配合单位', item.coNames.length ? item.coNames.join('、') : '无'],
    ['完成期限', item.deadline ? `${chineseDate(item.deadline)}${item.dueText ? `(原文:${item.dueText})` : ''}` : (item.dueText ?? '未定')],
    ['办理时限', timing],
  ];
}

function htmlPage(heading: string, intro: string[], rows: [string, string][], link: { href: string; label: string } | null, extra = ''): string {
  const table = rows
    .map(([k, v]) => `<tr><th style="text-align:left;padding:4px 12px 4px 0;color:#555;white-space:nowrap">${escapeHtml(k)}</th><td style="padding:4px 0">${escapeHtml(v)}</td></tr>`)
    .join('');
  return [
    '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"></head>',
    '<body style="font-family:\'Microsoft YaHei\',\'PingFang SC\',sans-serif;font-size:14px;color:#222">',
    `<h2 style="font-size:18px">${escapeHtml(heading)}</h2>`,
    ...intro.map((p) => `<p>${escapeHtml(p)}</p>`),
    rows.length ? `<table style="border-collapse:collapse">${table}</table>` : '',
    extra,
    link ? `<p><a href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a></p>` : '',
    '<p style="color:#888;font-size:12px">此邮件由督办系统自动发送,请勿直接回复。</p>',
    '</body></html>',
  ].join('\n');
}

function textPage(heading: string, intro: string[], rows: [string, string][], link: { href: string; label: string } | null, extra: string[] = []): string {
  return [heading, '', ...intro, '', ...rows.map(([k, v]) => `${k}:${v}`), ...extra, '', ...(link ? [`${link.label}:${link.href}`] : []), '', '此邮件由督办系统自动发送,请勿直接回复。'].join('\n');
}

export interface DeadlineMailInput {
  rule: 'before' | 'due' | 'overdue' | 'escalation';
  item: ItemFacts;
  daysLeft: number;
  overdueDays: number;
  /** The day the reminder is about (YYYY-MM-DD): what it invites follows the extension rule on that day. */
  day: string;
}

/** What the lead department may do when the item cannot be done in time, by the one extension rule (libs/domain extension.ts). */
function invitation(item: ItemFacts, day: string): string {
  return item.deadline ? EXTENSION_INVITATIONS[extensionKindOn(item.deadline, day)] : '';
}

export function renderDeadlineReminder({ rule, item, daysLeft, overdueDays, day }: DeadlineMailInput): RenderedMail {
  const label = itemLabel(item);
  let subject: string;
  let timing: string;
  let intro: string;
  switch (rule) {
    case 'before':
      subject = `【督办提醒】${label} 距完成期限还有${daysLeft}个工作日`;
      timing = `剩余 ${daysLeft} 个工作日`;
      intro = `${item.leadName}:您单位牵头的以下事项将于${item.deadline ? chineseDate(item.deadline) : '近期'}到期,请抓紧推进,按时完成并报送进展;${invitation(item, day)}。`;
      break;
    case 'due':
      subject = `【督办提醒】${label} 今日到期`;
      timing = '今日到期';
      intro = `${item.leadName}:您单位牵头的以下事项今日到期,请及时完成并在系统中报完成;${invitation(item, day)}。`;
      break;
    case 'overdue':
      subject = `【逾期提醒】${label} 已逾期${overdueDays}个工作日`;
      timing = `已逾期 ${overdueDays} 个工作日`;
      intro = `${item.leadName}:您单位牵头的以下事项已逾期 ${overdueDays} 个工作日,请尽快完成;${invitation(item, day)}。`;
      break;
    case 'escalation':
      subject = `【逾期升级】${label} 已逾期${overdueDays}个工作日,抄送质量强市办`;
      timing = `已逾期 ${overdueDays} 个工作日`;
      intro = `质量强市办:以下事项已逾期 ${overdueDays} 个工作日,牵头单位为${item.leadName},请督促办理。`;
      break;
  }
  const rows = factRows(item, timing);
  const link = { href: item.link, label: '在督办系统中查看事项' };
  const heading = subject.replace(/^【[^】]+】/u, '');
  return { subject: oneLine(subject), html: htmlPage(heading, [intro], rows, link), text: textPage(heading, [intro], rows, link) };
}

export interface UrgeMailInput {
  item: ItemFacts;
  message: string;
  urgedAt: string;
  daysLeft: number;
  overdueDays: number;
  /** Today (YYYY-MM-DD), for the extension rule. */
  day: string;
}

export function renderUrge({ item, message, urgedAt, daysLeft, overdueDays, day }: UrgeMailInput): RenderedMail {
  const subject = `【催办】${itemLabel(item)}`;
  const timing = overdueDays > 0 ? `已逾期 ${overdueDays} 个工作日` : item.deadline ? `剩余 ${daysLeft} 个工作日` : '未定期限';
  const intro = [`${item.leadName}:质量强市办于${urgedAt}对您单位牵头的以下事项进行催办,请抓紧办理并及时报送进展。`, `催办意见:${message}`, ...(item.deadline ? [`${invitation(item, day)}。`] : [])];
  const rows = factRows(item, timing);
  const link = { href: item.link, label: '在督办系统中查看事项' };
  return { subject: oneLine(subject), html: htmlPage(`催办:${itemLabel(item)}`, intro, rows, link), text: textPage(`催办:${itemLabel(item)}`, intro, rows, link) };
}

export interface DutyMailInput {
  departmentName: string;
  month: string;
  deadline: string;
  items: ItemFacts[];
  link: string;
}

export function renderReportingDuty({ departmentName, month, deadline, items, link }: DutyMailInput): RenderedMail {
  const [y, m] = month.split('-').map(Number);
  const subject = `【进展报送提醒】请于${chineseDate(deadline)}前报送${y}年${m}月工作进展`;
  const intro = `${departmentName}:您单位牵头的以下 ${items.length} 项事项尚未报送${y}年${m}月工作进展,报送截止日期为${chineseDate(deadline)},请按时报送。`;
  const list = items.map((i) => `<li>${escapeHtml(i.planTitle)}:<a href="${escapeHtml(i.link)}">${escapeHtml(itemLabel(i))}</a></li>`).join('');
  const html = htmlPage(subject.replace(/^【[^】]+】/u, ''), [intro], [], { href: link, label: '登录督办系统报送进展' }, `<ol>${list}</ol>`);
  const text = textPage(subject.replace(/^【[^】]+】/u, ''), [intro], [], { href: link, label: '登录督办系统报送进展' }, items.map((i, n) => `${n + 1}. ${i.planTitle}:${itemLabel(i)} ${i.link}`));
  return { subject: oneLine(subject), html, text };
}

export interface DecisionMailInput {
  /** The subject's tag and text, e.g. ['延期批准', '26.加强质量文化宣传']. */
  tag: string;
  title: string;
  intro: string[];
  /** The item decided on, shown as the reminders show it; null for a plan. */
  item: ItemFacts | null;
  link: { href: string; label: string };
}

/** A decision told to a department: extension approved or rejected, report sent back, item returned or closed, a contribution, a plan revised. */
export function renderDecision({ tag, title, intro, item, link }: DecisionMailInput): RenderedMail {
  const subject = `【${tag}】${title}`;
  const rows = item ? factRows(item, item.deadline ? `完成期限 ${chineseDate(item.deadline)}` : '未定期限') : [];
  return { subject: oneLine(subject), html: htmlPage(`${tag}:${title}`, intro, rows, link), text: textPage(`${tag}:${title}`, intro, rows, link) };
}

export { itemLabel };
