import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test-app.js';

const T0 = Date.parse('2025-09-30T16:00:00+08:00');
let t: TestApp;
afterEach(async () => t?.close());

describe('GET /api/kpi with tickets', () => {
  it('says why the ticket figures are empty, then reports them once tickets exist', async () => {
    t = await createTestApp({ start: T0 });
    const agent = await t.as('agent');
    const manager = await t.as('manager');
    const before = (await t.app.inject({ url: '/api/kpi', headers: manager })).json();
    expect(before.firstContactResolution).toEqual({ value: null, reason: 'no tickets in the period' });
    expect(before.satisfaction.value).toBeNull();

    const create = (description: string, satisfaction = 4) =>
      t.app.inject({
        method: 'POST',
        url: '/api/tickets',
        headers: agent,
        payload: { type: 'complaint', complaintClass: 'billing', complaintGrade: 'general', customerName: '赵先生', contactPhone: '13812341234', description, summary: { problemType: '账单', solution: '已登记', satisfaction } },
      });
    const ra = await create('9月账单多扣了50元流量费，要求核实并退还');
    expect(ra.statusCode, ra.body).toBe(201);
    const a = ra.json().ticket;
    const b = (await create('宽带每天晚上八点后断线，已重启光猫无效', 5)).json().ticket;
    t.clock.advance(3600_000);
    for (const id of [a.id, b.id]) {
      const r = await t.app.inject({ method: 'POST', url: `/api/tickets/${id}/resolve`, headers: agent, payload: { solution: '已处理' } });
      expect(r.statusCode, r.body).toBe(200);
    }
    // The callback found b unsolved: reopening it counts against first-contact resolution.
    expect((await t.app.inject({ method: 'POST', url: `/api/tickets/${b.id}/reopen`, headers: agent, payload: { reason: '回访时客户表示仍然断线' } })).statusCode).toBe(200);

    const after = (await t.app.inject({ url: '/api/kpi', headers: manager })).json();
    expect(after.firstContactResolution.value).toBe(0.5);
    expect(after.complaintResponseRate.value).toBe(1);
    // KPI-CSAT: answers 4 and 5 of 5 → 90 on the 0–100 scale.
    expect(after.satisfaction).toEqual({ value: 90, reason: null });
  });
});
