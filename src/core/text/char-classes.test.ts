import { describe, expect, it } from 'vitest';
import { countLettersAndNumbers, lengthWithoutPunctuation } from './char-classes.js';

describe('character classes', () => {
  const samples = ['您好，这里是XX客服中心！', '嗯，好的。', '１２３元（约）', '𠵾𠵾 ok?', '\ud800孤', '★☆…——'];

  it('counts letters and digits by code point, as /[\\p{L}\\p{N}]/u would', () => {
    for (const s of samples) expect(countLettersAndNumbers(s), s).toBe([...s].filter((c) => /[\p{L}\p{N}]/u.test(c)).length);
  });

  it('measures text without punctuation and symbols, stopping past a limit', () => {
    for (const s of samples) expect(lengthWithoutPunctuation(s), s).toBe(s.replace(/[\p{P}\p{S}]/gu, '').length);
    expect(lengthWithoutPunctuation('您好，这里是XX客服中心', 4)).toBe(5);
  });
});
