import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Dialect } from '../../db/database.js';
import { createTestApp, type TestApp } from '../test-app.js';
import type { DomainEvent } from '../../../core/shared/event-bus.js';
import { registerTicketJobs } from '../../jobs/ticket-jobs.js';

const dialects: Dialect[] = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
const T0 = Date.parse('2025-09-30T16:00:00+08:00');

const complaint = {
  type: 'complaint',
  complaintClass: 'billing',
  complaintGrade: 'general',
  customerName: '赵先生',
  contactPhone: '138-1234-1234',
  description: '9月账单多扣了50元流量费，要求核实并退还',
};

for (const dialect of dialects) {
  describe(`tickets and customers over HTTP [${dialect}]`, () => {
    let t: TestApp;
    let events: DomainEvent[];
    beforeEach(async () => {
      t = await createTestApp({ dialect, start: T0 });
      events = [];
      t.ctx.events.on('*', (e) => void events.push(e));
    });
    afterEach(async () => t.close());

    const call = async (role: 'agent' | 'supervisor' | 'manager' | 'admin', method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: unknown, o: { team?: string; username?: string } = {}) => {
      const headers = await t.as(role, o);
      const res = await t.app.inject({ method, url, headers, ...(payload !== undefined && { payload: payload as object }) });
      return { status: res.statusCode, body: res.json() as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
    };

    it('creates a complaint whose reply promise is due after 2 working days on the holiday calendar', async () => {
      const r = await call('agent', 'POST', '/api/tickets', complaint);
      expect(r.status).toBe(201);
      expect(r.body.ticket.status).toBe('open');
      expect(r.body.ticket.contactPhone).toBe('138****1234');
      const [promise] = r.body.promises;
      expect(promise.kind).toBe('reply');
      expect(promise.duration).toBe('2wd');
      expect(new Date(promise.dueAt).toISOString()).toBe(new Date('2025-10-10T16:00:00+08:00').toISOString());
      expect(promise.remindAt).toBeLessThan(promise.dueAt);
      expect(r.body.history.map((h: { action: string }) => h.action)).toEqual(['created', 'promise_made']);
      expect(events.map((e) => e.type)).toContain('ticket.created');
    });

    it('says with each ticket what can be done to it now, and the at-risk window the screens show, from the server', async () => {
      const created = await call('agent', 'POST', '/api/tickets', complaint);
      expect(created.body.actions).toEqual({ escalate: true, resolve: true, reopen: false, close: false, renegotiate: [] });
      const resolved = await call('agent', 'POST', `/api/tickets/${created.body.ticket.id}/resolve`, { solution: '已退还50元' });
      expect(resolved.body.actions).toEqual({ escalate: false, resolve: false, reopen: true, close: true, renegotiate: [] });
      const closed = await call('agent', 'POST', `/api/tickets/${created.body.ticket.id}/close`, {});
      expect(closed.body.actions).toEqual({ escalate: false, resolve: false, reopen: true, close: false, renegotiate: [] });

      const settings = await call('admin', 'GET', '/api/ticket-settings');
      expect(settings.body.atRiskWithinMs).toBe(2 * 3600_000);
      // A lead editing the pack's reminder lead time moves the at-risk window with it; what GET gave can be PUT back.
      const edited = await call('admin', 'PUT', '/api/ticket-settings', { ...settings.body, reminderLeadTime: '4h' });
      expect(edited.status).toBe(200);
      expect((await call('agent', 'GET', '/api/ticket-settings')).body.atRiskWithinMs).toBe(4 * 3600_000);
    });

    it('rejects missing required fields, a vague description, an unknown customer and a bad phone, each by field, writing nothing', async () => {
      const missing = await call('agent', 'POST', '/api/tickets', { type: 'complaint', description: '账单多扣了50元流量费' });
      expect(missing.status).toBe(400);
      expect(missing.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['complaintClass', 'complaintGrade', 'contactPhone', 'customerName']);

      const vague = await call('agent', 'POST', '/api/tickets', { ...complaint, description: '客戶說有點問題' });
      expect(vague.status).toBe(400);
      expect(vague.body.error.fields).toEqual([{ path: 'description', message: expect.stringContaining('客户说有点问题'), code: 'vague_description' }]);

      const unknown = await call('agent', 'POST', '/api/tickets', { ...complaint, customerId: 'cu_nobody' });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.fields[0].path).toBe('customerId');

      const phone = await call('agent', 'POST', '/api/tickets', { ...complaint, contactPhone: '123' });
      expect(phone.status).toBe(400);
      expect(phone.body.error.fields[0].path).toBe('contactPhone');

      const type = await call('agent', 'POST', '/api/tickets', { ...complaint, type: 'gossip' });
      expect(type.status).toBe(400);
      expect((await call('agent', 'GET', '/api/tickets')).body.items).toEqual([]);
    });

    it('allows only the status flow: resolve a closed ticket is a 409 naming the transition', async () => {
      const { body } = await call('agent', 'POST', '/api/tickets', complaint);
      const id = body.ticket.id as string;
      expect((await call('agent', 'PATCH', `/api/tickets/${id}`, { status: 'in_progress' })).body.ticket.status).toBe('in_progress');
      expect((await call('agent', 'POST', `/api/tickets/${id}/close`, {})).status).toBe(409);
      expect((await call('agent', 'POST', `/api/tickets/${id}/resolve`, { solution: '已退还50元' })).body.ticket.status).toBe('resolved');
      expect((await call('agent', 'POST', `/api/tickets/${id}/close`, {})).body.ticket.status).toBe('closed');
      const again = await call('agent', 'POST', `/api/tickets/${id}/resolve`, {});
      expect(again.status).toBe(409);
      expect(again.body.error.fields[0]).toEqual({ path: 'status', message: 'closed → resolved is not allowed' });
      expect((await call('agent', 'POST', '/api/tickets/tk_missing/resolve', {})).status).toBe(404);
    });

    it('records who changed what and when, and links the call', async () => {
      const { body } = await call('agent', 'POST', '/api/tickets', { ...complaint, callId: 'call-0001', callEndedAt: T0 - 120_000 }, { username: 'A017' });
      const id = body.ticket.id as string;
      t.clock.advance(60_000);
      await t.as('agent', { username: 'B021' });
      const someone = (await t.ctx.users.list()).find((u) => u.username === 'B021')!.id;
      await call('supervisor', 'PATCH', `/api/tickets/${id}`, { assigneeId: someone, priority: 'high', summary: { problemType: '计费争议', solution: '核实后退还', satisfaction: 4 } });
      const detail = (await call('agent', 'GET', `/api/tickets/${id}`, undefined, { username: 'A017' })).body;
      expect(detail.ticket.callId).toBe('call-0001');
      expect(detail.ticket.channel).toBe('phone');
      const actions = detail.history.map((h: { action: string; actorName: string }) => `${h.actorName}:${h.action}`);
      expect(actions).toEqual(['A017:created', 'A017:promise_made', 't-supervisor:assigned', 't-supervisor:updated', 't-supervisor:summary_written']);
      const updated = detail.history.find((h: { action: string }) => h.action === 'updated');
      expect(updated.changes.priority).toEqual({ from: 'normal', to: 'high' });
      expect(updated.at).toBe(T0 + 60_000);
      expect((await call('agent', 'GET', '/api/tickets?callId=call-0001')).body.items).toHaveLength(1);
    });

    it('escalates agent → supervisor → management office, then refuses', async () => {
      const { body } = await call('agent', 'POST', '/api/tickets', complaint);
      const id = body.ticket.id as string;
      expect((await call('agent', 'POST', `/api/tickets/${id}/escalate`, { reason: '客户要求主管处理' })).body.ticket.escalationLevel).toBe('supervisor');
      expect((await call('supervisor', 'POST', `/api/tickets/${id}/escalate`, {})).body.ticket.escalationLevel).toBe('management_office');
      expect((await call('supervisor', 'POST', `/api/tickets/${id}/escalate`, {})).status).toBe(409);
      expect(events.filter((e) => e.type === 'ticket.escalated').map((e) => e.to)).toEqual(['supervisor', 'management_office']);
    });

    it('reopening after an unsolved callback keeps the history and counts against first-contact resolution', async () => {
      const first = (await call('agent', 'POST', '/api/tickets', complaint)).body.ticket.id as string;
      const second = (await call('agent', 'POST', '/api/tickets', { ...complaint, contactPhone: '13900001111', complaintClass: 'service' })).body.ticket.id as string;
      await call('agent', 'POST', `/api/tickets/${first}/resolve`, { solution: '已退还' });
      await call('agent', 'POST', `/api/tickets/${second}/resolve`, { solution: '已道歉' });
      const reopened = await call('agent', 'POST', `/api/tickets/${first}/reopen`, { reason: '回访：客户称款项未到账', promise: { within: '24h' } });
      expect(reopened.body.ticket.status).toBe('reopened');
      expect(reopened.body.ticket.reopenCount).toBe(1);
      await call('agent', 'POST', `/api/tickets/${first}/resolve`, { solution: '财务已补退' });
      const actions = (await call('agent', 'GET', `/api/tickets/${first}`)).body.history.map((h: { action: string }) => h.action);
      expect(actions.filter((a: string) => ['created', 'resolved', 'reopened'].includes(a))).toEqual(['created', 'resolved', 'reopened', 'resolved']);
      expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['ticket.created', 'ticket.resolved', 'ticket.reopened']));
      const m = await call('manager', 'GET', `/api/tickets/measures?from=${T0 - 1}&to=${T0 + 86400_000}`);
      expect(m.body.groups[0]).toMatchObject({ key: 'total', resolved: 2, resolvedFirstContact: 1, firstContactResolutionRate: 0.5, complaints: 2, complaintsAnsweredInTime: 2, complaintResponseRate: 1 });
    });

    it('finds 发票 written in either script and 退款 inside 申請退款的流程', async () => {
      const base = { type: 'inquiry', customerName: '钱女士', contactPhone: '13700001111' };
      const trad = (await call('agent', 'POST', '/api/tickets', { ...base, description: '客戶要求補開發票,抬頭寫錯了' })).body.ticket.id;
      const simp = (await call('agent', 'POST', '/api/tickets', { ...base, description: '发票金额与订单不符,请核实' })).body.ticket.id;
      const refund = (await call('agent', 'POST', '/api/tickets', { ...base, description: '咨询申請退款的流程和到账时间' })).body.ticket.id;
      await call('agent', 'POST', '/api/tickets', { ...base, description: '宽带报修,光猫红灯闪烁' });
      const ids = async (q: string) => ((await call('agent', 'GET', `/api/tickets?q=${encodeURIComponent(q)}`)).body.items as Array<{ id: string }>).map((x) => x.id).sort();
      expect(await ids('发票')).toEqual([trad, simp].sort());
      expect(await ids('發票')).toEqual([trad, simp].sort());
      expect(await ids('退款')).toEqual([refund]);
      const page = await call('agent', 'GET', `/api/tickets?q=${encodeURIComponent('发票')}&limit=1`);
      expect(page.body.items).toHaveLength(1);
      const next = await call('agent', 'GET', `/api/tickets?q=${encodeURIComponent('发票')}&limit=1&cursor=${page.body.nextCursor}`);
      expect(next.body.items).toHaveLength(1);
      expect(next.body.items[0].id).not.toBe(page.body.items[0].id);
      expect(next.body.nextCursor).toBeNull();
    });

    it('keeps private teams apart: an agent cannot read another team\'s ticket, a manager can', async () => {
      const settings = (await call('admin', 'GET', '/api/ticket-settings')).body;
      expect((await call('admin', 'PUT', '/api/ticket-settings', { ...settings, teamsPrivate: true })).status).toBe(200);
      const id = (await call('agent', 'POST', '/api/tickets', complaint, { username: 'a-east', team: 'east' })).body.ticket.id as string;
      const west = await call('agent', 'GET', `/api/tickets/${id}`, undefined, { username: 'a-west', team: 'west' });
      expect(west.status).toBe(403);
      expect((await call('agent', 'GET', '/api/tickets', undefined, { username: 'a-west', team: 'west' })).body.items).toEqual([]);
      expect((await call('agent', 'POST', `/api/tickets/${id}/resolve`, {}, { username: 'a-west', team: 'west' })).status).toBe(403);
      expect((await call('agent', 'GET', `/api/tickets/${id}`, undefined, { username: 'a-east2', team: 'east' })).status).toBe(200);
      expect((await call('manager', 'GET', `/api/tickets/${id}`)).status).toBe(200);
      expect((await call('manager', 'GET', '/api/tickets')).body.items).toHaveLength(1);
    });

    it('pauses the promise clock while waiting on the customer', async () => {
      const { body } = await call('agent', 'POST', '/api/tickets', complaint);
      const id = body.ticket.id as string;
      const due = body.promises[0].dueAt as number;
      await call('agent', 'PATCH', `/api/tickets/${id}`, { status: 'waiting_customer' });
      t.clock.advance(3 * 3600_000);
      const resumed = await call('agent', 'PATCH', `/api/tickets/${id}`, { status: 'in_progress' });
      expect(resumed.body.promises[0].dueAt).toBe(due + 3 * 3600_000);
    });

    it('customers: phone de-duplication, masking, audited reveal, lifecycle history', async () => {
      const created = await call('agent', 'POST', '/api/customers', { name: '赵先生', code: 'C2044', phones: [{ number: '+86 138 1234 1234', kind: 'mobile' }], vip: true, stage: 'potential' });
      expect(created.status).toBe(201);
      const id = created.body.id as string;
      // Normalized (+86 and spaces gone), and masked even in the creator's echo: one masking policy.
      expect(created.body.phones).toEqual([{ number: '138****1234', kind: 'mobile' }]);

      const dup = await call('agent', 'POST', '/api/customers', { name: '赵某', phones: [{ number: '13812341234' }] });
      expect(dup.status).toBe(409);
      expect(dup.body.error.fields[0].path).toBe('phones.0.number');
      const bad = await call('agent', 'POST', '/api/customers', { name: '钱某', phones: [{ number: '123' }] });
      expect(bad.status).toBe(400);
      expect(bad.body.error.fields[0].path).toBe('phones.0.number');

      const list = await call('agent', 'GET', '/api/customers?q=' + encodeURIComponent('趙先生'));
      expect(list.body.items.map((c: { phones: Array<{ number: string }> }) => c.phones[0]?.number)).toEqual(['138****1234']);
      expect((await call('agent', 'GET', `/api/customers/${id}?reveal=pii`)).status).toBe(403);
      const revealed = await call('supervisor', 'GET', `/api/customers/${id}?reveal=pii`);
      expect(revealed.body.phones[0].number).toBe('13812341234');
      const audit = await t.ctx.auditRepo.list({ limit: 10, action: 'customer.pii_read' });
      expect(audit.map((a) => [a.actorName, a.targetId])).toEqual([['t-supervisor', id]]);

      await call('agent', 'PATCH', `/api/customers/${id}`, { stage: 'new', stageReason: '首次购买' });
      await call('agent', 'PATCH', `/api/customers/${id}`, { stage: 'loyal' });
      const ticket = await call('agent', 'POST', '/api/tickets', { ...complaint, customerName: undefined, contactPhone: '13812341234', summary: { problemType: '计费', solution: '退还', satisfaction: 2 } });
      expect(ticket.body.ticket.customerId).toBe(id);
      expect(ticket.body.ticket.customerName).toBe('赵先生');
      const overview = (await call('agent', 'GET', `/api/customers/${id}/overview`)).body;
      expect(overview.stageHistory.map((s: { to: string }) => s.to)).toEqual(['potential', 'new', 'loyal']);
      expect(overview.tickets).toHaveLength(1);
      expect(overview.satisfaction).toEqual([{ at: T0, ticketId: ticket.body.ticket.id, satisfaction: 2 }]);
      expect((await call('agent', 'GET', '/api/customers/cu_nobody')).status).toBe(404);
    });

    it('keeps a promise on time when the customer is answered, and lists overdue tickets', async () => {
      const kept = (await call('agent', 'POST', '/api/tickets', complaint)).body;
      const late = (await call('agent', 'POST', '/api/tickets', { ...complaint, contactPhone: '13900002222', complaintGrade: 'urgent' })).body;
      const r = await call('agent', 'POST', `/api/tickets/${kept.ticket.id}/promises/${kept.promises[0].id}/keep`, {});
      expect(r.body.promises[0].status).toBe('kept');
      t.clock.advance(5 * 3600_000);
      const overdue = await call('agent', 'GET', '/api/tickets?overdue=true');
      expect(overdue.body.items.map((x: { id: string }) => x.id)).toEqual([late.ticket.id]);
      const resolved = await call('agent', 'POST', `/api/tickets/${late.ticket.id}/resolve`, {});
      expect(resolved.body.promises[0].status).toBe('broken');
    });

    it('reminds before a promise is due and escalates when it passes (job handlers)', async () => {
      registerTicketJobs(t.ctx);
      const { body } = await call('agent', 'POST', '/api/tickets', { ...complaint, complaintGrade: 'serious' });
      const p = body.promises[0];
      t.clock.set(p.remindAt);
      await t.ctx.jobs.runDue();
      expect(events.filter((e) => e.type === 'promise.reminder')).toHaveLength(1);
      t.clock.set(p.dueAt);
      await t.ctx.jobs.runDue();
      // Ten days on, the test session has expired: read through the service.
      const d = await t.ctx.crm.tickets.get(body.ticket.id, { id: null, username: 'test', role: 'manager', team: null });
      expect(d.promises[0]?.status).toBe('broken');
      expect(d.ticket.escalationLevel).toBe('supervisor');
    });
  });
}
