import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './test-app.js';

// Issue #21: every field error carries a stable code and its params, so the web words it in the
// reader's language (zh-CN, zh-TW, en) instead of showing the server's sentence.
describe('field errors carry a code and params the web can word', () => {
  let t: TestApp;
  let agent: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp();
    agent = await t.as('agent');
  });
  afterAll(async () => t?.close());

  const fieldsOf = async (payload: object) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/tickets', headers: agent, payload });
    expect(res.statusCode).toBe(400);
    return res.json().error.fields as { path: string; message: string; code?: string; params?: Record<string, unknown> }[];
  };

  it('request-schema failures: missing, wrong type, too long, not one of the values', async () => {
    expect(await fieldsOf({})).toEqual([{ path: 'type', message: expect.any(String), code: 'required' }]);
    expect(await fieldsOf({ type: 5 })).toEqual([{ path: 'type', message: expect.any(String), code: 'invalid_type', params: { expected: 'string' } }]);
    expect(await fieldsOf({ type: 'x'.repeat(41) })).toEqual([{ path: 'type', message: expect.any(String), code: 'too_long', params: { maximum: 40 } }]);
    expect(await fieldsOf({ type: 'inquiry', priority: 'asap' })).toEqual([
      { path: 'priority', message: expect.any(String), code: 'one_of', params: { values: expect.stringContaining('urgent') } },
    ]);
  });

  it("the core's checks: required by the ticket type, a vague description, a bad phone, an unknown type", async () => {
    const missing = await fieldsOf({ type: 'complaint', description: '账单多扣了50元流量费' });
    expect(missing.find((f) => f.path === 'customerName')).toMatchObject({ code: 'required' });
    const vague = await fieldsOf({ type: 'inquiry', customerName: '周女士', contactPhone: '13900001111', description: '客户说有点问题' });
    expect(vague).toEqual([{ path: 'description', message: expect.stringContaining('笼统'), code: 'vague_description' }]);
    const phone = await fieldsOf({ type: 'inquiry', customerName: '周女士', contactPhone: '123', description: '查询宽带套餐资费和合约期' });
    expect(phone[0]).toEqual({ path: 'contactPhone', message: expect.any(String), code: 'invalid_phone' });
    const type = await fieldsOf({ type: 'gossip', customerName: '周女士', contactPhone: '13900001111', description: '查询宽带套餐资费和合约期' });
    expect(type[0]).toMatchObject({ path: 'type', code: 'one_of', params: { values: expect.stringContaining('咨询') } });
  });
});
