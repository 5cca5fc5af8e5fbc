/**
 * Passwords of 8 characters or more that lists of leaked passwords rank among the most used,
 * worldwide and in China (keyboard walks, digit runs, pinyin phrases), in lower case;
 * passwordProblem compares case-insensitively.
 */
export const COMMON_PASSWORDS: readonly string[] = [
  '00000000', '11111111', '11223344', '111111111', '1111111111', '12121212', '123123123', '12341234',
  '12344321', '12345678', '123456789', '1234567890', '0123456789', '0987654321', '987654321', '87654321',
  '123456789a', '12345678a', '123456abc', '123456aa', '12345qwert', '123qweasd', '123qweasdzxc', '1q2w3e4r',
  '1q2w3e4r5t', '1qaz2wsx', '1qaz2wsx3edc', '1qazxsw2', '2wsx3edc', 'qazwsxedc', 'qwertyui', 'qwertyuiop',
  'qwerty123', 'qwer1234', 'asdfghjk', 'asdfghjkl', 'asdf1234', 'zxcvbnm1', 'zxcvbnm123', 'zaq12wsx',
  'abcd1234', 'abc12345', 'abc123456', 'abcdefgh', 'aa123456', 'a1234567', 'a12345678', 'a123456789',
  'aaaaaaaa', 'a1b2c3d4', 'password', 'password1', 'password12', 'password123', 'passw0rd', 'p@ssw0rd',
  'p@ssword', 'admin123', 'admin1234', 'admin888', 'administrator', 'root1234', 'test1234', 'welcome1',
  'welcome123', 'iloveyou', 'iloveyou1', 'sunshine', 'princess', 'football', 'baseball', 'superman',
  'trustno1', 'letmein1', 'monkey123', 'dragon123', 'changeme', '88888888', '66666666', '99999999',
  '77777777', '55555555', '22222222', '33333333', '44444444', '147258369', '159753456', '123654789',
  '789456123', '741852963', '5201314520', 'woaini1314', 'woaini520', '5201314a', '1314520a', 'wo123456',
  'qq123456', 'qq5201314', 'aini1314', 'zhang123', 'wang1234', 'li123456', 'liu123456', 'chen1234',
  'woaini123', 'a5201314', 'iloveyou520', 'qwe123456', 'asd123456', 'zxc123456', 'zhongguo', 'zhongguo123',
  'beijing2008', 'shanghai', 'duban123', 'dubanadmin',
];
