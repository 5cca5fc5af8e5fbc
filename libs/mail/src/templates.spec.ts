import { chineseDate, escapeHtml, renderDeadlineReminder, renderReportingDuty, renderUrge, type ItemFacts } from './templates.js';

const item: ItemFacts = {
  id: 7,
  number: '26.',
  title: '加强<b>质量</b>文化宣传 & "品牌"',
  planTitle: '2026年工作要点',
  leadName: '市市场监管局',
  coNames: ['市发展改革委'],
  dueText: '10月底前',
  deadline: '2026-10-31',
  link: 'http://duban.test/#/items/7',
};

describe('mail templates', () => {
  it.each([
    ['<script>', '&lt;script&gt;'],
    ['a & b', 'a &amp; b'],
    [`"x" 'y'`, '&quot;x&quot; &#39;y&#39;'],
  ])('escapes %s', (input, expected) => expect(escapeHtml(input)).toBe(expected));

  it.each([
    ['before', 5, 0, '2026-10-24', '【督办提醒】26.加强<b>质量</b>文化宣传 & "品牌" 距完成期限还有5个工作日'],
    ['due', 0, 0, '2026-10-31', '【督办提醒】26.加强<b>质量</b>文化宣传 & "品牌" 今日到期'],
    ['overdue', 0, 3, '2026-11-04', '【逾期提醒】26.加强<b>质量</b>文化宣传 & "品牌" 已逾期3个工作日'],
    ['escalation', 0, 5, '2026-11-06', '【逾期升级】26.加强<b>质量</b>文化宣传 & "品牌" 已逾期5个工作日,抄送质量强市办'],
  ] as const)('%s: subject, escaped HTML, plain text', (rule, daysLeft, overdueDays, day, subject) => {
    const mail = renderDeadlineReminder({ rule, item, daysLeft, overdueDays, day });
    expect(mail.subject).toBe(subject);
    expect(mail.html).toContain('加强&lt;b&gt;质量&lt;/b&gt;文化宣传 &amp; &quot;品牌&quot;');
    expect(mail.html).not.toContain('<b>质量');
    expect(mail.html).toContain('href="http://duban.test/#/items/7"');
    expect(mail.text).toContain('事项:加强<b>质量</b>文化宣传 & "品牌"');
    expect(mail.text).toContain('完成期限:2026年10月31日(原文:10月底前)');
  });

  it('puts the urge message in, escaped, and keeps subjects on one line', () => {
    const mail = renderUrge({ item: { ...item, title: '标题\n换行' }, message: '请<i>尽快</i>', urgedAt: '2026年11月3日', daysLeft: 2, overdueDays: 0, day: '2026-10-28' });
    expect(mail.subject).toBe('【催办】26.标题 换行');
    expect(mail.html).toContain('催办意见:请&lt;i&gt;尽快&lt;/i&gt;');
  });

  it('lists the items a department has to report on', () => {
    const mail = renderReportingDuty({ departmentName: '市经信局', month: '2026-10', deadline: '2026-10-25', items: [item], link: 'http://duban.test' });
    expect(mail.subject).toBe('【进展报送提醒】请于2026年10月25日前报送2026年10月工作进展');
    expect(mail.text).toContain('1. 2026年工作要点:26.加强<b>质量</b>文化宣传 & "品牌" http://duban.test/#/items/7');
  });

  it('writes dates the Chinese way', () => expect(chineseDate('2026-01-05')).toBe('2026年1月5日'));

  // The one extension rule: up to the deadline a reminder invites a 延期申请, after it a 逾期说明, never an extension.
  it.each([
    ['before', '2026-10-24', /确需延期的,请在期限前提交延期申请/],
    ['due', '2026-10-31', /确需延期的,请在期限前提交延期申请/],
    ['overdue', '2026-11-04', /不能再申请延期,请提交逾期说明并提出新的完成时限/],
    ['escalation', '2026-11-06', /^(?![\s\S]*提交延期申请)/],
  ] as const)('%s reminder on %s invites what the rule allows', (rule, day, expected) => {
    const mail = renderDeadlineReminder({ rule, item, daysLeft: 0, overdueDays: 3, day });
    expect(mail.text).toMatch(expected);
    if (rule === 'overdue') expect(mail.text).not.toMatch(/提交延期申请/);
  });

  it('an urge on an overdue item invites a 逾期说明, not an extension', () => {
    const mail = renderUrge({ item, message: '请尽快办理', urgedAt: '2026年11月3日', daysLeft: 0, overdueDays: 2, day: '2026-11-03' });
    expect(mail.text).toMatch(/请提交逾期说明/);
    expect(mail.text).not.toMatch(/提交延期申请/);
  });
});
