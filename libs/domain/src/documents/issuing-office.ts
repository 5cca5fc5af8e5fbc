/**
 * The issuing office of the official documents (公文) duban writes: the monthly 通报, the
 * 督办通知单 and the 催办函. Saved on the 管理 page; never guessed: a document is refused until
 * it is set.
 */

/** The kinds of official document, each with its own 文号 sequence per year. */
export const DOCUMENT_KINDS = ['circular', 'notice', 'letter'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export const DOCUMENT_KIND_LABELS: Record<DocumentKind, string> = { circular: '通报', notice: '督办通知单', letter: '催办函' };

/** One kind's 文号: a pattern with {年} and {号} (e.g. "质量强市办〔{年}〕{号}号") and the first number of a year. */
export interface DocumentNumbering {
  pattern: string;
  start: number;
}

export interface IssuingOffice {
  /** The city (or district) the office serves, e.g. 杭州市; part of the issuer's full name. */
  city: string;
  /** 发文机关全称, e.g. 杭州市质量强市工作领导小组办公室. */
  issuer: string;
  /** 署名 under the text (发文机关署名), e.g. 杭州市质量强市工作领导小组办公室. */
  signature: string;
  /** 文号 of each kind. */
  numbers: Record<DocumentKind, DocumentNumbering>;
  /** 抄送 line (units separated by 、), '' = none. */
  cc: string;
  /** 联系人及电话 for feedback (督办单 反馈方式), '' = none. */
  contact: string;
}

/** The message shown when a document is asked for before the office is set. */
export const ISSUING_OFFICE_MISSING = '尚未设置发文机关:请系统管理员先在“管理 → 发文设置”中填写发文机关全称(含城市)、署名和文号,然后再生成公文。';

const MAX_TEXT = 100;

/** Why a value is not a usable issuing office (empty: it is). */
export function issuingOfficeProblems(value: unknown): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return ['发文设置必须是一个对象'];
  const v = value as Record<string, unknown>;
  const problems: string[] = [];
  const text = (key: string, label: string, required: boolean, max = MAX_TEXT): string => {
    const s = v[key];
    if (typeof s !== 'string') {
      problems.push(`${label}必须是文字`);
      return '';
    }
    if (required && s.trim() === '') problems.push(`请填写${label}`);
    if (s.length > max) problems.push(`${label}不能超过 ${max} 个字`);
    return s.trim();
  };
  const city = text('city', '城市', true, 20);
  const issuer = text('issuer', '发文机关全称', true);
  text('signature', '署名', true);
  text('cc', '抄送', false, 300);
  text('contact', '联系人及电话', false, 200);
  if (city && issuer && !issuer.includes(city)) problems.push(`发文机关全称应包含城市名称“${city}”,例如“${city}质量强市工作领导小组办公室”`);
  const numbers = v.numbers;
  if (typeof numbers !== 'object' || numbers === null || Array.isArray(numbers)) problems.push('请填写各类公文的文号');
  else
    for (const kind of DOCUMENT_KINDS) {
      const label = DOCUMENT_KIND_LABELS[kind];
      const n = (numbers as Record<string, unknown>)[kind] as Partial<DocumentNumbering> | undefined;
      if (typeof n !== 'object' || n === null) {
        problems.push(`请填写${label}的文号`);
        continue;
      }
      if (typeof n.pattern !== 'string' || !n.pattern.includes('{年}') || !n.pattern.includes('{号}')) problems.push(`${label}的文号格式须含 {年} 和 {号},例如“质量强市办〔{年}〕{号}号”`);
      else if (n.pattern.length > 60) problems.push(`${label}的文号格式不能超过 60 个字`);
      if (typeof n.start !== 'number' || !Number.isInteger(n.start) || n.start < 1 || n.start > 99999) problems.push(`${label}的起始编号须为 1 至 99999 的整数`);
    }
  return problems;
}

/** The 文号 of a document: the pattern with the year and the number (no leading zeros, as GB/T 9704 asks). */
export function formatDocNumber(pattern: string, year: number, seq: number): string {
  return pattern.replaceAll('{年}', String(year)).replaceAll('{号}', String(seq));
}

/** The next number of a kind in a year: one after the highest issued, never below the configured start. */
export function nextDocSeq(highestIssued: number | null, start: number): number {
  return Math.max((highestIssued ?? 0) + 1, start);
}

const CHINESE_DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** A number as a Chinese numeral for headings (一、二、… 十一、), 1..99. */
export function chineseNumeral(n: number): string {
  if (n < 10) return CHINESE_DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : CHINESE_DIGITS[tens]}十${ones ? CHINESE_DIGITS[ones] : ''}`;
}
