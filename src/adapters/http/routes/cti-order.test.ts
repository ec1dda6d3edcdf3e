import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test-app.js';
import type { Dialect } from '../../db/database.js';

const dialects: Dialect[] = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
const T0 = Date.parse('2026-03-02T09:15:00+08:00');

for (const dialect of dialects) {
  describe(`CTI events in an impossible order [${dialect}]`, () => {
    let t: TestApp;
    afterEach(async () => t.close());

    const post = async (payload: object) => {
      const admin = await t.as('admin');
      return t.app.inject({ method: 'POST', url: '/api/cti/events', headers: admin, payload });
    };
    const calls = async () => ((await t.app.inject({ url: '/api/calls', headers: await t.as('admin') })).json() as { items: unknown[] }).items;

    // A call ended before it was answered showed on the desk as 通话时长 -0:01 and counted in the
    // figures; it is refused with the event named, and nothing of the request is kept.
    it('refuses a hang-up before the answer, naming the event, and keeps nothing of the request', async () => {
      t = await createTestApp({ dialect, start: T0 });
      const res = await post({
        events: [
          { type: 'offered', callId: 'c1', at: T0, queue: 'hotline', caller: '13812341234' },
          { type: 'answered', callId: 'c1', at: T0 + 9000, agent: 'zhou' },
          { type: 'ended', callId: 'c1', at: T0 + 8000, by: 'customer' },
        ],
      });
      expect(res.statusCode).toBe(400);
      const body = res.json() as { error: { code: string; fields: Array<{ path: string; message: string }> } };
      expect(body.error.code).toBe('VALIDATION');
      expect(body.error.fields.map((f) => f.path)).toContain('events.2.at');
      expect(body.error.fields.find((f) => f.path === 'events.2.at')?.message).toContain('挂断（ended）早于接听（answered）');
      // Issue #21: the order as a code and the two events' types, for the reader's language.
      expect(body.error.fields.find((f) => f.path === 'events.2.at')).toMatchObject({ code: 'out_of_order', params: { event: 'ended', other: 'answered' } });
      expect(await calls()).toEqual([]);
    });

    it('checks a late event against what is stored, and accepts events stamped at the same instant', async () => {
      t = await createTestApp({ dialect, start: T0 });
      const ok = await post({
        events: [
          { type: 'offered', callId: 'c2', at: T0, queue: 'hotline' },
          { type: 'ringing', callId: 'c2', at: T0 + 2000, agent: 'zhou' },
          { type: 'answered', callId: 'c2', at: T0 + 2000, agent: 'zhou' },
        ],
      });
      expect(ok.statusCode).toBe(202);
      const late = await post({ type: 'ended', callId: 'c2', at: T0 + 1000, by: 'agent' });
      expect(late.statusCode).toBe(400);
      expect((late.json() as { error: { fields: Array<{ path: string }> } }).error.fields.map((f) => f.path)).toEqual(['at']);
      const hold = await post({ type: 'hold', callId: 'c2', at: T0 + 1500 });
      expect(hold.statusCode).toBe(400);
      expect((await post({ type: 'ended', callId: 'c2', at: T0 + 60_000, by: 'customer' })).statusCode).toBe(202);
      expect(await calls()).toHaveLength(1);
    });
  });
}
