import type { FieldError, FieldErrorCode } from '#contracts';
import { applyDecorators, type ArgumentMetadata, Injectable, type PipeTransform, ValidationPipe, type ValidationError } from '@nestjs/common';
import { IsInt, Max, Min, ValidateIf } from 'class-validator';
import { badRequest, fieldError, fieldLabelOf, invalidFields } from './errors.js';

const MAX_ID = 2_147_483_647;

/** A database id field (a positive 32-bit integer), with messages that name the field in Chinese. */
export function IsPositiveId(name: string): PropertyDecorator {
  const message = `${name} 必须是正整数`;
  return applyDecorators(IsInt({ message }), Min(1, { message }), Max(MAX_ID, { message: `${name} 超出范围` }));
}

/**
 * A field a request may leave out, but not send as null: IsOptional lets null through to the service,
 * which then writes null into a required column or calls a method on it. With this a null is checked
 * like any other value (and refused in Chinese by the field's own rules).
 */
export function IsOmittable(): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined);
}

const FIELD_LABEL_KEY = Symbol('duban:field-labels');

/** Names a request field in Chinese where the catalog's name (FIELD_LABELS) would mislead, e.g. a token's name. */
export function FieldLabel(label: string): PropertyDecorator {
  return (target, property) => {
    const owner = target.constructor as unknown as Record<symbol, Record<string, string>>;
    owner[FIELD_LABEL_KEY] = { ...(owner[FIELD_LABEL_KEY] ?? {}), [String(property)]: label };
  };
}

/** The name a request type gives its field (@FieldLabel), if any; a service refusing that field names it the same. */
export function fieldLabelFor(type: abstract new (...args: never[]) => unknown, property: string): string | undefined {
  // Static properties are inherited, so a request type's parent's labels count too.
  return (type as unknown as Record<symbol, Record<string, string> | undefined>)[FIELD_LABEL_KEY]?.[property];
}

function ownLabel(target: object | undefined, property: string): string | undefined {
  return target ? fieldLabelFor(target.constructor as abstract new () => unknown, property) : undefined;
}

/** class-validator's checks by what they find wrong. */
const CONSTRAINT_CODES: Record<string, FieldErrorCode> = {
  isNotEmpty: 'required',
  isDefined: 'required',
  arrayNotEmpty: 'required',
  whitelistValidation: 'unknown_field',
  isString: 'invalid_type',
  isInt: 'invalid_type',
  isNumber: 'invalid_type',
  isBoolean: 'invalid_type',
  isArray: 'invalid_type',
  isObject: 'invalid_type',
  isEmail: 'invalid_email',
  matches: 'invalid_format',
  isDateString: 'invalid_format',
  isISO8601: 'invalid_format',
  maxLength: 'too_long',
  minLength: 'too_short',
  arrayMaxSize: 'too_many',
  arrayMinSize: 'too_short',
  min: 'out_of_range',
  max: 'out_of_range',
  isIn: 'not_allowed',
  isEnum: 'not_allowed',
};

/**
 * class-validator's findings as field errors: the field's path, its Chinese name, a code and a Chinese
 * message naming the field by that name. What concerns no field (a body that is not an object) is general.
 */
export function fieldErrors(errors: ValidationError[], prefix = ''): { errors: FieldError[]; general: string[] } {
  const found: FieldError[] = [];
  const general: string[] = [];
  for (const error of errors) {
    const name = prefix + error.property;
    for (const [key, message] of Object.entries(error.constraints ?? {})) {
      // Nest's own check that a body is an object (an array or a bare value where a DTO belongs) speaks English.
      if (key === 'isObject' && !/[\u4e00-\u9fff]/u.test(message)) general.push('请求内容必须是 JSON 对象');
      else if (!error.property) general.push(message);
      else {
        const label = fieldLabelOf(name, ownLabel(error.target, error.property));
        const text = key === 'whitelistValidation' ? `不支持的参数:${name}` : /[\u4e00-\u9fff]/u.test(message) ? message : `${name} 格式不正确`;
        found.push(fieldError(name, text, CONSTRAINT_CODES[key] ?? 'invalid', key === 'whitelistValidation' ? name : label));
      }
    }
    const nested = fieldErrors(error.children ?? [], error.property ? `${name}.` : prefix);
    found.push(...nested.errors);
    general.push(...nested.general);
  }
  return { errors: found, general };
}

/** Deeper than any request duban takes; class-transformer recurses per level and would overflow the stack long before a body's size limit. */
const MAX_DEPTH = 32;

/** In Unicode mode a surrogate pair is one code point, so this matches only a surrogate without its pair. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

function badText(text: string): string | null {
  if (text.includes('\u0000')) return '请求内容不能包含空字符 \\u0000';
  if (LONE_SURROGATE.test(text)) return '请求内容含有无效的字符\uFF08不成对的 UTF-16 代理项\uFF09';
  return null;
}

/**
 * What no field accepts, checked before the DTO classes see the input: nesting deeper than MAX_DEPTH; the
 * NUL character (PostgreSQL refuses it in text columns, SQLite's LIKE stops at it) and lone surrogates
 * (not characters; the e-mail check throws on them) in any text or key. Iterative, so a hostile nesting
 * cannot overflow the stack here either.
 */
function refusal(value: unknown): string | null {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (typeof v === 'string') {
      const bad = badText(v);
      if (bad) return bad;
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth >= MAX_DEPTH) return `请求内容嵌套过深\uFF08超过 ${MAX_DEPTH} 层\uFF09`;
    for (const [key, child] of Object.entries(v)) {
      const bad = badText(key);
      if (bad) return bad;
      stack.push([child, depth + 1]);
    }
  }
  return null;
}

class AppValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'custom') return super.transform(value, metadata);
    const refused = refusal(value);
    if (refused) throw badRequest(refused);
    // A path parameter reaches its own pipe (IdPipe) as typed: converting it to a number here first
    // would turn "%201", "+1", "0x10" or "1e1" into valid ids.
    if (metadata.type === 'param') return value;
    return super.transform(value, metadata);
  }
}

/** The one global ValidationPipe: unknown fields are refused, values converted, messages in Chinese. */
export function createValidationPipe(): ValidationPipe {
  return new AppValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // The object an error was found in: its request type may name the field (@FieldLabel).
    validationError: { target: true, value: false },
    exceptionFactory: (errors) => {
      const found = fieldErrors(errors);
      return invalidFields(found.errors, found.general);
    },
  });
}

/** Parses a positive integer id from the URL, 400 in Chinese otherwise. */
@Injectable()
export class IdPipe implements PipeTransform<string, number> {
  transform(value: string | number): number {
    const id = /^\d{1,10}$/.test(String(value)) ? Number(value) : NaN;
    if (!Number.isInteger(id) || id < 1 || id > MAX_ID) {
      throw badRequest('编号必须是正整数');
    }
    return id;
  }
}
