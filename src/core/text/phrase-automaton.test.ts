import { describe, expect, it } from 'vitest';
import { PhraseAutomaton, type PhraseMatch } from './phrase-automaton.js';

/** Every occurrence of every keyword by brute force, in the automaton's order. */
function naive(keywords: readonly string[], text: string): PhraseMatch[] {
  const out: PhraseMatch[] = [];
  for (const keyword of new Set(keywords)) {
    for (let i = text.indexOf(keyword); i >= 0; i = text.indexOf(keyword, i + 1)) out.push({ begin: i, end: i + keyword.length, keyword });
  }
  return out.sort((a, b) => a.end - b.end || b.keyword.length - a.keyword.length);
}

function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
}

describe('PhraseAutomaton', () => {
  it('finds overlapping and nested phrases, longest first at the same end', () => {
    const keywords = ['不知道', '我不知道', '知道', '不能再查了', '我这里不能再查'];
    const a = new PhraseAutomaton(keywords);
    const text = '我不知道，我这里不能再查了';
    expect(a.matchInText(text)).toEqual(naive(keywords, text));
    expect(a.matchInText(text).map((m) => m.keyword)).toEqual(['我不知道', '不知道', '知道', '我这里不能再查', '不能再查了']);
  });

  it('reports keyword indices and ends through scan, within a range', () => {
    const a = new PhraseAutomaton(['稍等', '等']);
    const n = a.scan('请稍等\n稍等', 0, 3);
    expect(Array.from(a.matches.subarray(0, 2 * n))).toEqual([0, 3, 1, 3]);
  });

  it('agrees with brute force on random text, in both the dense and the sparse form', () => {
    const random = lcg(7);
    const alphabet = '您好请稍等一下不知道清楚分钟1234[]x';
    const pick = (len: number): string => Array.from({ length: len }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
    const keywords = Array.from({ length: 60 }, () => pick(1 + Math.floor(random() * 4)));
    const dense = new PhraseAutomaton(keywords);
    // 3,000 distinct characters × the states is past the full-table limit: the sparse form.
    const wide = [...keywords, ...Array.from({ length: 3000 }, (_, i) => String.fromCharCode(0x4e00 + i) + String.fromCharCode(0x5e00 + i))];
    const sparse = new PhraseAutomaton(wide);
    for (let round = 0; round < 200; round++) {
      const text = pick(Math.floor(random() * 80)) + String.fromCharCode(0x4e00 + round) + String.fromCharCode(0x5e00 + round);
      expect(dense.matchInText(text)).toEqual(naive(keywords, text));
      expect(sparse.matchInText(text)).toEqual(naive(wide, text));
    }
  });

  it('hands over the filled match buffer and scans into the spare one after', () => {
    const automaton = new PhraseAutomaton(['稍等', '等一下']);
    expect(automaton.scan('请稍等一下')).toBe(2);
    const taken = automaton.takeMatches(undefined);
    expect([...taken.subarray(0, 4)]).toEqual([0, 3, 1, 5]);
    const spare = new Int32Array(512);
    automaton.takeMatches(spare);
    expect(automaton.scan('稍等')).toBe(1);
    expect(automaton.matches).toBe(spare);
    expect([...taken.subarray(0, 4)]).toEqual([0, 3, 1, 5]);
  });
});
