import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../../db/test-databases.js';
import { createTestApp, type TestApp } from '../test-app.js';
import { startModules } from '../../jobs/modules.js';
import type { DomainEvent } from '../../../core/shared/event-bus.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const MINUTE = 60_000;

/**
 * The walk-in service centre over HTTP on a fake clock (issue #16): the 3-minute rule while the
 * staff member is on the phone (VS-BUSY2), the hand-off with the held call, the lost call's
 * callback task, messages for an absent colleague with their deadline, and the bad inputs.
 */
describeEachDatabase('walk-in visits over HTTP', (_db, dialect) => {
  let t: TestApp;
  let events: DomainEvent[];
  const call = async (user: string, method: 'GET' | 'POST', url: string, payload?: object): Promise<{ status: number; body: Json }> => {
    const role = user === 'sup' ? 'supervisor' : 'agent';
    const headers = await t.as(role, { username: user });
    const res = await t.app.inject({ method, url, headers, ...(payload !== undefined && { payload }) });
    return { status: res.statusCode, body: res.json() };
  };
  const types = (prefix: string) => events.filter((e) => e.type.startsWith(prefix)).map((e) => e.type);

  beforeEach(async () => {
    t = await createTestApp({ dialect, start: Date.parse('2026-03-02T09:00:00+08:00') });
    await startModules(t.ctx);
    events = [];
    t.ctx.events.on('*', (e) => void events.push(e));
    for (const u of ['desk', 'li', 'wang', 'zhao', 'sup']) await t.as(u === 'sup' ? 'supervisor' : 'agent', { username: u });
  });
  afterEach(() => t.close());

  it('VS-BUSY2: a visitor for a staff member on the phone alerts after 3 minutes; the held call, the hand-off and the lost call are recorded, and the caller’s number becomes a callback task', async () => {
    expect((await call('li', 'POST', '/api/visits/desks/me', { state: 'on_phone' })).body).toMatchObject({ state: 'on_phone', onShift: true });
    expect((await call('wang', 'POST', '/api/visits/desks/me', { onShift: true, state: 'free' })).status).toBe(200);
    const reg = await call('desk', 'POST', '/api/visits', { visitor: { surname: '陈女士', phone: '13612345678' }, purpose: '咨询物业费缴纳', forStaff: 'li' });
    expect(reg.status, JSON.stringify(reg.body)).toBe(201);
    expect(reg.body).toMatchObject({ number: 1, status: 'waiting', forStaff: 'li', overdue: false });
    expect(reg.body.visitor.phone).not.toContain('13612345678');
    const id = reg.body.id as string;

    t.clock.advance(2 * MINUTE + 59_000);
    await t.ctx.jobs.runDue();
    expect(types('visit.alert')).toEqual([]);
    expect((await call('desk', 'GET', '/api/visits?status=waiting')).body.items[0]).toMatchObject({ waitedSeconds: 179, overdue: false });

    t.clock.advance(1000);
    await t.ctx.jobs.runDue();
    const alert = events.find((e) => e.type === 'visit.alert');
    expect(alert).toMatchObject({ visitId: id, staff: 'li', staffState: 'on_phone', requirement: 'VS-BUSY2', waitedSeconds: 180 });
    expect((await call('desk', 'GET', '/api/visits?status=waiting')).body.items[0]).toMatchObject({ waitedSeconds: 180, overdue: true });

    // The caller leaves a number with consent, the handset goes down, the visitor goes to 王.
    const handed = await call('li', 'POST', `/api/visits/${id}/handoff`, { to: 'wang', introduction: '陈女士，这位是我们的王经理，请他帮您办理好么？', heldCall: { number: '13900001111', consent: true } });
    expect(handed.status, JSON.stringify(handed.body)).toBe(200);
    expect(handed.body).toMatchObject({ status: 'serving', servedBy: 'wang', heldCall: { by: 'li', consent: true, outcome: 'on_hold' } });
    expect(handed.body.heldCall.number).not.toContain('13900001111');
    const actions = (handed.body.history as Json[]).map((h) => h.action);
    expect(actions).toEqual(['registered', 'alerted', 'call_held', 'handed_off']);
    expect(handed.body.history[3]).toMatchObject({ by: 'li', to: 'wang', note: '陈女士，这位是我们的王经理，请他帮您办理好么？' });
    const desks = (await call('desk', 'GET', '/api/visits/desks')).body.items as Json[];
    expect(desks.find((d) => d.username === 'wang')).toMatchObject({ state: 'serving', visitId: id });
    expect(desks.find((d) => d.username === 'li')).toMatchObject({ state: 'on_phone' });

    // The line is dead when 李 picks up again: the number left becomes a callback task for 李.
    const lost = await call('li', 'POST', `/api/visits/${id}/held-call`, { outcome: 'lost' });
    expect(lost.status, JSON.stringify(lost.body)).toBe(200);
    const taskId = lost.body.heldCall.callbackTaskId as string;
    expect(taskId).toBeTruthy();
    const task = await t.ctx.callbacks.repo.findTask(taskId);
    expect(task).toMatchObject({ campaignId: 'walk-in-lost-call', agent: 'li', status: 'pending', target: { number: '13900001111' } });
    expect((await call('li', 'GET', '/api/callbacks?agent=me')).body.items.map((x: Json) => x.id)).toEqual([taskId]);
    expect(lost.body.history.at(-1)).toMatchObject({ action: 'call_lost', by: 'li' });

    // Served: the supervisor is never alerted, however long it takes.
    t.clock.advance(30 * MINUTE);
    await t.ctx.jobs.runDue();
    expect(types('visit.alert')).toEqual(['visit.alert']);
  });

  it('a call resumed after the hand-off leaves no callback task; a caller who did not consent leaves no number', async () => {
    await call('li', 'POST', '/api/visits/desks/me', { state: 'on_phone' });
    await call('wang', 'POST', '/api/visits/desks/me', { onShift: true });
    const id = (await call('desk', 'POST', '/api/visits', { visitor: { surname: '周' }, purpose: '报修', forStaff: 'li', urgent: true })).body.id;
    // Urgent: the alert goes at once (如B小姐事情紧急).
    await t.ctx.jobs.runDue();
    expect(events.find((e) => e.type === 'visit.alert')).toMatchObject({ urgent: true, waitedSeconds: 0 });
    const handed = await call('li', 'POST', `/api/visits/${id}/handoff`, { to: 'wang', heldCall: { number: '13900001111', consent: false } });
    expect(handed.body.heldCall).toMatchObject({ number: null, consent: false });
    const resumed = await call('li', 'POST', `/api/visits/${id}/held-call`, { outcome: 'resumed' });
    expect(resumed.body.heldCall).toMatchObject({ outcome: 'resumed', callbackTaskId: null });
    expect((await t.ctx.callbacks.repo.listTasks({ limit: 10 })).items).toEqual([]);
    expect((await call('li', 'POST', `/api/visits/${id}/held-call`, { outcome: 'lost' })).status).toBe(409);
  });

  it('unanswered, the alert goes on to the supervisor; calling the number stops the clock and the display shows it', async () => {
    const a = (await call('desk', 'POST', '/api/visits', { visitor: { surname: '王先生' }, purpose: '办理装修手续' })).body;
    const b = (await call('desk', 'POST', '/api/visits', { visitor: { surname: '欧阳' }, purpose: '咨询' })).body;
    expect([a.number, b.number]).toEqual([1, 2]);
    t.clock.advance(3 * MINUTE);
    await t.ctx.jobs.runDue();
    t.clock.advance(3 * MINUTE);
    await t.ctx.jobs.runDue();
    expect(types('visit.alert')).toEqual(['visit.alert', 'visit.alert', 'visit.alert.supervisor', 'visit.alert.supervisor']);
    const called = await call('wang', 'POST', `/api/visits/${a.id}/call`);
    expect(called.body).toMatchObject({ apologise: true, waitedSeconds: 360, visit: { status: 'serving', servedBy: 'wang' } });
    const board = (await call('desk', 'GET', '/api/visits/display')).body;
    expect(board).toEqual({ serving: [{ number: 1, surname: '王*先生', staff: 'wang', staffName: 'wang', counter: null, calledAt: t.clock.now() }], waiting: [{ number: 2, surname: '欧*' }] });
    expect((await call('li', 'POST', `/api/visits/${a.id}/call`)).status).toBe(409);
    expect((await call('wang', 'POST', `/api/visits/${a.id}/finish`, {})).body).toMatchObject({ status: 'finished' });
    const figures = (await call('sup', 'GET', '/api/visits/figures')).body;
    expect(figures).toMatchObject({ visitors: 2, waitP50Seconds: 360, servedWithinLimit: 0 });
  });

  it('VS-OWNER: a message for an absent colleague is a task with a deadline that escalates once when missed; one passed on in time does not', async () => {
    await call('zhao', 'POST', '/api/visits/desks/me', { state: 'out' });
    const v1 = (await call('desk', 'POST', '/api/visits', { visitor: { surname: '刘先生' }, purpose: '找赵经理谈车位租赁', forStaff: 'zhao' })).body;
    const noContact = await call('desk', 'POST', `/api/visits/${v1.id}/message`, { content: '请回电' });
    expect(noContact.status).toBe(400);
    expect(noContact.body.error.fields[0].path).toBe('contact');
    const taken = await call('desk', 'POST', `/api/visits/${v1.id}/message`, { contact: '13700003333', content: '车位租赁合同想今天签，请回电' });
    expect(taken.status, JSON.stringify(taken.body)).toBe(201);
    expect(taken.body.message).toMatchObject({ forStaff: 'zhao', status: 'open', deadline: t.clock.now() + 2 * 3_600_000 });
    expect(taken.body.message.contact).not.toContain('13700003333');
    expect(taken.body.visit.status).toBe('finished');

    const v2 = (await call('desk', 'POST', '/api/visits', { visitor: { surname: '孙女士' }, purpose: '找赵经理', forStaff: 'zhao' })).body;
    const second = (await call('desk', 'POST', `/api/visits/${v2.id}/message`, { contact: '微信 sun_88', content: '发票抬头要改', urgent: true })).body.message;
    expect(events.find((e) => e.type === 'visit.message.urgent')).toMatchObject({ staff: 'zhao', messageId: second.id });
    expect((await call('zhao', 'GET', '/api/visits/messages')).body.items).toHaveLength(2);
    expect((await call('zhao', 'POST', `/api/visits/messages/${second.id}/pass-on`)).body).toMatchObject({ status: 'passed_on' });

    t.clock.advance(2 * 3_600_000 - MINUTE);
    await t.ctx.jobs.runDue();
    expect(types('visit.message.overdue')).toEqual([]);
    t.clock.advance(2 * MINUTE);
    await t.ctx.jobs.runDue();
    await t.ctx.jobs.runDue();
    t.clock.advance(3_600_000);
    await t.ctx.jobs.runDue();
    const overdue = events.filter((e) => e.type === 'visit.message.overdue');
    expect(overdue).toHaveLength(1);
    expect(overdue[0]).toMatchObject({ messageId: taken.body.message.id, staff: 'zhao', escalatedTo: 'supervisor' });
    const open = (await call('sup', 'GET', '/api/visits/messages?for=all&status=open')).body.items;
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ overdue: true });
    expect(open[0].escalatedAt).toBeGreaterThan(0);
    expect((await call('li', 'GET', '/api/visits/messages?for=zhao')).status).toBe(403);
  });

  it('VS-BUSY2 from the telephone: answering a call puts the desk on the phone, its end frees it; a state set by hand is left alone', async () => {
    const T = t.clock.now();
    const cti = async (events: object[]) => {
      const res = await t.app.inject({ method: 'POST', url: '/api/cti/events', headers: await t.as('supervisor', { username: 'sup' }), payload: { events } });
      expect(res.statusCode, res.body).toBe(202);
    };
    expect((await call('li', 'POST', '/api/visits/desks/me', { onShift: true, state: 'free', counter: '3号窗口' })).body).toMatchObject({ counter: '3号窗口', onLiveCall: false });
    await cti([
      { type: 'offered', callId: 'pbx-9', at: T, queue: 'hotline', caller: '13800138000' },
      { type: 'answered', callId: 'pbx-9', at: T + 5000, agent: 'li' },
    ]);
    const desk = (await call('desk', 'GET', '/api/visits/desks')).body.items.find((d: Json) => d.username === 'li');
    expect(desk).toMatchObject({ state: 'on_phone', onLiveCall: true, counter: '3号窗口' });
    expect(events.find((e) => e.type === 'visit.desk' && e.source === 'cti')).toMatchObject({ staff: 'li', state: 'on_phone' });

    // A visitor for li now waits on a staff member the telephone says is on a call: the 3-minute alert says so.
    const id = (await call('desk', 'POST', '/api/visits', { visitor: { surname: '周先生' }, purpose: '办理装修登记', forStaff: 'li' })).body.id;
    t.clock.advance(3 * MINUTE);
    await t.ctx.jobs.runDue();
    expect(events.find((e) => e.type === 'visit.alert')).toMatchObject({ visitId: id, staff: 'li', staffState: 'on_phone' });

    // Another call ending changes nothing; this call's end frees the desk.
    await cti([{ type: 'offered', callId: 'pbx-10', at: T + 1000, queue: 'hotline', caller: '13900001111' }, { type: 'ended', callId: 'pbx-10', at: T + 9000, by: 'customer' }]);
    expect((await call('desk', 'GET', '/api/visits/desks')).body.items.find((d: Json) => d.username === 'li')).toMatchObject({ state: 'on_phone' });
    await cti([{ type: 'ended', callId: 'pbx-9', at: T + 200_000, by: 'customer' }]);
    expect((await call('desk', 'GET', '/api/visits/desks')).body.items.find((d: Json) => d.username === 'li')).toMatchObject({ state: 'free', onLiveCall: false });

    // li calls the visitor: the display sends 周先生 to li's counter.
    await call('li', 'POST', `/api/visits/${id}/call`);
    const board = (await call('desk', 'GET', '/api/visits/display')).body;
    expect(board.serving[0]).toMatchObject({ number: 1, surname: '周*先生', counter: '3号窗口' });

    // Out of the office by hand: a call answered meanwhile does not turn the desk back to the phone.
    expect((await call('li', 'POST', `/api/visits/${id}/finish`, {})).status).toBe(200);
    const out = await call('li', 'POST', '/api/visits/desks/me', { state: 'out' });
    expect(out.status, JSON.stringify(out.body)).toBe(200);
    await cti([{ type: 'offered', callId: 'pbx-11', at: T + 300_000, queue: 'hotline', caller: '13800138000' }, { type: 'answered', callId: 'pbx-11', at: T + 301_000, agent: 'li' }]);
    expect((await call('desk', 'GET', '/api/visits/desks')).body.items.find((d: Json) => d.username === 'li')).toMatchObject({ state: 'out' });
    // A hotline agent who never opened a walk-in desk gets none.
    await cti([{ type: 'offered', callId: 'pbx-12', at: T + 400_000, queue: 'hotline', caller: '13800138000' }, { type: 'answered', callId: 'pbx-12', at: T + 401_000, agent: 'zhao' }]);
    expect((await call('desk', 'GET', '/api/visits/desks')).body.items.find((d: Json) => d.username === 'zhao')).toBeUndefined();
  });

  it('the walk-in limits are the pack’s: a centre that edits the wait limit to 5 minutes is alerted at 5, with its own card items', async () => {
    const admin = await t.as('admin', { username: 'boss' });
    const active = (await t.app.inject({ method: 'GET', url: '/api/standard', headers: admin })).json();
    const source = (active.source as string).replace(/waitLimitMinutes: 3\b/, 'waitLimitMinutes: 5').replace(/cardItems:[^]*$/, 'cardItems:\n    - { id: VS-TEA, label: 奉茶七分满 }\n');
    const put = await t.app.inject({ method: 'PUT', url: '/api/standard', headers: admin, payload: { source, comment: '来访等候上限改为5分钟' } });
    expect(put.statusCode, put.body).toBe(200);
    const reg = await call('desk', 'POST', '/api/visits', { visitor: { surname: '孙先生' }, purpose: '咨询' });
    expect((await call('desk', 'GET', '/api/visits')).body.waitLimitSeconds).toBe(300);
    t.clock.advance(3 * MINUTE);
    await t.ctx.jobs.runDue();
    expect(types('visit.alert')).toEqual([]);
    t.clock.advance(2 * MINUTE);
    await t.ctx.jobs.runDue();
    expect(events.find((e) => e.type === 'visit.alert')).toMatchObject({ visitId: reg.body.id, waitedSeconds: 300 });
    expect((await call('sup', 'POST', '/api/visits/cards', { staff: 'li', visitId: reg.body.id, scores: { 'VS-GREET': 2 } })).status).toBe(400);
    expect((await call('sup', 'POST', '/api/visits/cards', { staff: 'li', visitId: reg.body.id, scores: { 'VS-TEA': 2 } })).status).toBe(201);
    expect((await call('sup', 'GET', '/api/visits/scorecards')).body.cardItems).toEqual([{ id: 'VS-TEA', label: '奉茶七分满' }]);
  });

  it('bad input: no surname or purpose is a 400 naming the field; a hand-off to a colleague off shift is a 409', async () => {
    const noSurname = await call('desk', 'POST', '/api/visits', { visitor: { surname: '  ' }, purpose: '咨询' });
    expect(noSurname.status).toBe(400);
    expect(noSurname.body.error.fields[0]).toMatchObject({ path: 'visitor.surname' });
    expect(noSurname.body.error.message).toContain('姓氏');
    const noPurpose = await call('desk', 'POST', '/api/visits', { visitor: { surname: '陈' } });
    expect(noPurpose.status).toBe(400);
    expect(noPurpose.body.error.fields[0].path).toBe('purpose');
    const id = (await call('desk', 'POST', '/api/visits', { visitor: { surname: '陈' }, purpose: '咨询' })).body.id;
    const offShift = await call('desk', 'POST', `/api/visits/${id}/handoff`, { to: 'zhao' });
    expect(offShift.status).toBe(409);
    expect(offShift.body.error.message).toContain('不在班');
    expect((await call('desk', 'POST', `/api/visits/${id}/handoff`, { to: 'nobody' })).status).toBe(400);
    expect((await call('desk', 'GET', '/api/visits/nope')).status).toBe(404);
  });

  it('VS-ESCALATE goes up the chain 客服主管 → 管理处主管 and no further; CP-VISIT files a complaint ticket linked to the visit', async () => {
    const id = (await call('desk', 'POST', '/api/visits', { visitor: { surname: '钱先生', phone: '13812341234' }, purpose: '投诉电梯长期故障' })).body.id;
    await call('li', 'POST', `/api/visits/${id}/call`);
    const e1 = await call('li', 'POST', `/api/visits/${id}/escalate`, { reason: '客户坚持要见主管' });
    expect(e1.body.history.at(-1)).toMatchObject({ action: 'escalated', to: '客服主管', note: '客户坚持要见主管' });
    const e2 = await call('sup', 'POST', `/api/visits/${id}/escalate`, { reason: '主管无法当场答复' });
    expect(e2.body.history.at(-1)).toMatchObject({ to: '管理处主管' });
    expect((await call('sup', 'POST', `/api/visits/${id}/escalate`, { reason: '再上移' })).status).toBe(409);
    const filed = await call('li', 'POST', `/api/visits/${id}/complaint`, { complaintClass: 'service', complaintGrade: 'general', description: '3号楼电梯一个月内故障四次，物业没有答复' });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const ticket = (await call('sup', 'GET', `/api/tickets/${filed.body.ticketId}`)).body;
    expect(ticket.ticket).toMatchObject({ type: 'complaint', channel: 'visit', visitId: id });
    expect(ticket.promises.length).toBeGreaterThan(0);
    expect((await call('li', 'POST', `/api/visits/${id}/complaint`, { description: '再投诉一次' })).status).toBe(409);
  });

  it('observation cards: a supervisor scores what software cannot see, into each staff member’s scorecard', async () => {
    const id = (await call('desk', 'POST', '/api/visits', { visitor: { surname: '陈' }, purpose: '咨询' })).body.id;
    expect((await call('li', 'POST', '/api/visits/cards', { staff: 'li', visitId: id, scores: { 'VS-GREET': 2 } })).status).toBe(403);
    const bad = await call('sup', 'POST', '/api/visits/cards', { staff: 'li', visitId: id, scores: { 'VS-GREET': 3 } });
    expect(bad.body.error.fields[0].path).toBe('scores.VS-GREET');
    expect((await call('sup', 'POST', '/api/visits/cards', { staff: 'li', visitId: id, scores: { 'VS-GREET': 2, 'VS-TEA': 1 } })).status).toBe(201);
    expect((await call('sup', 'POST', '/api/visits/cards', { staff: 'li', shiftDay: '2026-03-02', scores: { 'VS-ENV': 2, 'VS-TEA': 2 } })).status).toBe(201);
    const cards = (await call('sup', 'GET', '/api/visits/scorecards')).body;
    expect(cards.items).toEqual([{ staff: 'li', cards: 2, score: 87.5, items: { 'VS-GREET': 2, 'VS-TEA': 1.5, 'VS-ENV': 2 } }]);
    expect(cards.cardItems.length).toBeGreaterThan(10);
    // The walk-in outcome joins the staff member's monthly scorecard beside the call reviews: li
    // served the visitor within the limit and has two cards (87.5); an agent sees only their own row.
    await call('li', 'POST', `/api/visits/${id}/call`);
    const month = (await call('sup', 'GET', '/api/reviews/scorecards?month=2026-03')).body;
    expect(month.items.find((s: Json) => s.agent === 'li')).toMatchObject({ agent: 'li', reviewed: 0, visits: { served: 1, servedWithinLimit: 1, handOffs: 0, cards: 2, cardScore: 87.5 } });
    expect((await call('wang', 'GET', '/api/reviews/scorecards?month=2026-03')).body.items.map((s: Json) => s.agent)).not.toContain('li');
    expect((await call('sup', 'GET', '/api/reviews/scorecards?month=2026-02')).body.items).toEqual([]);
  });
});
