import { type ArgumentMetadata, BadRequestException } from '@nestjs/common';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { createValidationPipe, IdPipe, IsOmittable } from './validation.js';

class NoteDto {
  @IsOptional()
  @IsString({ message: 'note 必须是文字' })
  @MaxLength(100, { message: 'note 不能超过 100 个字' })
  note?: string;
}

class RenameDto {
  @IsOmittable()
  @IsString({ message: 'name 必须是文字' })
  name?: string;
}

const body: ArgumentMetadata = { type: 'body', metatype: NoteDto, data: undefined };
const pipe = createValidationPipe();

/** The Chinese messages of a refusal, or "ok" when the value passes. */
async function outcome(value: unknown, metadata = body): Promise<string[] | 'ok'> {
  try {
    await pipe.transform(value, metadata);
    return 'ok';
  } catch (error) {
    if (!(error instanceof BadRequestException)) throw error;
    return (error.getResponse() as { message: string[] }).message;
  }
}

const nested = (depth: number): unknown => (depth === 0 ? 'x' : { a: nested(depth - 1) });

describe('the global validation pipe against hostile input', () => {
  it.each([
    ['a note', { note: '进展顺利' }, 'ok'],
    ['an astral character', { note: '\u{20000}\u{1F600}' }, 'ok'],
    ['NUL in a text', { note: 'a\u0000b' }, ['请求内容不能包含空字符 \\u0000']],
    ['NUL in a key', { ['a\u0000']: 1 }, ['请求内容不能包含空字符 \\u0000']],
    ['a lone surrogate', { note: 'x\ud800y' }, ['请求内容含有无效的字符\uFF08不成对的 UTF-16 代理项\uFF09']],
    ['a nesting of 40 levels', { note: nested(40) }, ['请求内容嵌套过深\uFF08超过 32 层\uFF09']],
    ['a nesting of 100 000 levels', JSON.parse('{"note":' + '['.repeat(100_000) + ']'.repeat(100_000) + '}'), ['请求内容嵌套过深\uFF08超过 32 层\uFF09']],
    ['an array for the object', [], ['请求内容必须是 JSON 对象']],
    ['a bare number for the object', 42, ['请求内容必须是 JSON 对象']],
  ])('%s', async (_name, value, expected) => expect(await outcome(value)).toEqual(expected));

  it.each([
    [{}, 'ok'],
    [{ name: '新名称' }, 'ok'],
    [{ name: null }, ['name 必须是文字']],
  ])('IsOmittable: %j may leave the field out, not send null', async (value, expected) =>
    expect(await outcome(value, { type: 'body', metatype: RenameDto, data: undefined })).toEqual(expected));

  it('checks query strings and path parameters the same way', async () => {
    expect(await outcome({ note: '\u0000' }, { type: 'query', metatype: NoteDto, data: undefined })).toEqual(['请求内容不能包含空字符 \\u0000']);
    expect(await outcome('1\u0000', { type: 'param', metatype: String, data: 'key' })).toEqual(['请求内容不能包含空字符 \\u0000']);
  });

  it.each(['1', '42', '2147483647'])('leaves the path id %s to IdPipe, which takes it', async (text) => {
    const raw = await pipe.transform(text, { type: 'param', metatype: Number, data: 'id' });
    expect(raw).toBe(text);
    expect(new IdPipe().transform(raw as string)).toBe(Number(text));
  });

  it.each([' 1', '+1', '0x10', '1e1', '1.0', '0', '-1', '2147483648', '99999999999999999999', 'NaN', ''])('refuses the path id %j', async (text) => {
    const raw = await pipe.transform(text, { type: 'param', metatype: Number, data: 'id' });
    expect(() => new IdPipe().transform(raw as string)).toThrow(BadRequestException);
  });
});
