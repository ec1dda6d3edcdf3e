import type { FieldError } from '../shared/app-error.js';
import { commonPasswords } from './common-passwords.js';

/** How strong a new password must be (KEFU_PASSWORD_MIN_LENGTH, KEFU_PASSWORD_REJECT_COMMON). */
export interface PasswordPolicy {
  minLength: number;
  /** Refuse the passwords of the shipped list of the most common ones (common-passwords.ts). */
  rejectCommon: boolean;
}

export const defaultPasswordPolicy: PasswordPolicy = { minLength: 8, rejectCommon: true };

const common = new Set(commonPasswords);

/** One rule a new password fails: the server's sentence, and the code a form words in the reader's language. */
export type PasswordProblem = Omit<FieldError, 'path'> & Required<Pick<FieldError, 'code'>>;

/**
 * What is wrong with a new password, for the `password` field; empty when it is acceptable. The one
 * place the strength rule lives: user creation, password changes over HTTP and the CLI all ask here.
 */
export function passwordProblems(password: string, policy: PasswordPolicy, username?: string): PasswordProblem[] {
  // Characters, not UTF-16 units: an emoji is one character a person typed.
  const length = [...password].length;
  if (length < policy.minLength) return [{ message: `至少 ${policy.minLength} 个字符 (at least ${policy.minLength} characters)`, code: 'password_too_short', params: { minimum: policy.minLength } }];
  const lower = password.toLowerCase();
  if (username && lower === username.toLowerCase()) return [{ message: '不能与用户名相同 (must differ from the user name)', code: 'password_same_as_username' }];
  if (policy.rejectCommon && common.has(lower)) return [{ message: '这是最常见的密码之一，请换一个 (one of the most common passwords; choose another)', code: 'password_common' }];
  return [];
}
