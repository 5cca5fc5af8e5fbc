import { type ApiErrorBody, ERROR_CODES, type ErrorCode, errorCodeForStatus, FIELD_LABELS, type FieldError, type FieldErrorCode } from '#contracts';
import { BadRequestException, ConflictException, ForbiddenException, HttpException, UnauthorizedException } from '@nestjs/common';

const CJK = /^[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/u;

/**
 * A message that begins with the field's code name ("contactEmails 中有无效的邮箱地址") names it in
 * Chinese instead ("联系邮箱中有无效的邮箱地址"); other messages are kept.
 */
export function namedInChinese(message: string, names: string[], label: string): string {
  for (const name of names) {
    if (!name || name === label || !message.startsWith(name)) continue;
    const rest = message.slice(name.length);
    if (rest === '') return label;
    if (!/^\s/u.test(rest)) continue;
    const tail = rest.trimStart();
    return CJK.test(tail) ? label + tail : `${label} ${tail}`;
  }
  return message;
}

/** The Chinese name of a request field: the request type's own (@FieldLabel), else the catalog's, else its code name. */
export function fieldLabelOf(path: string, own?: string): string {
  if (own) return own;
  const parts = path.split('.');
  // `officeHours.1` is still 办公时间; a nested object's field is named by its own property.
  const named = [...parts].reverse().find((p) => !/^\d+$/.test(p));
  return (named && FIELD_LABELS[named]) || named || path;
}

/** One field error; the message names the field by its label. */
export function fieldError(field: string, message: string, code: FieldErrorCode = 'invalid', label?: string): FieldError {
  const fieldLabel = fieldLabelOf(field, label);
  const last = field.split('.').pop() ?? field;
  return { field, fieldLabel, code, message: namedInChinese(message, [field, last], fieldLabel) };
}

/** HTTP errors with a Chinese title and a code, in the shape of ApiErrorBody. */
export const forbidden = (message: string) => new ForbiddenException({ statusCode: 403, code: 'forbidden', error: ERROR_CODES.forbidden, message });
export const conflict = (message: string, code: ErrorCode = 'conflict') => new ConflictException({ statusCode: 409, code, error: ERROR_CODES.conflict, message });
export const unauthorized = (message = '请先登录') => new UnauthorizedException({ statusCode: 401, code: 'unauthenticated', error: ERROR_CODES.unauthenticated, message });
export const badRequest = (message: string | string[]) =>
  new BadRequestException({ statusCode: 400, code: 'invalid_request', error: ERROR_CODES.invalid_request, message: Array.isArray(message) ? message : [message] });

/** A 400 about fields of the request (each error shown next to its field), plus messages for the request as a whole. */
export function invalidFields(errors: FieldError[], general: string[] = []): BadRequestException {
  return new BadRequestException({ statusCode: 400, code: 'invalid_request', error: ERROR_CODES.invalid_request, message: [...errors.map((e) => e.message), ...general], errors });
}

/** A 400 about one field. */
export const invalidField = (field: string, message: string, code: FieldErrorCode = 'invalid') => invalidFields([fieldError(field, message, code)]);

/** A refusal other than 400 that concerns one field: a name already taken (409), a wrong current password (401). */
export function refusedField(status: 401 | 409, field: string, message: string, code: FieldErrorCode, label?: string): HttpException {
  const error = fieldError(field, message, code, label);
  const answer = errorCodeForStatus(status);
  return new HttpException({ statusCode: status, code: answer, error: ERROR_CODES[answer], message: error.message, errors: [error] }, status);
}

/** The 409 for optimistic locking. */
export const staleVersion = (current: number) => conflict(`数据已被他人修改(当前版本 ${current}),请刷新后重试,您的修改未保存`, 'stale_version');

const KNOWN_CODES = new Set(Object.keys(ERROR_CODES));

/**
 * Any error answer in the one shape: a `code` (the thrower's, else the status's), a Chinese title, the
 * message, and the field errors when there are any. Other properties the thrower added (retryAfter) stay.
 */
export function errorBody(status: number, raw: unknown): ApiErrorBody & Record<string, unknown> {
  const given = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : { message: raw };
  const code = typeof given.code === 'string' && KNOWN_CODES.has(given.code) ? (given.code as ErrorCode) : errorCodeForStatus(status);
  const message = Array.isArray(given.message) ? given.message.map(String) : String(given.message ?? ERROR_CODES[code]);
  const errors = Array.isArray(given.errors) ? (given.errors as FieldError[]) : undefined;
  const { errors: _errors, ...rest } = given;
  return { ...rest, statusCode: status, code, error: typeof given.error === 'string' && /[\u4e00-\u9fff]/u.test(given.error) ? given.error : ERROR_CODES[code], message, ...(errors?.length ? { errors } : {}) };
}
