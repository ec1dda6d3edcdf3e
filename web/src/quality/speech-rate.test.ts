import { describe, expect, it } from 'vitest';
import { buildTimeline, formatOffset } from './call-timeline';
import { chartBars, speechRateView } from './speech-rate';

describe('speech rate', () => {
  const check = { rule: 'PH-RATE', severity: 'minor' as const, points: 0, evidence: [], message: '语速' };
  const result = (c: object) => ({ id: null, standard: 'default@1', score: 90, fatal: false, checks: [{ ...check, ...c }] as never });

  it("draws the check's own figures: bars, verdicts and the band applied", () => {
    const speechRate = { min: 200, max: 220, lower: 180, upper: 242, relaxed: false, utterances: [{ utterance: 2, start: 4000, chars: 30, ms: 10_000, rate: 180, inBand: true }, { utterance: 4, start: 9000, chars: 30, ms: 7000, rate: 257, inBand: false }] };
    const view = speechRateView(result({ ok: false, speechRate }));
    expect(view.kind).toBe('measured');
    if (view.kind !== 'measured') return;
    expect(chartBars(view.rate)).toEqual([
      { utterance: 2, start: 4000, value: 180, inBand: true },
      { utterance: 4, start: 9000, value: 257, inBand: false },
    ]);
  });

  it('says why there is no chart: not applicable, judged before figures were recorded, no check', () => {
    expect(speechRateView(result({ ok: null, reason: '话语没有时间戳' }))).toEqual({ kind: 'not_applicable', reason: '话语没有时间戳' });
    expect(speechRateView(result({ ok: true }))).toEqual({ kind: 'not_recorded' });
    expect(speechRateView({ id: null, standard: 'x', score: 0, fatal: false, checks: [] })).toEqual({ kind: 'no_check' });
  });
});

describe('call timeline', () => {
  it('draws ringing, talking, a hold and who hung up', () => {
    const timeline = buildTimeline([
      { type: 'hangup', at: 97385, by: 'agent' },
      { type: 'ring', at: 0 },
      { type: 'answer', at: 9000 },
      { type: 'hold', at: 28085 },
      { type: 'unhold', at: 86585 },
    ]);
    expect(timeline.phases).toEqual([
      { kind: 'ringing', from: 0, to: 9000 },
      { kind: 'talking', from: 9000, to: 97385 },
      { kind: 'hold', from: 28085, to: 86585 },
    ]);
    expect(timeline.hungUpBy).toBe('agent');
    expect(timeline.span).toBe(97385);
    expect(formatOffset(65_000)).toBe('1:05');
  });

  it('keeps a transfer leg and an unresumed hold to the end of the call', () => {
    const timeline = buildTimeline([
      { type: 'ring', at: 0 },
      { type: 'answer', at: 1000 },
      { type: 'transfer', at: 5000, to: 'billing' },
      { type: 'transfer_answered', at: 9000 },
      { type: 'hold', at: 10000 },
      { type: 'hangup', at: 20000, by: 'customer' },
    ]);
    expect(timeline.phases.filter((p) => p.kind !== 'ringing' && p.kind !== 'talking')).toEqual([
      { kind: 'transfer', from: 5000, to: 9000 },
      { kind: 'hold', from: 10000, to: 20000 },
    ]);
    expect(buildTimeline([]).phases).toEqual([]);
  });
});
