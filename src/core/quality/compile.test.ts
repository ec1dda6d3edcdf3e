import { describe, expect, it } from 'vitest';
import { loadDefaultPack } from '../../adapters/standard-files.js';
import { foldRegexSource, withoutCaptures } from './compile.js';

describe('withoutCaptures', () => {
  it('makes plain and named groups non-capturing and leaves lookarounds, classes and escapes alone', () => {
    expect(withoutCaptures('(帮|给)(您|你)(一)?下')).toBe('(?:帮|给)(?:您|你)(?:一)?下');
    expect(withoutCaptures('(?<n>a)(?:b)(?<!c)(?<=d)(?=e)(?!f)')).toBe('(?:a)(?:b)(?<!c)(?<=d)(?=e)(?!f)');
    expect(withoutCaptures('\\(x\\)[(]a[^)]')).toBe('\\(x\\)[(]a[^)]');
    expect(withoutCaptures('[\\]()](a)')).toBe('[\\]()](?:a)');
  });

  it('finds every match of the default pack\'s regexes where the capturing form does', () => {
    const pack = loadDefaultPack();
    const texts = ['您是说订单号2026030212345,对吗?', '我帮您查询一下,请您稍等1分钟好吗?', '提供一下订单号妹子好去帮您查看下呢', '3月12日下单的,299.5元是吗', '(个人)发票是吗'];
    for (const set of Object.values(pack.phraseSets)) {
      for (const source of set.regex.map(foldRegexSource)) {
        const spans = (re: RegExp): string[] => texts.flatMap((t) => [...t.matchAll(re)].map((m) => `${m.index}:${m[0]}`));
        expect(spans(new RegExp(withoutCaptures(source), 'gu'))).toEqual(spans(new RegExp(source, 'gu')));
      }
    }
  });
});
