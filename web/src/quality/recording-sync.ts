import type { TranscriptEvent, Utterance } from './quality-types';

/**
 * A recording and its transcript on one clock. Utterance times are ms on the call's clock (from the
 * ring the agent answered, CONTRACT.md); the PBX records from the answer (MixMonitor on the bridge,
 * record_session on bridge-agent-start), so second 0 of the audio is the answer event. A call with
 * no answer event is taken to be recorded from its start.
 */
export function recordingStartMs(events: readonly TranscriptEvent[] | undefined): number {
  return events?.find((e) => e.type === 'answer')?.at ?? 0;
}

/** Where in the audio (seconds) an utterance begins; null for one without a time. */
export function audioSecondsOf(utterance: Utterance, startMs: number): number | null {
  if (utterance.start === undefined) return null;
  return Math.max(0, utterance.start - startMs) / 1000;
}

/**
 * The utterance being spoken at `seconds` of the audio: the one whose [start, end) holds it (an
 * utterance without an end lasts until the next one begins); -1 between utterances and before the first.
 */
export function utteranceAtSecond(utterances: readonly Utterance[], seconds: number, startMs: number): number {
  const ms = seconds * 1000 + startMs;
  let found = -1;
  for (const [i, u] of utterances.entries()) {
    if (u.start === undefined || u.start > ms) continue;
    const end = u.end ?? utterances.slice(i + 1).find((n) => n.start !== undefined)?.start ?? Number.POSITIVE_INFINITY;
    // Overlapping speech: the one that began last is the one being heard anew.
    if (ms < end && (found === -1 || (utterances[found]!.start ?? 0) <= u.start)) found = i;
  }
  return found;
}
