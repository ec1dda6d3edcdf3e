import { afterEach, describe, expect, it } from 'vitest';
import type { Dialect } from '../../db/database.js';
import { createTestApp, type TestApp } from '../test-app.js';

/** What the desk and the dashboard read: scripts for agents, KPI-SYS/KPI-VIP with the pack's targets, promises due soon. */
const dialects: Dialect[] = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
const T0 = Date.parse('2025-09-30T16:00:00+08:00');

const complaint = {
  type: 'complaint',
  complaintClass: 'billing',
  complaintGrade: 'general',
  customerName: '赵先生',
  contactPhone: '13812341234',
  description: '9月账单多扣了50元流量费，要求核实并退还',
};

for (const dialect of dialects) {
  describe(`Agent scripts, KPI-SYS/KPI-VIP rates and promises due soon [${dialect}]`, () => {
    let t: TestApp;
    afterEach(async () => t.close());

    const get = async (url: string, headers: Record<string, string>) => {
      const res = await t.app.inject({ url, headers });
      return { status: res.statusCode, body: res.json() as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
    };

    it('gives an agent the scripts and the taboo list of the pack in force, and follows an edited pack', async () => {
      t = await createTestApp({ dialect, start: T0 });
      const agent = await t.as('agent');
      // The pack itself stays closed to agents; its scripts do not.
      expect((await get('/api/standard', agent)).status).toBe(403);
      const r = await get('/api/standard/scripts', agent);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.standard).toBe('default@1');
      expect(r.body.variables).toMatchObject({ centre: ['XX客服中心'], agentNames: ['小周'] });
      expect(r.body.steps.opening.text).toBe('您好，这里是{centre}，我是客服专员{agentNames}，请问有什么可以帮您？');
      expect(r.body.steps.hold.text).toBe('就您所提的这个问题，我要查询相关资料，请您稍等1分钟好吗？');
      expect(r.body.steps.closing.text).toBe('请问还有其他需要协助的吗？感谢您的来电，祝您生活愉快，再见！');
      const dontKnow = r.body.taboo.find((e: { set: string }) => e.set === 'taboo_dont_know');
      expect(dontKnow.phrases).toContain('我不知道');
      expect(dontKnow.replacement).toBe('您的问题我需要查询后回复您，预计XX时间内给您回电可以吗？');

      // A centre that renames itself and rewrites its opening sees it on the desk at once.
      const admin = await t.as('admin');
      const { source } = (await get('/api/standard', admin)).body;
      const edited = (source as string)
        .replace('centre: [XX客服中心]', 'centre: [平安客服中心]')
        .replace('suggestion: 您好，这里是{centre}，我是客服专员{agentNames}，请问有什么可以帮您？', 'suggestion: 您好，平安客服中心，工号小周为您服务，请问有什么可以帮您？');
      const put = await t.app.inject({ method: 'PUT', url: '/api/standard', headers: admin, payload: { source: edited } });
      expect(put.statusCode, put.body).toBe(200);
      const after = (await get('/api/standard/scripts', agent)).body;
      expect(after.variables.centre).toEqual(['平安客服中心']);
      expect(after.steps.opening.text).toBe('您好，{centre}，工号{agentNames}为您服务，请问有什么可以帮您？');
    });

    it('reports system and VIP connection rates beside the contract figures, with the pack targets', async () => {
      t = await createTestApp({ dialect, start: T0 });
      const supervisor = await t.as('supervisor');
      const at = (s: number) => T0 + s * 1000;
      const events = [
        // A VIP call answered, a VIP call abandoned, an ordinary call the system dropped after the answer.
        { type: 'offered', callId: 'v1', at: at(0), queue: 'vip', vip: true },
        { type: 'ringing', callId: 'v1', at: at(1), agent: 'ana' },
        { type: 'answered', callId: 'v1', at: at(4), agent: 'ana' },
        { type: 'ended', callId: 'v1', at: at(60), by: 'customer' },
        { type: 'offered', callId: 'v2', at: at(10), queue: 'vip', vip: true },
        { type: 'ended', callId: 'v2', at: at(40), by: 'customer' },
        { type: 'offered', callId: 'c1', at: at(20), queue: 'hotline' },
        { type: 'ringing', callId: 'c1', at: at(21), agent: 'bo' },
        { type: 'answered', callId: 'c1', at: at(25), agent: 'bo' },
        { type: 'ended', callId: 'c1', at: at(90), by: 'system' },
      ];
      const posted = await t.app.inject({ method: 'POST', url: '/api/cti/events', headers: supervisor, payload: { events } });
      expect(posted.statusCode, posted.body).toBe(202);

      const manager = await t.as('manager');
      const kpi = (await get('/api/kpi', manager)).body;
      // The contract's figures are untouched.
      expect(kpi.groups[0]).toMatchObject({ key: 'total', offered: 3, answered: 2 });
      expect(kpi.groups[0].systemConnectionRate).toBeUndefined();
      expect(kpi.standard).toBe('default@1');
      const total = kpi.connection.groups.find((g: { key: string }) => g.key === 'total');
      expect(total.systemConnectionRate).toMatchObject({ requirement: 'KPI-SYS', value: 0.6667, offered: 3, counted: 2, min: 0.99, pass: false });
      expect(total.systemConnectionRate.reason).toMatch(/upper bound/);
      expect(total.vipConnectionRate).toMatchObject({ requirement: 'KPI-VIP', value: 0.5, offered: 2, counted: 1, min: 0.9, pass: false });
      expect(kpi.targets.figures.answerRate).toEqual({ requirement: 'KPI-MAN', min: 0.85 });
      // KPI-MAN as the standard means it: the one ordinary call, answered (VIP calls count in KPI-VIP only).
      expect(total.manualConnectionRate).toMatchObject({ requirement: 'KPI-MAN', value: 1, offered: 1, counted: 1, min: 0.85, pass: true });
      expect(kpi.ticketTargets.satisfaction).toMatchObject({ requirement: 'KPI-CSAT', min: 85, value: null, pass: null });

      // Per queue: the VIP queue has its own VIP figure; the hotline queue had no VIP call.
      const byQueue = (await get('/api/kpi?by=queue', manager)).body;
      const hotline = byQueue.connection.groups.find((g: { key: string }) => g.key === 'hotline');
      expect(hotline.vipConnectionRate).toMatchObject({ value: null, pass: null, offered: 0 });
      expect(hotline.vipConnectionRate.reason).toMatch(/no calls flagged VIP/);

      // Targets follow the pack in force.
      const admin = await t.as('admin');
      const { source } = (await get('/api/standard', admin)).body;
      const edited = (source as string).replace('kpiTargets.vipConnectionRate: 0.90', 'kpiTargets.vipConnectionRate: 0.5');
      expect((await t.app.inject({ method: 'PUT', url: '/api/standard', headers: admin, payload: { source: edited } })).statusCode).toBe(200);
      const again = (await get('/api/kpi', manager)).body;
      expect(again.standard).toBe('default@2');
      expect(again.connection.groups[0].vipConnectionRate).toMatchObject({ min: 0.5, pass: true });

      // A queue_log line has no VIP flag: the pack names the VIP lines' queues. With hotline named,
      // its dropped call leaves KPI-MAN and joins KPI-VIP; the contract's answerRate does not move.
      const named = edited.replace('vipQueues: []', 'vipQueues: [hotline]');
      expect((await t.app.inject({ method: 'PUT', url: '/api/standard', headers: admin, payload: { source: named } })).statusCode).toBe(200);
      const third = (await get('/api/kpi', manager)).body;
      expect(third.groups[0]).toMatchObject({ offered: 3, answered: 2 });
      expect(third.connection.groups[0].vipConnectionRate).toMatchObject({ offered: 3, counted: 2 });
      expect(third.connection.groups[0].manualConnectionRate).toMatchObject({ value: null, offered: 0, pass: null });
      expect(third.connection.groups[0].manualConnectionRate.reason).toMatch(/no ordinary/);
    });

    it('lists the tickets whose open promise falls due within a period, soonest first', async () => {
      t = await createTestApp({ dialect, start: T0 });
      const agent = await t.as('agent');
      const create = async (payload: object) => {
        const res = await t.app.inject({ method: 'POST', url: '/api/tickets', headers: agent, payload });
        expect(res.statusCode, res.body).toBe(201);
        return res.json().ticket as { id: string };
      };
      const inTwoHours = await create({ ...complaint, promise: { dueAt: T0 + 2 * 3600_000, kind: 'callback' } });
      const inOneHour = await create({ ...complaint, contactPhone: '13900002222', promise: { dueAt: T0 + 3600_000, kind: 'callback' } });
      const nextWeek = await create({ ...complaint, contactPhone: '13900003333', promise: { dueAt: T0 + 7 * 86_400_000, kind: 'callback' } });
      const keptSoon = await create({ ...complaint, contactPhone: '13900004444', promise: { dueAt: T0 + 1800_000, kind: 'callback' } });
      const detail = (await get(`/api/tickets/${keptSoon.id}`, agent)).body;
      const soonest = detail.promises.find((p: { dueAt: number }) => p.dueAt === T0 + 1800_000);
      expect((await t.app.inject({ method: 'POST', url: `/api/tickets/${keptSoon.id}/promises/${soonest.id}/keep`, headers: agent, payload: {} })).statusCode).toBe(200);

      const due = await get('/api/tickets?dueWithin=4h', agent);
      expect(due.status, JSON.stringify(due.body)).toBe(200);
      expect(due.body.items.map((x: { id: string }) => x.id)).toEqual([inOneHour.id, inTwoHours.id]);
      expect(due.body.items.map((x: { promiseDueAt: number }) => x.promiseDueAt)).toEqual([T0 + 3600_000, T0 + 2 * 3600_000]);
      expect(due.body.items.some((x: { id: string }) => x.id === nextWeek.id)).toBe(false);

      const paged = await get('/api/tickets?dueWithin=4h&limit=1', agent);
      expect(paged.body.items.map((x: { id: string }) => x.id)).toEqual([inOneHour.id]);
      const rest = await get(`/api/tickets?dueWithin=4h&limit=1&cursor=${encodeURIComponent(paged.body.nextCursor)}`, agent);
      expect(rest.body.items.map((x: { id: string }) => x.id)).toEqual([inTwoHours.id]);

      // Past due is overdue, not at risk.
      t.clock.advance(90 * 60_000);
      expect((await get('/api/tickets?dueWithin=4h', agent)).body.items.map((x: { id: string }) => x.id)).toEqual([inTwoHours.id]);

      const bad = await get('/api/tickets?dueWithin=soon', agent);
      expect(bad.status).toBe(400);
      expect(bad.body.error.fields[0].path).toMatch(/dueWithin/);
    });
  });
}
