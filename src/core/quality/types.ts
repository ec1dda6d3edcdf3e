import type { SpeechRateMeasure } from './speech-rate.js';
import type { Severity } from '../standard/schema.js';

export type Lang = 'zh' | 'en';

/** A place in the transcript: `from`/`to` are offsets into the ORIGINAL utterance text. */
export interface Evidence {
  utterance: number;
  from: number;
  to: number;
  /** ms on the transcript's clock, when the utterance has timestamps; otherwise null. */
  at: number | null;
  quote: string;
  /** True when this marks where a missing element was due, not something said. */
  missing?: boolean;
}

export interface Check {
  rule: string;
  ok: boolean | null;
  severity: Severity;
  points: number;
  evidence: Evidence[];
  message: string;
  suggestion?: string;
  /** Why the check does not apply (always present when ok is null). */
  reason?: string;
  /** Speech-rate checks (PH-RATE): the measured utterances and the band applied, as the verdict used them. */
  speechRate?: SpeechRateMeasure;
}

export interface QualityResult {
  id: string | null;
  standard: string;
  score: number;
  fatal: boolean;
  checks: Check[];
}
