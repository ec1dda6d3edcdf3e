import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dialect } from '../../db/database.js';
import { roles, type Role } from '../../../core/users/roles.js';
import { registeredRoutes } from '../access.js';
import { createTestApp, sessionHeaders, TEST_PASSWORD, type TestApp } from '../test-app.js';

/*
 * Issue #12: a route walk with valid bodies as all five roles. Every registered route gets a
 * request a user of that role could really send (real ids, valid bodies), and the answer must be
 * what the route's declared access says: 403 for a role it excludes; otherwise success (2xx, or the
 * docs' redirect), or 404 /
 * 409 where the state makes the action impossible (a ticket resolved by the previous walker).
 * Never a 5xx, never a 400 (the bodies are valid), never 401 (the session is good).
 *
 * Issue #21: the same walk greps every answer for an unmasked mobile number. No route shows one
 * to any role unless asked with ?reveal=pii (which the walk does not do).
 */

const dialects: Dialect[] = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
const T0 = Date.parse('2026-03-02T09:15:00+08:00');
const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/;
const STRONG_PASSWORD = 'Walk-9-Correct-Horse-Staple';

/** What the walk sends: the URL with real ids, and a valid body. */
interface Request {
  url: string;
  payload?: object;
}

/** Ids of things each walker works on (each role gets its own ticket, so its actions succeed). */
interface Fixture {
  role: Role;
  username: string;
  customerId: string;
  ticketId: string;
  promiseId: string;
  callId: string;
  userId: string;
  /** One of the spare user's API tokens, for this walker to revoke (admins may; others get 404). */
  tokenId: string;
  standardSource: string;
  ticketSettings: object;
  /** The walker's own walk-in visit (issue #16), registered with a mobile number. */
  visitId: string;
  /** A review of the walker's call (its caller is a mobile number), and a callback task to the customer's mobile. */
  reviewId: string;
  callbackId: string;
}

const transcript = {
  utterances: [
    { speaker: 'agent', text: '您好，很高兴为您服务，我是工号1024，请问有什么可以帮您？' },
    { speaker: 'customer', text: '我家宽带从昨天开始断网，光猫红灯一直闪。' },
    { speaker: 'agent', text: '好的，我帮您登记报修，师傅会在24小时内联系您。感谢您的来电，祝您生活愉快，再见！' },
  ],
};

