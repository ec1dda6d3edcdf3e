import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Dialect } from '../../db/database.js';
import { createTestApp, type TestApp } from '../test-app.js';
import type { DomainEvent } from '../../../core/shared/event-bus.js';
import { registerTicketJobs } from '../../jobs/ticket-jobs.js';

// Issue #21, "tickets a team can run": numbers, assignees, escalation rights, renegotiated promises,
// a history without English machine notes. Every test on both databases.
const dialects: Dialect[] = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
const T0 = Date.parse('2025-10-09T10:00:00+08:00');
const H = 3600_000;

const complaint = {
  type: 'complaint',
  complaintClass: 'billing',
  complaintGrade: 'urgent',
  customerName: '赵先生',
  contactPhone: '13812341234',
  description: '9月账单多扣了50元流量费，要求核实并退还',
};
const english = /[A-Za-z]{4,}/;

for (const dialect of dialects) {
  describe(`tickets a team can run [${dialect}]`, () => {
    let t: TestApp;
    let events: DomainEvent[];
    beforeEach(async () => {
      t = await createTestApp({ dialect, start: T0 });
      events = [];
      t.ctx.events.on('*', (e) => void events.push(e));
    });
    afterEach(async () => t.close());

    type Who = { role: 'agent' | 'supervisor' | 'manager' | 'admin'; username: string; team?: string };
    const zhou: Who = { role: 'agent', username: 'zhou', team: 'east' };
    const li: Who = { role: 'agent', username: 'li', team: 'east' };
    const wang: Who = { role: 'agent', username: 'wang', team: 'west' };
    const chen: Who = { role: 'supervisor', username: 'chen', team: 'east' };
    const call = async (who: Who, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) => {
      const headers = await t.as(who.role, { username: who.username, ...(who.team && { team: who.team }) });
      const res = await t.app.inject({ method, url, headers, ...(payload !== undefined && { payload: payload as object }) });
      return { status: res.statusCode, body: res.json() as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
    };
    const idOf = async (who: Who) => {
      await t.as(who.role, { username: who.username, ...(who.team && { team: who.team }) });
      return (await t.ctx.users.list()).find((u) => u.username === who.username)!.id;
    };

    it('numbers tickets per centre day (GD20251009-0001…), even when created at once; a customer’s number finds the ticket', async () => {
      await idOf(zhou);
      const made = await Promise.all(Array.from({ length: 8 }, (_, i) => call(zhou, 'POST', '/api/tickets', { ...complaint, description: `第${i + 1}笔账单多扣了50元流量费` })));
      expect(made.map((r) => r.status)).toEqual(Array(8).fill(201));
      expect(made.map((r) => r.body.ticket.number).sort()).toEqual(Array.from({ length: 8 }, (_, i) => `GD20251009-000${i + 1}`));
      // 00:30 in Shanghai is still the 9th in UTC: the centre's day decides.
      t.clock.set(Date.parse('2025-10-10T00:30:00+08:00'));
      // (Through the service: the test session has expired by then.)
      const next = { body: await t.ctx.crm.tickets.create(complaint, { id: await idOf(zhou), username: 'zhou', role: 'agent', team: 'east' }) };
      expect(next.body.ticket.number).toBe('GD20251010-0001');

      const manager: Who = { role: 'manager', username: 'zhao' };
      const found = await call(manager, 'GET', `/api/tickets?q=${encodeURIComponent('gd20251009-3')}`);
      expect(found.body.items.map((x: { number: string }) => x.number)).toEqual(['GD20251009-0003']);
      const byNumber = await call(manager, 'GET', '/api/tickets/GD20251010-0001');
      expect(byNumber.status).toBe(200);
      expect(byNumber.body.ticket.id).toBe(next.body.ticket.id);
    });

    it('assigns to oneself or a colleague of the team; a supervisor to anyone; lists show the assignee by name; "mine" filters; the history says who had it', async () => {
      const [liId, wangId, zhouId] = [await idOf(li), await idOf(wang), await idOf(zhou)];
      const id = (await call(zhou, 'POST', '/api/tickets', complaint)).body.ticket.id as string;

      const toLi = await call(zhou, 'POST', `/api/tickets/${id}/assign`, { assigneeId: liId, note: '李娜熟悉计费业务' });
      expect(toLi.status).toBe(200);
      expect(toLi.body.ticket.assigneeId).toBe(liId);
      const toWang = await call(zhou, 'POST', `/api/tickets/${id}/assign`, { assigneeId: wangId });
      expect(toWang.status).toBe(403);
      expect(toWang.body.error.message).toContain('本班组');
      expect((await call(zhou, 'PATCH', `/api/tickets/${id}`, { assigneeId: wangId })).status).toBe(403);
      expect((await call(li, 'POST', `/api/tickets/${id}/assign`, { assigneeId: null })).status).toBe(403);
      const bySupervisor = await call(chen, 'POST', `/api/tickets/${id}/assign`, { assigneeId: wangId });
      expect(bySupervisor.body.ticket.assigneeId).toBe(wangId);

      const assigned = bySupervisor.body.history.filter((h: { action: string }) => h.action === 'assigned');
      expect(assigned.map((h: { changes: { assigneeId: { from: string; to: string } } }) => [bySupervisor.body.people[h.changes.assigneeId.from], bySupervisor.body.people[h.changes.assigneeId.to]])).toEqual([
        ['zhou', 'li'],
        ['li', 'wang'],
      ]);
      expect(assigned[0].note).toBe('李娜熟悉计费业务');

      const mine = await call(wang, 'GET', '/api/tickets?assignee=me');
      expect(mine.body.items.map((x: { id: string; assigneeName: string }) => [x.id, x.assigneeName])).toEqual([[id, 'wang']]);
      expect((await call(zhou, 'GET', '/api/tickets?assignee=me')).body.items).toEqual([]);
      expect((await call(chen, 'GET', `/api/tickets?assignee=${zhouId}`)).body.items).toEqual([]);

      const forAgent = await call(zhou, 'GET', '/api/tickets/assignees');
      // Their team (the supervisor of the team too), never another team.
      expect(forAgent.body.items.map((p: { displayName: string }) => p.displayName).sort()).toEqual(['chen', 'li', 'zhou']);
      expect(forAgent.body.mayUnassign).toBe(false);
      const forLead = await call(chen, 'GET', '/api/tickets/assignees');
      expect(forLead.body.items.map((p: { displayName: string }) => p.displayName).sort()).toEqual(['chen', 'li', 'wang', 'zhou']);
      expect(forLead.body.mayUnassign).toBe(true);
    });

    it('an agent escalates one level and only tickets they may read; at the top the action is gone and the refusal is in Chinese', async () => {
      const id = (await call(zhou, 'POST', '/api/tickets', complaint)).body.ticket.id as string;
      expect((await call(wang, 'POST', `/api/tickets/${id}/escalate`, {})).status).toBe(403); // private teams
      const up = await call(zhou, 'POST', `/api/tickets/${id}/escalate`, { reason: '客户要求主管处理' });
      expect(up.body.ticket.escalationLevel).toBe('supervisor');
      expect(up.body.actions.escalate).toBe(false);
      const again = await call(li, 'POST', `/api/tickets/${id}/escalate`, {});
      expect(again.status).toBe(403);
      expect(again.body.error.message).toContain('坐席只能升级一级');
      expect((await call(chen, 'GET', `/api/tickets/${id}`)).body.actions.escalate).toBe(true);
      const top = await call(chen, 'POST', `/api/tickets/${id}/escalate`, {});
      expect(top.body.ticket.escalationLevel).toBe('management_office');
      expect(top.body.actions.escalate).toBe(false);
      const refused = await call(chen, 'POST', `/api/tickets/${id}/escalate`, {});
      expect(refused.status).toBe(409);
      expect(refused.body.error.message).toBe('工单已在最高一级（管理办公室），不能再升级');
    });

    it('renegotiates an at-risk promise: a new agreed time linked to it, the complaint supervisor told, counted once', async () => {
      const created = (await call(zhou, 'POST', '/api/tickets', complaint)).body;
      const id = created.ticket.id as string;
      const first = created.promises[0];
      expect(first.dueAt).toBe(T0 + 4 * H);
      // Two hours ahead of the due time it is not at risk yet (the reminder lead time is 2 h).
      expect(created.actions.renegotiate).toEqual([]);
      expect((await call(zhou, 'POST', `/api/tickets/${id}/promises/${first.id}/renegotiate`, { dueAt: T0 + 26 * H })).status).toBe(409);

      t.clock.advance(2.5 * H);
      expect((await call(zhou, 'GET', `/api/tickets/${id}`)).body.actions.renegotiate).toEqual([first.id]);
      const r = await call(zhou, 'POST', `/api/tickets/${id}/promises/${first.id}/renegotiate`, { dueAt: T0 + 26 * H, note: '客户同意明天12点前答复' });
      expect(r.status).toBe(200);
      const [old, agreed] = r.body.promises;
      expect(old).toMatchObject({ id: first.id, status: 'renegotiated', replacedById: agreed.id });
      expect(agreed).toMatchObject({ status: 'open', dueAt: T0 + 26 * H, replacesId: first.id, kind: 'reply' });
      expect(r.body.ticket.escalationLevel).toBe('supervisor');
      const entry = r.body.history.find((h: { action: string }) => h.action === 'promise_renegotiated');
      expect(entry.changes.dueAt).toEqual({ from: T0 + 4 * H, to: T0 + 26 * H });
      expect(entry.note).toBe('客户同意明天12点前答复');
      expect(events.find((e) => e.type === 'promise.renegotiated')).toMatchObject({ ticketId: id, replacesId: first.id, reportedTo: 'supervisor' });
      expect(r.body.actions.renegotiate).toEqual([]);
      // The old time passing breaks nothing and lists nothing as overdue.
      t.clock.set(T0 + 5 * H);
      expect((await call(chen, 'GET', '/api/tickets?overdue=true')).body.items).toEqual([]);

      await call(zhou, 'POST', `/api/tickets/${id}/promises/${agreed.id}/keep`, {});
      const m = await call(chen, 'GET', `/api/tickets/measures?from=${T0 - 1}&to=${T0 + 24 * H}`);
      expect(m.body.groups[0]).toMatchObject({ promisesDecided: 1, promisesKept: 1, complaints: 1, complaintsAnsweredInTime: 1 });
    });

    it('renegotiates a broken promise: it stays broken, stops escalating, and the pair counts once as broken; the history has no English machine notes', async () => {
      registerTicketJobs(t.ctx);
      const created = (await call(zhou, 'POST', '/api/tickets', complaint)).body;
      const id = created.ticket.id as string;
      const first = created.promises[0];
      t.clock.set(first.remindAt);
      await t.ctx.jobs.runDue();
      t.clock.set(first.dueAt + 1000);
      await t.ctx.jobs.runDue();
      const broken = (await call(chen, 'GET', `/api/tickets/${id}`)).body;
      expect(broken.promises[0].status).toBe('broken');
      expect(broken.actions.renegotiate).toEqual([first.id]);
      expect((await call(chen, 'GET', '/api/tickets?overdue=true')).body.items).toHaveLength(1);

      const r = await call(chen, 'POST', `/api/tickets/${id}/promises/${first.id}/renegotiate`, { within: '24h', note: '已致歉，约定明天答复' });
      expect(r.body.promises.map((p: { status: string }) => p.status)).toEqual(['broken', 'open']);
      expect((await call(chen, 'GET', '/api/tickets?overdue=true')).body.items).toEqual([]);
      // The next escalation step of the broken promise no longer comes.
      t.clock.advance(3 * 24 * H);
      await t.ctx.jobs.runDue();
      const later = await t.ctx.crm.tickets.get(id, { id: null, username: 'test', role: 'manager', team: null });
      expect(later.ticket.escalationLevel).toBe('supervisor');

      await t.ctx.crm.tickets.keepPromise(id, r.body.promises[1].id, { id: null, username: 'test', role: 'manager', team: null });
      const groups = await t.ctx.crm.measures({ from: T0 - 1, to: T0 + 24 * H, by: 'total' });
      expect(groups[0]).toMatchObject({ promisesDecided: 1, promisesKept: 0, complaints: 1, complaintsAnsweredInTime: 0 });

      const notes = later.history.map((h) => h.note).filter((n): n is string => n !== null);
      expect(notes.filter((n) => english.test(n))).toEqual([]);
      expect(later.history.map((h) => h.action)).toEqual(expect.arrayContaining(['promise_reminded', 'promise_broken', 'escalated', 'promise_renegotiated']));
    });
  });
}
