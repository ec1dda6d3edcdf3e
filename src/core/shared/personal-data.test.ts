import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskPersonalDataDeep, maskPersonalDataInText, maskPhone, mayReveal, present } from './personal-data.js';

describe('the masking policy', () => {
  it('lets only supervisor, manager and admin reveal, and nobody sees unmasked by default', () => {
    expect((['agent', 'qa', 'supervisor', 'manager', 'admin'] as const).filter((r) => mayReveal(r, 'phone'))).toEqual(['supervisor', 'manager', 'admin']);
    expect(mayReveal(null, 'idNumber')).toBe(false);
    expect(present('phone', '13812341234', false)).toBe('138****1234');
    expect(present('phone', '13812341234', true)).toBe('13812341234');
    expect(present('email', null, false)).toBeNull();
  });

  it('masks numbers in free text without changing its length', () => {
    const text = '客户手机13812341234，身份证11010119900307123X，座机010-88886666，订单20240312001';
    const masked = maskPersonalDataInText(text);
    expect(masked).toBe('客户手机138****1234，身份证110101********123X，座机010-****6666，订单20240312001');
    expect(masked).toHaveLength(text.length);
    expect(maskPersonalDataInText('+8613812341234')).toBe('+86138****1234');
    expect(maskPhone('138****1234')).toBe('138****1234');
    expect(maskIdNumber('11010119900307123X')).toBe('110101********123X');
  });

  it('masks a number however it was typed: grouped, spaced, full-width, with +86, a landline with its area code', () => {
    const cases: Array<[string, string]> = [
      ['回拨139-1234-5678', '回拨139-****-5678'],
      ['电话 139 1234 5678 联系', '电话 139 **** 5678 联系'],
      ['手机１３９１２３４５６７８', '手机１３９****５６７８'],
      ['+86 139 1234 5678', '+86 139 **** 5678'],
      ['座机0755-8888 6666', '座机0755-**** 6666'],
      ['(家)02188886666', '(家)021****6666'],
      ['身份证１１０１０１１９９００３０７１２３Ｘ', '身份证１１０１０１********１２３Ｘ'],
    ];
    for (const [text, masked] of cases) {
      expect(maskPersonalDataInText(text), text).toBe(masked);
      expect(maskPersonalDataInText(text)).toHaveLength(text.length);
    }
    // Not personal data: dates, times, amounts, order and ticket numbers stay readable.
    for (const text of ['2026-03-02 09:15 来电', '订单号 20240312001', '金额 1,380.00 元', '工单 GD2026030200012', '2026.03.02']) {
      expect(maskPersonalDataInText(text), text).toBe(text);
    }
  });

  it('masks every string of a nested value, leaving numbers alone', () => {
    expect(maskPersonalDataDeep({ a: ['13812341234'], n: 13812341234, s: { t: 'x13900001111' } })).toEqual({ a: ['138****1234'], n: 13812341234, s: { t: 'x139****1111' } });
  });
});
