import { inspectTranscript } from '../quality/inspect.js';
import type { Lang, QualityResult } from '../quality/types.js';
import type { CallContext } from './call-context.js';
import type { StoredCall } from './ports.js';

/**
 * A stored call's quality result worded in the reader's language. The engine words its messages
 * once, when the transcript arrives (in Chinese unless the poster asked otherwise); an English
 * reader gets them by judging the same stored transcript with the same pack version again in
 * English (~75 µs): the engine is deterministic, so only the words change. A check whose verdict
 * would come out differently (it should not) keeps its stored words, and so does a result whose
 * pack version is no longer stored.
 */
export async function qualityForReader(ctx: Pick<CallContext, 'standardByLabel'>, call: StoredCall, lang: Lang): Promise<QualityResult | null> {
  const stored = call.quality;
  if (!stored || !call.transcript || !ctx.standardByLabel) return stored;
  const pack = await ctx.standardByLabel(stored.standard);
  if (!pack) return stored;
  const worded = new Map(inspectTranscript(call.transcript, pack, { lang }).checks.map((c) => [c.rule, c]));
  return {
    ...stored,
    checks: stored.checks.map((c) => {
      const w = worded.get(c.rule);
      if (!w || w.ok !== c.ok || w.points !== c.points) return c;
      return { ...c, message: w.message, ...(w.reason !== undefined && { reason: w.reason }), ...(w.suggestion !== undefined && { suggestion: w.suggestion }) };
    }),
  };
}
