import { ApiError, apiErrorOf } from './api.js';

describe('apiErrorOf: the server answer as data', () => {
  it('keeps the field errors, the code and every message; the summary is what no field shows', () => {
    const body = {
      statusCode: 400,
      code: 'invalid_request',
      error: '请求参数有误',
      message: ['联系邮箱中有无效的邮箱地址', '请求内容嵌套过深'],
      errors: [{ field: 'contactEmails', fieldLabel: '联系邮箱', code: 'invalid_email', message: '联系邮箱中有无效的邮箱地址' }],
    };
    const error = apiErrorOf(400, body, '请求失败');
    expect([error.status, error.code, error.messages, error.fieldErrors, error.general]).toEqual([400, 'invalid_request', body.message, body.errors, ['请求内容嵌套过深']]);
  });

  it.each([
    ['one sentence', { statusCode: 409, code: 'stale_version', message: '数据已被他人修改' }, ['数据已被他人修改'], 'stale_version'],
    ['a body that is no error answer', '<html>Bad Gateway</html>', ['请求失败(502)'], undefined],
    ['malformed field errors are dropped', { message: ['x'], errors: [{ nope: 1 }, null] }, ['x'], undefined],
  ])('%s', (_name, data, messages, code) => {
    const error = apiErrorOf(502, data, '请求失败(502)');
    expect([error.messages, error.fieldErrors, error.code]).toEqual([messages, [], code]);
  });

  it('a refusal the page makes about a field', () => {
    const error = ApiError.forField('again', '再次输入新密码', '两次输入的新密码不一致');
    expect([error.fieldErrors.map((e) => e.field), error.general, error.message]).toEqual([['again'], [], '两次输入的新密码不一致']);
  });
});
