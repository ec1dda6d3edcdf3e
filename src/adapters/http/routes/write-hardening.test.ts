import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Dialect } from '../../db/database.js';
import { TEST_PASSWORD, createTestApp, sessionHeaders, type TestApp } from '../test-app.js';
import { callFromCtiEvents, type CtiEvent } from '../../../core/calls/cti-call.js';

/**
 * Issue #12, the write path: out-of-range instants (1), concurrent state changes (2),
 * check-then-insert races (3) and retried creates (15), each on both databases.
 */
const dialects: Dialect[] = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
const T0 = Date.parse('2026-03-02T09:00:00+08:00');

const inquiry = { type: 'inquiry', customerName: '钱女士', contactPhone: '13912345678', description: '咨询宽带套餐资费与办理流程' };

type Res = { status: number; body: Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any

for (const dialect of dialects) {
  describe(`write hardening [${dialect}]`, () => {
    let t: TestApp;
    beforeEach(async () => {
      t = await createTestApp({ dialect, start: T0 });
      // Signed in once up front: the parallel requests below race on the write, not on the login.
      for (const role of ['agent', 'supervisor', 'admin'] as const) await t.as(role);
    });
    afterEach(async () => t.close());

    const call = async (role: 'agent' | 'supervisor' | 'admin', method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: unknown, headers: Record<string, string> = {}): Promise<Res> => {
      const auth = await t.as(role);
      const res = await t.app.inject({ method, url, headers: { ...auth, ...headers }, ...(payload !== undefined && { payload: payload as object }) });
      return { status: res.statusCode, body: res.json() as Res['body'] };
    };
    const statuses = (rs: Res[]) => rs.map((r) => r.status).sort((a, b) => a - b);
    const parallel = (n: number, f: (i: number) => Promise<Res>) => Promise.all(Array.from({ length: n }, (_, i) => f(i)));

    describe('1. every instant the API takes is a time a calendar can show', () => {
      it('rejects out-of-range CTI times, promise times and call-end times as 400 naming the field', async () => {
        for (const at of [9007199254740990, 1e308, -1, 8.64e15 + 1]) {
          const r = await call('supervisor', 'POST', '/api/cti/events', { type: 'offered', callId: 'c1', at, queue: 'q' });
          expect(r.status, `at=${at}`).toBe(400);
          expect(r.body.error.fields[0].path).toBe('at');
        }
        const late = await call('supervisor', 'POST', '/api/cti/events', { type: 'offered', callId: 'c1', at: '+275760-09-13T00:00:00Z', queue: 'q' });
        expect(late.status).toBe(400);
        for (const v of [9e15, -9e15]) {
          const p = await call('agent', 'POST', '/api/tickets', { ...inquiry, promise: { dueAt: v } });
          expect(p.status, `dueAt=${v}`).toBe(400);
          expect(p.body.error.fields[0].path).toBe('promise.dueAt');
          const c = await call('agent', 'POST', '/api/tickets', { ...inquiry, callEndedAt: v });
          expect(c.status, `callEndedAt=${v}`).toBe(400);
          expect(c.body.error.fields[0].path).toBe('callEndedAt');
        }
        const kpi = await call('admin', 'GET', `/api/kpi?from=${9e15}`);
        expect(kpi.status).toBe(400);
        expect(kpi.body.error.fields[0].path).toBe('query.from');
        const list = await call('admin', 'GET', `/api/tickets?from=99999999999999999`);
        expect(list.status).toBe(400);
        // A number too large for its column is bad input on PostgreSQL too, not a 500.
        const version = await call('admin', 'GET', '/api/standard/versions/3000000000');
        expect([400, 404]).toContain(version.status);
        // A plain valid time still works.
        expect((await call('supervisor', 'POST', '/api/cti/events', { type: 'offered', callId: 'c1', at: T0, queue: 'q' })).status).toBe(202);
      });

      it('the KPI report and the transcript upload survive a call stored with an impossible time', async () => {
        // A row from before the validation (or written by another tool) must not take the report down.
        // Written past the use case, which refuses such a time, straight into the store.
        const badEvents: CtiEvent[] = [
          { type: 'offered', callId: 'bad', at: 9007199254740990, queue: 'hotline' },
          { type: 'ended', callId: 'bad', at: 9007199254740991, by: 'customer' },
        ];
        await t.ctx.callRepository.ctiWrites(async (st) => {
          await st.addEvents(badEvents);
          await st.saveCalls([callFromCtiEvents('bad', badEvents)], T0);
        });
        await call('supervisor', 'POST', '/api/cti/events', { events: [
          { type: 'offered', callId: 'good', at: T0, queue: 'hotline' },
          { type: 'answered', callId: 'good', at: T0 + 5000, agent: 'ana' },
          { type: 'ended', callId: 'good', at: T0 + 60_000, by: 'customer' },
        ] });
        for (const q of ['', '?by=day', '?by=hour', '?by=agent', '?by=queue']) {
          const r = await call('admin', 'GET', `/api/kpi${q}`);
          expect(r.status, `GET /api/kpi${q}: ${JSON.stringify(r.body)}`).toBe(200);
          // The bad call is left out and said so; the good one is counted.
          expect(r.body.skipped.reasons['call time out of range']).toBe(1);
          expect(r.body.groups.reduce((n: number, g: { offered: number }) => n + g.offered, 0)).toBe(1);
        }
        const calls = await call('admin', 'GET', '/api/calls?limit=10');
        const bad = (calls.body.items as Array<{ id: string; externalId: string }>).find((c) => c.externalId === 'bad')!;
        const up = await call('admin', 'POST', `/api/calls/${bad.id}/transcript`, { utterances: [{ speaker: 'agent', text: '您好，请问有什么可以帮您？' }] });
        expect(up.status, JSON.stringify(up.body)).toBe(200);
      });
    });

    describe('2. concurrent state changes are serialised', () => {
      it('5 parallel resolves: one 200, four 409, one history entry', async () => {
        for (let round = 0; round < 3; round++) {
          const created = await call('agent', 'POST', '/api/tickets', inquiry);
          const id = created.body.ticket.id as string;
          const rs = await parallel(5, () => call('agent', 'POST', `/api/tickets/${id}/resolve`, {}));
          expect(statuses(rs)).toEqual([200, 409, 409, 409, 409]);
          const detail = await call('agent', 'GET', `/api/tickets/${id}`);
          expect(detail.body.history.filter((h: { action: string }) => h.action === 'resolved')).toHaveLength(1);
        }
      });

      // A supervisor may climb the whole chain (an agent only the first step, see below), so five
      // parallel escalations by one must stop at the top: two steps, three refusals.
      it('5 parallel escalations climb the chain once per step and the history matches the ticket', async () => {
        for (let round = 0; round < 3; round++) {
          const created = await call('agent', 'POST', '/api/tickets', inquiry);
          const id = created.body.ticket.id as string;
          const rs = await parallel(5, () => call('supervisor', 'POST', `/api/tickets/${id}/escalate`, { reason: '客户要求' }));
          expect(statuses(rs)).toEqual([200, 200, 409, 409, 409]);
          const detail = await call('agent', 'GET', `/api/tickets/${id}`);
          expect(detail.body.ticket.escalationLevel).toBe('management_office');
          const steps = detail.body.history.filter((h: { action: string }) => h.action === 'escalated').map((h: { changes: { escalationLevel: { from: string; to: string } } }) => h.changes.escalationLevel);
          expect(steps).toEqual([
            { from: 'agent', to: 'supervisor' },
            { from: 'supervisor', to: 'management_office' },
          ]);
        }
      });
      it('5 parallel escalations by an agent take the first step once; the rest are refused as past the agent\'s level', async () => {
        const created = await call('agent', 'POST', '/api/tickets', inquiry);
        const id = created.body.ticket.id as string;
        const rs = await parallel(5, () => call('agent', 'POST', `/api/tickets/${id}/escalate`, { reason: '客户要求' }));
        expect(statuses(rs)).toEqual([200, 403, 403, 403, 403]);
        const detail = await call('agent', 'GET', `/api/tickets/${id}`);
        expect(detail.body.ticket.escalationLevel).toBe('supervisor');
        expect(detail.body.history.filter((h: { action: string }) => h.action === 'escalated')).toHaveLength(1);
      });
      it('parallel stage changes of one customer leave a stage history that chains from one to the next', async () => {
        const c = await call('agent', 'POST', '/api/customers', { name: '周女士', stage: 'potential', phones: [{ number: '13500001111' }] });
        const stages = ['new', 'loyal', 'referrer', 'new', 'loyal'];
        const rs = await parallel(stages.length, (i) => call('supervisor', 'PATCH', `/api/customers/${c.body.id}`, { stage: stages[i] }));
        expect(statuses(rs)).toEqual([200, 200, 200, 200, 200]);
        const o = await call('supervisor', 'GET', `/api/customers/${c.body.id}/overview`);
        const history = o.body.stageHistory as Array<{ from: string | null; to: string }>;
        for (let i = 1; i < history.length; i++) expect(history[i]!.from, JSON.stringify(history)).toBe(history[i - 1]!.to);
        expect(o.body.customer.stage).toBe(history[history.length - 1]!.to);
      });
    });

    describe('3. check-then-insert races answer 409, never 500', () => {
      it('5 parallel creates of one username: one 201, four 409', async () => {
        const rs = await parallel(5, () => call('admin', 'POST', '/api/users', { username: 'same-name', password: 'Xy7-long-secret', role: 'agent' }));
        expect(statuses(rs)).toEqual([201, 409, 409, 409, 409]);
        for (const r of rs.filter((x) => x.status === 409)) expect(r.body.error.code).toBe('CONFLICT');
      });

      it('5 parallel customers with one phone, and with one code: one 201, four 409 each', async () => {
        const byPhone = await parallel(5, (i) => call('agent', 'POST', '/api/customers', { name: `客户${i}`, phones: [{ number: '13700001111' }] }));
        expect(statuses(byPhone)).toEqual([201, 409, 409, 409, 409]);
        const byCode = await parallel(5, (i) => call('agent', 'POST', '/api/customers', { name: `客户${i}`, code: 'C-001', phones: [{ number: `1370000200${i}` }] }));
        expect(statuses(byCode)).toEqual([201, 409, 409, 409, 409]);
      });

      it('parallel standard saves: each one 200 or 409, never 500', async () => {
        const current = await call('admin', 'GET', '/api/standard');
        const pack = current.body.pack ?? current.body.content;
        const rs = await parallel(5, (i) => call('admin', 'PUT', '/api/standard', { pack, comment: `edit ${i}` }));
        for (const r of rs) expect([200, 201, 409], JSON.stringify(r.body)).toContain(r.status);
        expect(rs.some((r) => r.status < 300)).toBe(true);
      });
    });

    describe('14. a reminder handler that runs twice writes its history once', () => {
      it('running the reminder again (a worker died after it, or two ran it at once) adds no second entry', async () => {
        const created = await call('agent', 'POST', '/api/tickets', { ...inquiry, promise: { within: '4h' } });
        const id = created.body.ticket.id as string;
        const promiseId = created.body.promises[0].id as string;
        await t.ctx.crm.tickets.remindPromise(promiseId);
        await t.ctx.crm.tickets.remindPromise(promiseId);
        await Promise.all([t.ctx.crm.tickets.remindPromise(promiseId), t.ctx.crm.tickets.remindPromise(promiseId)]);
        const detail = await call('agent', 'GET', `/api/tickets/${id}`);
        expect(detail.body.history.filter((h: { action: string }) => h.action === 'promise_reminded')).toHaveLength(1);
      });
    });

    describe('15. creates with an Idempotency-Key are not repeated', () => {
      it('a retried ticket create returns the first ticket instead of a second one, for 24 hours', async () => {
        const key = { 'idempotency-key': 'retry-0001' };
        const first = await call('agent', 'POST', '/api/tickets', inquiry, key);
        expect(first.status).toBe(201);
        const again = await call('agent', 'POST', '/api/tickets', inquiry, key);
        expect(again.status).toBe(201);
        expect(again.body.ticket.id).toBe(first.body.ticket.id);
        const list = await call('agent', 'GET', '/api/tickets');
        expect(list.body.items).toHaveLength(1);

        // The same key for a different request is a client bug, said as such.
        const other = await call('agent', 'POST', '/api/tickets', { ...inquiry, description: '另一件事：咨询国际漫游资费' }, key);
        expect(other.status).toBe(409);
        expect(other.body.error.fields[0].path).toBe('Idempotency-Key');

        // Kept for 24 hours, then forgotten.
        t.clock.advance(24 * 3600_000 + 1000);
        // The session ran out meanwhile: the same user signs in again.
        const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 't-agent', password: TEST_PASSWORD } });
        const res = await t.app.inject({ method: 'POST', url: '/api/tickets', headers: { ...sessionHeaders(login), ...key }, payload: inquiry });
        const later = { status: res.statusCode, body: res.json() as Res['body'] };
        expect(later.status).toBe(201);
        expect(later.body.ticket.id).not.toBe(first.body.ticket.id);
      });

      it('parallel retries with one key create one ticket; a customer create is idempotent too', async () => {
        const rs = await parallel(5, () => call('agent', 'POST', '/api/tickets', inquiry, { 'idempotency-key': 'burst-1' }));
        const created = rs.filter((r) => r.status === 201);
        expect(created.length).toBeGreaterThanOrEqual(1);
        expect(new Set(created.map((r) => r.body.ticket.id)).size).toBe(1);
        for (const r of rs.filter((x) => x.status !== 201)) expect(r.status).toBe(409);
        expect((await call('agent', 'GET', '/api/tickets')).body.items).toHaveLength(1);

        const c1 = await call('agent', 'POST', '/api/customers', { name: '孙先生', phones: [{ number: '13600001111' }] }, { 'idempotency-key': 'cust-1' });
        const c2 = await call('agent', 'POST', '/api/customers', { name: '孙先生', phones: [{ number: '13600001111' }] }, { 'idempotency-key': 'cust-1' });
        expect(c1.status).toBe(201);
        expect(c2.status).toBe(201);
        expect(c2.body.id).toBe(c1.body.id);
      });

      it('keys are per user, and a failed create can be retried with the same key', async () => {
        const bad = await call('agent', 'POST', '/api/tickets', { ...inquiry, contactPhone: 'not-a-phone' }, { 'idempotency-key': 'k-fail' });
        expect(bad.status).toBe(400);
        const ok = await call('agent', 'POST', '/api/tickets', inquiry, { 'idempotency-key': 'k-fail' });
        expect(ok.status).toBe(201);
        const bySupervisor = await call('supervisor', 'POST', '/api/tickets', inquiry, { 'idempotency-key': 'k-fail' });
        expect(bySupervisor.status).toBe(201);
        expect(bySupervisor.body.ticket.id).not.toBe(ok.body.ticket.id);
        const tooLong = await call('agent', 'POST', '/api/tickets', inquiry, { 'idempotency-key': 'x'.repeat(300) });
        expect(tooLong.status).toBe(400);
      });
    });
  });
}
