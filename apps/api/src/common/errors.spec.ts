import { HttpException } from '@nestjs/common';
import { errorBody, fieldError, namedInChinese, refusedField, staleVersion } from './errors.js';

describe('namedInChinese', () => {
  it.each([
    ['contactEmails 中有无效的邮箱地址', ['contactEmails'], '联系邮箱', '联系邮箱中有无效的邮箱地址'],
    ['light 必须是 red、yellow 或 green', ['light'], '红绿灯', '红绿灯必须是 red、yellow 或 green'],
    ['percent 格式不正确', ['rules.percent', 'percent'], '完成进度', '完成进度格式不正确'],
    ['page', ['page'], '页码', '页码'],
    ['version must be an integer', ['version'], '版本', '版本 must be an integer'],
    ['请填写单位名称', ['name'], '单位名称', '请填写单位名称'],
    ['namespace 必须是文字', ['name'], '名称', 'namespace 必须是文字'],
  ])('%s', (message, names, label, expected) => expect(namedInChinese(message, names, label)).toBe(expected));
});

describe('fieldError', () => {
  it.each([
    [['contactEmails', 'contactEmails 中有无效的邮箱地址', 'invalid_email'], { field: 'contactEmails', fieldLabel: '联系邮箱', code: 'invalid_email', message: '联系邮箱中有无效的邮箱地址' }],
    [['officeHours.1', '办公时间的钟点必须是整数', 'invalid_type'], { field: 'officeHours.1', fieldLabel: '办公时间', code: 'invalid_type', message: '办公时间的钟点必须是整数' }],
    [['name', 'name 必须是文字', 'invalid_type', '令牌名称'], { field: 'name', fieldLabel: '令牌名称', code: 'invalid_type', message: '令牌名称必须是文字' }],
    [['colour', '不支持的参数:colour'], { field: 'colour', fieldLabel: 'colour', code: 'invalid', message: '不支持的参数:colour' }],
  ] as const)('%j', (args, expected) => expect(fieldError(...(args as unknown as Parameters<typeof fieldError>))).toEqual(expected));
});

describe('errorBody: every error answer in one shape', () => {
  it.each([
    ['a Nest default', 404, { statusCode: 404, message: '用户不存在:3', error: 'Not Found' }, { statusCode: 404, code: 'not_found', error: '未找到', message: '用户不存在:3' }],
    ['a bare message', 403, '无权操作', { statusCode: 403, code: 'forbidden', error: '无权操作', message: '无权操作' }],
    ['a list for a 400', 400, { message: ['请求内容不是有效的 JSON'] }, { statusCode: 400, code: 'invalid_request', error: '请求参数有误', message: ['请求内容不是有效的 JSON'] }],
    ['a title of its own stays', 413, { error: '文件过大', message: ['附件不能超过 1 MB'] }, { statusCode: 413, code: 'too_large', error: '文件过大', message: ['附件不能超过 1 MB'] }],
    ['an unknown code gives way to the status', 409, { code: 'nonsense', message: '冲突' }, { statusCode: 409, code: 'conflict', error: '冲突', message: '冲突' }],
    ['extra facts stay', 429, { message: '请 2 秒后再试', retryAfter: 2 }, { statusCode: 429, code: 'too_many_requests', error: '尝试过于频繁', message: '请 2 秒后再试', retryAfter: 2 }],
    ['a server error', 500, {}, { statusCode: 500, code: 'server_error', error: '服务器错误', message: '服务器错误' }],
  ])('%s', (_name, status, raw, expected) => expect(errorBody(status, raw)).toEqual(expected));

  it('keeps the field errors, and drops an empty list', () => {
    const errors = [fieldError('username', '登录名“a”已被使用', 'duplicate')];
    expect(errorBody(409, { message: '登录名“a”已被使用', errors })).toEqual({ statusCode: 409, code: 'conflict', error: '冲突', message: '登录名“a”已被使用', errors });
    expect(errorBody(400, { message: ['x'], errors: [] })).not.toHaveProperty('errors');
  });

  it.each([
    ['a stale version', staleVersion(4), 409, 'stale_version', undefined],
    ['a wrong current password', refusedField(401, 'currentPassword', '当前密码不正确', 'incorrect'), 401, 'unauthenticated', { field: 'currentPassword', fieldLabel: '当前密码', code: 'incorrect', message: '当前密码不正确' }],
  ])('%s', (_name, exception: HttpException, status, code, fieldErr) => {
    const body = errorBody(exception.getStatus(), exception.getResponse());
    expect([exception.getStatus(), body.code, body.errors?.[0]]).toEqual([status, code, fieldErr]);
  });
});
