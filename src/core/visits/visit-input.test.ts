import { describe, expect, it } from 'vitest';
import { isAppError } from '../shared/app-error.js';
import { normalizePhone } from './phone.js';
import { requiredText } from './visit-input.js';

function fieldsOf(fn: () => unknown): { path: string; message: string; code?: string }[] {
  try {
    fn();
  } catch (e) {
    if (isAppError(e)) return e.fields ?? [];
    throw e;
  }
  throw new Error('expected a validation error');
}

// Issue #21: reception's forms get a code the web words in the reader's language, not only "请填写… / … is required".
describe("a visit's input names the bad field with a code", () => {
  it('a blank required text is `required`, the bilingual sentence kept as message', () => {
    expect(fieldsOf(() => requiredText('  ', 'visitor.surname', '来访人姓氏', 'the visitor’s surname'))).toEqual([
      { path: 'visitor.surname', message: '请填写来访人姓氏 / the visitor’s surname is required', code: 'required' },
    ]);
    expect(requiredText(' 王 ', 'visitor.surname', '来访人姓氏', 'the visitor’s surname')).toBe('王');
  });

  it('a number that cannot be dialled is `invalid_phone`', () => {
    expect(fieldsOf(() => normalizePhone('12-3', 'visitor.phone'))).toEqual([{ path: 'visitor.phone', message: expect.any(String), code: 'invalid_phone' }]);
    expect(normalizePhone('138 1234 1234', 'visitor.phone')).toBe('13812341234');
  });
});
