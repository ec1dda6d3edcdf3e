import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test-app.js';
import type { Dialect } from '../../db/database.js';

const dialects: Dialect[] = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
const T = Date.parse('2026-03-02T09:15:00+08:00');
const BASE = 'https://pbx.example.cn/monitor/';

function call(callId: string, agent: string, o: { answered?: Record<string, unknown>; ended?: Record<string, unknown> } = {}) {
  return [
    { type: 'offered', callId, at: T, queue: 'hotline', caller: '13800138000' },
    { type: 'ringing', callId, at: T + 2000, agent },
    { type: 'answered', callId, at: T + 5000, agent, ...o.answered },
    { type: 'ended', callId, at: T + 65_000, by: 'customer', ...o.ended },
  ];
}

// Issue #18: a call's recording is a reference to the PBX's file (Kefu stores no audio), set by a CTI
// event or by hand, handed out as `recordingUrl` only to who may listen, every hand-out audited.
for (const dialect of dialects) {
  describe(`call recordings [${dialect}]`, () => {
    let t: TestApp;
    afterEach(async () => t.close());

    const post = async (events: unknown[]) => t.app.inject({ method: 'POST', url: '/api/cti/events', headers: await t.as('supervisor'), payload: { events } });
    const idOf = async (externalId: string) => ((await t.app.inject({ url: '/api/calls', headers: await t.as('admin') })).json().items as { id: string; externalId: string }[]).find((c) => c.externalId === externalId)!.id;
    const audits = async (action: string) => (await t.ctx.database.db.selectFrom('audit_log').select(['actor_name', 'target_id', 'detail']).where('action', '=', action).orderBy('id').execute());

    it('set by a CTI event as a path under KEFU_RECORDINGS_URL: the detail gives the URL to who may listen (audited), never the list, never another agent', async () => {
      t = await createTestApp({ dialect, env: { KEFU_RECORDINGS_URL: 'https://pbx.example.cn/monitor' } });
      await t.as('agent', { username: 'ana' });
      const bo = await t.as('agent', { username: 'bo' });
      const res = await post(call('pbx-1', 'ana', { ended: { recording: '2026/03/02/q-热线 1.wav' } }));
      expect(res.statusCode, res.body).toBe(202);
      const id = await idOf('pbx-1');

      for (const role of ['supervisor', 'qa', 'manager', 'admin'] as const) {
        const detail = await t.app.inject({ url: `/api/calls/${id}`, headers: await t.as(role) });
        expect(detail.statusCode, detail.body).toBe(200);
        expect(detail.json().recordingUrl, role).toBe(`${BASE}2026/03/02/q-%E7%83%AD%E7%BA%BF%201.wav`);
        expect(detail.json()).not.toHaveProperty('recording');
      }
      const own = await t.app.inject({ url: `/api/calls/${id}`, headers: await t.as('agent', { username: 'ana' }) });
      expect(own.json().recordingUrl).toMatch(/^https:\/\/pbx\.example\.cn\/monitor\/2026\/03\/02\//);
      // Another agent: the call does not exist for them, its recording even less.
      const other = await t.app.inject({ url: `/api/calls/${id}`, headers: bo });
      expect(other.statusCode).toBe(404);
      expect(other.body).not.toContain('monitor');
      // Lists carry neither the reference nor a URL (no audit there).
      const list = await t.app.inject({ url: '/api/calls', headers: await t.as('admin') });
      expect(list.body).not.toContain('monitor');
      expect(list.json().items[0]).not.toHaveProperty('recordingUrl');

      const reads = await audits('call.recording_read');
      // (one fixed clock: ids, not times, order the entries)
      expect(reads.map((a) => a.actor_name).sort()).toEqual(['ana', 't-admin', 't-manager', 't-qa', 't-supervisor']);
      expect(new Set(reads.map((a) => a.target_id))).toEqual(new Set([id]));
    });

    it('a bad reference in a CTI event is a 400 naming the event field, in Chinese, and nothing of the request is kept', async () => {
      t = await createTestApp({ dialect, env: { KEFU_RECORDINGS_URL: BASE } });
      await t.as('agent', { username: 'ana' });
      for (const [recording, words, code] of [
        ['ftp://pbx/x.wav', '不接受 ftp:', 'invalid_recording'],
        ['../../etc/passwd', '..', 'invalid_recording'],
        ['/var/spool/asterisk/monitor/x.wav', '不能以 / 开头', 'invalid_recording'],
        ['https://user:secret@pbx.example.cn/x.wav', '用户名或密码', 'invalid_recording'],
        ['', '不能为空', 'required'],
      ] as const) {
        const res = await post(call('pbx-bad', 'ana', { answered: { recording } }));
        expect(res.statusCode, recording).toBe(400);
        const fields = res.json().error.fields as { path: string; message: string }[];
        expect(fields, recording).toEqual([{ path: 'events.2.recording', message: expect.stringContaining(words), code }]);
      }
      expect((await t.app.inject({ url: '/api/calls', headers: await t.as('admin') })).json().items).toEqual([]);
      // One event on its own: the field is named as the request had it.
      const single = await t.app.inject({ method: 'POST', url: '/api/cti/events', headers: await t.as('supervisor'), payload: { type: 'answered', callId: 'x', at: T, agent: 'ana', recording: 'a/../b.wav' } });
      expect(single.json().error.fields[0].path).toBe('recording');
    });

    it('without KEFU_RECORDINGS_URL only full http(s) URLs are taken: a path is a 400 that says what to configure', async () => {
      t = await createTestApp({ dialect });
      await t.as('agent', { username: 'ana' });
      const path = await post(call('pbx-2', 'ana', { answered: { recording: 'q/pbx-2.wav' } }));
      expect(path.statusCode).toBe(400);
      expect(path.json().error.fields[0]).toMatchObject({ path: 'events.2.recording', message: expect.stringContaining('KEFU_RECORDINGS_URL') });
      expect((await post(call('pbx-2', 'ana', { answered: { recording: 'http://10.0.0.5/rec/pbx-2.wav' } }))).statusCode).toBe(202);
      const detail = await t.app.inject({ url: `/api/calls/${await idOf('pbx-2')}`, headers: await t.as('qa') });
      expect(detail.json().recordingUrl).toBe('http://10.0.0.5/rec/pbx-2.wav');
    });

    it('PUT /api/calls/:id/recording: supervisor, QA and admin set, correct or remove it (audited); others are refused; a bad one names `recording`', async () => {
      t = await createTestApp({ dialect, env: { KEFU_RECORDINGS_URL: BASE } });
      await t.as('agent', { username: 'ana' });
      await post(call('pbx-3', 'ana'));
      const id = await idOf('pbx-3');
      const put = async (role: 'agent' | 'supervisor' | 'qa' | 'manager' | 'admin', recording: string | null, username?: string) =>
        t.app.inject({ method: 'PUT', url: `/api/calls/${id}/recording`, headers: await t.as(role, username ? { username } : {}), payload: { recording } });

      const none = await t.app.inject({ url: `/api/calls/${id}`, headers: await t.as('qa') });
      expect(none.json().recordingUrl).toBeNull();

      const set = await put('supervisor', 'q/pbx-3.wav');
      expect(set.statusCode, set.body).toBe(200);
      expect(set.json().recordingUrl).toBe(`${BASE}q/pbx-3.wav`);
      expect((await put('qa', 'https://rec.example.cn/pbx-3.mp3')).json().recordingUrl).toBe('https://rec.example.cn/pbx-3.mp3');

      expect((await put('agent', 'q/mine.wav', 'ana')).statusCode).toBe(403);
      expect((await put('manager', 'q/x.wav')).statusCode).toBe(403);
      const bad = await put('admin', 'C:\\rec\\x.wav');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.fields).toEqual([{ path: 'recording', message: expect.stringMatching(/[\u4e00-\u9fff]/), code: 'invalid_recording' }]);
      expect((await t.app.inject({ method: 'PUT', url: '/api/calls/call_nothing/recording', headers: await t.as('admin'), payload: { recording: 'q/x.wav' } })).statusCode).toBe(404);

      // A later event of the call that names no recording keeps the one set by hand; one that names it replaces it.
      await post([{ type: 'hold', callId: 'pbx-3', at: T + 10_000 }]);
      expect((await t.app.inject({ url: `/api/calls/${id}`, headers: await t.as('admin') })).json().recordingUrl).toBe('https://rec.example.cn/pbx-3.mp3');
      await post([{ type: 'unhold', callId: 'pbx-3', at: T + 20_000, recording: 'q/pbx-3-final.wav' }]);
      expect((await t.app.inject({ url: `/api/calls/${id}`, headers: await t.as('admin') })).json().recordingUrl).toBe(`${BASE}q/pbx-3-final.wav`);

      const removed = await put('admin', null);
      expect(removed.json().recordingUrl).toBeNull();

      const sets = await audits('call.recording_set');
      expect(sets.map((a) => [a.actor_name, JSON.parse(a.detail ?? '{}')]).sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual([
        ['t-admin', { from: 'q/pbx-3-final.wav', to: null }],
        ['t-qa', { from: 'q/pbx-3.wav', to: 'https://rec.example.cn/pbx-3.mp3' }],
        ['t-supervisor', { from: null, to: 'q/pbx-3.wav' }],
      ]);
    });

    it("the review of a call carries the recording's URL for the reviewer, not the stored reference", async () => {
      t = await createTestApp({ dialect, env: { KEFU_RECORDINGS_URL: BASE } });
      await t.as('agent', { username: 'ana' });
      await post(call('pbx-4', 'ana', { ended: { recording: 'q/pbx-4.wav' } }));
      const id = await idOf('pbx-4');
      const qa = await t.as('qa');
      await t.app.inject({ method: 'POST', url: `/api/calls/${id}/transcript`, headers: qa, payload: { utterances: [{ speaker: 'agent', text: '您好，请问有什么可以帮您？', start: 5400, end: 7000 }] } });
      const review = await t.app.inject({ method: 'POST', url: '/api/reviews', headers: qa, payload: { callId: id } });
      expect(review.statusCode, review.body).toBe(201);
      const got = await t.app.inject({ url: `/api/reviews/${review.json().id}`, headers: qa });
      expect(got.json().call.recordingUrl).toBe(`${BASE}q/pbx-4.wav`);
      expect(got.json().call).not.toHaveProperty('recording');
    });
  });
}
