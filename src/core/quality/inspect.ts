import type { Transcript } from '../interactions/transcript.js';
import type { CompiledPack } from './compile.js';
import { InspectionContext } from './context.js';
import { evaluateRule } from './rules.js';
import type { Lang, QualityResult } from './types.js';

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
  const checks = compiled.rules.map((node) => evaluateRule(ctx, node));
  ctx.release();
  const fatal = checks.some((c) => c.ok === false && c.severity === 'fatal');
  const lost = checks.reduce((sum, c) => sum + c.points, 0);
  const score = fatal ? 0 : Math.max(0, Math.round((100 - lost) * 100) / 100);
  return { id: transcript.id ?? null, standard: compiled.standard, score, fatal, checks };
}
