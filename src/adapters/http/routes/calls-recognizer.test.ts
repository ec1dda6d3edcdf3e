import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test-app.js';

const T0 = Date.parse('2026-03-02T09:15:00+08:00');
const tencent = JSON.parse(readFileSync('test/fixtures/recognizers/tencent-asr-rec.json', 'utf8')) as unknown;
const funasr = JSON.parse(readFileSync('test/fixtures/recognizers/funasr-paraformer-spk.json', 'utf8')) as unknown;

describe('POST /api/calls/:id/transcript?from=<recognizer>', () => {
  let t: TestApp;
  afterEach(async () => t.close());

  const callWithEvents = async () => {
    const admin = await t.as('admin');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/cti/events',
      headers: admin,
      payload: {
        events: [
          { type: 'offered', callId: 'pbx-1', at: T0, queue: 'hotline', caller: '13812341234' },
          { type: 'ringing', callId: 'pbx-1', at: T0 + 3000, agent: 'zhou' },
          { type: 'answered', callId: 'pbx-1', at: T0 + 6000, agent: 'zhou' },
          { type: 'ended', callId: 'pbx-1', at: T0 + 44_000, by: 'customer' },
        ],
      },
    });
    return (res.json() as { calls: { id: string }[] }).calls[0]?.id as string;
  };

  it("takes a recognizer's result as it comes, judges it with the call's own events, the agent's lines as the agent's", async () => {
    t = await createTestApp({ start: T0 });
    const id = await callWithEvents();
    const qa = await t.as('qa');
    for (const [from, body] of [['tencent', tencent], ['funasr', funasr]] as const) {
      const res = await t.app.inject({ method: 'POST', url: `/api/calls/${id}/transcript?from=${from}&agentChannel=0`, headers: qa, payload: body as object });
      expect(res.statusCode, res.body).toBe(200);
      const out = res.json() as { call: { transcript: { utterances: { speaker: string }[]; events: { type: string }[] } }; quality: { checks: { rule: string; ok: boolean | null }[] } };
      expect(out.call.transcript.utterances.slice(0, 2).map((u) => u.speaker)).toEqual(['agent', 'customer']);
      expect(out.call.transcript.events.map((e) => e.type)).toEqual(['ring', 'answer', 'hangup']);
      expect(out.quality.checks.find((c) => c.rule === 'PH-OPEN.greeting')?.ok).toBe(true);
      expect(out.quality.checks.find((c) => c.rule === 'PH-HANGUP')?.ok).toBe(true);
    }
  });

  it('a result of another service is a 400 naming the field', async () => {
    t = await createTestApp({ start: T0 });
    const id = await callWithEvents();
    const res = await t.app.inject({ method: 'POST', url: `/api/calls/${id}/transcript?from=aliyun`, headers: await t.as('qa'), payload: tencent as object });
    expect(res.statusCode).toBe(400);
    const body = res.json() as { error: { fields: { path: string; message: string }[] } };
    expect(body.error.fields[0]?.path).toBe('Result.Sentences');
    expect(body.error.fields[0]?.message).toContain('--from tencent');
  });
});
