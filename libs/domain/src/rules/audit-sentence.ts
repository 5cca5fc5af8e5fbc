/**
 * The 操作日志 as Chinese sentences a reader understands: actions as words, departments and users by
 * name, dates as dates ("期限:2026年12月31日"), never codes or ids. Pure: the API resolves the names.
 */

/** Audit log actions as words (the log's 操作 column, and the fallback of a sentence). */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'item.transition': '状态变更',
  'item.assign': '分配单位',
  'item.assign.bulk': '批量分配',
  'item.deadline': '设定期限',
  'item.deadline.extend': '延期',
  'item.evidence': '上传佐证材料',
  'report.create': '保存进展草稿',
  'report.save': '保存进展草稿',
  'report.submit': '报送进展',
  'report.attach': '上传附件',
  'report.withdraw': '撤回进展',
  'report.read': '阅读进展',
  'report.comment': '评论进展',
  'report.return': '退回补充',
  'extension.request': '申请延期',
  'extension.explain': '提交逾期说明',
  'extension.approve': '批准延期',
  'extension.reject': '驳回延期',
  'urge.create': '催办',
  'auth.login': '登录',
  'auth.login_failed': '登录失败',
  'auth.logout': '退出登录',
  'auth.session_revoke': '结束登录会话',
  'token.create': '创建访问令牌',
  'token.revoke': '撤销访问令牌',
  'user.create': '新建用户',
  'user.update': '修改用户',
  'user.password': '修改密码',
  'department.create': '新建单位',
  'department.update': '修改单位',
  'department.merge': '合并单位',
  'department.alias': '单位别名',
  'department.alias.add': '添加单位别名',
  'setting.update': '修改系统设置',
  'setting.reset': '恢复系统设置',
  'plan.import': '导入方案',
  'plan.revise': '导入修订版方案',
  'plan.update': '修改方案信息',
  'plan.archive': '归档方案',
  'indicator.department': '指定指标责任单位',
  'indicator.reading': '填报指标',
  'queue.action': '后台任务管理',
  'monthly_report.request': '生成月报',
};

const TRANSITION_WORDS: Record<string, [string, string | null]> = {
  start: ['启动了事项', null],
  complete: ['报完成', '办结情况'],
  close: ['销号', '销号意见'],
  reopen: ['撤销销号', '理由'],
  return: ['退回事项', '理由'],
  suspend: ['暂缓事项', '理由'],
  resume: ['恢复推进', null],
};

export interface AuditSentenceInput {
  action: string;
  /** Who, as a reader knows them: "张三(市市场监管局)", or "系统". */
  who: string;
  before: unknown;
  after: unknown;
  /** A draft's entry read by someone outside its department: that a draft was saved, never what it says. */
  private: boolean;
  /** Department names by id. */
  department: (id: number) => string;
}

type Fields = Record<string, unknown>;

/** "2026-12-31" -> "2026年12月31日"; other text as it is. */
export function readableDate(value: unknown): string {
  const s = String(value ?? '');
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : s;
}

function month(value: unknown): string {
  const m = /^(\d{4})-(\d{2})$/.exec(String(value ?? ''));
  return m ? `${m[1]}年${Number(m[2])}月` : '';
}

function deadlineOf(f: Fields | null): string {
  if (!f) return '未定';
  if (typeof f.dueText === 'string' && f.dueText !== '' && f.dueText !== f.deadline) return f.deadline ? `${f.dueText}(${readableDate(f.deadline)})` : f.dueText;
  return f.deadline ? readableDate(f.deadline) : '未定';
}

const withText = (label: string, text: unknown) => (typeof text === 'string' && text.trim() !== '' ? `,${label}:${text.trim()}` : '');

export function auditSentence(e: AuditSentenceInput): string {
  const after = (e.after ?? null) as Fields | null;
  const before = (e.before ?? null) as Fields | null;
  const names = (ids: unknown) => (Array.isArray(ids) && ids.length ? ids.map((id) => e.department(Number(id))).join('、') : '无');
  const who = e.who;
  switch (e.action) {
    case 'item.transition': {
      const [words, label] = TRANSITION_WORDS[String(after?.action)] ?? ['变更了状态', null];
      return `${who}${words}${label ? withText(label, after?.statusReason) : ''}`;
    }
    case 'item.assign':
    case 'item.assign.bulk':
      return `${who}分配牵头单位:${after?.lead ? e.department(Number(after.lead)) : '无'};配合单位:${names(after?.co)};期限:${deadlineOf(after)}`;
    case 'item.deadline':
      return `${who}将期限由“${deadlineOf(before)}”调整为“${deadlineOf(after)}”`;
    case 'item.deadline.extend':
      return `${who}批准后,期限由${readableDate(before?.deadline)}延至${readableDate(after?.deadline)}`;
    case 'item.evidence':
      return `${who}上传了佐证材料《${String(after?.fileName ?? '')}》`;
    case 'report.create':
    case 'report.save':
      return e.private ? `${who}保存了草稿` : `${who}保存了${month(after?.period)}进展草稿`;
    case 'report.attach':
      return e.private ? `${who}为草稿上传了附件` : `${who}上传了附件《${String(after?.fileName ?? '')}》`;
    case 'report.submit':
      return `${who}报送了${month(after?.period)}进展${Number(after?.submission) > 1 ? `(第${after?.submission}次报送)` : ''}`;
    case 'report.withdraw':
      return `${who}撤回了${month(after?.period)}进展以便修改`;
    case 'report.read':
      return `${who}阅读了${month(after?.period)}进展`;
    case 'report.comment':
      return `${who}评论了${month(after?.period)}进展${withText('评论', after?.text)}`;
    case 'report.return':
      return `${who}将${month(after?.period)}进展退回补充${withText('理由', after?.returnReason)}`;
    case 'extension.request':
      return `${who}申请延期至${readableDate(after?.requestedDeadline)}(原期限${readableDate(after?.previousDeadline)})${withText('理由', after?.reason)}`;
    case 'extension.explain':
      return `${who}提交逾期说明,提出新的完成时限${readableDate(after?.requestedDeadline)}(原期限${readableDate(after?.previousDeadline)})${withText('原因', after?.reason)}`;
    case 'extension.approve':
      return `${who}批准了延期${withText('意见', after?.decisionReason)}`;
    case 'extension.reject':
      return `${who}驳回了延期${withText('理由', after?.decisionReason)}`;
    case 'urge.create': {
      const co = Array.isArray(after?.coDepartmentIds) && after.coDepartmentIds.length ? `,抄送配合单位${names(after.coDepartmentIds)}` : '';
      return `${who}催办${after?.leadDepartmentId ? e.department(Number(after.leadDepartmentId)) : ''}${co}${withText('内容', after?.message)}`;
    }
    case 'monthly_report.request':
      return `${who}生成了${month(after?.month)}月报`;
    case 'auth.login_failed':
      return `${who}登录失败`;
    default:
      return `${who}${AUDIT_ACTION_LABELS[e.action] ?? '操作'}`;
  }
}
