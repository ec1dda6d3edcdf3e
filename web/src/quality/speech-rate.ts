import type { Check, QualityResult } from './quality-types';

/**
 * PH-RATE as the server measured it: the check carries the measured utterances and the band it
 * applied (`Check.speechRate`, core/quality/speech-rate.ts). The chart draws exactly these, so a bar
 * is red if and only if the verdict counted it out of band — no second computation here.
 */
export type SpeechRate = NonNullable<Check['speechRate']>;
export type UtteranceRate = SpeechRate['utterances'][number];

export type SpeechRateView =
  | { kind: 'measured'; rate: SpeechRate }
  /** The check did not apply (no timestamps, nothing long enough): its reason. */
  | { kind: 'not_applicable'; reason: string }
  /** A result judged before the check carried its figures. */
  | { kind: 'not_recorded' }
  | { kind: 'no_check' };

export function speechRateCheck(result: QualityResult): Check | undefined {
  return result.checks.find((c) => c.rule === 'PH-RATE' || c.rule.startsWith('PH-RATE.'));
}

export function speechRateView(result: QualityResult): SpeechRateView {
  const check = speechRateCheck(result);
  if (!check) return { kind: 'no_check' };
  if (check.speechRate) return { kind: 'measured', rate: check.speechRate };
  if (check.ok === null) return { kind: 'not_applicable', reason: check.reason ?? check.message };
  return { kind: 'not_recorded' };
}

/** The chart's bars: each measured utterance's rate and whether the verdict counted it in band. */
export function chartBars(rate: SpeechRate): Array<{ utterance: number; start: number; value: number; inBand: boolean }> {
  return rate.utterances.map((u) => ({ utterance: u.utterance, start: u.start, value: u.rate, inBand: u.inBand }));
}
