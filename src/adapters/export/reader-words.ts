import type { ReaderLanguage } from '../../contract/common.js';
import { loadTraditionalConverter, type TextConverter as Convert } from '../../../shared/traditional-script.js';

/**
 * The words a server-written file (an export's title, headers and fixed values) is read in. The core
 * keeps each table's words in Simplified Chinese and English; a 繁體 reader gets the Simplified words
 * through the same cn→tw converter the web uses for the pack's text (shared/traditional-script.ts), so
 * no third copy of every header is kept by hand.
 */
/** `zh` for zh-CN, `en` for en, `zh` converted string by string (functions' results too) for zh-TW. */
export async function wordsFor<T>(language: ReaderLanguage, zh: T, en: T): Promise<T> {
  switch (language) {
    case 'zh-CN':
      return zh;
    case 'en':
      return en;
    case 'zh-TW':
      return converted(zh, await loadTraditionalConverter());
  }
}

/** Every string in `value` converted; what is not a string, array, plain object or function is kept. */
export function converted<T>(value: T, convert: Convert): T {
  if (typeof value === 'string') return convert(value) as T;
  if (typeof value === 'function') return ((...args: unknown[]) => convert(String((value as (...a: unknown[]) => unknown)(...args)))) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => converted(v, convert)) as T;
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, converted(v, convert)])) as T;
  return value;
}
