import { describe, expect, it } from 'vitest';
import { transcriptFromRecognizer, type Recognizer } from './recognizer-output.js';
import { parseTranscript, transcriptSchema } from './transcript.js';

/** What zod alone makes of an input: the reference the hand-written fast path must equal. */
function viaZod(input: unknown): unknown {
  const r = transcriptSchema.safeParse(input);
  return r.success ? { ok: true, json: JSON.stringify(r.data) } : { ok: false };
}
function viaParse(input: unknown): unknown {
  const r = parseTranscript(input);
  return r.ok ? { ok: true, json: JSON.stringify(r.transcript) } : { ok: false };
}

describe('parseTranscript', () => {
  it('builds the same transcript as the schema: key order, defaults, unknown keys dropped', () => {
    const inputs: unknown[] = [
      { utterances: [] },
      { utterances: [{ text: '您好', speaker: 'agent', end: 2000, start: 0, extra: 1 }], zz: 1, id: 'c1', channel: 'chat' },
      { startedAt: 's', customer: 'c', agent: 'a', direction: 'outbound', channel: 'callback', utterances: [{ speaker: 'bot', text: '' }] },
      { events: [{ at: 5, type: 'hangup', by: 'agent', to: 'x', foo: 2 }, { type: 'ring', at: 0 }], utterances: [{ speaker: 'system', text: 't', start: 3 }] },
    ];
    for (const input of inputs) expect(viaParse(input)).toEqual(viaZod(input));
  });

  it('leaves anything unusual to the schema, with the same verdict', () => {
    const inputs: unknown[] = [
      null, [], 'x', {}, { id: '', utterances: [] }, { id: undefined, utterances: [] }, { channel: 'fax', utterances: [] },
      { utterances: [{ speaker: 'agent', text: 'a', start: 5, end: 1 }] }, { utterances: [{ speaker: 'agent', text: 'a', start: -1 }] },
      { utterances: [{ speaker: 'agent', text: 'a', start: Number.NaN }] }, { utterances: [{ speaker: 'agent', text: 'a', start: undefined }] },
      { utterances: [], events: [{ type: 'hangup', at: 1, by: 'nobody' }] }, { utterances: [null] }, { utterances: [], agent: 3 },
    ];
    for (const input of inputs) expect(viaParse(input), JSON.stringify(input)).toEqual(viaZod(input));
  });

  it('names the field of an error', () => {
    const r = parseTranscript({ utterances: [{ speaker: 'agent', text: 'a' }, { speaker: 'robot', text: 'b' }] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.path)).toEqual(['utterances.1.speaker']);
  });

  // Issue #21: what is wrong as a code and params, like the request schemas' errors.
  it('says what is wrong as a code the web words in the reader\'s language', () => {
    const codes = (input: unknown) => {
      const r = parseTranscript(input);
      return r.ok ? [] : r.errors.map(({ path, code, params }) => ({ path, code, ...(params && { params }) }));
    };
    expect(codes({ utterances: [{ speaker: 'robot', text: 'b' }, { text: 'c' }] })).toEqual([
      { path: 'utterances.0.speaker', code: 'one_of', params: { values: expect.stringContaining('agent') } },
      // A missing enum is told by zod as "not one of" too: "choose one of …" serves both.
      { path: 'utterances.1.speaker', code: 'one_of', params: { values: expect.stringContaining('agent') } },
    ]);
    expect(codes({ utterances: [{ speaker: 'agent', text: 'a', start: 5, end: 1 }] })).toEqual([{ path: 'utterances.0.end', code: 'ends_before_start' }]);
    expect(codes({})).toEqual([{ path: 'utterances', code: 'required' }]);
  });
});

describe('a recognizer\'s result', () => {
  const codes = (from: Recognizer, doc: unknown, agentChannel?: number) => {
    const r = transcriptFromRecognizer(from, doc, agentChannel === undefined ? {} : { agentChannel });
    return r.ok ? [] : r.errors.map(({ path, code, params }) => ({ path, code, ...(params && { params }) }));
  };
  const aliyun = (sentences: object[]) => ({ Result: { Sentences: sentences } });

  it('names the recognizer it looks like when another was chosen', () => {
    expect(codes('tencent', aliyun([]))).toEqual([{ path: 'Data.ResultDetail', code: 'looks_like_recognizer', params: { from: 'tencent', guess: 'aliyun' } }]);
    expect(codes('aliyun', { nothing: true })).toEqual([{ path: 'Result.Sentences', code: 'wrong_recognizer', params: { from: 'aliyun' } }]);
  });

  it('an end before the begin, an overlap on one channel, no sentence on the agent\'s channel', () => {
    expect(codes('aliyun', aliyun([{ Text: '您好', BeginTime: 900, EndTime: 100, ChannelId: 0 }]))).toEqual([{ path: 'Result.Sentences.0.EndTime', code: 'ends_before_start' }]);
    expect(codes('aliyun', aliyun([{ Text: '您好', BeginTime: 0, EndTime: 1000, ChannelId: 0 }, { Text: '请讲', BeginTime: 500, EndTime: 1500, ChannelId: 0 }]))).toEqual([
      { path: 'Result.Sentences.1.BeginTime', code: 'overlaps', params: { with: 'Result.Sentences.0' } },
    ]);
    expect(codes('aliyun', aliyun([{ Text: '您好', BeginTime: 0, EndTime: 1000, ChannelId: 1 }]), 0)).toEqual([
      { path: 'ChannelId', code: 'no_agent_channel', params: { channel: 0, channels: '1' } },
    ]);
  });
});
