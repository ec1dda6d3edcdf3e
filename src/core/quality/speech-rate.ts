import { countLettersAndNumbers } from '../text/char-classes.js';
import type { Utterance } from '../interactions/transcript.js';

/**
 * PH-RATE's one computation of speech rate (字/分钟): which agent utterances are long enough to
 * measure, each one's rate, and whether it is inside the band as the pack widens it (`slack`; the
 * lower bound dropped when the customer is upset). The check judges by it and the quality result
 * carries it (`Check.speechRate`), so the chart draws exactly the figures the verdict used.
 */
export interface UtteranceRate {
  /** Index in the transcript's utterances. */
  utterance: number;
  /** Start, ms on the transcript's clock. */
  start: number;
  chars: number;
  ms: number;
  /** Spoken characters (letters, digits, CJK; no punctuation) per minute, rounded. */
  rate: number;
  /** Inside [lower, upper]. */
  inBand: boolean;
}

export interface SpeechRateMeasure {
  /** The pack's band, as STANDARD.md states it (200–220). */
  min: number;
  max: number;
  /** The band the verdict applies: widened by the pack's slack; lower 0 when relaxed. */
  lower: number;
  upper: number;
  /** The customer was upset: the agent may slow down, the lower bound is not enforced. */
  relaxed: boolean;
  /** The measured utterances (long enough by the pack's minChars and minMs), in order. */
  utterances: UtteranceRate[];
}

export interface SpeechRateRule {
  band: { min: number; max: number };
  slack: number;
  minChars: number;
  minMs: number;
}

export function measureSpeechRate(utterances: readonly Utterance[], agent: readonly number[], rule: SpeechRateRule, relaxLower: boolean): SpeechRateMeasure {
  const lower = relaxLower ? 0 : Math.round(rule.band.min * (1 - rule.slack) * 100) / 100;
  const upper = Math.round(rule.band.max * (1 + rule.slack) * 100) / 100;
  const out: UtteranceRate[] = [];
  for (const i of agent) {
    const u = utterances[i];
    if (!u || u.start === undefined || u.end === undefined) continue;
    const ms = u.end - u.start;
    const chars = spokenChars(u.text);
    if (chars < rule.minChars || ms < rule.minMs) continue;
    const rate = Math.round((chars * 60_000) / ms);
    out.push({ utterance: i, start: u.start, chars, ms, rate, inBand: rate >= lower && rate <= upper });
  }
  return { min: rule.band.min, max: rule.band.max, lower, upper, relaxed: relaxLower, utterances: out };
}

/** Characters that count for speech rate: letters, digits and CJK, not punctuation. */
export function spokenChars(text: string): number {
  // Fast path for what agent speech is made of: CJK Unified Ideographs (all \p{Lo} since
  // Unicode 14) by their range, ASCII letters and digits and the common CJK punctuation by one
  // read of a table (only its few hot lines are read: the ideographs never reach it). At anything
  // else the rest of the text goes to the general count (code point boundaries are intact: no
  // surrogate has been passed).
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x4e00 && c <= 0x9fff) {
      count++;
      continue;
    }
    const kind = SPOKEN[c]!;
    if (kind === OTHER) return count + countLettersAndNumbers(text.slice(i));
    count += kind;
  }
  return count;
}

/** By UTF-16 unit: 1 spoken (CJK, ASCII letter or digit), 0 not (ASCII, common punctuation), OTHER ask countLettersAndNumbers. */
const OTHER = 2;
const SPOKEN = new Uint8Array(0x10000).fill(OTHER);
SPOKEN.fill(0, 0, 0x80);
SPOKEN.fill(1, 0x4e00, 0xa000);
SPOKEN.fill(1, 0x30, 0x3a);
SPOKEN.fill(1, 0x41, 0x5b);
SPOKEN.fill(1, 0x61, 0x7b);
// ，。？！、：；（）“”‘’「」… — \p{P}, never letters or digits.
for (const c of [0xff0c, 0x3002, 0xff1f, 0xff01, 0x3001, 0xff1a, 0xff1b, 0xff08, 0xff09, 0x201c, 0x201d, 0x2018, 0x2019, 0x300c, 0x300d, 0x2026]) SPOKEN[c] = 0;
