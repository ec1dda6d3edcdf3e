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
    expect(masked).toBe('客户手机138****1234，身份证110101********123X，座机010-88886666，订单20240312001');
    expect(masked).toHaveLength(text.length);
    expect(maskPersonalDataInText('+8613812341234')).toBe('+86138****1234');
    expect(maskPhone('138****1234')).toBe('138****1234');
    expect(maskIdNumber('11010119900307123X')).toBe('110101********123X');
  });

  it('masks every string of a nested value, leaving numbers alone', () => {
    expect(maskPersonalDataDeep({ a: ['13812341234'], n: 13812341234, s: { t: 'x13900001111' } })).toEqual({ a: ['138****1234'], n: 13812341234, s: { t: 'x139****1111' } });
  });
});
