import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../db/test-databases.js';
import { createTestApp, sessionHeaders, TEST_PASSWORD, type TestApp } from '../test-app.js';
import type { Dialect } from '../../db/database.js';
import type { Role } from '../../../core/users/roles.js';
import { drawRandom } from '../../../core/callbacks/select-targets.js';
import { planStoredCampaign, PLAN_WRITE_BATCH } from '../../../core/callbacks/plan-stored-campaign.js';
import { fireCallbackTimer } from '../../../core/callbacks/callback-timers.js';

const at = (iso: string): number => Date.parse(iso);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** Who works callbacks here: two teams of agents, a supervisor of one team, a manager of the centre. */
const people: { username: string; role: Role; team?: string }[] = [
  { username: 'n1', role: 'agent', team: 'north' },
  { username: 'n2', role: 'agent', team: 'north' },
  { username: 's1', role: 'agent', team: 'south' },
  { username: 'sup-n', role: 'supervisor', team: 'north' },
  { username: 'mgr', role: 'manager' },
];

function harness(dialect: Dialect) {
  let t: TestApp;
  const sessions = new Map<string, Record<string, string>>();
  const h = {
    get t() {
      return t;
    },
    async open() {
      sessions.clear();
      // Monday 13 October 2025, the week after the National Day holiday.
      t = await createTestApp({ dialect, start: at('2025-10-13T10:00:00+08:00') });
      for (const p of people) await t.ctx.users.createUser({ username: p.username, password: TEST_PASSWORD, role: p.role, team: p.team ?? null });
    },
    async call(username: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object): Promise<{ status: number; body: Json }> {
      const login = async () => {
        const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: TEST_PASSWORD } });
        const headers = sessionHeaders(res);
        sessions.set(username, headers);
        return headers;
      };
      let headers = sessions.get(username) ?? (await login());
      let res = await t.app.inject({ method, url, headers, ...(payload !== undefined && { payload }) });
      if (res.statusCode === 401) {
        // The test clock moved past the session's life: sign in again, as a person would.
        headers = await login();
        res = await t.app.inject({ method, url, headers, ...(payload !== undefined && { payload }) });
      }
      return { status: res.statusCode, body: res.headers['content-type']?.toString().includes('json') ? res.json() : null };
    },
    async customer(name: string, phone: string, extra: object = {}): Promise<string> {
      const r = await h.call('mgr', 'POST', '/api/customers', { name, phones: [{ number: phone, kind: 'mobile' }], ...extra });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body.id ?? r.body.customer?.id;
    },
    /** A campaign of cold customers for a team, created and planned by the manager. */
    async plannedCampaign(ownerTeam: string, selection: object = { kind: 'cold' }): Promise<{ id: string; tasks: Json[] }> {
      const created = await h.call('mgr', 'POST', '/api/callbacks/campaigns', { name: `${ownerTeam} 情感回访`, type: 'relationship', selection, period: { from: '2025-10-14', to: '2025-10-31' }, ownerTeam });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const id = created.body.campaign.id as string;
      const plan = await h.call('mgr', 'POST', `/api/callbacks/campaigns/${id}/plan`, {});
      expect(plan.status, JSON.stringify(plan.body)).toBe(200);
      return { id, tasks: (await h.call('mgr', 'GET', `/api/callbacks?campaign=${id}&limit=200`)).body.items };
    },
  };
  return h;
}

