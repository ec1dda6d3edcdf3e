import { describe, expect, it } from 'vitest';
import { passwordProblems, type PasswordPolicy } from './password-policy.js';

// Issue #12 defect 12: `password` and `12345678` were accepted.
const policy: PasswordPolicy = { minLength: 8, rejectCommon: true };

describe('password strength', () => {
  it('refuses the most common passwords, whatever their case', () => {
    for (const pw of ['password', '12345678', 'Password1', 'QWERTY123', 'woaini1314', '1qaz2wsx', 'admin123']) {
      expect(passwordProblems(pw, policy), pw).toEqual([{ message: expect.stringMatching(/常见|common/), code: 'password_common' }]);
    }
  });

  it('refuses a password shorter than the minimum, and one equal to the user name', () => {
    expect(passwordProblems('k9#vQ2', policy)).toEqual([{ message: expect.stringMatching(/至少 8|at least 8/), code: 'password_too_short', params: { minimum: 8 } }]);
    expect(passwordProblems('hotline-ana', policy, 'Hotline-Ana')).toEqual([{ message: expect.stringMatching(/用户名|user name/), code: 'password_same_as_username' }]);
  });

  it('accepts a long enough, uncommon password', () => {
    expect(passwordProblems('correct-horse-9', policy)).toEqual([]);
    expect(passwordProblems('客服中心二〇二六', policy)).toEqual([]);
  });

  it('is configurable: a longer minimum, or the common list switched off', () => {
    expect(passwordProblems('correct-horse-9', { ...policy, minLength: 16 })).toEqual([expect.objectContaining({ code: 'password_too_short', params: { minimum: 16 } })]);
    expect(passwordProblems('password', { minLength: 8, rejectCommon: false })).toEqual([]);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(passwordProblems('😀😀😀😀😀😀😀', policy)).toHaveLength(1); // 7 characters, 14 units
  });
});
