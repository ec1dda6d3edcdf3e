import { describe, expect, it } from 'vitest';
import { audioSecondsOf, recordingStartMs, utteranceAtSecond } from './recording-sync';
import type { Utterance } from './quality-types';

const utterances: Utterance[] = [
  { speaker: 'agent', text: '您好', start: 7000, end: 9000 },
  { speaker: 'customer', text: '我的账单有问题', start: 9500, end: 12_000 },
  { speaker: 'agent', text: '请您稍等', start: 12_000 },
  { speaker: 'customer', text: '好的', start: 15_000, end: 16_000 },
  { speaker: 'agent', text: '（无时间）' },
];

describe('the recording and its transcript on one clock', () => {
  it('second 0 of the audio is the answer', () => {
    expect(recordingStartMs([{ type: 'ring', at: 0 }, { type: 'answer', at: 7000 }])).toBe(7000);
    expect(recordingStartMs(undefined)).toBe(0);
    expect(audioSecondsOf(utterances[1]!, 7000)).toBe(2.5);
    expect(audioSecondsOf(utterances[4]!, 7000)).toBeNull();
  });

  it('finds the utterance being spoken, none between two, and one with no end lasts to the next', () => {
    expect(utteranceAtSecond(utterances, 0, 7000)).toBe(0);
    expect(utteranceAtSecond(utterances, 2.2, 7000)).toBe(-1);
    expect(utteranceAtSecond(utterances, 2.5, 7000)).toBe(1);
    expect(utteranceAtSecond(utterances, 5, 7000)).toBe(2);
    expect(utteranceAtSecond(utterances, 7.9, 7000)).toBe(2);
    expect(utteranceAtSecond(utterances, 8.5, 7000)).toBe(3);
    expect(utteranceAtSecond(utterances, 20, 7000)).toBe(-1);
  });
});
