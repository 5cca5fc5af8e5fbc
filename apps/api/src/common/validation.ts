import { applyDecorators, type ArgumentMetadata, BadRequestException, Injectable, type PipeTransform, ValidationPipe, type ValidationError } from '@nestjs/common';
import { IsInt, Max, Min, ValidateIf } from 'class-validator';

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

function messages(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((error) => {
    const name = prefix + error.property;
    const own = Object.entries(error.constraints ?? {}).map(([key, message]) =>
      key === 'whitelistValidation'
        ? `不支持的参数:${name}`
        : /[\u4e00-\u9fff]/u.test(message)
          ? message
          : // Nest's own check that a body is an object (an array or a bare value where a DTO belongs) speaks English.
            key === 'isObject'
            ? '请求内容必须是 JSON 对象'
            : `${name} 格式不正确`,
    );
    return [...own, ...messages(error.children ?? [], `${name}.`)];
  });
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
    if (refused) throw new BadRequestException({ statusCode: 400, error: '请求参数有误', message: [refused] });
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
    exceptionFactory: (errors) => new BadRequestException({ statusCode: 400, error: '请求参数有误', message: messages(errors) }),
  });
}

/** Parses a positive integer id from the URL, 400 in Chinese otherwise. */
@Injectable()
export class IdPipe implements PipeTransform<string, number> {
  transform(value: string | number): number {
    const id = /^\d{1,10}$/.test(String(value)) ? Number(value) : NaN;
    if (!Number.isInteger(id) || id < 1 || id > MAX_ID) {
      throw new BadRequestException({ statusCode: 400, error: '请求参数有误', message: ['编号必须是正整数'] });
    }
    return id;
  }
}
