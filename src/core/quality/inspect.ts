import type { Transcript } from '../interactions/transcript.js';
import type { CompiledPack } from './compile.js';
import { InspectionContext } from './context.js';
import { evaluateRule } from './rules.js';
import type { Check, Lang, QualityResult } from './types.js';

export interface InspectOptions {
  /** Language of messages and reasons (default zh). */
  lang?: Lang;
}

/**
 * Checks one transcript against a compiled standard pack. Pure: no I/O, no clock. Score is 100
 * minus the points of failed checks; any failed fatal check sets `fatal` and the score to 0.
 */
export function inspectTranscript(transcript: Transcript, compiled: CompiledPack, options: InspectOptions = {}): QualityResult {
  const ctx = new InspectionContext(transcript, compiled, options.lang ?? 'zh');
  const rules = compiled.rules;
  const checks: Check[] = [];
  let fatal = false;
  let lost = 0;
  // One loop reads each check as it is made (checks come in several shapes: read once each).
  for (let r = 0; r < rules.length; r++) {
    const check = evaluateRule(ctx, rules[r]!);
    checks.push(check);
    if (check.ok === false && check.severity === 'fatal') fatal = true;
    lost += check.points;
  }
  ctx.release();
  const score = fatal ? 0 : Math.max(0, Math.round((100 - lost) * 100) / 100);
  return { id: transcript.id ?? null, standard: compiled.standard, score, fatal, checks };
}
