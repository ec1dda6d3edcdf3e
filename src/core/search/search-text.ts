import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { normalizeText } from '../text/normalize.js';

// One segmenter per process: loading the dictionary takes ~100 ms and it is read-only afterwards.
let jieba: Jieba | undefined;
function segmenter(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

/**
 * The version of how text becomes search tokens (normalization, folds, segmentation). Rows
 * indexed under another version are re-tokenized once at start (`db/search-reindex.ts`); bump
 * it whenever a change here or in `core/text` would give stored text other tokens.
 * 2: 帐/帳 fold to 账.
 */
export const SEARCH_FORM = 2;

const WORD = /[\p{L}\p{N}]+/gu;
const CJK = /^[\p{Script=Han}]+$/u;

/** Simplified, half-width, lower-case pieces of the text, split where the text had spaces or punctuation. */
function normalizedPieces(text: string): string[] {
  const out: string[] = [];
  for (const part of text.split(/\s+/)) {
    if (!part) continue;
    for (const m of normalizeText(part).text.matchAll(WORD)) out.push(m[0]);
  }
  return out;
}

function bigrams(run: string): string[] {
  const chars = [...run];
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

/**
 * The token column a record is searched by: jieba's search-mode words of the normalized text
 * plus every two-character window of each Han run. The windows make any two-character query
 * (退款, 发票) match whatever the segmenter decided for the surrounding text; the words let
 * longer terms rank above accidental overlaps. Traditional input is folded to Simplified first,
 * so 發票 and 发票 index the same tokens.
 */
export function searchTokens(...texts: Array<string | null | undefined>): string {
  const tokens: string[] = [];
  const j = segmenter();
  for (const text of texts) {
    if (!text) continue;
    for (const piece of normalizedPieces(text)) {
      for (const w of j.cutForSearch(piece, true)) {
        for (const m of w.matchAll(WORD)) tokens.push(m[0]);
      }
      for (const m of piece.matchAll(/\p{Script=Han}+/gu)) if (m[0].length >= 2) tokens.push(...bigrams(m[0]));
    }
  }
  return tokens.join(' ');
}

/**
 * A query as terms that must all match. Each term is one of:
 * - `{ word }` an exact token,
 * - `{ prefix }` any token starting with it (single characters, Latin words and numbers as typed so far),
 * - `{ word, orAll }` the word itself or all of its two-character windows (longer Han words the
 *   segmenter may have split differently in the record).
 */
export type SearchTerm = { kind: 'word'; word: string } | { kind: 'prefix'; prefix: string } | { kind: 'phrase'; word: string; bigrams: string[] };

/**
 * How a typed number is matched. `prefix` finds every token starting with the digits typed so far;
 * `whole` finds only a token that is the number itself. A reader who sees phone numbers masked
 * (138****5678) gets `whole`: with prefixes, typing 1380, 1381, … and watching which customers stay
 * in the list would rebuild the masked digits one by one (personal-data.ts decides who is which).
 */
export type NumberMatching = 'prefix' | 'whole';

const DIGITS = /^\d+$/;

export function searchTerms(query: string, numbers: NumberMatching = 'whole'): SearchTerm[] {
  const terms: SearchTerm[] = [];
  const seen = new Set<string>();
  const j = segmenter();
  for (const piece of normalizedPieces(query)) {
    for (const raw of j.cut(piece, true)) {
      for (const m of raw.matchAll(WORD)) {
        const w = m[0];
        if (seen.has(w)) continue;
        seen.add(w);
        const length = [...w].length;
        if (CJK.test(w)) {
          if (length === 1) terms.push({ kind: 'prefix', prefix: w });
          else if (length === 2) terms.push({ kind: 'word', word: w });
          else terms.push({ kind: 'phrase', word: w, bigrams: bigrams(w) });
        } else if (numbers === 'whole' && DIGITS.test(w)) {
          terms.push({ kind: 'word', word: w });
        } else {
          terms.push({ kind: 'prefix', prefix: w });
        }
      }
    }
  }
  // A query is cut to at most 8 terms: nobody types more, and it bounds the work per search.
  return terms.slice(0, 8);
}

/** SQLite FTS5 MATCH expression for the terms (terms contain only letters and digits). */
export function fts5Query(terms: SearchTerm[]): string {
  return terms
    .map((t) => {
      switch (t.kind) {
        case 'word':
          return `"${t.word}"`;
        case 'prefix':
          return `"${t.prefix}"*`;
        case 'phrase':
          return `("${t.word}" OR (${t.bigrams.map((b) => `"${b}"`).join(' AND ')}))`;
        default: {
          const never: never = t;
          return never;
        }
      }
    })
    .join(' AND ');
}

/** PostgreSQL tsquery text for the terms; lexemes are quoted so no text-search parser is involved. */
export function tsQuery(terms: SearchTerm[]): string {
  return terms
    .map((t) => {
      switch (t.kind) {
        case 'word':
          return `'${t.word}'`;
        case 'prefix':
          return `'${t.prefix}':*`;
        case 'phrase':
          return `('${t.word}' | (${t.bigrams.map((b) => `'${b}'`).join(' & ')}))`;
        default: {
          const never: never = t;
          return never;
        }
      }
    })
    .join(' & ');
}
