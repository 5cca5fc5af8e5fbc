import { passwordProblem } from './password.js';

describe('passwordProblem', () => {
  it.each([
    // password, user name, refusal (null = accepted)
    ['short', 'zhang', '密码至少 8 位'],
    ['汉字七个字密码', 'zhang', '密码至少 8 位'],
    ['12345678', 'zhang', '密码过于常见,容易被猜中,请换一个'],
    ['password', 'zhang', '密码过于常见,容易被猜中,请换一个'],
    ['PassWord123', 'zhang', '密码过于常见,容易被猜中,请换一个'],
    ['woaini1314', 'zhang', '密码过于常见,容易被猜中,请换一个'],
    ['zzzzzzzzzz', 'zhang', '密码过于常见,容易被猜中,请换一个'],
    ['zhangsan', 'zhangsan', '密码不能与用户名相同或只多几个数字'],
    ['ZhangSan2024', 'zhangsan', '密码不能与用户名相同或只多几个数字'],
    ['2024zhangsan', 'zhangsan', '密码不能与用户名相同或只多几个数字'],
    ['zhangsan-qing-shui', 'zhangsan', null],
    ['Qing-Shui-He-7', 'zhang', null],
    ['八个汉字的好密码呀', 'zhang', null],
  ])('%j for %j: %j', (password, username, expected) => {
    expect(passwordProblem(password, username)).toBe(expected);
  });
});
