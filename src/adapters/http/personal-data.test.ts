import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Dialect } from '../db/database.js';
import type { Role } from '../../core/users/roles.js';
import { createTestApp, type TestApp } from './test-app.js';

// Issue #12 defects 6 and 7: one masking policy for every place a phone number leaves the server.
// Nobody gets a full number without asking (?reveal=pii), only supervisor/manager/admin may ask,
// and every such read is in the audit log.

const dialects: Dialect[] = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
const T0 = Date.parse('2026-03-02T09:15:00+08:00');
const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/;

for (const dialect of dialects) {
  describe(`personal data is masked everywhere, revealed only with an audit entry [${dialect}]`, () => {
    let t: TestApp;
    beforeEach(async () => {
      t = await createTestApp({ dialect, start: T0 });
    });
    afterEach(async () => t.close());

    const call = async (role: Role, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown, username?: string) => {
      const headers = await t.as(role, username ? { username } : {});
      const res = await t.app.inject({ method, url, headers, ...(payload !== undefined && { payload: payload as object }) });
      return { status: res.statusCode, text: res.body, body: res.json() as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
    };
    const audits = async (action: string) => (await t.ctx.auditRepo.list({ limit: 50, action })).map((a) => [a.actorName, a.targetId]);

    async function customer(): Promise<string> {
      const c = await call('agent', 'POST', '/api/customers', { name: '赵先生', phones: [{ number: '13812341234' }], email: 'zhao@example.com' });
      expect(c.status).toBe(201);
      return c.body.id as string;
    }

    it('a reader who sees numbers masked cannot rebuild them by searching digit prefixes; the whole number still finds the customer', async () => {
      const id = await customer();
      await call('agent', 'POST', '/api/tickets', { type: 'repair', customerId: id, contactPhone: '13812341234', description: '空调不制冷，外机不转' });
      const found = async (role: Role, url: string) => ((await call(role, 'GET', url)).body.items as Array<{ id: string }>).length;
      for (const role of ['agent', 'qa'] as const) {
        // 138****1234 on screen; typing 1381, 13812 … must not say which digits are hidden.
        expect(await found(role, '/api/customers?q=1381'), role).toBe(0);
        expect(await found(role, '/api/customers?q=138123'), role).toBe(0);
        expect(await found(role, '/api/tickets?q=138123'), role).toBe(0);
        expect(await found(role, '/api/customers?q=13812341234'), role).toBe(1);
        expect(await found(role, '/api/tickets?q=13812341234'), role).toBe(1);
      }
      // A role that may reveal the number may also look it up as typed so far.
      expect(await found('supervisor', '/api/customers?q=1381')).toBe(1);
      expect(await found('supervisor', '/api/tickets?q=138123')).toBe(1);
    });

    it('a no-op PATCH of a customer returns masked data and reveals nothing (defect 6)', async () => {
      const id = await customer();
      for (const role of ['supervisor', 'manager', 'admin', 'agent', 'qa'] as const) {
        const r = await call(role, 'PATCH', `/api/customers/${id}`, {});
        expect(r.status, role).toBe(200);
        expect(r.body.phones, role).toEqual([{ number: '138****1234', kind: 'mobile' }]);
        expect(r.body.email, role).toBe('z***@example.com');
        expect(r.body.masked, role).toBe(true);
      }
      expect(await audits('customer.pii_read')).toEqual([]);

      // Asking is possible, for the roles that may, and leaves a trace.
      const revealed = await call('supervisor', 'PATCH', `/api/customers/${id}?reveal=pii`, { note: '已核实' });
      expect(revealed.body.phones[0].number).toBe('13812341234');
      expect(revealed.body.masked).toBe(false);
      expect(await audits('customer.pii_read')).toEqual([['t-supervisor', id]]);
      // An agent may not ask, and the refused edit changes nothing.
      const refused = await call('agent', 'PATCH', `/api/customers/${id}?reveal=pii`, { note: '坐席改的' });
      expect(refused.status).toBe(403);
      expect((await call('agent', 'GET', `/api/customers/${id}`)).body.note).toBe('已核实');
    });

    // A second number or an ID typed into the customer's note left the server in full beside the
    // masked phones (found in review).
    it("a number typed into the customer's note is masked like the phones, until an audited reveal", async () => {
      const id = await customer();
      expect((await call('supervisor', 'PATCH', `/api/customers/${id}`, { note: '备用 13912345678，身份证 110101199001011234' })).status).toBe(200);
      for (const url of [`/api/customers/${id}`, `/api/customers?q=${encodeURIComponent('赵先生')}`, `/api/customers/${id}/overview`]) {
        const r = await call('agent', 'GET', url);
        expect(r.status, url).toBe(200);
        expect(r.text, url).not.toMatch(/13912345678|110101199001011234/);
      }
      const revealed = await call('supervisor', 'GET', `/api/customers/${id}?reveal=pii`);
      expect(revealed.body.note).toBe('备用 13912345678，身份证 110101199001011234');
    });

    it('tickets: supervisors get masked numbers in the list and detail; ?reveal=pii is audited (defect 7)', async () => {
      const created = await call('agent', 'POST', '/api/tickets', {
        type: 'inquiry',
        customerName: '钱女士',
        contactPhone: '13900001111',
        description: '宽带安装预约，客户另留号码13700002222，下午方便',
      });
      expect(created.status).toBe(201);
      expect(created.text).not.toMatch(MOBILE);
      const id = created.body.ticket.id as string;
      const changed = await call('agent', 'PATCH', `/api/tickets/${id}`, { contactPhone: '13900003333' });
      expect(changed.text).not.toMatch(MOBILE);

      for (const role of ['supervisor', 'manager', 'admin'] as const) {
        const list = await call(role, 'GET', '/api/tickets');
        expect(list.body.items[0].contactPhone, role).toBe('139****3333');
        expect(list.text, role).not.toMatch(MOBILE);
        const detail = await call(role, 'GET', `/api/tickets/${id}`);
        expect(detail.text, role).not.toMatch(MOBILE);
        expect(detail.body.ticket.description).toContain('137****2222');
        const history = detail.body.history.find((h: { changes: Record<string, unknown> | null }) => h.changes?.contactPhone);
        expect(history.changes.contactPhone).toEqual({ from: '139****1111', to: '139****3333' });
      }
      expect(await audits('ticket.pii_read')).toEqual([]);

      const revealed = await call('supervisor', 'GET', `/api/tickets/${id}?reveal=pii`);
      expect(revealed.body.ticket.contactPhone).toBe('13900003333');
      expect(revealed.body.ticket.description).toContain('13700002222');
      expect(await audits('ticket.pii_read')).toEqual([['t-supervisor', id]]);
      expect((await call('agent', 'GET', `/api/tickets/${id}?reveal=pii`)).status).toBe(403);
      expect((await call('qa', 'GET', `/api/tickets/${id}?reveal=pii`)).status).toBe(403);
    });

    it("calls: agents and QA see the caller's number masked and may not reveal it; a supervisor's reveal is audited (defect 7)", async () => {
      await t.as('agent', { username: 'ana' });
      const posted = await call('supervisor', 'POST', '/api/cti/events', {
        events: [
          { type: 'offered', callId: 'pbx-1', at: T0, queue: 'hotline', caller: '13800138000' },
          { type: 'ringing', callId: 'pbx-1', at: T0 + 2000, agent: 'ana' },
          { type: 'answered', callId: 'pbx-1', at: T0 + 5000, agent: 'ana' },
          { type: 'ended', callId: 'pbx-1', at: T0 + 60_000, by: 'customer' },
        ],
      });
      expect(posted.status).toBe(202);
      const callId = posted.body.calls[0].id as string;
      const transcript = await call('qa', 'POST', `/api/calls/${callId}/transcript`, {
        utterances: [
          { speaker: 'agent', text: '您好，请问有什么可以帮您？' },
          { speaker: 'customer', text: '我的手机号是13800138000，身份证110101199003071234' },
        ],
      });
      expect(transcript.status, transcript.text).toBe(200);
      expect(transcript.text).not.toMatch(MOBILE);

      for (const [role, username] of [['agent', 'ana'], ['qa', undefined], ['supervisor', undefined], ['manager', undefined], ['admin', undefined]] as const) {
        const list = await call(role, 'GET', '/api/calls', undefined, username);
        expect(list.status, role).toBe(200);
        expect(list.body.items[0].caller, role).toBe('138****8000');
        const one = await call(role, 'GET', `/api/calls/${callId}`, undefined, username);
        expect(one.body.caller, role).toBe('138****8000');
        expect(one.text, role).not.toMatch(MOBILE);
        expect(one.text, role).not.toContain('110101199003071234');
      }
      expect((await call('agent', 'GET', `/api/calls/${callId}?reveal=pii`, undefined, 'ana')).status).toBe(403);
      expect((await call('qa', 'GET', `/api/calls/${callId}?reveal=pii`)).status).toBe(403);
      expect(await audits('call.pii_read')).toEqual([]);
      const revealed = await call('supervisor', 'GET', `/api/calls/${callId}?reveal=pii`);
      expect(revealed.body.caller).toBe('13800138000');
      expect(await audits('call.pii_read')).toEqual([['t-supervisor', callId]]);

      // The desk files a ticket on the call without the number it cannot see: the call's caller is the contact.
      const ticket = await call('agent', 'POST', '/api/tickets', { type: 'inquiry', customerName: '孙女士', callId: 'pbx-1', description: '查询本月话费账单明细' }, 'ana');
      expect(ticket.status, ticket.text).toBe(201);
      expect(ticket.body.ticket.contactPhone).toBe('138****8000');
      expect((await call('supervisor', 'GET', `/api/tickets/${ticket.body.ticket.id}?reveal=pii`)).body.ticket.contactPhone).toBe('13800138000');
    });

    it("the live event stream carries the caller's number masked, and the customer it belongs to", async () => {
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const port = (t.app.server.address() as AddressInfo).port;
      const headers = await t.as('agent', { username: 'ana' });
      let text = '';
      const req = http.get({ host: '127.0.0.1', port, path: '/api/events/stream', headers }, (res) => {
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
      });
      req.on('error', () => undefined);
      for (let i = 0; i < 200 && !text.includes(': connected'); i++) await new Promise((r) => setTimeout(r, 20));
      const known = await call('supervisor', 'POST', '/api/customers', { name: '李先生', phones: [{ number: '13800138000' }] });
      const posted = await call('supervisor', 'POST', '/api/cti/events', {
        events: [
          { type: 'offered', callId: 'pbx-2', at: T0, queue: 'hotline', caller: '13800138000' },
          { type: 'ringing', callId: 'pbx-2', at: T0 + 2000, agent: 'ana' },
        ],
      });
      expect(posted.status).toBe(202);
      for (let i = 0; i < 200 && !text.includes('event: call.ringing'); i++) await new Promise((r) => setTimeout(r, 20));
      expect(text).toContain('"caller":"138****8000"');
      // The customer the number belongs to travels instead, so the desk pops the card while it rings.
      expect(text).toContain(`"customerId":"${known.body.id as string}"`);
      expect(text).not.toMatch(MOBILE);
      req.destroy();
    });
  });
}
