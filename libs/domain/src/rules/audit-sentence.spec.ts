import { auditSentence, type AuditSentenceInput } from './audit-sentence.js';

const departments: Record<number, string> = { 3: '市市场监管局', 4: '市发改委', 5: '市工信局' };
const entry = (action: string, after: unknown, before: unknown = null, priv = false): AuditSentenceInput => ({
  action,
  who: '张三(市质量强市办)',
  before,
  after,
  private: priv,
  department: (id) => departments[id] ?? '已删除的单位',
});

describe('auditSentence', () => {
  it.each<[string, AuditSentenceInput, string]>([
    ['assignment', entry('item.assign', { lead: 3, co: [4, 5], deadline: '2026-12-31', dueText: '2026年12月底前' }), '张三(市质量强市办)分配牵头单位:市市场监管局;配合单位:市发改委、市工信局;期限:2026年12月底前(2026年12月31日)'],
    ['deadline', entry('item.deadline', { deadline: '2027-03-31', dueText: '2027-03-31' }, { deadline: '2026-12-31', dueText: null }), '张三(市质量强市办)将期限由“2026年12月31日”调整为“2027年3月31日”'],
    ['complete', entry('item.transition', { action: 'complete', status: '已完成(待审核)', statusReason: '已建成' }), '张三(市质量强市办)报完成,办结情况:已建成'],
    ['close', entry('item.transition', { action: 'close', statusReason: '同意销号' }), '张三(市质量强市办)销号,销号意见:同意销号'],
    ['reopen', entry('item.transition', { action: 'reopen', statusReason: '误销号' }), '张三(市质量强市办)撤销销号,理由:误销号'],
    ['start', entry('item.transition', { action: 'start', statusReason: null }), '张三(市质量强市办)启动了事项'],
    ['a draft, for its department', entry('report.save', { period: '2026-10', text: '内部' }), '张三(市质量强市办)保存了2026年10月进展草稿'],
    ['a draft, for outsiders', entry('report.save', null, null, true), '张三(市质量强市办)保存了草稿'],
    ['a draft attachment, for outsiders', entry('report.attach', null, null, true), '张三(市质量强市办)为草稿上传了附件'],
    ['second submission', entry('report.submit', { period: '2026-10', submission: 2 }), '张三(市质量强市办)报送了2026年10月进展(第2次报送)'],
    ['returned report', entry('report.return', { period: '2026-10', returnReason: '请补充' }), '张三(市质量强市办)将2026年10月进展退回补充,理由:请补充'],
    ['overdue explanation', entry('extension.explain', { requestedDeadline: '2026-11-30', previousDeadline: '2026-10-09', reason: '设备未到' }), '张三(市质量强市办)提交逾期说明,提出新的完成时限2026年11月30日(原期限2026年10月9日),原因:设备未到'],
    ['extension approved', entry('extension.approve', { state: 'approved', decisionReason: '同意' }), '张三(市质量强市办)批准了延期,意见:同意'],
    ['urge with co', entry('urge.create', { leadDepartmentId: 3, coDepartmentIds: [4], message: '请尽快' }), '张三(市质量强市办)催办市市场监管局,抄送配合单位市发改委,内容:请尽快'],
    ['sign-in', entry('auth.login', null), '张三(市质量强市办)登录'],
    ['queue administration', entry('queue.action', { method: 'POST' }), '张三(市质量强市办)后台任务管理'],
    ['monthly report', entry('monthly_report.request', { month: '2026-10' }), '张三(市质量强市办)生成了2026年10月月报'],
  ])('%s', (_name, input, expected) => expect(auditSentence(input)).toBe(expected));

  it('never shows an id or a code for a department', () => {
    expect(auditSentence(entry('item.assign', { lead: 99, co: [], deadline: null }))).toBe('张三(市质量强市办)分配牵头单位:已删除的单位;配合单位:无;期限:未定');
  });
});
