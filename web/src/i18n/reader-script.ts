import type { Locale } from './messages';
import { loadTraditionalConverter, type TextConverter } from '../../../shared/traditional-script';

/**
 * Chinese the server writes once, in Simplified — the standard pack's scripts, taboo replacements and
 * check messages (`缺少：致歉、处理时限`) — shown in the reader's script. A zh-TW reader gets it in
 * Traditional, converted here at display time, so a centre keeps one pack and a Taiwanese agent still
 * reads 請問有什麼可以幫您. Only the script changes (OpenCC's cn→tw: characters and Taiwan's variant
 * forms, not its vocabulary swaps such as 信息→資訊), because the wording is the standard's.
 * English readers see the pack as written: it is the centre's own text, not UI copy.
 */
export { loadTraditionalConverter, type TextConverter };

export const unchanged: TextConverter = (text) => text;

/** Whether `locale` reads the server's Simplified text through a converter. */
export function needsConversion(locale: Locale): boolean {
  return locale === 'zh-TW';
}

/** The text for `locale`, given the converter once loaded (`unchanged` until then, and for zh-CN and en). */
export function inReaderScript(locale: Locale, text: string, converter: TextConverter | undefined): string {
  return needsConversion(locale) && converter ? converter(text) : text;
}
