import { AppError } from '../shared/app-error.js';

/** A phone number as stored: digits (and a leading +) only; 5–20 digits, else a 400 naming the field. */
export function normalizePhone(raw: string, path: string): string {
  const n = raw.replace(/[\s\-()（）]/g, '');
  if (!/^\+?\d{5,20}$/.test(n)) {
    const message = `电话号码格式不对：应为 5–20 位数字 / a phone number of 5–20 digits`;
    throw AppError.validation(message, [{ path, message, code: 'invalid_phone' }]);
  }
  return n;
}