/** A valid request for every route the product ships; the key is `METHOD url` as registered. */
const valid: Record<string, (f: Fixture) => Request> = {
  'GET /api/docs': () => ({ url: '/api/docs' }),
  'GET /api/docs/static/index.html': () => ({ url: '/api/docs/static/index.html' }),
  'GET /api/docs/static/swagger-initializer.js': () => ({ url: '/api/docs/static/swagger-initializer.js' }),
  'GET /api/docs/json': () => ({ url: '/api/docs/json' }),
  'GET /api/docs/yaml': () => ({ url: '/api/docs/yaml' }),
  'GET /api/docs/static/*': () => ({ url: '/api/docs/static/index.css' }),
  'GET /api/openapi.json': () => ({ url: '/api/openapi.json' }),
  'GET /api/health': () => ({ url: '/api/health' }),
  'POST /api/auth/login': (f) => ({ url: '/api/auth/login', payload: { username: f.username, password: TEST_PASSWORD } }),
  'POST /api/auth/logout': () => ({ url: '/api/auth/logout' }),
  'GET /api/auth/me': () => ({ url: '/api/auth/me' }),
  'GET /api/users': () => ({ url: '/api/users' }),
  'POST /api/users': (f) => ({ url: '/api/users', payload: { username: `walk-new-${f.role}`, password: STRONG_PASSWORD, role: 'agent', displayName: '新同事' } }),
  'PATCH /api/users/:id': (f) => ({ url: `/api/users/${f.userId}`, payload: { displayName: `改名-${f.role}` } }),
  'POST /api/users/:id/tokens': (f) => ({ url: `/api/users/${f.userId}/tokens`, payload: { name: `walk-${f.role}` } }),
  'GET /api/users/:id/tokens': (f) => ({ url: `/api/users/${f.userId}/tokens` }),
  'DELETE /api/users/:id/tokens/:tokenId': (f) => ({ url: `/api/users/${f.userId}/tokens/${f.tokenId}` }),
  'PUT /api/users/:id/password': (f) => ({ url: `/api/users/${f.userId}/password`, payload: { password: `${STRONG_PASSWORD}-${f.role}`, revokeTokens: false } }),
  'GET /api/audit': () => ({ url: '/api/audit' }),
  'GET /api/standard': () => ({ url: '/api/standard' }),
  'GET /api/standard/scripts': () => ({ url: '/api/standard/scripts' }),
  'PUT /api/standard': (f) => ({ url: '/api/standard', payload: { source: f.standardSource, comment: `walk ${f.role}` } }),
  'GET /api/standard/versions': () => ({ url: '/api/standard/versions' }),
  'GET /api/standard/versions/:version': () => ({ url: '/api/standard/versions/1' }),
  'POST /api/qa/inspect': () => ({ url: '/api/qa/inspect', payload: transcript }),
  'GET /api/customers': () => ({ url: '/api/customers?q=13812341234' }),
  'POST /api/customers': (f) => ({ url: '/api/customers', payload: { name: `客户-${f.role}`, phones: [{ number: `1370000000${roles.indexOf(f.role)}` }], email: 'walk@example.com' } }),
  'GET /api/customers/:id': (f) => ({ url: `/api/customers/${f.customerId}` }),
  'PATCH /api/customers/:id': (f) => ({ url: `/api/customers/${f.customerId}`, payload: {} }),
  'GET /api/customers/:id/overview': (f) => ({ url: `/api/customers/${f.customerId}/overview` }),
  'GET /api/tickets': () => ({ url: '/api/tickets?status=open,in_progress&limit=20' }),
  'POST /api/tickets': (f) => ({ url: '/api/tickets', payload: { type: 'inquiry', customerName: '周女士', contactPhone: '13900001111', description: `${f.role} 登记：查询宽带套餐资费和合约期` } }),
  'GET /api/tickets/measures': () => ({ url: '/api/tickets/measures?from=2026-03-01T00:00:00%2B08:00&to=2026-03-03T00:00:00%2B08:00' }),
  'GET /api/tickets/:id': (f) => ({ url: `/api/tickets/${f.ticketId}` }),
  'PATCH /api/tickets/:id': (f) => ({ url: `/api/tickets/${f.ticketId}`, payload: { priority: 'high', status: 'in_progress' } }),
  'POST /api/tickets/:id/escalate': (f) => ({ url: `/api/tickets/${f.ticketId}/escalate`, payload: { reason: '客户要求主管回电' } }),
  'POST /api/tickets/:id/promises': (f) => ({ url: `/api/tickets/${f.ticketId}/promises`, payload: { within: '4h', note: '下午回电' } }),
  'POST /api/tickets/:id/promises/:promiseId/keep': (f) => ({ url: `/api/tickets/${f.ticketId}/promises/${f.promiseId}/keep` }),
  'POST /api/tickets/:id/resolve': (f) => ({ url: `/api/tickets/${f.ticketId}/resolve`, payload: { solution: '已退还多扣费用' } }),
  'POST /api/tickets/:id/close': (f) => ({ url: `/api/tickets/${f.ticketId}/close`, payload: { note: '客户确认' } }),
  'POST /api/tickets/:id/reopen': (f) => ({ url: `/api/tickets/${f.ticketId}/reopen`, payload: { reason: '回访未解决' } }),
  'GET /api/ticket-settings': () => ({ url: '/api/ticket-settings' }),
  'PUT /api/ticket-settings': (f) => ({ url: '/api/ticket-settings', payload: f.ticketSettings }),
  'GET /api/calendars': () => ({ url: '/api/calendars' }),
  'GET /api/calendars/status': () => ({ url: '/api/calendars/status' }),
  'POST /api/calendars/deadline': () => ({ url: '/api/calendars/deadline', payload: { calendarId: 'office', start: '2026-03-02T10:00:00+08:00', duration: '2wd' } }),
  'GET /api/calendars/:id': () => ({ url: '/api/calendars/office' }),
  'PUT /api/calendars/:id': () => ({
    url: '/api/calendars/office',
    payload: { spec: { weeklyHours: Object.fromEntries(['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].map((d) => [d, [{ start: '08:30', end: '17:30' }]])) } },
  }),
  'GET /api/calendars/:id/days': () => ({ url: '/api/calendars/office/days?year=2026' }),
  'POST /api/cti/events': (f) => ({ url: '/api/cti/events', payload: { type: 'offered', callId: `walk-${f.role}`, at: T0 + 1000, queue: 'hotline', caller: '13600001111' } }),
  'GET /api/calls': () => ({ url: '/api/calls?limit=20' }),
  'GET /api/calls/:id': (f) => ({ url: `/api/calls/${f.callId}` }),
  'POST /api/calls/:id/transcript': (f) => ({ url: `/api/calls/${f.callId}/transcript`, payload: transcript }),
  'GET /api/kpi': () => ({ url: '/api/kpi?from=2026-03-02T00:00:00%2B08:00&to=2026-03-03T00:00:00%2B08:00&by=agent' }),
  'GET /api/events/stream': () => ({ url: '/api/events/stream' }),
  'GET /api/callbacks/campaigns': () => ({ url: '/api/callbacks/campaigns' }),
  'POST /api/callbacks/campaigns/preview': (f) => ({ url: '/api/callbacks/campaigns/preview', payload: { name: `回访-${f.role}`, type: 'relationship', selection: { kind: 'random', by: 'code', size: 1, seed: 1 }, period: { from: '2026-03-09', to: '2026-03-13' }, ownerTeam: 'walk' } }),
  'POST /api/callbacks/campaigns': (f) => ({ url: '/api/callbacks/campaigns', payload: { name: `回访-${f.role}`, type: 'relationship', selection: { kind: 'random', by: 'code', size: 1, seed: 1 }, period: { from: '2026-03-09', to: '2026-03-13' }, ownerTeam: 'walk' } }),
  'GET /api/callbacks': () => ({ url: '/api/callbacks?status=pending,retry' }),
  'GET /api/callbacks/summary': () => ({ url: '/api/callbacks/summary' }),
  'GET /api/callbacks/export': () => ({ url: '/api/callbacks/export?list=targets&format=csv' }),
  'GET /api/knowledge': () => ({ url: `/api/knowledge?q=${encodeURIComponent('退款')}` }),
  'GET /api/knowledge/categories': () => ({ url: '/api/knowledge/categories' }),
  'POST /api/knowledge': (f) => ({ url: '/api/knowledge', payload: { title: `退款流程-${f.role}`, answer: '审核通过后3至5个工作日原路退回。' } }),
  'POST /api/knowledge/suggest': () => ({ url: '/api/knowledge/suggest', payload: { text: '我想问一下退款要多久' } }),
  'GET /api/knowledge/:id': () => ({ url: '/api/knowledge/kb_walk_missing' }),
  'PATCH /api/knowledge/:id': () => ({ url: '/api/knowledge/kb_walk_missing', payload: { version: 1, title: '改' } }),
  'GET /api/knowledge/:id/versions': () => ({ url: '/api/knowledge/kb_walk_missing/versions' }),
  'GET /api/knowledge/:id/diff': () => ({ url: '/api/knowledge/kb_walk_missing/diff?from=1&to=2' }),
  'POST /api/knowledge/:id/restore': () => ({ url: '/api/knowledge/kb_walk_missing/restore', payload: { version: 1, baseVersion: 2 } }),
  'GET /api/bulletins': () => ({ url: '/api/bulletins?inForce=true' }),
  'POST /api/bulletins': (f) => ({ url: '/api/bulletins', payload: { title: `资费调整-${f.role}`, body: '流量包月费调整为25元。', effectiveDate: '2026-03-02' } }),
  'GET /api/bulletins/pending': () => ({ url: '/api/bulletins/pending' }),
  'GET /api/bulletins/:id': () => ({ url: '/api/bulletins/bl_walk_missing' }),
  'PATCH /api/bulletins/:id': () => ({ url: '/api/bulletins/bl_walk_missing', payload: { title: '改' } }),
  'POST /api/bulletins/:id/ack': () => ({ url: '/api/bulletins/bl_walk_missing/ack' }),
  'GET /api/bulletins/:id/report': () => ({ url: '/api/bulletins/bl_walk_missing/report' }),
  'GET /api/agents/me': () => ({ url: '/api/agents/me' }),
  'POST /api/agents/me/ready': () => ({ url: '/api/agents/me/ready' }),
  'POST /api/agents/me/not-ready': () => ({ url: '/api/agents/me/not-ready' }),
  'GET /api/agents/board': () => ({ url: '/api/agents/board' }),
  'GET /api/kpi/people': () => ({ url: '/api/kpi/people?from=2026-03-02T00:00:00%2B08:00&to=2026-03-09T00:00:00%2B08:00' }),
  'POST /api/visits': (f) => ({ url: '/api/visits', payload: { visitor: { surname: '陈女士', phone: '13612345678' }, purpose: `${f.role} 咨询物业费` } }),
  'GET /api/visits': () => ({ url: '/api/visits?status=waiting,serving,finished' }),
  'GET /api/visits/display': () => ({ url: '/api/visits/display' }),
  'GET /api/visits/desks': () => ({ url: '/api/visits/desks' }),
  'POST /api/visits/desks/me': () => ({ url: '/api/visits/desks/me', payload: { onShift: true, state: 'free' } }),
  'GET /api/visits/figures': () => ({ url: '/api/visits/figures' }),
  'GET /api/visits/messages': () => ({ url: '/api/visits/messages' }),
  'POST /api/visits/messages/:id/pass-on': () => ({ url: '/api/visits/messages/msg_none/pass-on' }),
  'POST /api/visits/cards': (f) => ({ url: '/api/visits/cards', payload: { staff: f.username, visitId: f.visitId, scores: { 'VS-GREET': 2 } } }),
  'GET /api/visits/scorecards': () => ({ url: '/api/visits/scorecards' }),
  'GET /api/visits/:id': (f) => ({ url: `/api/visits/${f.visitId}` }),
  'POST /api/visits/:id/call': (f) => ({ url: `/api/visits/${f.visitId}/call` }),
  'POST /api/visits/:id/handoff': (f) => ({ url: `/api/visits/${f.visitId}/handoff`, payload: { to: 'walk-spare', heldCall: { number: '13900001111', consent: true } } }),
  'POST /api/visits/:id/held-call': (f) => ({ url: `/api/visits/${f.visitId}/held-call`, payload: { outcome: 'lost' } }),
  'POST /api/visits/:id/message': (f) => ({ url: `/api/visits/${f.visitId}/message`, payload: { for: 'walk-spare', contact: '13700003333', content: '请回电 13700003333' } }),
  'POST /api/visits/:id/escalate': (f) => ({ url: `/api/visits/${f.visitId}/escalate`, payload: { reason: '客户坚持要见主管' } }),
  'POST /api/visits/:id/finish': (f) => ({ url: `/api/visits/${f.visitId}/finish`, payload: {} }),
  // Reads that hand out a customer's number (issue #21): walked with real ids, so the grep below sees their answers.
  'GET /api/callbacks/:id': (f) => ({ url: `/api/callbacks/${f.callbackId}` }),
  'GET /api/reviews': () => ({ url: '/api/reviews' }),
  'GET /api/reviews/:id': (f) => ({ url: `/api/reviews/${f.reviewId}` }),
  'POST /api/reviews': (f) => ({ url: '/api/reviews', payload: { callId: f.callId } }),
  'GET /api/reviews/coverage': () => ({ url: '/api/reviews/coverage?month=2026-03' }),
  'GET /api/reviews/agreement': () => ({ url: '/api/reviews/agreement' }),
  'GET /api/reviews/scorecards': () => ({ url: '/api/reviews/scorecards?month=2026-03' }),
  'GET /api/reviews/settings': () => ({ url: '/api/reviews/settings' }),
  'GET /api/reviews/drills/scenarios': () => ({ url: '/api/reviews/drills/scenarios' }),
  'GET /api/reviews/drills': () => ({ url: '/api/reviews/drills' }),
  'GET /api/tickets/assignees': () => ({ url: '/api/tickets/assignees' }),
  'GET /api/tickets/:id/articles': (f) => ({ url: `/api/tickets/${f.ticketId}/articles` }),
  'GET /api/agents/shift-starts': () => ({ url: '/api/agents/shift-starts' }),
  'GET /api/retention': () => ({ url: '/api/retention' }),
  'GET /api/ready': () => ({ url: '/api/ready' }),
  'GET /api/names': () => ({ url: '/api/names' }),
  'POST /api/visits/:id/complaint': (f) => ({ url: `/api/visits/${f.visitId}/complaint`, payload: { complaintClass: 'billing', complaintGrade: 'general', description: '物业费多收了50元，要求退还' } }),
};

/** The walk's order: a ticket is worked on before it is resolved, resolved before it is closed. */
const lastSteps = ['/api/tickets/:id/resolve', '/api/tickets/:id/close', '/api/tickets/:id/reopen', '/api/auth/logout'];
const order = (url: string) => lastSteps.indexOf(url);

for (const dialect of dialects) {
  describe(`every route with a valid request as each of the five roles [${dialect}]`, () => {
    let t: TestApp;
    const fixtures = new Map<Role, Fixture>();

    beforeAll(async () => {
      t = await createTestApp({ dialect, start: T0 });
      const admin = await t.as('admin', { username: 'walk-admin' });
      const post = async (url: string, payload: object, headers = admin) => {
        const res = await t.app.inject({ method: 'POST', url, headers, payload });
        expect(res.statusCode, `${url} ${res.body}`).toBeLessThan(300);
        return res.json() as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
      };
      const customer = await post('/api/customers', { name: '赵先生', phones: [{ number: '13812341234' }], email: 'zhao@example.com' });
      const standard = (await t.app.inject({ url: '/api/standard', headers: admin })).json() as { source: string };
      const ticketSettings = (await t.app.inject({ url: '/api/ticket-settings', headers: admin })).json() as object;
      const spare = await post('/api/users', { username: 'walk-spare', password: STRONG_PASSWORD, role: 'agent' });
      for (const role of roles) await post(`/api/users/${spare.id}/tokens`, { name: `revoke-by-${role}` });
      const spareTokens = (await t.app.inject({ url: `/api/users/${spare.id}/tokens`, headers: admin })).json() as { items: Array<{ id: string; name: string }> };
      // A solved complaint schedules a callback to the customer's mobile (CB-AFTER): every walker reads that task.
      const complaint = await post('/api/tickets', { type: 'complaint', complaintClass: 'billing', complaintGrade: 'general', customerId: customer.id, description: '账单重复扣费50元，要求核实并退还' });
      await post(`/api/tickets/${complaint.ticket.id}/resolve`, { solution: '已退还重复扣费' });
      const tasks = (await t.app.inject({ url: '/api/callbacks?status=pending,retry', headers: admin })).json() as { items: Array<{ id: string }> };
      const callbackId = tasks.items[0]?.id;
      expect(callbackId, 'the solved complaint scheduled a callback').toBeDefined();
      for (const role of roles) {
        const username = `walk-${role}`;
        const headers = await t.as(role, { username });
        // Each walker's own ticket (created by the walker: team privacy lets its creator work on it) and call.
        const ticket = await post('/api/tickets', { type: 'complaint', complaintClass: 'billing', complaintGrade: 'general', customerId: customer.id, description: `${role}：9月账单多扣了50元流量费，要求核实并退还` }, headers);
        const cti = await post('/api/cti/events', {
          events: [
            { type: 'offered', callId: `call-${role}`, at: T0, queue: 'hotline', caller: '13812341234' },
            { type: 'ringing', callId: `call-${role}`, at: T0 + 2000, agent: username },
            { type: 'answered', callId: `call-${role}`, at: T0 + 6000, agent: username },
            { type: 'ended', callId: `call-${role}`, at: T0 + 120_000, by: 'customer' },
          ],
        });
        const visit = await post('/api/visits', { visitor: { surname: '钱先生', phone: '13812341234' }, purpose: `${role}：咨询装修手续` }, headers);
        await post(`/api/calls/${cti.calls[0].id}/transcript`, transcript);
        const review = await post('/api/reviews', { callId: cti.calls[0].id });
        fixtures.set(role, {
          visitId: visit.id as string,
          reviewId: review.id as string,
          callbackId: callbackId as string,
          role,
          username,
          customerId: customer.id as string,
          ticketId: ticket.ticket.id as string,
          promiseId: ticket.promises[0].id as string,
          callId: cti.calls[0].id as string,
          userId: spare.id as string,
          tokenId: spareTokens.items.find((tk) => tk.name === `revoke-by-${role}`)!.id,
          standardSource: standard.source,
          ticketSettings,
        });
      }
    });
    afterAll(async () => t.close());

    for (const role of roles) {
      it(`${role}: the documented allow or deny, never a 5xx, and no unmasked mobile number`, async () => {
        const f = fixtures.get(role)!;
        const headers = await t.as(role, { username: f.username });
        const routes = registeredRoutes(t.app).sort((a, b) => order(a.url) - order(b.url));
        const unknown: string[] = [];
        for (const r of routes) {
          const key = `${r.method} ${r.url}`;
          const make = valid[key];
          // A route added later without an entry here is still walked, with placeholder input.
          if (!make) unknown.push(key);
          const req = make ? make(f) : { url: r.url.replace(/:(\w+)/g, 'x-placeholder').replace(/\*$/, 'index.html'), payload: {} };
          // Logging out ends the session it is sent with: it gets a session of its own.
          const session = r.url === '/api/auth/logout' ? sessionHeaders(await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: f.username, password: TEST_PASSWORD } })) : headers;
          const res = await t.app.inject({ method: r.method as 'GET', url: req.url, headers: session, ...(r.method !== 'GET' && { payload: req.payload ?? {} }) });
          const what = `${role} ${key} → ${res.statusCode} ${res.body.slice(0, 300)}`;
          const allowed = r.access === 'public' || r.access === 'authenticated' || (Array.isArray(r.access) && r.access.includes(role));
          expect(res.statusCode, what).toBeLessThan(500);
          expect(res.statusCode, what).not.toBe(401);
          if (!allowed) {
            expect(res.statusCode, what).toBe(403);
            continue;
          }
          if (make) expect(res.statusCode < 400 || res.statusCode === 404 || res.statusCode === 409, what).toBe(true);
          else expect(res.statusCode, what).not.toBe(403);
          // Issue #21: no answer carries a full mobile number (the docs are static text, not data).
          if (!r.url.startsWith('/api/docs') && r.url !== '/api/openapi.json') expect(res.body, what).not.toMatch(MOBILE);
        }
        if (unknown.length) console.warn(`route walk: no valid request written yet for ${unknown.join(', ')}`);
      });
    }

    it('the walked actions did what they say (not only answered): each walker resolved and closed its own ticket', async () => {
      const admin = await t.as('admin', { username: 'walk-admin' });
      for (const role of roles) {
        const f = fixtures.get(role)!;
        const d = (await t.app.inject({ url: `/api/tickets/${f.ticketId}`, headers: admin })).json() as { ticket: { status: string; priority: string }; history: Array<{ action: string }> };
        expect(d.ticket.priority, role).toBe('high');
        expect(d.history.map((h) => h.action), role).toEqual(expect.arrayContaining(['escalated', 'resolved', 'closed']));
      }
      // The number-bearing reads were walked with data, not 404s: the agent read the callback task, QA the review of a
      // call (an agent sees a review once it is done), each with the customer's number masked.
      const agent = await t.as('agent', { username: 'walk-agent' });
      const task = await t.app.inject({ url: `/api/callbacks/${fixtures.get('agent')!.callbackId}`, headers: agent });
      expect(task.statusCode, task.body).toBe(200);
      expect(task.body).toContain('138****1234');
      const review = await t.app.inject({ url: `/api/reviews/${fixtures.get('qa')!.reviewId}`, headers: await t.as('qa', { username: 'walk-qa' }) });
      expect(review.statusCode, review.body).toBe(200);
      expect(review.body).toContain('138****1234');
      // Only the admin could revoke the spare user's token; everyone else's attempt left theirs alone.
      const spareId = fixtures.get('admin')!.userId;
      const listed = (await t.app.inject({ url: `/api/users/${spareId}/tokens`, headers: admin })).json() as { items: Array<{ name: string; revokedAt: number | null }> };
      for (const role of roles) expect(listed.items.find((tk) => tk.name === `revoke-by-${role}`)?.revokedAt != null, role).toBe(role === 'admin');
    });
  });
}
