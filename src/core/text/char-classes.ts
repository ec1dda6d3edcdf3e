/**
 * Unicode category tests by code point, answered from a table filled on first sight of each
 * character. Speech rate and interruption checks classify every character of every agent
 * utterance; a regex test per character costs more than the rest of those checks together.
 */
class CodePointClass {
  /** BMP code unit → 0 unknown, 1 outside the class, 2 inside. */
  private readonly table = new Uint8Array(0x10000);
  private readonly astral = new Map<number, boolean>();

  constructor(private readonly re: RegExp) {}

  has(cp: number): boolean {
    if (cp < 0x10000) {
      let v = this.table[cp]!;
      if (v === 0) this.table[cp] = v = this.re.test(String.fromCharCode(cp)) ? 2 : 1;
      return v === 2;
    }
    let v = this.astral.get(cp);
    if (v === undefined) this.astral.set(cp, (v = this.re.test(String.fromCodePoint(cp))));
    return v;
  }
}

const letterOrNumber = new CodePointClass(/^[\p{L}\p{N}]$/u);
const punctuationOrSymbol = new CodePointClass(/^[\p{P}\p{S}]$/u);

/** Letters and digits (\p{L}, \p{N}) in `text`, counted by code point (a lone surrogate is one). */
export function countLettersAndNumbers(text: string): number {
  let count = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    let cp = c;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = (c - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        i++;
      }
    }
    if (letterOrNumber.has(cp)) count++;
  }
  return count;
}

/**
 * Length in UTF-16 units of `text` without punctuation and symbols (\p{P}, \p{S}), i.e.
 * `text.replace(/[\p{P}\p{S}]/gu, '').length`; counting stops once it passes `limit`.
 */
export function lengthWithoutPunctuation(text: string, limit = Infinity): number {
  let length = 0;
  const n = text.length;
  for (let i = 0; i < n && length <= limit; i++) {
    const c = text.charCodeAt(i);
    let cp = c;
    let units = 1;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = (c - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        units = 2;
        i++;
      }
    }
    if (!punctuationOrSymbol.has(cp)) length += units;
  }
  return length;
}
