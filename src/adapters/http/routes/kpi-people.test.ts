import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test-app.js';
import type { Dialect } from '../../db/database.js';

const dialects: Dialect[] = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
const T = Date.parse('2026-03-02T09:15:00+08:00');
const WEEK = { from: Date.parse('2026-03-02T00:00:00+08:00'), to: Date.parse('2026-03-09T00:00:00+08:00') };
let t: TestApp;
afterEach(async () => t?.close());

for (const dialect of dialects) {
  describe(`GET /api/kpi/people: the week's figures per agent and team [${dialect}] (#21)`, () => {
    it('KPI-SUMMARY5 and the ticket figures per agent and team beside the targets, with the quality figures', async () => {
      t = await createTestApp({ dialect, start: T });
      const li = await t.as('agent', { username: 'li', team: '一组' });
      const zhao = await t.as('agent', { username: 'zhao', team: '二组' });
      const sup = await t.as('supervisor');
      const post = (events: unknown[]) => t.app.inject({ method: 'POST', url: '/api/cti/events', headers: sup, payload: { events } });
      const call = (callId: string, agent: string, at: number) => [
        { type: 'offered', callId, at, queue: 'hotline', caller: '13800138000' },
        { type: 'answered', callId, at: at + 5000, agent },
        { type: 'ended', callId, at: at + 120_000, by: 'customer' },
      ];
      expect((await post([...call('c-li-1', 'li', T), ...call('c-li-2', 'li', T + 10 * 60_000), ...call('c-zhao', 'zhao', T)])).statusCode).toBe(202);

      // A taboo word makes li's first call fatal; zhao's call is clean.
      const calls = (await t.app.inject({ url: '/api/calls', headers: sup })).json().items as Array<{ id: string; externalId: string }>;
      const idOf = (ext: string) => calls.find((c) => c.externalId === ext)!.id;
      const judge = (ext: string, text: string) =>
        t.app.inject({ method: 'POST', url: `/api/calls/${idOf(ext)}/transcript`, headers: sup, payload: { utterances: [{ speaker: 'agent', text, start: 5400, end: 9000 }] } });
      expect((await judge('c-li-1', '我不知道，这不归我们管')).statusCode).toBe(200);
      expect((await judge('c-zhao', '您好，这里是客服中心，我是客服专员小赵，请问有什么可以帮您？')).statusCode).toBe(200);

      // li files the first call's ticket with its summary at once (within 5 minutes), the second one 8 minutes after the hang-up.
      t.clock.set(T + 125_000 + 60_000);
      const ticket = (headers: Record<string, string>, callId: string, endedAt: number) =>
        t.app.inject({
          method: 'POST',
          url: '/api/tickets',
          headers,
          payload: { type: 'inquiry', customerName: '赵先生', contactPhone: '13812341234', description: '咨询宽带套餐的月租和合约期限', callId, callEndedAt: endedAt, summary: { problemType: '套餐咨询', solution: '已说明资费', satisfaction: 4 } },
        });
      expect((await ticket(li, 'c-li-1', T + 120_000)).statusCode).toBe(201);
      expect((await ticket(zhao, 'c-zhao', T + 120_000)).statusCode).toBe(201);
      t.clock.set(T + 10 * 60_000 + 120_000 + 8 * 60_000);
      expect((await ticket(li, 'c-li-2', T + 10 * 60_000 + 120_000)).statusCode).toBe(201);

      const byAgent = await t.app.inject({ url: `/api/kpi/people?from=${WEEK.from}&to=${WEEK.to}&by=agent`, headers: sup });
      expect(byAgent.statusCode, byAgent.body).toBe(200);
      const report = byAgent.json();
      expect(report.targets.summaryWithin5MinRate).toMatchObject({ requirement: 'KPI-SUMMARY5' });
      expect(report.targets.satisfaction).toMatchObject({ requirement: 'KPI-CSAT', min: 85 });
      type Row = { key: string; quality: { topFailed: Array<{ rule: string; calls: number }> } };
      const rowOf = (key: string): Row => (report.rows as Row[]).find((r) => r.key === key)!;
      expect(rowOf('li')).toMatchObject({ name: 'li', team: '一组', tickets: 2, figures: { summaryWithin5MinRate: { value: 0.5 }, ticketWithin3MinRate: { value: 0.5 }, satisfaction: { value: 80, pass: false } } });
      expect(rowOf('li')).toMatchObject({ quality: { judged: 1, fatalCalls: 1, averageScore: 0 } });
      // The most failed requirements, at most three, each with its count of calls.
      const top = rowOf('li').quality.topFailed;
      expect(top).toHaveLength(3);
      expect(top.every((f) => f.calls === 1 && /^[A-Z]+-/.test(f.rule))).toBe(true);
      expect(rowOf('zhao')).toMatchObject({ tickets: 1, figures: { summaryWithin5MinRate: { value: 1 } }, quality: { judged: 1, fatalCalls: 0 } });
      expect(report.total).toMatchObject({ key: 'total', tickets: 3, quality: { judged: 2, fatalCalls: 1 } });

      const byTeam = (await t.app.inject({ url: `/api/kpi/people?from=${WEEK.from}&to=${WEEK.to}&by=team`, headers: sup })).json();
      expect(byTeam.rows.map((r: { key: string }) => r.key)).toEqual(['一组', '二组']);
      expect(byTeam.rows[0]).toMatchObject({ tickets: 2, figures: { summaryWithin5MinRate: { value: 0.5 } }, quality: { fatalCalls: 1 } });

      // The same KPI-SUMMARY5 on the centre's report.
      const kpi = (await t.app.inject({ url: `/api/kpi?from=${WEEK.from}&to=${WEEK.to}`, headers: sup })).json();
      expect(kpi.summaryWithin5MinRate.value).toBeCloseTo(2 / 3);
      expect(kpi.ticketTargets.summaryWithin5MinRate).toMatchObject({ requirement: 'KPI-SUMMARY5' });

      expect((await t.app.inject({ url: `/api/kpi/people?from=${WEEK.from}&to=${WEEK.to}`, headers: li })).statusCode).toBe(403);
    });
  });
}
