/**
 * Errors as data: every 4xx (and 5xx) answer of the API is an ApiErrorBody. `code` says what happened
 * (from ERROR_CODES), `message` says it in Chinese (one sentence, or the list of them for a refused
 * request), and `errors` names each field a refusal concerns: its path in the request (`contactEmails`,
 * `officeHours.1`), its Chinese name and a FIELD_ERROR_CODES code. A message without a field belongs
 * to the form as a whole. The web shows each field's error next to that field.
 */

/** What went wrong, by answer; the Chinese title is the answer's `error`. */
export const ERROR_CODES = {
  invalid_request: '请求参数有误',
  unauthenticated: '未登录',
  forbidden: '无权操作',
  not_found: '未找到',
  method_not_allowed: '请求方法有误',
  timeout: '请求超时',
  conflict: '冲突',
  stale_version: '数据已被他人修改',
  too_large: '请求过大',
  unsupported_media_type: '不支持的格式',
  too_many_requests: '尝试过于频繁',
  server_error: '服务器错误',
  unavailable: '服务暂不可用',
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;

/** What is wrong with one field. */
export const FIELD_ERROR_CODES = {
  required: '必填',
  unknown_field: '不支持的参数',
  invalid_type: '类型不正确',
  invalid_format: '格式不正确',
  invalid_email: '邮箱地址无效',
  too_long: '过长',
  too_short: '过短',
  too_many: '过多',
  out_of_range: '超出范围',
  not_allowed: '不在可选范围内',
  duplicate: '已被使用',
  not_found: '不存在',
  incorrect: '不正确',
  invalid: '无效',
} as const;
export type FieldErrorCode = keyof typeof FIELD_ERROR_CODES;

export interface FieldError {
  /** The field's path in the request: a property name, nested ones joined by dots (`officeHours.1`). */
  field: string;
  /** The field as users call it, e.g. 联系邮箱. */
  fieldLabel: string;
  code: FieldErrorCode;
  /** One Chinese sentence naming the field by its label, e.g. "联系邮箱中有无效的邮箱地址". */
  message: string;
}

/** An error answer. */
export interface ApiErrorBody {
  statusCode: number;
  code: ErrorCode;
  /** A short Chinese title (e.g. 请求参数有误). */
  error?: string;
  /** One Chinese sentence, or (400) the list of them: the field errors' messages and those for the whole request. */
  message: string | string[];
  errors?: FieldError[];
}

/** The code of an answer whose thrower named none. */
export function errorCodeForStatus(status: number): ErrorCode {
  const byStatus: Record<number, ErrorCode> = {
    400: 'invalid_request',
    401: 'unauthenticated',
    403: 'forbidden',
    404: 'not_found',
    405: 'method_not_allowed',
    408: 'timeout',
    409: 'conflict',
    413: 'too_large',
    415: 'unsupported_media_type',
    429: 'too_many_requests',
    503: 'unavailable',
  };
  return byStatus[status] ?? (status >= 500 ? 'server_error' : 'invalid_request');
}

/**
 * The Chinese names of the request fields, by property name (the API's request types use each name
 * for one thing). A request type may name a field otherwise where the same word means something
 * else (the API's @FieldLabel).
 */
export const FIELD_LABELS: Record<string, string> = {
  action: '操作',
  active: '启用状态',
  again: '确认新密码',
  alias: '别名',
  archived: '归档状态',
  beforeDays: '提前提醒的工作日数',
  city: '城市',
  co: '配合单位',
  columns: '列',
  contactEmails: '联系邮箱',
  copyCo: '抄送配合单位的提醒',
  currentPassword: '当前密码',
  deadline: '完成期限',
  deadlineFrom: '期限起始日期',
  deadlineTo: '期限截止日期',
  decision: '审批结果',
  decisionReason: '审批意见',
  decisions: '修订对应',
  department: '单位',
  departmentId: '所属单位',
  dir: '排序方向',
  displayName: '姓名',
  docNumber: '文号',
  due: '期限',
  email: '邮箱',
  endDate: '截止日期',
  escalateFrom: '抄送质量强市办的逾期工作日数',
  expiresInDays: '有效天数',
  field: '字段',
  from: '并入的单位',
  holidays: '放假日期',
  includeCo: '是否含配合事项',
  issued: '印发日期',
  issuer: '印发机关',
  item: '事项',
  itemIds: '事项',
  kind: '类型',
  kinds: '类型',
  lead: '牵头单位',
  light: '红绿灯',
  links: '对应关系',
  mapping: '单位对应',
  message: '催办意见',
  month: '月份',
  name: '名称',
  new: '新条目',
  newIndex: '新条目',
  newPassword: '新密码',
  note: '备注',
  officeHours: '办公时间',
  old: '原条目',
  onDay: '到期当日提醒',
  overdue: '是否逾期',
  overdueEvery: '逾期提醒间隔',
  page: '页码',
  pageSize: '每页条数',
  password: '密码',
  percent: '完成进度',
  period: '期间',
  plan: '方案',
  planId: '方案',
  proposals: '建议',
  q: '关键词',
  reason: '理由',
  reportDueDay: '每月报送日',
  reportDutyBefore: '报送提醒的提前工作日数',
  requestedDeadline: '申请的新期限',
  role: '角色',
  rows: '行',
  scope: '范围',
  section: '章节',
  sort: '排序',
  startDate: '起始日期',
  state: '状态',
  status: '状态',
  text: '进展情况',
  title: '标题',
  unlinkNew: '取消对应的新条目',
  unlinkOld: '取消对应的原条目',
  username: '登录名',
  value: '数值',
  version: '版本',
  workdays: '调休上班日期',
};
