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
    expect(board).toEqual({ serving: [{ number: 1, surname: '王*先生', staff: 'wang', calledAt: t.clock.now() }], waiting: [{ number: 2, surname: '欧*' }] });
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
  });
});
