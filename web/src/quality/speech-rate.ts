import type { QualityResult, Transcript } from './quality-types';

export interface UtteranceRate {
  utterance: number;
  /** ms on the transcript's clock. */
  start: number;
  /** Spoken characters (letters, digits, CJK; no punctuation) per minute. */
  rate: number;
  chars: number;
}

export interface RateBand {
  min: number;
  max: number;
}

/** The same count the engine uses: punctuation and spaces are not spoken. */
export function spokenChars(text: string): number {
  let n = 0;
  for (const ch of text) if (/[\p{L}\p{N}]/u.test(ch)) n++;
  return n;
}

/** The agent's utterances that have both timestamps, with their rate. */
export function agentSpeechRates(transcript: Pick<Transcript, 'utterances'>): UtteranceRate[] {
  const rates: UtteranceRate[] = [];
  transcript.utterances.forEach((u, utterance) => {
    if (u.speaker !== 'agent' || u.start === undefined || u.end === undefined || u.end <= u.start) return;
    const chars = spokenChars(u.text);
    if (chars === 0) return;
    rates.push({ utterance, start: u.start, chars, rate: Math.round((chars * 60_000) / (u.end - u.start)) });
  });
  return rates;
}

/**
 * The band the inspection used. The Quality result does not carry it as data, but the speech-rate
 * check names it in its message ("200–220 字/分钟"); reading it there shows the band of the
 * standard version that scored this call, not of today's pack.
 */
export function bandFromResult(result: QualityResult): RateBand | undefined {
  const check = result.checks.find((c) => c.rule === 'PH-RATE' || c.rule.startsWith('PH-RATE.'));
  const match = check ? /(\d+(?:\.\d+)?)\s*[–—-]\s*(\d+(?:\.\d+)?)/.exec(check.message) : null;
  if (!match) return undefined;
  const min = Number(match[1]);
  const max = Number(match[2]);
  return min > 0 && max >= min ? { min, max } : undefined;
}
