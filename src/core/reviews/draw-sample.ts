import { drawRank } from './prng.js';
import type { SampleReason } from './model.js';

/** A judged call of the month, as the draw sees it. */
export interface SampleCandidate {
  callId: string;
  agent: string;
  /** Week of the month (0–4). */
  week: number;
  fatal: boolean;
  complaint: boolean;
}

/** A call already in the month's sample. */
export interface SampledCall {
  callId: string;
  agent: string;
  week: number;
  reason: SampleReason;
}

export interface SamplePick {
  callId: string;
  agent: string;
  week: number;
  reason: Exclude<SampleReason, 'extra'>;
}

export interface DrawInput {
  /** The month's recorded seed. */
  seed: number;
  /** The least share of each agent's judged calls the drawn part holds (0.2). */
  share: number;
  /** Every judged call of the month so far. */
  calls: readonly SampleCandidate[];
  /** What earlier draws (and extra reviews) already put in the sample: kept, never redrawn. */
  existing: readonly SampledCall[];
}

/** The calls a quota of `share` asks for out of `n` calls (at least; never less than the share). */
export function quotaFor(share: number, n: number): number {
  // 0.2 × 15 is 3.0000000000000004 in floating point: that is 3, not 4.
  return Math.ceil(share * n - 1e-9);
}

/**
 * QA-SAMPLE: the month's sample, drawn or topped up. Every fatal call and every complaint call goes
 * in (outside the share); then each agent gets drawn calls until the drawn part holds at least
 * `share` of that agent's judged calls, spread over the weeks in proportion to the calls of each
 * week (the week furthest below its share is served first), the calls of a week taken in their
 * seeded draw order. What is already in the sample stays and counts; a second draw over the same
 * calls adds nothing, and a draw after more calls arrived adds only what the new calls ask for.
 */
export function drawSample(input: DrawInput): SamplePick[] {
  const taken = new Set(input.existing.map((e) => e.callId));
  const picks: SamplePick[] = [];
  const byAgent = new Map<string, SampleCandidate[]>();
  for (const c of input.calls) {
    let list = byAgent.get(c.agent);
    if (!list) byAgent.set(c.agent, (list = []));
    list.push(c);
    if (taken.has(c.callId)) continue;
    if (c.fatal || c.complaint) {
      taken.add(c.callId);
      picks.push({ callId: c.callId, agent: c.agent, week: c.week, reason: c.fatal ? 'fatal' : 'complaint' });
    }
  }
  const quotaHeld = new Map<string, number[]>();
  for (const e of input.existing) {
    if (e.reason !== 'quota') continue;
    let weeks = quotaHeld.get(e.agent);
    if (!weeks) quotaHeld.set(e.agent, (weeks = [0, 0, 0, 0, 0]));
    weeks[e.week] = (weeks[e.week] ?? 0) + 1;
  }
  for (const agent of [...byAgent.keys()].sort()) {
    const calls = byAgent.get(agent)!;
    const held = quotaHeld.get(agent) ?? [0, 0, 0, 0, 0];
    let need = quotaFor(input.share, calls.length) - held.reduce((a, b) => a + b, 0);
    if (need <= 0) continue;
    const perWeek: SampleCandidate[][] = [[], [], [], [], []];
    const weekCalls = [0, 0, 0, 0, 0];
    for (const c of calls) {
      weekCalls[c.week] = (weekCalls[c.week] ?? 0) + 1;
      if (!taken.has(c.callId)) perWeek[c.week]!.push(c);
    }
    const ranked = perWeek.map((list) =>
      list
        .map((c) => ({ c, rank: drawRank(input.seed, c.callId) }))
        .sort((a, b) => a.rank - b.rank || (a.c.callId < b.c.callId ? -1 : 1))
        .map((x) => x.c),
    );
    const deficit = weekCalls.map((n, w) => input.share * n - (held[w] ?? 0));
    const next = [0, 0, 0, 0, 0];
    while (need > 0) {
      let best = -1;
      for (let w = 0; w < 5; w++) {
        if (next[w]! >= ranked[w]!.length) continue;
        if (best < 0 || deficit[w]! > deficit[best]! + 1e-9) best = w;
      }
      if (best < 0) break; // every call of the agent is in the sample already
      const c = ranked[best]![next[best]!++]!;
      deficit[best]! -= 1;
      need--;
      taken.add(c.callId);
      picks.push({ callId: c.callId, agent, week: c.week, reason: 'quota' });
    }
  }
  return picks;
}
