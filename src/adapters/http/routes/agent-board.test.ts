import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test-app.js';
import type { Dialect } from '../../db/database.js';
import { isStreamEvent } from '../../cluster/event-log.js';

const dialects: Dialect[] = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

const T = Date.parse('2026-03-02T09:15:00+08:00');
let t: TestApp;
afterEach(async () => t?.close());

for (const dialect of dialects) {
  describe(`GET /api/agents/board [${dialect}]`, () => {
    it("shows each agent's state from sessions, readiness, CTI calls and summaries, and since when", async () => {
      t = await createTestApp({ dialect, start: T });
      const li = await t.as('agent', { username: 'li', team: '一组' });
      await t.as('agent', { username: 'wang', team: '一组' });
      const zhao = await t.as('agent', { username: 'zhao', team: '二组' });
      await t.as('agent', { username: 'chen', team: '二组' });
      const sup = await t.as('supervisor');
      const announced: string[] = [];
      t.ctx.events.on('*', (e) => {
        if (isStreamEvent(e.type) && e.type.startsWith('agent.')) announced.push(`${e.type}:${String(e.username)}`);
      });
      // chen signs out; zhao goes ready (no bulletins to read).
      expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: await t.as('agent', { username: 'chen' }) })).statusCode).toBeLessThan(300);
      expect((await t.app.inject({ method: 'POST', url: '/api/agents/me/ready', headers: zhao })).statusCode).toBe(200);
      // Sign-outs and ready changes go on the live stream, so the dashboard's board reads again.
      expect(announced).toEqual(['agent.signed_out:chen', 'agent.state:zhao']);

      t.clock.advance(60_000);
      const post = (events: unknown[]) => t.app.inject({ method: 'POST', url: '/api/cti/events', headers: sup, payload: { events } });
      expect(
        (
          await post([
            { type: 'offered', callId: 'pbx-1', at: T + 60_000, queue: 'hotline', caller: '13800138000' },
            { type: 'answered', callId: 'pbx-1', at: T + 65_000, agent: 'li' },
            { type: 'offered', callId: 'pbx-2', at: T + 60_000, queue: 'vip' },
            { type: 'answered', callId: 'pbx-2', at: T + 62_000, agent: 'wang' },
            { type: 'hold', callId: 'pbx-2', at: T + 90_000 },
          ])
        ).statusCode,
      ).toBe(202);
      t.clock.advance(60_000);

      const board = await t.app.inject({ url: '/api/agents/board', headers: sup });
      expect(board.statusCode, board.body).toBe(200);
      const by = Object.fromEntries((board.json().agents as Array<{ username: string }>).map((a) => [a.username, a]));
      expect(by.li).toMatchObject({ state: 'talking', since: T + 65_000, callId: 'pbx-1', queue: 'hotline', signedIn: true, team: '一组' });
      expect(by.wang).toMatchObject({ state: 'on_hold', since: T + 90_000, callId: 'pbx-2', queue: 'vip' });
      expect(by.zhao).toMatchObject({ state: 'idle', since: T, signedIn: true });
      expect(by.chen).toMatchObject({ state: 'signed_out', signedIn: false, since: null });
      expect(board.json().wrapUpLimitMinutes).toBe(5);

      // A call ringing at zhao's phone: 振铃 at zhao since the ring, until it is answered.
      expect((await post([{ type: 'offered', callId: 'pbx-3', at: T + 115_000, queue: 'hotline' }, { type: 'ringing', callId: 'pbx-3', at: T + 118_000, agent: 'zhao' }])).statusCode).toBe(202);
      const ringing = (await t.app.inject({ url: '/api/agents/board', headers: sup })).json().agents as Array<Record<string, unknown>>;
      expect(ringing.find((r) => r.username === 'zhao')).toMatchObject({ state: 'ringing', since: T + 118_000, callId: 'pbx-3', queue: 'hotline' });
      // A ring reported when it was over (AMI's AgentRingNoAnswer, ESL's bridge-agent-fail: `missed`) is not ringing now.
      await post([{ type: 'offered', callId: 'pbx-4', at: T + 110_000, queue: 'hotline' }, { type: 'ringing', callId: 'pbx-4', at: T + 111_000, agent: 'chen', missed: true }]);
      const missed = (await t.app.inject({ url: '/api/agents/board', headers: sup })).json().agents as Array<Record<string, unknown>>;
      expect(missed.find((r) => r.username === 'chen')?.state).toBe('signed_out');
      expect(missed.filter((r) => r.state === 'ringing').map((r) => r.username)).toEqual(['zhao']);
      await post([{ type: 'answered', callId: 'pbx-3', at: T + 119_000, agent: 'zhao' }]);
      const answered = (await t.app.inject({ url: '/api/agents/board', headers: sup })).json().agents as Array<Record<string, unknown>>;
      expect(answered.find((r) => r.username === 'zhao')).toMatchObject({ state: 'talking', since: T + 119_000 });
      // A supervisor who takes calls passes the ready gate too: on the board from then on.
      expect((answered as Array<{ username: string }>).some((r) => r.username === 'zhuguan')).toBe(false);
      expect((await t.app.inject({ method: 'POST', url: '/api/agents/me/ready', headers: await t.as('supervisor', { username: 'zhuguan' }) })).statusCode).toBe(200);
      expect(((await t.app.inject({ url: '/api/agents/board', headers: sup })).json().agents as Array<Record<string, unknown>>).find((r) => r.username === 'zhuguan')).toMatchObject({ state: 'idle' });

      // li hangs up: wrap-up until the ticket with its summary is filed.
      await post([{ type: 'ended', callId: 'pbx-1', at: T + 125_000, by: 'customer' }]);
      t.clock.advance(10_000);
      let rows = (await t.app.inject({ url: '/api/agents/board?team=一组', headers: sup })).json().agents as Array<Record<string, unknown>>;
      expect(rows.map((r) => r.username).sort()).toEqual(['li', 'wang']);
      expect(rows.find((r) => r.username === 'li')).toMatchObject({ state: 'wrap_up', since: T + 125_000, callId: 'pbx-1', overdue: false });
      const ticket = await t.app.inject({
        method: 'POST',
        url: '/api/tickets',
        headers: li,
        payload: { type: 'inquiry', customerName: '赵先生', contactPhone: '13812341234', description: '咨询宽带套餐的月租和合约期限', callId: 'pbx-1', callEndedAt: T + 125_000, summary: { problemType: '套餐咨询', solution: '已说明资费', satisfaction: 5 } },
      });
      expect(ticket.statusCode, ticket.body).toBe(201);
      rows = (await t.app.inject({ url: '/api/agents/board', headers: sup })).json().agents;
      // Not ready: li never went ready; the summary ended the wrap-up.
      expect(rows.find((r) => r.username === 'li')).toMatchObject({ state: 'not_ready', callId: null });

      expect((await t.app.inject({ url: '/api/agents/board', headers: li })).statusCode).toBe(403);
    });
  });
}
