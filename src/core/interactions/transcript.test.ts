import { describe, expect, it } from 'vitest';
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
});
