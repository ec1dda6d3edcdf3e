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
let scratchUnits = new Uint16Array(1024);
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

/**
 * Normalizes one text for matching: Traditional→Simplified, full→half width, Latin lower-case,
 * whitespace removed. Every phrase of a standard pack and every utterance go through this same
 * function, so the two scripts (and both punctuation widths) compare equal.
 */
export function normalizeText(original: string): NormalizedText {
  const n = original.length;
  const starts = new Int32Array(n);
  const ends = new Int32Array(n);
  const units = scratch(n);
  const k = foldInto(original, units, starts, ends, 0);
  const text = applyPhraseFolds(decodeUnits(units, 0, k));
  return { text, starts: starts.subarray(0, k), ends: ends.subarray(0, k), originalLength: n };
}

/**
 * Several texts (a transcript's utterances) normalized into one string, so a transcript costs
 * one decode instead of one per utterance, and one automaton pass can scan all of it.
 *
 * Part `i` is `text.slice(bounds[i], bounds[i + 1] - 1)`: each part is followed by one
 * `PART_SEPARATOR`, a character normalization always removes, so no phrase and no phrase fold
 * can run from one part into the next. There is no offset map: most texts never need one, and
 * `spanInOriginal` recomputes it for the few spans that become evidence.
 */
export interface NormalizedParts {
  readonly text: string;
  readonly bounds: readonly number[];
  /**
   * Some part has a UTF-16 surrogate (an astral character, or a lone half). Without one, and with
   * nothing dropped (a part as long as its normalized text), a part's offsets map to themselves.
   */
  readonly surrogates: boolean;
}

export const PART_SEPARATOR = '\n';

export function normalizeParts(parts: readonly string[]): NormalizedParts {
  let total = 0;
  for (const p of parts) total += p.length + 1;
  const bounds: number[] = [0];
  const units = scratch(total);
  let k = 0;
  sawSurrogate = false;
  for (let i = 0; i < parts.length; i++) {
    k = foldUnits(parts[i]!, units, k);
    units[k++] = 0x0a;
    bounds.push(k);
  }
  return { text: applyPhraseFolds(decodeUnits(units, 0, k)), bounds, surrogates: sawSurrogate };
}

/** Set by foldUnits when it meets a surrogate (the loop tests for them anyway: free to record). */
let sawSurrogate = false;

/**
 * The span of `original` that `[from, to)` of its normalized text came from (`to > from`), the
 * same as `originalSpan(normalizeText(original), from, to)` without building the offset map.
 */
export function spanInOriginal(original: string, from: number, to: number): { from: number; to: number } {
  const n = original.length;
  let k = 0;
  let start = 0;
  for (let i = 0; i < n; i++) {
    const c = original.charCodeAt(i);
    let units = 1;
    let width = 1;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const low = original.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        const folded = astralFolds.get((c - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000);
        units = folded === undefined ? 2 : folded.length;
        width = 2;
      }
    }
    if (width === 1 && bmpTable[c] === DROP) continue;
    if (k <= from && from < k + units) start = i;
    k += units;
    if (k >= to) return { from: start, to: i + width };
    i += width - 1;
  }
  return { from: start, to: n };
}

// The folded units are decoded into a string right away, so one growing buffer serves every call.
function scratch(n: number): Uint16Array {
  if (scratchUnits.length < n) scratchUnits = new Uint16Array(Math.max(n, scratchUnits.length * 2));
  return scratchUnits;
}

/** Folds `original` into `out`/`starts`/`ends` from index `k`; returns the index after the last unit written. */
function foldInto(original: string, out: Uint16Array, starts: Int32Array, ends: Int32Array, k: number): number {
  const n = original.length;
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
    const m = bmpTable[c]!;
    if (m === DROP) continue;
    out[k] = m;
    starts[k] = i;
    ends[k++] = i + 1;
  }
  return k;
}

/** `foldInto` without the offset map. */
function foldUnits(original: string, out: Uint16Array, k: number): number {
  const n = original.length;
  for (let i = 0; i < n; i++) {
    const c = original.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) {
      sawSurrogate = true;
      if (c <= 0xdbff && i + 1 < n) {
        const low = original.charCodeAt(i + 1);
        if (low >= 0xdc00 && low <= 0xdfff) {
          const cp = (c - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
          const s = astralFolds.get(cp) ?? original.slice(i, i + 2);
          for (let j = 0; j < s.length; j++) out[k++] = s.charCodeAt(j);
          i++;
          continue;
        }
      }
    }
    const m = bmpTable[c]!;
    if (m !== DROP) out[k++] = m;
  }
  return k;
}

function applyPhraseFolds(text: string): string {
  let out = text;
  for (const [from, to] of phraseFolds) {
    if (out.includes(from)) out = out.split(from).join(to);
  }
  return out;
}

// Decoding natively is several times faster than String.fromCharCode.apply, but a decoder
// replaces unpaired surrogates with U+FFFD: text that has them takes the slow, exact path.
const utf16 = new TextDecoder('utf-16le', { ignoreBOM: true });

function decodeUnits(units: Uint16Array, from: number, to: number): string {
  if (!hasLoneSurrogate(units, from, to)) return utf16.decode(units.subarray(from, to));
  let s = '';
  for (let i = from; i < to; i += CHUNK) {
    s += String.fromCharCode.apply(null, units.subarray(i, Math.min(to, i + CHUNK)) as unknown as number[]);
  }
  return s;
}

function hasLoneSurrogate(units: Uint16Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = units[i]!;
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c <= 0xdbff && i + 1 < to) {
      const low = units[i + 1]!;
      if (low >= 0xdc00 && low <= 0xdfff) {
        i++;
        continue;
      }
    }
    return true;
  }
  return false;
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

// Last, once every table and helper above is initialized.
phraseFolds = PHRASE_FOLDS.map(([from, to]) => [normalizeText(from).text, normalizeText(to).text] as const);
