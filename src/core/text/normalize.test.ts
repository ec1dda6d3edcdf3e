import { describe, expect, it } from 'vitest';
import { normalizeParts, normalizeText, normalizePhrase, originalSpan, spanInOriginal } from './normalize.js';

describe('normalizeText', () => {
  it('makes Traditional and Simplified, full and half width the same text', () => {
    const traditional = '您好，這裡是ＸＸ客服中心, 我是客服專員小周，請問您有甚麼業務需要諮詢或協助嗎？';
    const simplified = '您好,这里是XX客服中心,我是客服专员小周,请问您有什么业务需要咨询或协助吗?';
    expect(normalizeText(traditional).text).toBe(normalizeText(simplified).text);
  });

  it('folds phrase-level variants the same way on both sides (回覆/回复, 著/着, 裡/里)', () => {
    expect(normalizePhrase('請您稍等著，我回覆您')).toBe(normalizePhrase('请您稍等着，我回复您'));
    expect(normalizePhrase('這裡')).toBe(normalizePhrase('这里'));
  });

  it('maps a match back to the original text, across removed spaces', () => {
    const original = '您好， 請 問有什麼可以幫您';
    const norm = normalizeText(original);
    const i = norm.text.indexOf(normalizePhrase('请问'));
    const span = originalSpan(norm, i, i + 2);
    expect(original.slice(span.from, span.to)).toBe('請 問');
  });

  it('keeps characters outside the BMP with their original span', () => {
    const original = '𠵾您好';
    const norm = normalizeText(original);
    const i = norm.text.indexOf('您好');
    expect(originalSpan(norm, i, i + 2)).toEqual({ from: 2, to: 4 });
  });

  it('normalizes many texts into one string, each part as normalizeText alone would', () => {
    const parts = ['您好， 請 問有甚麼', '', '𠵾 ＡＢＣ', '甚', '麼事', 'ok\n'];
    const all = normalizeParts(parts);
    parts.forEach((p, i) => expect(all.text.slice(all.bounds[i], all.bounds[i + 1]! - 1)).toBe(normalizeText(p).text));
    // 甚|麼 in two parts are not folded as one phrase.
    expect(all.text.split('\n').length).toBe(parts.length + 1);
    expect(all.surrogates).toBe(true);
  });

  it('tells whether any part has a surrogate, paired or lone', () => {
    expect(normalizeParts(['您好', 'ＡＢＣ']).surrogates).toBe(false);
    expect(normalizeParts(['您好', '𠵾']).surrogates).toBe(true);
    expect(normalizeParts(['孤立\udc00']).surrogates).toBe(true);
    expect(normalizeParts(['\ud800']).surrogates).toBe(true);
  });

  it('recomputes the original span of any normalized span without the offset map', () => {
    for (const original of ['您好， 請 問有甚麼可以幫您', '𠵾您好\u200b Ｈｉ！', ' \t說明書 \n', '\ud800孤立的代理']) {
      const norm = normalizeText(original);
      for (let from = 0; from < norm.text.length; from++) {
        for (let to = from + 1; to <= norm.text.length; to++) expect(spanInOriginal(original, from, to)).toEqual(originalSpan(norm, from, to));
      }
    }
  });
});
