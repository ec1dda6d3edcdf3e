import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../../db/test-databases.js';
import { createTestApp, type TestApp } from '../test-app.js';
import type { Role } from '../../../core/users/roles.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

// The test clock starts Monday 2026-03-02 09:00 in Shanghai.
describeEachDatabase('knowledge base and shift bulletins over HTTP (issue #17)', (_db, dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp({ dialect });
  });
  afterEach(async () => t.close());

  async function call(who: { role: Role; username?: string; team?: string }, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object): Promise<{ status: number; body: Json }> {
    const headers = await t.as(who.role, { ...(who.username && { username: who.username }), ...(who.team && { team: who.team }) });
    const res = await t.app.inject({ method, url, headers, ...(payload !== undefined && { payload }) });
    return { status: res.statusCode, body: res.json() };
  }
  const supervisor = { role: 'supervisor' as const };
  const agent = { role: 'agent' as const, username: 'a1024', team: '一组' };

  async function article(payload: object): Promise<Json> {
    const r = await call(supervisor, 'POST', '/api/knowledge', payload);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body;
  }

  it('a search for 退款 finds the article written 退款流程 and the one written 退款規則 (Traditional); the desk text suggests the refund article', async () => {
    const flow = await article({ title: '退款流程', answer: '您好，退款会在审核通过后3至5个工作日原路退回。', category: '账务' });
    const rules = await article({ title: '退款規則說明', answer: '退款須在購買後七日內申請，已開發票的須先退回發票。', category: '帳務' });
    await article({ title: '宽带报修', answer: '请您先重启光猫，如仍无法上网我们为您登记报修。', category: '故障' });

    const found = await call(agent, 'GET', `/api/knowledge?q=${encodeURIComponent('退款')}`);
    expect(found.status).toBe(200);
    expect(found.body.items.map((a: Json) => a.id).sort()).toEqual([flow.id, rules.id].sort());
    // Traditional query, Simplified article, and the other way round.
    const traditional = await call(agent, 'GET', `/api/knowledge?q=${encodeURIComponent('規則')}`);
    expect(traditional.body.items.map((a: Json) => a.title)).toEqual(['退款規則說明']);
    const simplified = await call(agent, 'GET', `/api/knowledge?q=${encodeURIComponent('规则')}`);
    expect(simplified.body.items.map((a: Json) => a.title)).toEqual(['退款規則說明']);
    const fault = await call(agent, 'GET', `/api/knowledge?q=${encodeURIComponent('光貓')}`);
    expect(fault.body.items.map((a: Json) => a.title)).toEqual(['宽带报修']);

    const suggested = await call(agent, 'POST', '/api/knowledge/suggest', { text: '您好，很高兴为您服务。\n我上个月买的东西想退掉，钱什么时候能退回来？退款要多久？' });
    expect(suggested.status).toBe(200);
    expect(suggested.body.items.length).toBeGreaterThan(0);
    expect(suggested.body.items.map((s: Json) => s.article.title)).toContain('退款流程');
    expect(suggested.body.items.map((s: Json) => s.article.title)).not.toContain('宽带报修');
    expect(suggested.body.items[0].matched).toContain('退款');
    const chatter = await call(agent, 'POST', '/api/knowledge/suggest', { text: '您好，请问有什么可以帮您？谢谢' });
    expect(chatter.body.items).toEqual([]);
  });

  it('an edit on a stale version is a 409 naming the newer version; versions, diff and restore keep the history', async () => {
    const a = await article({ title: '发票开具', answer: '电子发票在付款后24小时内发送到您的邮箱。', reviewDate: '2026-03-01' });
    expect(a.version).toBe(1);
    expect(a.reviewDue).toBe(true);
    const v2 = await call(supervisor, 'PATCH', `/api/knowledge/${a.id}`, { version: 1, answer: '电子发票在付款后48小时内发送到您的邮箱。', note: '时限调整' });
    expect(v2.status).toBe(200);
    expect(v2.body.version).toBe(2);
    const stale = await call({ role: 'qa' }, 'PATCH', `/api/knowledge/${a.id}`, { version: 1, title: '发票' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('CONFLICT');
    expect(stale.body.error.message).toContain('第 2 版');
    expect(stale.body.error.fields[0]).toMatchObject({ path: 'version', code: 'stale_version', params: { current: expect.any(Number) } });

    const diff = await call(agent, 'GET', `/api/knowledge/${a.id}/diff?from=1&to=2`);
    expect(diff.body.fields).toEqual([
      {
        field: 'answer',
        from: '电子发票在付款后24小时内发送到您的邮箱。',
        to: '电子发票在付款后48小时内发送到您的邮箱。',
        lines: [
          { op: 'remove', text: '电子发票在付款后24小时内发送到您的邮箱。' },
          { op: 'add', text: '电子发票在付款后48小时内发送到您的邮箱。' },
        ],
      },
    ]);
    const restored = await call(supervisor, 'POST', `/api/knowledge/${a.id}/restore`, { version: 1, baseVersion: 2 });
    expect(restored.body.version).toBe(3);
    expect(restored.body.answer).toContain('24小时');
    const versions = await call(agent, 'GET', `/api/knowledge/${a.id}/versions`);
    expect(versions.body.items.map((v: Json) => [v.version, v.note, v.restoredFrom])).toEqual([
      [3, '恢复第 1 版', 1],
      [2, '时限调整', null],
      [1, null, null],
    ]);
    // The restored content is found by the search again, the replaced wording no more.
    expect((await call(agent, 'GET', `/api/knowledge?q=48`)).body.items).toEqual([]);
    const due = await call(agent, 'GET', '/api/knowledge?reviewDue=true');
    expect(due.body.items.map((x: Json) => x.id)).toEqual([a.id]);

    expect((await call(agent, 'POST', '/api/knowledge', { title: 'x', answer: 'y' })).status).toBe(403);
    const bad = await call(supervisor, 'POST', '/api/knowledge', { title: ' ', answer: '', reviewDate: '2026-02-30' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: Json) => f.path).sort()).toEqual(['answer', 'reviewDate', 'title']);
    // Issue #21: with codes, so an English or 繁體 reader is not shown the Chinese sentence.
    expect(bad.body.error.fields.find((f: Json) => f.path === 'reviewDate')).toMatchObject({ code: 'invalid_date' });
  });

  it('an agent with an unacknowledged bulletin gets 409 on ready, acknowledges, becomes ready; an edited bulletin asks again', async () => {
    const published = await call(supervisor, 'POST', '/api/bulletins', { title: '3月资费调整', body: '自3月2日起，流量包月费由30元调整为25元。', kind: 'policy', effectiveDate: '2026-03-02' });
    expect(published.status).toBe(201);
    const b = published.body;
    expect(b).toMatchObject({ version: 1, inForce: true, backdated: false });
    // Addressed to another team: not this agent's business.
    const other = await call(supervisor, 'POST', '/api/bulletins', { title: '二组排班', body: '二组周三调休。', effectiveDate: '2026-03-02', audience: ['二组'] });
    // Not yet in force: not asked today.
    await call(supervisor, 'POST', '/api/bulletins', { title: '新品预告', body: '下周上线5G套餐。', kind: 'product', effectiveDate: '2026-03-09' });

    const pending = await call(agent, 'GET', '/api/bulletins/pending');
    expect(pending.body.items.map((x: Json) => x.title)).toEqual(['3月资费调整']);
    const refused = await call(agent, 'POST', '/api/agents/me/ready');
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('CONFLICT');
    expect(refused.body.error.message).toContain('3月资费调整');
    expect(refused.body.error.fields).toEqual([
      { path: `bulletins.${b.id}`, message: '3月资费调整（第 1 版，2026-03-02 生效）', code: 'unread_bulletin', params: { title: '3月资费调整', version: 1, effectiveDate: '2026-03-02' } },
    ]);
    expect((await call(agent, 'GET', '/api/agents/me')).body).toMatchObject({ state: 'not_ready', pending: 1 });

    expect((await call(agent, 'POST', `/api/bulletins/${other.body.id}/ack`)).status).toBe(404);
    expect((await call(agent, 'POST', '/api/bulletins/bl_nothing/ack')).status).toBe(404);
    const ack = await call(agent, 'POST', `/api/bulletins/${b.id}/ack`);
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({ ack: { version: 1, username: 'a1024' }, pending: 0 });
    const ready = await call(agent, 'POST', '/api/agents/me/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ state: 'ready', pending: 0 });

    // The supervisor corrects the bulletin: everyone reads it again.
    t.clock.advance(3_600_000);
    const edited = await call(supervisor, 'PATCH', `/api/bulletins/${b.id}`, { body: '自3月2日起，流量包月费由30元调整为20元。', version: 1 });
    expect(edited.body.version).toBe(2);
    const again = await call(agent, 'POST', '/api/agents/me/ready');
    expect(again.status).toBe(409);
    expect(again.body.error.fields[0].message).toContain('第 2 版');
    expect((await call(agent, 'POST', `/api/bulletins/${b.id}/ack`)).body.ack.version).toBe(2);
    expect((await call(agent, 'POST', '/api/agents/me/ready')).status).toBe(200);
    // An audience-only change keeps the version: nobody is asked again for it.
    expect((await call(supervisor, 'PATCH', `/api/bulletins/${b.id}`, { audience: ['一组', '二组'] })).body.version).toBe(2);
    expect((await call(supervisor, 'PATCH', `/api/bulletins/${b.id}`, { title: 'x', version: 1 })).status).toBe(409);
  });

  it('a bulletin with an effective date in the past is allowed and flagged; the read report shows who read it, when, and calls answered before', async () => {
    const late = await call(supervisor, 'POST', '/api/bulletins', { title: '退款政策变更', body: '即日起退款审核改为2个工作日。', effectiveDate: '2026-02-27' });
    expect(late.status).toBe(201);
    expect(late.body).toMatchObject({ backdated: true, inForce: true });
    const bad = await call(supervisor, 'POST', '/api/bulletins', { title: '', body: '内容', effectiveDate: '2026-13-01', untilDate: '2026-01-01' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: Json) => f.path)).toEqual(['title', 'effectiveDate', 'untilDate']);
    expect(bad.body.error.fields.every((f: Json) => typeof f.code === 'string')).toBe(true);
    expect((await call(agent, 'POST', '/api/bulletins', { title: 'x', body: 'y', effectiveDate: '2026-03-02' })).status).toBe(403);

    await t.as('agent', { username: 'a2048', team: '二组' });
    // a1024 answers a call at 09:10 before reading it at 09:30.
    t.clock.set(Date.parse('2026-03-02T09:10:00+08:00'));
    const at = t.clock.now();
    const cti = await call({ role: 'admin' }, 'POST', '/api/cti/events', {
      events: [
        { type: 'offered', callId: 'c-1', at, queue: 'hotline' },
        { type: 'answered', callId: 'c-1', at: at + 5000, agent: 'a1024' },
        { type: 'ended', callId: 'c-1', at: at + 60_000, by: 'customer' },
      ],
    });
    expect(cti.status).toBeLessThan(300);
    t.clock.set(Date.parse('2026-03-02T09:30:00+08:00'));
    await call(agent, 'POST', `/api/bulletins/${late.body.id}/ack`);

    // The shift roster PH-NOTIFY's "5 minutes early" is checked against: a1024 starts at 09:10, team 二组 at 09:00.
    const shifts = await call(supervisor, 'PUT', '/api/agents/shift-starts', { default: '09:30', teams: { 二组: '09:00' }, agents: { a1024: '09:10' } });
    expect(shifts.status).toBe(200);
    expect(shifts.body).toEqual({ default: '09:30', teams: { 二组: '09:00' }, agents: { a1024: '09:10' }, earlyMinutes: 5 });
    const badShift = await call(supervisor, 'PUT', '/api/agents/shift-starts', { teams: { 一组: '8点半' } });
    expect(badShift.status).toBe(400);
    expect(badShift.body.error.fields.map((f: Json) => f.path)).toEqual(['teams.一组']);
    expect(badShift.body.error.fields[0]).toMatchObject({ code: 'invalid_time' });
    expect((await call(agent, 'PUT', '/api/agents/shift-starts', { default: '10:00' })).status).toBe(403);
    const audited = await call({ role: 'admin' }, 'GET', '/api/audit?action=shift.starts_updated');
    expect(audited.body.items).toHaveLength(1);
    expect(audited.body.items[0].detail.after.agents).toEqual({ a1024: '09:10' });
    expect((await call(agent, 'GET', '/api/agents/me')).body).toMatchObject({ shiftStart: Date.parse('2026-03-02T09:10:00+08:00'), signedInAt: Date.parse('2026-03-02T09:00:00+08:00') });

    const report = await call(supervisor, 'GET', `/api/bulletins/${late.body.id}/report`);
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({ addressed: 2, acknowledged: 1, earlyMinutes: 5 });
    const byName = Object.fromEntries(report.body.rows.map((r: Json) => [r.username, r]));
    // a1024 signed in 10 minutes before their shift, but answered a call at 09:10 before reading the bulletin at 09:30.
    expect(byName.a1024).toMatchObject({
      ackedAt: Date.parse('2026-03-02T09:30:00+08:00'),
      callsBeforeAck: 1,
      firstCallAt: Date.parse('2026-03-02T09:10:00+08:00'),
      ackedAfterFirstCall: true,
      shiftStart: Date.parse('2026-03-02T09:10:00+08:00'),
      signedInLate: false,
    });
    expect(byName.a1024.signedInAt).toBe(Date.parse('2026-03-02T09:00:00+08:00'));
    // a2048 signed in at 09:00 for a 09:00 shift: not 5 minutes early.
    expect(byName.a2048).toMatchObject({ ackedAt: null, callsBeforeAck: 0, firstCallAt: null, ackedAfterFirstCall: false, shiftStart: Date.parse('2026-03-02T09:00:00+08:00'), signedInLate: true });
    expect(report.body.rows[0].username).toBe('a2048');
    expect((await call(agent, 'GET', `/api/bulletins/${late.body.id}/report`)).status).toBe(403);
  });
});
