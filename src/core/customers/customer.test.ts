import { describe, expect, it } from 'vitest';
import { maskPhone, normalizePhone, validatePhones } from './customer.js';

describe('phone numbers', () => {
  it('normalizes mainland mobiles, landlines and service numbers; refuses the rest', () => {
    expect(normalizePhone('+86 138-1234-1234')).toBe('13812341234');
    expect(normalizePhone('008613812341234')).toBe('13812341234');
    expect(normalizePhone('(010) 8888-6666')).toBe('01088886666');
    expect(normalizePhone('400-810-8888')).toBe('4008108888');
    expect(normalizePhone('10086')).toBe('10086');
    expect(normalizePhone('123')).toBeUndefined();
    expect(normalizePhone('1381234123x')).toBeUndefined();
    expect(normalizePhone('23812341234')).toBeUndefined();
  });

  it('masks the middle digits: 138****1234', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone('01088886666')).toBe('010****6666');
    expect(maskPhone('10086')).toBe('***86');
  });

  it('names each bad or repeated number by its place in the list', () => {
    expect(() => validatePhones([{ number: '13812341234' }, { number: '138 1234 1234' }, { number: 'abc' }])).toThrow(
      expect.objectContaining({ fields: [expect.objectContaining({ path: 'phones.1.number' }), expect.objectContaining({ path: 'phones.2.number' })] }),
    );
  });
});
