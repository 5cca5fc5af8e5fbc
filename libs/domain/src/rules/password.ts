import { COMMON_PASSWORDS } from './common-passwords.js';

/** Shortest password accepted (NIST SP 800-63B: at least 8). */
export const PASSWORD_MIN_LENGTH = 8;

const COMMON = new Set(COMMON_PASSWORDS);

/**
 * Why a new password is refused, in Chinese, or null when it is acceptable: at least 8
 * characters, not one of the common passwords, not the user name (nor the user name with digits
 * or the same character repeated). Length rules over composition rules, as NIST recommends.
 */
export function passwordProblem(password: string, username: string): string | null {
  if ([...password].length < PASSWORD_MIN_LENGTH) return `密码至少 ${PASSWORD_MIN_LENGTH} 位`;
  const lower = password.toLowerCase();
  const name = username.trim().toLowerCase();
  if (name !== '' && (lower === name || lower.replace(/\d+$/, '') === name || lower.replace(/^\d+/, '') === name)) return '密码不能与用户名相同或只多几个数字';
  if (COMMON.has(lower) || new Set(lower).size === 1) return '密码过于常见,容易被猜中,请换一个';
  return null;
}
