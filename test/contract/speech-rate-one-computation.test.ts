import { describe, expect, it } from 'vitest';
import { loadDefaultPack } from '../../src/adapters/standard-files.js';
import { parseTranscript, type TranscriptInput } from '../../src/core/interactions/transcript.js';
import { compilePack } from '../../src/core/quality/compile.js';
import { inspectTranscript } from '../../src/core/quality/inspect.js';
import type { QualityResult } from '../../src/core/quality/types.js';

// The web's module, as the chart runs it. Imported by a computed path: the server's tsconfig (node16
// resolution, no `@contract/*` paths) must not type-check web files; the web's own tsconfig does.
const webModule: string = '../../web/src/quality/speech-rate.ts';
interface WebSpeechRate {
  speechRateView(result: QualityResult): { kind: 'measured'; rate: NonNullable<QualityResult['checks'][number]['speechRate']> } | { kind: string };
  chartBars(rate: NonNullable<QualityResult['checks'][number]['speechRate']>): Array<{ utterance: number; start: number; value: number; inBand: boolean }>;
}
const { chartBars, speechRateView } = (await import(webModule)) as WebSpeechRate;

/**
 * Issue #21: a call's chart showed every turn at 170–195 字/分 while PH-RATE said it was inside
 * 200–220 — the chart counted by itself, against the bare band, while the check applied the pack's
 * tolerance and dropped the lower bound for an upset customer. Now the check carries its figures and
 * the chart draws them: for the same call the chart's bars are the check's rates and verdicts.
 */
const pack = compilePack(loadDefaultPack());
const words = '您的问题我已经详细记录下来了稍后会有专人跟进处理请您保持电话畅通我们会尽快给您回复感谢您的耐心等待';

/** An agent turn of 30 spoken characters at `rate` per minute. */
const turn = (rate: number, start: number) => ({ speaker: 'agent' as const, text: words.slice(0, 30), start, end: start + Math.round((30 * 60_000) / rate) });

function judge(input: TranscriptInput) {
  const parsed = parseTranscript(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const result = inspectTranscript(parsed.transcript, pack);
  const check = result.checks.find((c) => c.rule === 'PH-RATE')!;
  const view = speechRateView(result);
  if (!('rate' in view)) throw new Error(`no speech-rate figures: ${view.kind}`);
  return { check, bars: chartBars(view.rate), rate: view.rate };
}

describe('speech rate: one computation for the PH-RATE check and the chart', () => {
  it('an upset customer: turns at 170–195 pass, and the chart draws them in band', () => {
    const { check, bars, rate } = judge({
      channel: 'phone',
      utterances: [{ speaker: 'customer', text: '我要投诉，你们这个服务太差了', start: 0, end: 3000 }, turn(170, 4000), turn(185, 20_000), turn(195, 40_000)],
    });
    expect(check.ok).toBe(true);
    expect(rate).toMatchObject({ min: 200, max: 220, lower: 0, relaxed: true });
    expect(bars.map((b) => b.value)).toEqual([170, 185, 195]);
    expect(bars.every((b) => b.inBand)).toBe(true);
  });

  it("a calm call: the bars are the check's rates, red exactly where the check found them out of band", () => {
    const { check, bars, rate } = judge({ channel: 'phone', utterances: [turn(175, 0), turn(190, 15_000), turn(210, 30_000), turn(250, 45_000)] });
    expect(rate).toMatchObject({ lower: 180, upper: 242, relaxed: false });
    expect(check.ok).toBe(false);
    expect(bars.map((b) => b.value)).toEqual(check.speechRate!.utterances.map((u) => u.rate));
    expect(bars.filter((b) => !b.inBand).map((b) => b.utterance)).toEqual(check.evidence.map((e) => e.utterance));
    expect(bars.filter((b) => !b.inBand).map((b) => b.value)).toEqual([175, 250]);
    // The check's message names the same out-of-band figures.
    expect(check.message).toContain('175、250');
  });
});
