import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test-app.js';
import type { Dialect } from '../../db/database.js';

const dialects: Dialect[] = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
const T0 = Date.parse('2026-03-02T09:15:00+08:00');

/** An answered call from `caller`, taken by `agent`, `minutes` after T0. */
const answered = (callId: string, caller: string, agent: string, minutes: number) => {
  const at = T0 + minutes * 60_000;
  return [
    { type: 'offered', callId, at, queue: 'hotline', caller },
    { type: 'ringing', callId, at: at + 2000, agent },
    { type: 'answered', callId, at: at + 5000, agent },
    { type: 'ended', callId, at: at + 125_000, by: 'customer' },
  ];
};

for (const dialect of dialects) {
  describe(`the customer overview lists the customer's calls [${dialect}]`, () => {
    let t: TestApp;
    afterEach(async () => t.close());

    it('newest first, numbers masked; another caller\'s call is not there; an agent sees the calls they answered', async () => {
      t = await createTestApp({ dialect, start: T0 });
      const admin = await t.as('admin');
      const ana = await t.as('agent', { username: 'ana' });
      const created = await t.app.inject({ method: 'POST', url: '/api/customers', headers: admin, payload: { name: '钱女士', phones: [{ number: '139 1234 5678', kind: 'mobile' }] } });
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json().id as string;
      const overview = async (headers: Record<string, string>) => {
        const res = await t.app.inject({ url: `/api/customers/${id}/overview`, headers });
        expect(res.statusCode, res.body).toBe(200);
        return res.json().calls as Array<{ externalId: string; caller: string; agent: string; outcome: string; talkMs: number; customerId: string }>;
      };
      expect(await overview(admin)).toEqual([]);

      const posted = await t.app.inject({
        method: 'POST',
        url: '/api/cti/events',
        headers: admin,
        payload: { events: [...answered('first', '13912345678', 'ana', 0), ...answered('second', '+86 139 1234 5678', 'bo', 30), ...answered('stranger', '13800000000', 'ana', 10)] },
      });
      expect(posted.statusCode, posted.body).toBe(202);

      const calls = await overview(admin);
      expect(calls.map((c) => c.externalId)).toEqual(['second', 'first']);
      expect(calls[1]).toMatchObject({ agent: 'ana', outcome: 'answered', talkMs: 120_000, customerId: id });
      // The number as every answer gives it: masked (the reveal is the customer's own, audited).
      for (const c of calls) expect(c.caller).toMatch(/\*{4}5678$/);
      expect(JSON.stringify(calls)).not.toContain('12345678');

      // One rule for who sees which calls: the agent gets the call they answered, as in /api/calls.
      expect((await overview(ana)).map((c) => c.externalId)).toEqual(['first']);
    });

    it('a call stored before the customer existed appears once its transcript is reviewed', async () => {
      t = await createTestApp({ dialect, start: T0 });
      const admin = await t.as('admin');
      await t.app.inject({ method: 'POST', url: '/api/cti/events', headers: admin, payload: { events: answered('early', '13700001111', 'ana', 0) } });
      const created = await t.app.inject({ method: 'POST', url: '/api/customers', headers: admin, payload: { name: '孙先生', phones: [{ number: '13700001111', kind: 'mobile' }] } });
      const id = created.json().id as string;
      const callsOf = async () => (await t.app.inject({ url: `/api/customers/${id}/overview`, headers: admin })).json().calls as { externalId: string }[];
      expect(await callsOf()).toEqual([]);
      const callRowId = (await t.app.inject({ url: '/api/calls', headers: admin })).json().items[0].id as string;
      const review = await t.app.inject({ method: 'POST', url: `/api/calls/${callRowId}/transcript`, headers: admin, payload: { utterances: [{ speaker: 'agent', text: '您好，请问有什么可以帮您？' }] } });
      expect(review.statusCode, review.body).toBe(200);
      expect((await callsOf()).map((c) => c.externalId)).toEqual(['early']);
    });
  });
}
