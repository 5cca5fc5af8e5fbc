import { applyDecorators, BadRequestException, Injectable, type PipeTransform, ValidationPipe, type ValidationError } from '@nestjs/common';
import { IsInt, Max, Min } from 'class-validator';

const MAX_ID = 2_147_483_647;

/** A database id field (a positive 32-bit integer), with messages that name the field in Chinese. */
export function IsPositiveId(name: string): PropertyDecorator {
  const message = `${name} 必须是正整数`;
  return applyDecorators(IsInt({ message }), Min(1, { message }), Max(MAX_ID, { message: `${name} 超出范围` }));
}

function messages(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((error) => {
    const name = prefix + error.property;
    const own = Object.entries(error.constraints ?? {}).map(([key, message]) =>
      key === 'whitelistValidation' ? `不支持的参数:${name}` : message,
    );
    return [...own, ...messages(error.children ?? [], `${name}.`)];
  });
}

/** The one global ValidationPipe: unknown fields are refused, values converted, messages in Chinese. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
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
    // The global ValidationPipe may already have turned the text into a number (NaN for "abc").
    const id = /^\d{1,10}$/.test(String(value)) ? Number(value) : NaN;
    if (!Number.isInteger(id) || id < 1 || id > MAX_ID) {
      throw new BadRequestException({ statusCode: 400, error: '请求参数有误', message: ['编号必须是正整数'] });
    }
    return id;
  }
}
