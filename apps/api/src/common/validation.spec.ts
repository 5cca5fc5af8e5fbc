import { type ArgumentMetadata, BadRequestException } from '@nestjs/common';
import { ArrayMaxSize, IsArray, IsEmail, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { createValidationPipe, FieldLabel, IdPipe, IsOmittable } from './validation.js';

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
    [{ name: null }, ['名称必须是文字']],
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

class HoursDto {
  @IsInt({ each: true, message: '办公时间的钟点必须是整数' })
  @Min(0, { each: true, message: '办公时间的钟点必须在 0 到 24 之间' })
  @Max(24, { each: true, message: '办公时间的钟点必须在 0 到 24 之间' })
  officeHours!: number[];
}

class DepartmentLikeDto {
  @IsString({ message: 'name 必须是文字' })
  @IsNotEmpty({ message: '请填写单位名称' })
  @FieldLabel('单位名称')
  name!: string;

  @IsOptional()
  @IsArray({ message: 'contactEmails 必须是邮箱列表' })
  @ArrayMaxSize(2, { message: '联系邮箱不能超过 2 个' })
  @IsEmail({}, { each: true, message: 'contactEmails 中有无效的邮箱地址' })
  contactEmails?: string[];

  @IsOptional()
  @ValidateNested()
  @Type(() => HoursDto)
  rules?: HoursDto;

  @IsOptional()
  @IsInt()
  percent?: number;
}

/** The field errors of a refusal: [field, fieldLabel, code, message]. */
async function fields(value: unknown): Promise<[string, string, string, string][] | 'ok'> {
  try {
    await pipe.transform(value, { type: 'body', metatype: DepartmentLikeDto, data: undefined });
    return 'ok';
  } catch (error) {
    if (!(error instanceof BadRequestException)) throw error;
    const body = error.getResponse() as { code: string; message: string[]; errors: { field: string; fieldLabel: string; code: string; message: string }[] };
    expect(body.code).toBe('invalid_request');
    expect(body.message).toEqual(expect.arrayContaining(body.errors.map((e) => e.message)));
    return body.errors.map((e) => [e.field, e.fieldLabel, e.code, e.message]);
  }
}

describe('refusals as field errors, each field named in Chinese', () => {
  it.each([
    ['a valid body', { name: '市科技局', contactEmails: ['a@example.gov.cn'] }, 'ok'],
    ['a bad address: the code name becomes the label', { name: '市科技局', contactEmails: ['x'] }, [['contactEmails', '联系邮箱', 'invalid_email', '联系邮箱中有无效的邮箱地址']]],
    ['too many addresses', { name: '市科技局', contactEmails: ['a@b.cn', 'c@d.cn', 'e@f.cn'] }, [['contactEmails', '联系邮箱', 'too_many', '联系邮箱不能超过 2 个']]],
    [
      'the request type names its own field (单位名称, not the catalog\'s 名称)',
      { name: 5 },
      [['name', '单位名称', 'invalid_type', '单位名称必须是文字']],
    ],
    ['an empty name', { name: '' }, [['name', '单位名称', 'required', '请填写单位名称']]],
    ['an unknown field', { name: '市科技局', colour: 'red' }, [['colour', 'colour', 'unknown_field', '不支持的参数:colour']]],
    ['a nested field keeps its path', { name: '市科技局', rules: { officeHours: [9, 30] } }, [['rules.officeHours', '办公时间', 'out_of_range', '办公时间的钟点必须在 0 到 24 之间']]],
    ['an English message gets a Chinese one', { name: '市科技局', percent: 'x' }, [['percent', '完成进度', 'invalid_type', '完成进度格式不正确']]],
  ] as const)('%s', async (_name, value, expected) => expect(await fields(value)).toEqual(expected));

  it('puts what concerns no field in the message only', async () => {
    try {
      await pipe.transform([], body);
      throw new Error('accepted');
    } catch (error) {
      expect((error as BadRequestException).getResponse()).toMatchObject({ code: 'invalid_request', message: ['请求内容必须是 JSON 对象'] });
      expect((error as BadRequestException).getResponse()).not.toHaveProperty('errors', expect.arrayContaining([expect.anything()]));
    }
  });
});