describe('callbacks over HTTP: teams, linked calls, customer zones, large selections', () => {
  describeEachDatabase('task scoping by team', (_db, dialect) => {
    const h = harness(dialect);
    beforeEach(() => h.open());
    afterEach(() => h.t.close());

    it('an agent sees and works only their team’s tasks and those assigned to them; a supervisor their team’s; a manager all', async () => {
      for (const [i, name] of ['赵先生', '钱女士', '孙先生'].entries()) await h.customer(name, `1371234567${i}`);
      const north = await h.plannedCampaign('north');
      const south = await h.plannedCampaign('south');
      expect(north.tasks).toHaveLength(3);
      expect(south.tasks).toHaveLength(3);
      expect(new Set(north.tasks.map((t) => t.team))).toEqual(new Set(['north']));

      // Agents: their team's tasks only.
      const n1 = (await h.call('n1', 'GET', '/api/callbacks?limit=200')).body.items as Json[];
      expect(n1.map((t) => t.id).sort()).toEqual(north.tasks.map((t) => t.id).sort());
      const s1 = (await h.call('s1', 'GET', '/api/callbacks?limit=200')).body.items as Json[];
      expect(s1.map((t) => t.id).sort()).toEqual(south.tasks.map((t) => t.id).sort());
      const southTask = south.tasks[0];
      expect((await h.call('n1', 'GET', `/api/callbacks/${southTask.id}`)).status).toBe(403);
      expect((await h.call('n1', 'POST', `/api/callbacks/${southTask.id}/attempts`, { outcome: 'busy' })).status).toBe(403);
      // A colleague's task in the same team is seen but not worked.
      const n2Task = north.tasks.find((t) => t.agent === 'n2');
      expect((await h.call('n1', 'GET', `/api/callbacks/${n2Task.id}`)).status).toBe(200);
      expect((await h.call('n1', 'POST', `/api/callbacks/${n2Task.id}/attempts`, { outcome: 'busy' })).status).toBe(403);
      // The agent's campaign list holds their team's campaign only.
      expect(((await h.call('n1', 'GET', '/api/callbacks/campaigns')).body.items as Json[]).map((c) => c.id)).toEqual([north.id]);

      // The supervisor of north: north's tasks, summary and campaigns; not south's; campaigns for north only.
      const sup = (await h.call('sup-n', 'GET', '/api/callbacks?limit=200')).body.items as Json[];
      expect(sup.map((t) => t.id).sort()).toEqual(north.tasks.map((t) => t.id).sort());
      expect((await h.call('sup-n', 'GET', '/api/callbacks/summary')).body.tasks).toBe(3);
      expect((await h.call('sup-n', 'GET', `/api/callbacks/campaigns/${south.id}`)).status).toBe(403);
      expect((await h.call('sup-n', 'PATCH', `/api/callbacks/${southTask.id}`, { agent: 'n1' })).status).toBe(403);
      const other = await h.call('sup-n', 'POST', '/api/callbacks/campaigns', { name: '越权', type: 'relationship', selection: { kind: 'cold' }, period: { from: '2025-10-14', to: '2025-10-31' }, ownerTeam: 'south' });
      expect(other.status).toBe(403);
      expect(other.body.error.fields[0].path).toBe('ownerTeam');

      // The manager sees every task, and may give a south task to n1: then n1 sees and works it.
      expect(((await h.call('mgr', 'GET', '/api/callbacks?limit=200')).body.items as Json[]).length).toBe(6);
      expect((await h.call('mgr', 'PATCH', `/api/callbacks/${southTask.id}`, { agent: 'n1' })).status).toBe(200);
      expect(((await h.call('n1', 'GET', '/api/callbacks?limit=200')).body.items as Json[]).map((t) => t.id)).toContain(southTask.id);
      h.t.clock.set(Math.max(southTask.plannedAt, h.t.clock.now()));
      expect((await h.call('n1', 'POST', `/api/callbacks/${southTask.id}/attempts`, { outcome: 'busy' })).status).toBe(201);
      expect((await h.call('s1', 'POST', `/api/callbacks/${southTask.id}/attempts`, { outcome: 'busy' })).status).toBe(403);
    });
  });

  describeEachDatabase('the outbound call linked to its task', (_db, dialect) => {
    const h = harness(dialect);
    beforeEach(() => h.open());
    afterEach(() => h.t.close());

    it('a CTI call to the task’s number or naming the task is linked; its outcome and duration feed the attempt; its transcript is judged with CB-* and shows on the task', async () => {
      await h.customer('赵先生', '13712345678');
      const { tasks } = await h.plannedCampaign('north');
      const task = tasks[0];
      const agent = task.agent as string;
      h.t.clock.set(task.plannedAt);
      const t0 = task.plannedAt as number;

      // Dialled from the task (the PBX reports the number dialled), never answered.
      const missed = await h.call('sup-n', 'POST', '/api/cti/events', {
        events: [
          { type: 'offered', callId: 'out-1', at: t0, agent, caller: '13712345678', direction: 'outbound' },
          { type: 'ended', callId: 'out-1', at: t0 + 30_000, by: 'system' },
        ],
      });
      expect(missed.status, JSON.stringify(missed.body)).toBe(202);
      h.t.clock.set(t0 + 60_000);
      // "Reached" on a call nobody answered is refused, naming the outcome; without an outcome the call gives it.
      const madeUp = await h.call(agent, 'POST', `/api/callbacks/${task.id}/attempts`, { outcome: 'reached', report: { customerName: '赵先生', contact: '本人', at: t0, type: 'relationship', content: '问候', opinions: '无', satisfaction: 5, solved: true, followUpNeeded: false, agent } });
      expect(madeUp.status).toBe(400);
      expect(madeUp.body.error.fields[0].path).toBe('outcome');
      const noAnswer = await h.call(agent, 'POST', `/api/callbacks/${task.id}/attempts`, {});
      expect(noAnswer.status, JSON.stringify(noAnswer.body)).toBe(201);
      expect(noAnswer.body.task.attempts[0]).toMatchObject({ outcome: 'no_answer', call: { answered: false, talkSeconds: null, endedBy: 'system' } });
      const retryAt = noAnswer.body.task.plannedAt as number;

      // The next try names our reference (the task id): answered, 200 s of talk, the customer hangs up.
      h.t.clock.set(retryAt);
      const t1 = retryAt;
      const answered = await h.call('sup-n', 'POST', '/api/cti/events', {
        events: [
          { type: 'offered', callId: 'out-2', at: t1, agent, direction: 'outbound', reference: task.id },
          { type: 'answered', callId: 'out-2', at: t1 + 5_000, agent },
          { type: 'ended', callId: 'out-2', at: t1 + 205_000, by: 'customer' },
        ],
      });
      expect(answered.status).toBe(202);
      const callId = answered.body.calls[0].id as string;
      const transcript = await h.call('mgr', 'POST', `/api/calls/${callId}/transcript`, {
        utterances: [
          { speaker: 'agent', text: '您好，请问是赵先生吗？我是客服中心的小周，好久没和您联系了，想问问您最近使用我们的产品和服务感觉怎么样，您现在方便听电话吗？' },
          { speaker: 'customer', text: '方便，你说吧。' },
          { speaker: 'agent', text: '好的，谢谢您，祝您生活愉快，再见！' },
        ],
      });
      expect(transcript.status, JSON.stringify(transcript.body)).toBe(200);
      expect(transcript.body.call.transcript).toMatchObject({ channel: 'callback', direction: 'outbound' });

      const detail = (await h.call(agent, 'GET', `/api/callbacks/${task.id}`)).body;
      expect(detail.calls.map((c: Json) => [c.externalId, c.linkedBy, c.answered])).toEqual([
        ['out-1', 'number', false],
        ['out-2', 'reference', true],
      ]);
      const judged = detail.calls[1];
      expect(judged.talkSeconds).toBe(200);
      expect(judged.checks.map((c: Json) => c.rule).sort()).toEqual(['CB-3MIN', 'CB-HANGUP', 'CB-LONG', 'CB-NOARGUE', 'CB-OPEN']);
      // Past 3 minutes without saying how long: CB-3MIN fails on this call.
      expect(judged.checks.find((c: Json) => c.rule === 'CB-3MIN').ok).toBe(false);
      expect(judged.checks.find((c: Json) => c.rule === 'CB-OPEN').ok).toBe(true);

      h.t.clock.set(t1 + 300_000);
      const reached = await h.call(agent, 'POST', `/api/callbacks/${task.id}/attempts`, { outcome: 'reached', report: { customerName: '赵先生', contact: '本人', at: t1, type: 'relationship', content: '问候近况', opinions: '无', satisfaction: 5, solved: true, followUpNeeded: false, agent } });
      expect(reached.status, JSON.stringify(reached.body)).toBe(201);
      expect(reached.body.task.attempts[1]).toMatchObject({ outcome: 'reached', call: { id: callId, answered: true, talkSeconds: 200, endedBy: 'customer' } });
      // An inbound call from the same number is not a callback.
      const inbound = await h.call('sup-n', 'POST', '/api/cti/events', { type: 'offered', callId: 'in-1', at: t1 + 400_000, caller: '13712345678' });
      expect(inbound.status).toBe(202);
      expect((await h.call(agent, 'GET', `/api/callbacks/${task.id}`)).body.calls).toHaveLength(2);
    });
  });

  describeEachDatabase('customer time zones and calling hours', (_db, dialect) => {
    const h = harness(dialect);
    beforeEach(() => h.open());
    afterEach(() => h.t.close());

    it('a customer in another zone is planned, offered and shown callable in their own local hours; an unknown zone is a 400 naming it', async () => {
      const bad = await h.call('mgr', 'POST', '/api/customers', { name: '错时区', phones: [{ number: '13712340000', kind: 'mobile' }], contactPreferences: { timeZone: 'Mars/Olympus' } });
      expect(bad.status).toBe(400);
      expect(bad.body.error.fields[0].path).toBe('contactPreferences.timeZone');
      // Urumqi keeps its own clock two hours behind Beijing: 08:00 there is 10:00 at the centre.
      const far = await h.customer('艾先生', '13712340001', { contactPreferences: { timeZone: 'Asia/Urumqi' } });
      await h.customer('钱女士', '13712340002');
      expect((await h.call('mgr', 'GET', `/api/customers/${far}`)).body.contactPreferences.timeZone).toBe('Asia/Urumqi');
      const { tasks } = await h.plannedCampaign('north');
      const farTask = tasks.find((t) => t.target.customerId === far);
      const nearTask = tasks.find((t) => t.target.customerId !== far);
      expect(farTask.target.timeZone).toBe('Asia/Urumqi');
      expect(nearTask.plannedAt).toBe(at('2025-10-14T08:00:00+08:00'));
      expect(farTask.plannedAt).toBe(at('2025-10-14T08:00:00+06:00'));

      // 09:00 at the centre is 07:00 in Urumqi: the button is off with the reason and the next window.
      h.t.clock.set(at('2025-10-14T09:00:00+08:00'));
      const view = (await h.call(farTask.agent, 'GET', `/api/callbacks/${farTask.id}`)).body.task.callableNow;
      expect(view).toMatchObject({ callable: false, rule: 'before-hours', next: at('2025-10-14T08:00:00+06:00') });

      // A due timer that fires outside the customer's hours does not offer the task; it comes back when they begin.
      const published: Json[] = [];
      const timers = { clock: h.t.clock, unitOfWork: h.t.ctx.callbacks.ctx.unitOfWork, events: { publish: async (e: Json) => void published.push(e) }, rules: h.t.ctx.callbacks.rules };
      await fireCallbackTimer(timers, 'due', farTask.id);
      expect(published).toEqual([]);
      h.t.clock.set(at('2025-10-14T08:00:00+06:00'));
      await fireCallbackTimer(timers, 'due', farTask.id);
      expect(published.map((e) => e.type)).toEqual(['callback.due']);
    });
  });

  describeEachDatabase('a large selection: streamed preview, resumable and idempotent plan', (_db, dialect) => {
    const h = harness(dialect);
    beforeEach(() => h.open());
    afterEach(() => h.t.close());

    it('previews a random draw over more customers than a batch exactly as the rule draws it; a plan cut off after its first batch resumes, and a third plan adds nothing', async () => {
      for (const u of ['n3', 'n4', 'n5', 'n6']) await h.t.ctx.users.createUser({ username: u, password: TEST_PASSWORD, role: 'agent', team: 'north' });
      const total = PLAN_WRITE_BATCH + 500;
      // Customers as an import leaves them, written in bulk (the selection reads these columns only).
      const now = h.t.clock.now();
      for (let i = 0; i < total; i += 500) {
        const rows = [];
        for (let j = i; j < Math.min(total, i + 500); j++) {
          const prefs = { preferredPhone: null, doNotCall: [], consentToCallbacks: true, consentToMarketing: false, timeZone: null };
          rows.push({ id: `cu_${String(j).padStart(6, '0')}`, code: `C${String(j).padStart(5, '0')}`, name: `客户${j}`, company: null, email: null, category: j % 3 === 0 ? 'vip' : 'normal', vip: 0, stage: 'new', tags: '[]', phones: JSON.stringify([{ number: `137${10_000_000 + j}`, kind: 'mobile' }]), contact_preferences: JSON.stringify(prefs), note: null, search_tokens: '', search_seq: null, created_at: now, updated_at: now });
        }
        await h.t.ctx.database.db.insertInto('customers').values(rows).execute();
      }
      const rule = { kind: 'random', by: 'code', size: PLAN_WRITE_BATCH + 100, seed: 7 } as const;
      const body = { name: '随机抽样回访', type: 'relationship', selection: rule, period: { from: '2025-10-14', to: '2025-10-31' }, ownerTeam: 'north' };
      const preview = await h.call('mgr', 'POST', '/api/callbacks/campaigns/preview', body);
      expect(preview.status, JSON.stringify(preview.body)).toBe(200);
      expect(preview.body.count).toBe(rule.size);
      const customers = await h.t.ctx.database.db.selectFrom('customers').select(['id', 'code', 'category']).execute();
      const drawn = drawRandom(customers.map((c) => ({ customerId: c.id, code: c.code, category: c.category })), rule);
      expect(preview.body.sample.map((s: Json) => s.customerId)).toEqual(drawn.slice(0, 10).map((d) => d.customerId));

      const id = (await h.call('mgr', 'POST', '/api/callbacks/campaigns', body)).body.campaign.id as string;
      // The power goes off while the second batch is written: the first batch is kept.
      const base = h.t.ctx.callbacks.ctx;
      let writes = 0;
      const interrupted = { ...base, unitOfWork: <T>(fn: Parameters<typeof base.unitOfWork<T>>[0]) => (++writes === 2 ? Promise.reject(new Error('power cut')) : base.unitOfWork(fn)) };
      await expect(planStoredCampaign(interrupted, id, { dryRun: false })).rejects.toThrow('power cut');
      const count = async () => Number((await h.t.ctx.database.db.selectFrom('callback_tasks').select((eb) => eb.fn.countAll().as('n')).where('campaign_id', '=', id).executeTakeFirstOrThrow()).n);
      expect(await count()).toBe(PLAN_WRITE_BATCH);

      const resumed = await h.call('mgr', 'POST', `/api/callbacks/campaigns/${id}/plan`, {});
      expect(resumed.body.summary).toMatchObject({ planned: rule.size - PLAN_WRITE_BATCH, alreadyPlanned: PLAN_WRITE_BATCH });
      expect(await count()).toBe(rule.size);
      const again = await h.call('mgr', 'POST', `/api/callbacks/campaigns/${id}/plan`, {});
      expect(again.body.summary).toMatchObject({ planned: 0, alreadyPlanned: rule.size });
      expect(await count()).toBe(rule.size);
    }, 180_000);
  });
});
