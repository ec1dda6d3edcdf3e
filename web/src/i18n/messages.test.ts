import { describe, expect, it } from 'vitest';
import { readStoredLocale, storeLocale } from './locale-storage';
import { formatMessage, locales, messages, type MessageKey } from './messages';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('dictionaries', () => {
  const keys = Object.keys(messages['zh-CN']) as MessageKey[];

  it('give every key a non-empty text in every language', () => {
    for (const locale of locales) {
      for (const key of keys) expect(messages[locale][key].trim(), `${locale} ${key}`).not.toBe('');
    }
  });

  it('use the same placeholders in every language', () => {
    for (const key of keys) {
      const expected = placeholders(messages['zh-CN'][key]);
      for (const locale of locales) expect(placeholders(messages[locale][key]), `${locale} ${key}`).toEqual(expected);
    }
  });

  it('write Traditional Chinese in traditional characters', () => {
    // A few simplified-only characters that appear in the zh-CN copy and must not leak into zh-TW.
    const simplifiedOnly = /[录务户单设质检报账号码访将显错误请尝试过]/;
    for (const key of keys) expect(messages['zh-TW'][key], key).not.toMatch(simplifiedOnly);
  });

  it('fill placeholders and leave unknown ones visible', () => {
    expect(formatMessage('zh-CN', 'header.signedInAs', { username: 'ana' })).toBe('当前账号：ana');
    expect(formatMessage('zh-CN', 'header.signedInAs')).toBe('当前账号：{username}');
  });
});

describe('remembered language', () => {
  function memoryStorage(initial: Record<string, string> = {}) {
    const data = new Map(Object.entries(initial));
    return {
      getItem: (key: string) => data.get(key) ?? null,
      setItem: (key: string, value: string) => void data.set(key, value),
    };
  }

  it('defaults to Simplified Chinese and remembers a choice', () => {
    const storage = memoryStorage();
    expect(readStoredLocale(storage)).toBe('zh-CN');
    storeLocale(storage, 'zh-TW');
    expect(readStoredLocale(storage)).toBe('zh-TW');
  });

  it('ignores a stored value that is not a supported language, and storage that throws', () => {
    expect(readStoredLocale(memoryStorage({ 'kefu.locale': 'fr' }))).toBe('zh-CN');
    const broken = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(readStoredLocale(broken)).toBe('zh-CN');
    expect(() => storeLocale(broken, 'en')).not.toThrow();
  });
});
