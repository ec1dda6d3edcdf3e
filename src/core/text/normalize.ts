import { buildCharFolds, PHRASE_FOLDS } from './char-folds.js';

/**
 * Text prepared for matching, with a map back to the original.
 *
 * `text` is the folded form (Simplified, half-width, lower-case Latin, no whitespace). For each
 * UTF-16 unit `i` of `text`, `starts[i]`/`ends[i]` are the original UTF-16 span it came from, so
 * a match `[from, to)` in `text` is `[starts[from], ends[to - 1])` in the original.
 */
export interface NormalizedText {
  readonly text: string;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly originalLength: number;
}

const DROP = 0xffff;
const CHUNK = 4096;

// One lookup per BMP unit keeps normalization to a table read per character; the rare
// supplementary-plane folds live in a Map.
const bmpTable = new Uint16Array(0x10000);
const astralFolds = new Map<number, string>();

function initTables(): void {
  for (let c = 0; c < 0x10000; c++) bmpTable[c] = c;
  for (let c = 0x41; c <= 0x5a; c++) bmpTable[c] = c + 0x20;
  // Full-width ASCII block → ASCII (lower-case for letters).
  for (let c = 0xff01; c <= 0xff5e; c++) {
    const ascii = c - 0xfee0;
    bmpTable[c] = ascii >= 0x41 && ascii <= 0x5a ? ascii + 0x20 : ascii;
  }
  const punctuation: Record<string, string> = {
    '。': '.', '、': ',', '｡': '.', '､': ',', '「': '"', '」': '"', '『': '"', '』': '"',
    '“': '"', '”': '"', '‘': "'", '’': "'", '【': '[', '】': ']', '〔': '[', '〕': ']',
    '〈': '<', '〉': '>', '《': '<', '》': '>', '〜': '~', '～': '~', '﹐': ',', '﹒': '.',
    '﹖': '?', '﹗': '!', '﹔': ';', '﹕': ':', '﹑': ',', '︰': ':',
  };
  for (const [from, to] of Object.entries(punctuation)) bmpTable[from.charCodeAt(0)] = to.charCodeAt(0);
  // Whitespace and invisible format characters carry no meaning for phrase matching; ASR output
  // and chat exports put spaces between Chinese words at random.
  for (const c of [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0x85, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0x200b, 0x200c, 0x200d, 0x2060, 0xfeff]) {
    bmpTable[c] = DROP;
  }
  for (let c = 0x2000; c <= 0x200a; c++) bmpTable[c] = DROP;
  for (const [cp, to] of buildCharFolds()) {
    if (cp < 0x10000) {
      const out = to.codePointAt(0) ?? cp;
      if (out < 0x10000) bmpTable[cp] = out;
      else astralFolds.set(cp, to);
    } else {
      astralFolds.set(cp, to);
    }
  }
}
initTables();

// Phrase folds are written in source characters; fold them through the table once.
let phraseFolds: ReadonlyArray<readonly [string, string]> = [];
phraseFolds = PHRASE_FOLDS.map(([from, to]) => [normalizeText(from).text, normalizeText(to).text] as const);

/**
 * Normalizes one text for matching: Traditional→Simplified, full→half width, Latin lower-case,
 * whitespace removed. Every phrase of a standard pack and every utterance go through this same
 * function, so the two scripts (and both punctuation widths) compare equal.
 */
export function normalizeText(original: string): NormalizedText {
  const n = original.length;
  const out = new Uint16Array(n);
  const starts = new Int32Array(n);
  const ends = new Int32Array(n);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const c = original.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const low = original.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        const cp = (c - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        const folded = astralFolds.get(cp);
        if (folded !== undefined && folded.length === 1) {
          out[k] = folded.charCodeAt(0);
          starts[k] = i;
          ends[k++] = i + 2;
        } else {
          const s = folded ?? original.slice(i, i + 2);
          for (let j = 0; j < s.length; j++) {
            out[k] = s.charCodeAt(j);
            starts[k] = i;
            ends[k++] = i + 2;
          }
        }
        i++;
        continue;
      }
    }
    const m = bmpTable[c] ?? c;
    if (m === DROP) continue;
    out[k] = m;
    starts[k] = i;
    ends[k++] = i + 1;
  }
  let text = decodeUnits(out, k);
  for (const [from, to] of phraseFolds) {
    if (text.includes(from)) text = text.split(from).join(to);
  }
  return { text, starts: starts.subarray(0, k), ends: ends.subarray(0, k), originalLength: n };
}

function decodeUnits(units: Uint16Array, length: number): string {
  if (length <= CHUNK) return String.fromCharCode.apply(null, units.subarray(0, length) as unknown as number[]);
  let s = '';
  for (let i = 0; i < length; i += CHUNK) {
    s += String.fromCharCode.apply(null, units.subarray(i, Math.min(length, i + CHUNK)) as unknown as number[]);
  }
  return s;
}

/** Normalized form only, for phrases and other text that needs no offset map. */
export function normalizePhrase(phrase: string): string {
  return normalizeText(phrase).text;
}

/** Maps a `[from, to)` span of the normalized text back to the original text. */
export function originalSpan(norm: NormalizedText, from: number, to: number): { from: number; to: number } {
  if (norm.starts.length === 0) return { from: 0, to: 0 };
  if (to <= from) {
    const at = from < norm.starts.length ? (norm.starts[from] ?? norm.originalLength) : norm.originalLength;
    return { from: at, to: at };
  }
  return { from: norm.starts[from] ?? 0, to: norm.ends[to - 1] ?? norm.originalLength };
}
