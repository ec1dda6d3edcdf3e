import { describe, expect, it } from 'vitest';
import { buildTimeline, formatOffset } from './call-timeline';
import { agentSpeechRates, bandFromResult, spokenChars } from './speech-rate';

describe('speech rate', () => {
  it('counts spoken characters, not punctuation, per minute of the agent utterance', () => {
    expect(spokenChars('您好，这里是XX客服中心。')).toBe(11);
    const rates = agentSpeechRates({
      utterances: [
        { speaker: 'agent', text: '我不知道是什么原因。', start: 0, end: 3000 },
        { speaker: 'customer', text: '那你能帮我查一下吗？', start: 3000, end: 5000 },
        { speaker: 'agent', text: '没有时间戳' },
      ],
    });
    expect(rates).toEqual([{ utterance: 0, start: 0, chars: 9, rate: 180 }]);
  });

  it('reads the band the inspection used from the speech-rate check', () => {
    const result = {
      id: null,
      standard: 'default@1',
      score: 90,
      fatal: false,
      checks: [{ rule: 'PH-RATE', ok: false, severity: 'minor' as const, points: 2, evidence: [], message: '语速：1 句超出 200–220 字/分钟（260）' }],
    };
    expect(bandFromResult(result)).toEqual({ min: 200, max: 220 });
    expect(bandFromResult({ ...result, checks: [] })).toBeUndefined();
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
