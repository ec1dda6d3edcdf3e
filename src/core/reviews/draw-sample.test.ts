import { describe, expect, it } from 'vitest';
import { drawSample, quotaFor, type SampleCandidate, type SampledCall } from './draw-sample.js';
import { seededPrng } from './prng.js';

function month(agents: Record<string, number>, o: { fatalEvery?: number; complaintEvery?: number; prefix?: string } = {}): SampleCandidate[] {
  const out: SampleCandidate[] = [];
  for (const [agent, n] of Object.entries(agents)) {
    for (let i = 0; i < n; i++) {
      out.push({ callId: `${o.prefix ?? ''}${agent}-${i}`, agent, week: Math.min(4, Math.floor((i / n) * 4.4)), fatal: o.fatalEvery ? i % o.fatalEvery === 0 : false, complaint: o.complaintEvery ? i % o.complaintEvery === 1 : false });
    }
  }
  return out;
}

const asExisting = (picks: ReturnType<typeof drawSample>, before: SampledCall[] = []): SampledCall[] => [...before, ...picks];

describe('QA-SAMPLE draw', () => {
  it('gives every agent at least 20% drawn calls on top of every fatal and complaint call', () => {
    const calls = month({ zhou: 57, li: 13, wang: 1, chen: 100 }, { fatalEvery: 9, complaintEvery: 10 });
    const picks = drawSample({ seed: 42, share: 0.2, calls, existing: [] });
    for (const agent of ['zhou', 'li', 'wang', 'chen']) {
      const n = calls.filter((c) => c.agent === agent).length;
      const quota = picks.filter((p) => p.agent === agent && p.reason === 'quota').length;
      const free = calls.filter((c) => c.agent === agent && !c.fatal && !c.complaint).length;
      // The drawn part is the quota exactly, unless the agent's other calls are all in already.
      expect(quota).toBe(Math.min(quotaFor(0.2, n), free));
      expect(picks.filter((p) => p.agent === agent).length / n).toBeGreaterThanOrEqual(0.2);
    }
    const fatal = calls.filter((c) => c.fatal).map((c) => c.callId);
    expect(picks.filter((p) => p.reason === 'fatal').map((p) => p.callId).sort()).toEqual(fatal.sort());
    expect(picks.some((p) => p.reason === 'complaint')).toBe(true);
    expect(new Set(picks.map((p) => p.callId)).size).toBe(picks.length);
  });

  it('spreads the drawn calls over the weeks in proportion to each week’s calls', () => {
    const calls = month({ zhou: 100 });
    const picks = drawSample({ seed: 7, share: 0.2, calls, existing: [] });
    const perWeek = [0, 1, 2, 3, 4].map((w) => picks.filter((p) => p.week === w).length);
    const callsPerWeek = [0, 1, 2, 3, 4].map((w) => calls.filter((c) => c.week === w).length);
    perWeek.forEach((k, w) => expect(Math.abs(k - 0.2 * callsPerWeek[w]!)).toBeLessThanOrEqual(1));
  });

  it('draws nothing new the second time, and a top-up keeps every earlier pick and adds only what new calls ask for', () => {
    const first = month({ zhou: 40, li: 20 });
    const a = drawSample({ seed: 99, share: 0.2, calls: first, existing: [] });
    expect(drawSample({ seed: 99, share: 0.2, calls: first, existing: asExisting(a) })).toEqual([]);
    const later = [...first, ...month({ zhou: 25, li: 5 }, { prefix: 'late-', fatalEvery: 30 })];
    const b = drawSample({ seed: 99, share: 0.2, calls: later, existing: asExisting(a) });
    const all = asExisting(b, asExisting(a));
    expect(all.filter((p) => p.agent === 'zhou' && p.reason === 'quota')).toHaveLength(quotaFor(0.2, 65));
    expect(all.filter((p) => p.agent === 'li' && p.reason === 'quota')).toHaveLength(quotaFor(0.2, 25));
    expect(b.some((p) => p.callId === 'late-zhou-0' && p.reason === 'fatal')).toBe(true);
    // Nothing drawn before is drawn again.
    expect(b.filter((p) => a.some((x) => x.callId === p.callId))).toEqual([]);
  });

  it('is reproducible from the recorded seed, and another seed draws other calls', () => {
    const calls = month({ zhou: 80 });
    const ids = (seed: number) => drawSample({ seed, share: 0.2, calls, existing: [] }).map((p) => p.callId).sort();
    expect(ids(1234)).toEqual(ids(1234));
    expect(ids(1234)).not.toEqual(ids(4321));
  });

  it('the seeded generator repeats itself and stays in [0, 1)', () => {
    const a = seededPrng(5);
    const b = seededPrng(5);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});
