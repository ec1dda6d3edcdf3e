import { describe, expect, it } from 'vitest';
import { findingsByUtterance, markUtterance } from './highlight';
import type { QualityResult } from './quality-types';

const result: QualityResult = {
  id: 'bad-call',
  standard: 'default@1',
  score: 0,
  fatal: true,
  checks: [
    { rule: 'PH-OPEN.greeting', ok: true, severity: 'major', points: 0, evidence: [{ utterance: 0, from: 0, to: 2, at: 9500, quote: '您好' }], message: 'ok' },
    {
      rule: 'PH-TABOO',
      ok: false,
      severity: 'fatal',
      points: 100,
      evidence: [{ utterance: 2, from: 0, to: 4, at: 21664, quote: '我不知道' }],
      message: '使用了服务禁语',
      suggestion: '您的问题我需要查询后回复您',
    },
    { rule: 'PH-OPEN.identity', ok: false, severity: 'major', points: 5, evidence: [{ utterance: 0, from: 0, to: 22, at: 9500, quote: '…', missing: true }], message: '没有报工号' },
    { rule: 'PH-CONFIRM', ok: false, severity: 'minor', points: 2, evidence: [{ utterance: 2, from: 2, to: 9, at: 21664, quote: '知道是什么原因' }], message: '没有复述' },
    { rule: 'PH-RING', ok: null, severity: 'major', points: 0, evidence: [], message: '', reason: '没有振铃事件' },
  ],
};

describe('findings in the transcript', () => {
  it('marks only failed checks, by utterance', () => {
    const byUtterance = findingsByUtterance(result);
    expect([...byUtterance.keys()].sort()).toEqual([0, 2]);
    expect(byUtterance.get(2)!.map((f) => f.check.rule)).toEqual(['PH-TABOO', 'PH-CONFIRM']);
  });

  it('highlights the taboo phrase at its offsets and keeps overlapping quotes apart', () => {
    const text = '我不知道是什么原因。';
    const marks = markUtterance(text, findingsByUtterance(result).get(2)!);
    expect(marks.segments.map((s) => [s.text, s.findings.map((f) => f.check.rule)])).toEqual([
      ['我不', ['PH-TABOO']],
      ['知道', ['PH-TABOO', 'PH-CONFIRM']],
      ['是什么原因', ['PH-CONFIRM']],
      ['。', []],
    ]);
    expect(marks.segments.map((s) => s.text).join('')).toBe(text);
  });

  it('puts a missing element on the utterance, not on its words, and survives offsets past the end', () => {
    const marks = markUtterance('您好', findingsByUtterance(result).get(0)!);
    expect(marks.missing.map((f) => f.check.rule)).toEqual(['PH-OPEN.identity']);
    expect(marks.segments).toEqual([{ text: '您好', from: 0, to: 2, findings: [] }]);
  });
});
