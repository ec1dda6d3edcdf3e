import { afterEach, describe, expect, it } from 'vitest';
import type { Dialect } from '../db/database.js';
import { createTestApp, type TestApp } from './test-app.js';
import { redactUrl, requestLogOptions } from './request-log.js';

// Issue #12 defect 8: no caller's mobile number reaches the log. Digit boundaries, so a
// 13-digit epoch time or a response time's decimals are not read as phone numbers.
const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/;
const dialects: Dialect[] = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
const T0 = Date.parse('2026-03-02T09:15:00+08:00');

for (const dialect of dialects) {
  describe(`the request log over a desk session [${dialect}]`, () => {
    let t: TestApp;
    afterEach(async () => t.close());

    it('holds no 11-digit mobile number: searches redacted, numbers in paths masked', async () => {
      const lines: string[] = [];
      t = await createTestApp({ dialect, start: T0, env: { LOG_LEVEL: 'info' }, logStream: { write: (l) => void lines.push(l) } });
      const agent = await t.as('agent', { username: 'ana' });
      const supervisor = await t.as('supervisor');
      const send = (headers: Record<string, string>, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
        t.app.inject({ method, url, headers, ...(payload && { payload }) });

      // A call rings: the PBX connector posts it with the caller's number.
      const cti = await send(supervisor, 'POST', '/api/cti/events', {
        events: [
          { type: 'offered', callId: 'pbx-13812341234', at: T0, queue: 'hotline', caller: '13812341234' },
          { type: 'ringing', callId: 'pbx-13812341234', at: T0 + 2000, agent: 'ana' },
          { type: 'answered', callId: 'pbx-13812341234', at: T0 + 5000, agent: 'ana' },
        ],
      });
      expect(cti.statusCode).toBe(202);
      // The desk looks the caller up by number, as typed and as the PBX sends it; nobody is known yet.
      expect((await send(agent, 'GET', '/api/customers?q=13812341234&limit=1')).statusCode).toBe(200);
      expect((await send(agent, 'GET', `/api/customers?q=${encodeURIComponent('+86 138 1234 1234')}`)).statusCode).toBe(200);
      // The agent files the customer and a ticket.
      const created = await send(agent, 'POST', '/api/customers', { name: '赵先生', phones: [{ number: '13812341234' }] });
      expect(created.statusCode).toBe(201);
      const customerId = created.json().id as string;
      expect((await send(agent, 'POST', '/api/customers', { name: '赵某', phones: [{ number: '13812341234' }] })).statusCode).toBe(409);
      expect((await send(agent, 'POST', '/api/customers', { name: '钱某', phones: [{ number: '1381234123' }] })).statusCode).toBe(400);
      const ticket = await send(agent, 'POST', '/api/tickets', { type: 'inquiry', customerId, description: '宽带报装进度查询，客户备用号码13900001111' });
      expect(ticket.statusCode, ticket.body).toBe(201);
      // Later look-ups: by number in the ticket search, the call list, a number typed into a path.
      expect((await send(agent, 'GET', '/api/tickets?q=13812341234')).statusCode).toBe(200);
      expect((await send(supervisor, 'GET', '/api/calls?agent=ana&queue=13900001111')).statusCode).toBe(200);
      expect((await send(agent, 'GET', '/api/customers/13812341234')).statusCode).toBe(404);
      expect((await send(supervisor, 'GET', `/api/customers/${customerId}?reveal=pii`)).statusCode).toBe(200);

      const log = lines.join('');
      expect(log).toContain('"url":"/api/customers?q=[redacted]&limit=1"');
      expect(log).toContain('"url":"/api/customers/138****1234"');
      expect(lines.length).toBeGreaterThan(20);
      // Request ids are random letters and digits: left out so a chance run of digits is no false alarm.
      const leaks = lines.filter((l) => MOBILE.test(l.replace(/"reqId":"[^"]*"/, '')));
      expect(leaks).toEqual([]);
    });
  });
}

describe('the log serializers', () => {
  const serializers = requestLogOptions('info').serializers as Record<string, (x: unknown) => Record<string, unknown>>;

  it('redact personal-data searches and mask numbers elsewhere in a URL', () => {
    expect(redactUrl('/api/customers?q=13812341234&limit=5')).toBe('/api/customers?q=[redacted]&limit=5');
    expect(redactUrl('/api/tickets?contactPhone=%2B8613812341234')).toBe('/api/tickets?contactPhone=[redacted]');
    expect(redactUrl('/api/calls?queue=13812341234')).toBe('/api/calls?queue=138****1234');
    expect(redactUrl('/api/tickets?q=')).toBe('/api/tickets?q=');
    expect(redactUrl('/api/health')).toBe('/api/health');
  });

  it("mask a database error's detail (a duplicate key names the number)", () => {
    const err = Object.assign(new Error('duplicate key value violates unique constraint "customer_phones_pkey"'), { code: '23505', detail: 'Key (phone)=(13812341234) already exists.' });
    const out = serializers.err!(err);
    expect(out.detail).toBe('Key (phone)=(138****1234) already exists.');
    expect(out.code).toBe('23505');
    expect(JSON.stringify(out)).not.toMatch(MOBILE);
  });
});
