import { transcriptFromRecognizer, type Recognizer } from '../interactions/recognizer-output.js';
import { AppError } from '../shared/app-error.js';
import { isInstant } from '../shared/instant.js';
import { parseTranscript, type Transcript } from '../interactions/transcript.js';
import { inspectTranscript } from '../quality/inspect.js';
import type { Lang, QualityResult } from '../quality/types.js';
import type { CallContext } from './call-context.js';
import type { StoredCall } from './ports.js';

/**
 * A call's transcript arrives: it is merged with what the call already knows (its id, agent, start
 * and, unless the transcript brings its own, the call's events — so ring-time, hold and hang-up
 * checks apply), judged by the standard pack in force, stored with the result, score and pack
 * version, and announced as `call.quality`.
 */
export async function attachTranscript(
  ctx: Pick<CallContext, 'store' | 'clock' | 'publish' | 'standard'> & Partial<Pick<CallContext, 'outbound'>>,
  callId: string,
  body: unknown,
  lang: Lang,
  /** A recognizer's own result (aliyun, tencent, iflytek, funasr, whisper) instead of a Transcript, with the agent's channel. */
  recognizer?: { from: Recognizer; agentChannel: number },
): Promise<{ call: StoredCall; quality: QualityResult }> {
  const parsed = recognizer ? transcriptFromRecognizer(recognizer.from, body, { agentChannel: recognizer.agentChannel }) : parseTranscript(body);
  if (!parsed.ok) throw AppError.validation('Invalid transcript', parsed.errors);
  const call = await ctx.store.get(callId);
  if (!call) throw AppError.notFound(`Call ${callId}`);
  // A call placed for a callback task is an outbound callback unless the transcript says otherwise:
  // the pack's callback rules (CB-OPEN, CB-3MIN, CB-NOARGUE, CB-HANGUP) judge it.
  const given = !recognizer && typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const callback = ctx.outbound ? await ctx.outbound.isCallback(call.id) : false;
  const transcript: Transcript = {
    ...parsed.transcript,
    ...(callback && given.channel === undefined && { channel: 'callback' as const }),
    ...(callback && given.direction === undefined && { direction: 'outbound' as const }),
    id: parsed.transcript.id ?? call.id,
    ...(parsed.transcript.agent === undefined && call.agent !== null && { agent: call.agent }),
    ...(parsed.transcript.events === undefined && call.events.length > 0 && { events: call.events }),
    // A call stored with an impossible time (older data) simply has no start to show.
    ...(parsed.transcript.startedAt === undefined && isInstant(call.offeredAt) && { startedAt: new Date(call.offeredAt).toISOString() }),
  };
  const standard = await ctx.standard();
  const quality = inspectTranscript(transcript, standard.compiled, { lang });
  const now = ctx.clock.now();
  await ctx.store.setQuality(call.id, { transcript, quality, score: quality.score, fatal: quality.fatal, standardVersion: standard.label }, now);
  await ctx.publish({ type: 'call.quality', at: now, id: call.id, callId: call.externalId, agent: call.agent, score: quality.score, fatal: quality.fatal });
  return { call: { ...call, transcript, quality, qualityScore: quality.score, qualityFatal: quality.fatal, failedRules: quality.checks.filter((c) => c.ok === false).map((c) => c.rule), standardVersion: standard.label }, quality };
}
