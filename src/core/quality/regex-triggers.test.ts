import { describe, expect, it } from 'vitest';
import { loadDefaultPack } from '../../adapters/standard-files.js';
import { requiredLiterals } from './regex-triggers.js';

function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
}

describe('requiredLiterals', () => {
  it('finds the words a time limit, an amount or a title cannot do without', () => {
    expect(requiredLiterals('([0-9]+|\\[数字x\\]|[一二两三四五六七八九十半]+)(个)?(分钟|分|秒钟|秒)')).toEqual(['分', '秒']);
    expect(requiredLiterals('[0-9]+(\\.[0-9]+)?(元|块)')).toEqual(['元', '块']);
    expect(requiredLiterals('(?<!这位|那位|位)[\\p{Script=Han}](先生|女士|小姐)')).toEqual(['先生', '女士', '小姐']);
    expect(requiredLiterals('^\\[?订单编号:')).toEqual(['订单编号:']);
  });

  it('prefers words to bare punctuation, which normalized text is full of', () => {
    expect(requiredLiterals('[0-9]{4}[-/.][0-9]{1,2}')).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
  });

  it('gives up (always run) on patterns that can match without any fixed text', () => {
    for (const source of ['.*', '[^x]+', '\\s+', '(a)?b*', '\\p{L}{2}', '(?<n>.)\\k<n>', '(.)\\1']) expect(requiredLiterals(source), source).toBeUndefined();
  });

  it('is sound: every match of every default-pack regex contains one of its literals', () => {
    const random = lcg(42);
    const pack = loadDefaultPack();
    for (const set of Object.values(pack.phraseSets)) {
      for (const source of set.regex) {
        const literals = requiredLiterals(source);
        if (literals === undefined) continue;
        // Text drawn from the pattern's own characters and words, so that it matches often.
        const words = source.match(/[\p{Script=Han}]{2,}/gu) ?? [];
        const alphabet = [...new Set(source.replace(/\\[pk]\{[^}]*\}|\\./g, '') + '0123456789一十[]x.-/号月日元块分秒'), ...words, ...words, ...literals];
        const re = new RegExp(source, 'gu');
        let matched = 0;
        for (let round = 0; round < 3000; round++) {
          const body = Array.from({ length: 1 + Math.floor(random() * 14) }, () => (random() < 0.4 ? String(Math.floor(random() * 10)) : alphabet[Math.floor(random() * alphabet.length)])).join('');
          const text = random() < 0.2 ? `[${body.replace(/\]/g, '')}]` : body;
          for (const m of text.matchAll(re)) {
            if (m[0].length === 0) continue;
            matched++;
            expect(literals.some((l) => m[0].includes(l)), `${source} matched ${m[0]}`).toBe(true);
          }
        }
        expect(matched, source).toBeGreaterThan(0);
      }
    }
  });
});
