import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test-app.js';

const T = Date.parse('2026-03-02T09:15:00+08:00');

/** One answered call: offered, two rings (the first agent missed it), answer, hold, end by the customer. */
function answeredCall(callId: string, agent: string) {
  return [
    { type: 'offered', callId, at: T, queue: 'hotline', caller: '13800138000' },
    { type: 'ringing', callId, at: T + 2000, agent: 'other' },
    { type: 'ringing', callId, at: T + 17_000, agent },
    { type: 'answered', callId, at: T + 22_000, agent },
    { type: 'hold', callId, at: T + 60_000 },
    { type: 'unhold', callId, at: T + 90_000 },
    { type: 'ended', callId, at: new Date(T + 200_000).toISOString(), by: 'customer' },
  ];
}

describe('live CTI events, /api/calls, /api/kpi', () => {
  let t: TestApp;
  afterEach(async () => t.close());

  async function postEvents(events: unknown[], headers?: Record<string, string>) {
    return t.app.inject({ method: 'POST', url: '/api/cti/events', headers: headers ?? (await t.as('supervisor')), payload: { events } });
  }

  it('a call posted as CTI events (shuffled, one posted twice) appears in /api/calls and /api/kpi', async () => {
    t = await createTestApp();
    await t.as('agent', { username: 'ana' });
    const events = answeredCall('pbx-1', 'ana');
    const shuffled = [events[6], events[3], events[0], events[5], events[1], events[4], events[2], events[3]];
    const res = await postEvents(shuffled);
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ accepted: 7, duplicates: 1, calls: [{ callId: 'pbx-1', outcome: 'answered' }] });

    const abandoned = await postEvents([
      { type: 'offered', callId: 'pbx-2', at: T + 1000, queue: 'hotline' },
      { type: 'ended', callId: 'pbx-2', at: T + 31_000, by: 'customer' },
    ]);
    expect(abandoned.statusCode).toBe(202);

    const admin = await t.as('admin');
    const list = await t.app.inject({ method: 'GET', url: '/api/calls', headers: admin });
    expect(list.statusCode).toBe(200);
    const items = list.json().items as Array<Record<string, unknown>>;
    expect(items).toHaveLength(2);
    const call = items.find((c) => c.externalId === 'pbx-1')!;
    expect(call).toMatchObject({ source: 'cti', queue: 'hotline', agent: 'ana', caller: '138****8000', outcome: 'answered', endedBy: 'customer', waitMs: 22_000, ringMs: 5000, talkMs: 178_000, holdMs: 30_000, missedRings: 1 });
    expect(call.events).toEqual([
      { type: 'ring', at: 0 },
      { type: 'answer', at: 5000 },
      { type: 'hold', at: 43_000 },
      { type: 'unhold', at: 73_000 },
      { type: 'hangup', at: 183_000, by: 'customer' },
    ]);

    const kpi = await t.app.inject({ method: 'GET', url: '/api/kpi?from=2026-03-02T00:00:00%2B08:00&to=2026-03-03T00:00:00%2B08:00', headers: admin });
    expect(kpi.statusCode, kpi.body).toBe(200);
    const report = kpi.json();
    expect(report.groups[0]).toMatchObject({ key: 'total', offered: 2, answered: 1, abandoned: 1, answerRate: 0.5, ringNoAnswer: 1, callerHungUpFirst: 1, customerHangupFirstRate: 1, avgRingSeconds: 5 });
    expect(report.complaintResponseRate).toEqual({ value: null, reason: 'no tickets in the period' });
    const byAgent = await t.app.inject({ method: 'GET', url: '/api/kpi?by=agent', headers: admin });
    expect(byAgent.json().groups.map((g: { key: string }) => g.key)).toEqual(['NONE', 'ana', 'other']);
    // Issue #21: the agents' display names come with the report (the users there are; NONE and unknown agents have none).
    expect(byAgent.json().people).toEqual({ ana: 'ana' });
    await t.ctx.users.updateUser((await t.ctx.users.list()).find((u) => u.username === 'ana')!.id, { displayName: '安娜' }, { id: null, name: 'test' });
    expect((await t.app.inject({ method: 'GET', url: '/api/kpi?by=agent', headers: admin })).json().people).toEqual({ ana: '安娜' });
    // Queues by the pack's names (the default pack names hotline and vip).
    const byQueue = (await t.app.inject({ method: 'GET', url: '/api/kpi?by=queue', headers: admin })).json();
    expect(byQueue.people).toBeUndefined();
    expect(byQueue.queueNames).toEqual({ hotline: '服务热线' });
    // Any other grouping carries every queue name of the pack (the dashboard's live queue uses them).
    const total = (await t.app.inject({ method: 'GET', url: '/api/kpi', headers: await t.as('manager') })).json();
    expect(total.queueNames).toMatchObject({ hotline: '服务热线', vip: 'VIP 专线' });

    const outside = await t.app.inject({ method: 'GET', url: '/api/kpi?from=2026-03-03T00:00:00%2B08:00', headers: admin });
    expect(outside.json().groups[0]).toMatchObject({ offered: 0 });
  });

  it('agents see only their own calls; filters and paging work', async () => {
    t = await createTestApp();
    const ana = await t.as('agent', { username: 'ana' });
    await t.as('agent', { username: 'bo' });
    await postEvents([...answeredCall('c1', 'ana'), ...answeredCall('c2', 'bo').map((e) => ({ ...e, at: typeof e.at === 'number' ? e.at + 1000 : e.at }))]);
    const mine = await t.app.inject({ method: 'GET', url: '/api/calls?agent=bo', headers: ana });
    expect(mine.json().items.map((c: { externalId: string }) => c.externalId)).toEqual(['c1']);
    const bosId = (await t.app.inject({ method: 'GET', url: '/api/calls?agent=bo', headers: await t.as('admin') })).json().items[0].id as string;
    expect((await t.app.inject({ method: 'GET', url: `/api/calls/${bosId}`, headers: ana })).statusCode).toBe(404);

    const admin = await t.as('admin');
    const page1 = await t.app.inject({ method: 'GET', url: '/api/calls?limit=1', headers: admin });
    expect(page1.json().items).toHaveLength(1);
    const cursor = page1.json().nextCursor as string;
    expect(cursor).toBeTruthy();
    const page2 = await t.app.inject({ method: 'GET', url: `/api/calls?limit=1&cursor=${cursor}`, headers: admin });
    expect(page2.json().items[0].id).not.toBe(page1.json().items[0].id);
    expect(page2.json().nextCursor).toBeNull();
    expect((await t.app.inject({ method: 'GET', url: '/api/calls?outcome=abandoned', headers: admin })).json().items).toHaveLength(0);
    expect((await t.app.inject({ method: 'GET', url: '/api/calls?from=yesterday', headers: admin })).statusCode).toBe(400);
  });

  it("links a call to the customer whose phone is the caller's number", async () => {
    t = await createTestApp();
    const admin = await t.as('admin');
    const created = await t.app.inject({ method: 'POST', url: '/api/customers', headers: admin, payload: { name: '赵先生', phones: [{ number: '+86 138 0013 8000', kind: 'mobile' }] } });
    expect(created.statusCode, created.body).toBe(201);
    await postEvents([...answeredCall('known', 'ana'), { type: 'offered', callId: 'stranger', at: T, queue: 'hotline', caller: '13900000000' }]);
    const items = (await t.app.inject({ method: 'GET', url: '/api/calls', headers: admin })).json().items as { externalId: string; customerId: string | null }[];
    expect(items.find((c) => c.externalId === 'known')?.customerId).toBe(created.json().id);
    expect(items.find((c) => c.externalId === 'stranger')?.customerId).toBeNull();
  });

  it('rejects bad events with the field that is wrong, and agents may not post', async () => {
    t = await createTestApp();
    const bad = await postEvents([{ type: 'ended', callId: 'x', at: '2026-03-02 09:00' }]);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['events.0.at', 'events.0.by']);
    const agent = await t.as('agent');
    expect((await t.app.inject({ method: 'POST', url: '/api/cti/events', headers: agent, payload: answeredCall('y', 'a')[0] })).statusCode).toBe(403);
  });

  it('accepts a PBX connector with a Bearer token', async () => {
    t = await createTestApp();
    await t.ctx.users.createUser({ username: 'pbx', password: 'correct-horse-9', role: 'supervisor' });
    const token = await t.ctx.users.issueApiToken('pbx', 'asterisk-ami', { id: null, name: null });
    const res = await t.app.inject({ method: 'POST', url: '/api/cti/events', headers: { authorization: `Bearer ${token}` }, payload: answeredCall('tok-1', 'ana')[0] });
    expect(res.statusCode, res.body).toBe(202);
  });

  it('a transcript posted to a call is inspected and stored with the standard version', async () => {
    t = await createTestApp();
    await postEvents(answeredCall('q1', 'ana'));
    const admin = await t.as('admin');
    const id = (await t.app.inject({ method: 'GET', url: '/api/calls', headers: admin })).json().items[0].id as string;
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/calls/${id}/transcript`,
      headers: admin,
      payload: { utterances: [{ speaker: 'agent', text: '您好，这里是客服中心，我是客服专员小周，请问有什么可以帮您？', start: 5400, end: 9000 }, { speaker: 'customer', text: '我的账单有问题。', start: 9500, end: 11000 }] },
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.quality.standard).toMatch(/@\d+$/);
    expect(typeof body.quality.score).toBe('number');
    // The call's own events were used: ring time and who hung up are judged, not "not applicable".
    expect(body.quality.checks.find((c: { rule: string }) => c.rule === 'PH-HANGUP')?.ok).toBe(true);
    const failed = (body.quality.checks as { rule: string; ok: boolean | null }[]).filter((c) => c.ok === false).map((c) => c.rule);
    expect(failed.length).toBeGreaterThan(0);
    const listed = (await t.app.inject({ method: 'GET', url: `/api/calls?rule=${encodeURIComponent(failed[0]!)}`, headers: admin })).json().items;
    expect(listed.map((c: { id: string }) => c.id)).toEqual([id]);
    expect(listed[0].failedRules).toEqual(failed);
    expect((await t.app.inject({ method: 'GET', url: '/api/calls?rule=NO-SUCH-RULE', headers: admin })).json().items).toEqual([]);
    const fatalFilter = body.quality.fatal ? 'true' : 'false';
    expect((await t.app.inject({ method: 'GET', url: `/api/calls?fatal=${fatalFilter}`, headers: admin })).json().items).toHaveLength(1);
    expect((await t.app.inject({ method: 'GET', url: `/api/calls?fatal=${body.quality.fatal ? 'false' : 'true'}`, headers: admin })).json().items).toHaveLength(0);
    const stored = (await t.app.inject({ method: 'GET', url: `/api/calls/${id}`, headers: admin })).json();
    expect(stored).toMatchObject({ qualityScore: body.quality.score, standardVersion: body.quality.standard });
    expect(stored.transcript.utterances).toHaveLength(2);
    expect((await t.app.inject({ method: 'POST', url: '/api/calls/nope/transcript', headers: admin, payload: { utterances: [] } })).statusCode).toBe(404);
  });

  it('an English reader gets the stored checks worded in English, by the pack version that judged them', async () => {
    t = await createTestApp();
    await postEvents(answeredCall('q-en', 'ana'));
    const admin = await t.as('admin');
    const id = (await t.app.inject({ method: 'GET', url: '/api/calls', headers: admin })).json().items[0].id as string;
    const posted = await t.app.inject({
      method: 'POST',
      url: `/api/calls/${id}/transcript`,
      headers: admin,
      payload: { utterances: [{ speaker: 'agent', text: '喂，什么事？', start: 5400, end: 6400 }, { speaker: 'customer', text: '我的账单有问题。', start: 7000, end: 8500 }, { speaker: 'agent', text: '我不知道。', start: 9000, end: 10000 }] },
    });
    expect(posted.statusCode, posted.body).toBe(200);
    // The centre edits its pack afterwards: the call stays judged by version 1, and is worded by it.
    const { source } = (await t.app.inject({ method: 'GET', url: '/api/standard', headers: admin })).json();
    const edited = (source as string).replace('name: 默认客服质检标准（KF 手册）', 'name: 本中心质检标准');
    expect((await t.app.inject({ method: 'PUT', url: '/api/standard', headers: admin, payload: { source: edited } })).statusCode).toBe(200);

    const zh = (await t.app.inject({ method: 'GET', url: `/api/calls/${id}`, headers: admin })).json();
    const en = (await t.app.inject({ method: 'GET', url: `/api/calls/${id}?lang=en`, headers: admin })).json();
    expect(en.quality.standard).toBe(zh.quality.standard);
    expect(en.quality.score).toBe(zh.quality.score);
    type C = { rule: string; ok: boolean | null; points: number; message: string };
    const taboo = (r: { quality: { checks: C[] } }) => r.quality.checks.find((c) => c.rule === 'PH-TABOO')!;
    expect(taboo(zh)).toMatchObject({ ok: false, points: 100 });
    expect(taboo(en)).toMatchObject({ ok: false, points: 100 });
    expect(taboo(zh).message).toMatch(/禁忌用语/);
    expect(taboo(en).message).toMatch(/^Taboo phrases/);
    expect(en.quality.checks.map((c: C) => [c.rule, c.ok, c.points])).toEqual(zh.quality.checks.map((c: C) => [c.rule, c.ok, c.points]));
    expect((await t.app.inject({ method: 'GET', url: `/api/calls/${id}?lang=fr`, headers: admin })).statusCode).toBe(400);
  });
});
