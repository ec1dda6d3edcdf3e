import { describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../test-databases.js';
import { CustomerRepository } from './customer-repository.js';
import { PromiseRepository, TicketHistoryRepository, TicketRepository } from './ticket-repository.js';
import type { Customer } from '../../../core/customers/customer.js';
import { defaultContactPreferences } from '../../../core/customers/customer.js';
import type { Ticket, TicketPromise } from '../../../core/tickets/ticket.js';
import type { TicketActor } from '../../../core/tickets/ticket-actor.js';
import { defaultTicketSettings } from '../../../core/tickets/ticket-settings.js';
import { canReadTicket, ticketVisibility } from '../../../core/tickets/team-privacy.js';
import { overdueAt } from '../../../core/tickets/overdue.js';
import { ticketMatches } from '../../../core/tickets/ticket-filter.js';
import { newId } from '../../../core/shared/ids.js';
import { systemRandom } from '../../system-random.js';
import { decodeCursor } from './search-sql.js';

const T0 = Date.parse('2025-09-30T16:00:00+08:00');

function customer(over: Partial<Customer> = {}): Customer {
  return {
    id: newId(systemRandom, T0, 'cu_'),
    code: null,
    name: '张三',
    company: null,
    email: null,
    category: null,
    vip: false,
    stage: 'new',
    tags: [],
    phones: [],
    contactPreferences: defaultContactPreferences,
    note: null,
    createdAt: T0,
    updatedAt: T0,
    ...over,
  };
}

let seq = 0;
function ticket(over: Partial<Ticket> = {}): Ticket {
  seq++;
  return {
    id: newId(systemRandom, T0 + seq, 'tk_'),
    number: null,
    type: 'inquiry',
    complaintClass: null,
    complaintGrade: null,
    problemType: null,
    title: null,
    description: '订单 12345 的物流信息查询',
    customerId: null,
    customerName: '李四',
    contactPhone: null,
    callId: null,
    visitId: null,
    channel: 'phone',
    status: 'open',
    priority: 'normal',
    assigneeId: null,
    team: null,
    escalationLevel: 'agent',
    createdBy: null,
    createdAt: T0 + seq,
    updatedAt: T0 + seq,
    callEndedAt: null,
    summary: null,
    resolvedAt: null,
    closedAt: null,
    reopenCount: 0,
    pausedSince: null,
    ...over,
  };
}

describeEachDatabase('customer repository', (getDb, dialect) => {
  it('stores a customer and finds it by id, code and any of its phones', async () => {
    const repo = new CustomerRepository(getDb().db, dialect);
    const c = customer({ code: 'C2044', phones: [{ number: '13812341234', kind: 'mobile' }, { number: '01088886666', kind: 'work' }], tags: ['宽带'], vip: true });
    await repo.insert(c);
    expect(await repo.findById(c.id)).toEqual(c);
    expect((await repo.findByCode('C2044'))?.id).toBe(c.id);
    expect((await repo.findByPhone('01088886666'))?.id).toBe(c.id);
    expect(await repo.findByPhone('13900000000')).toBeUndefined();
  });

  it('refuses a second customer with the same phone number (the database is the last guard)', async () => {
    const repo = new CustomerRepository(getDb().db, dialect);
    await repo.insert(customer({ phones: [{ number: '13812341234', kind: 'mobile' }] }));
    await expect(repo.insert(customer({ id: newId(systemRandom, T0, 'cu_'), phones: [{ number: '13812341234', kind: 'home' }] }))).rejects.toThrow();
  });

  it('moves a phone with an update, and search follows the new name', async () => {
    const repo = new CustomerRepository(getDb().db, dialect);
    const c = customer({ phones: [{ number: '13812341234', kind: 'mobile' }] });
    await repo.insert(c);
    await repo.update({ ...c, name: '王發票', phones: [{ number: '13900001111', kind: 'mobile' }] });
    expect(await repo.findByPhone('13812341234')).toBeUndefined();
    expect((await repo.findByPhone('13900001111'))?.name).toBe('王發票');
    expect((await repo.list({ q: '发票', limit: 10 })).items.map((x) => x.id)).toEqual([c.id]);
    expect((await repo.list({ q: '张三', limit: 10 })).items).toEqual([]);
  });

  it('keeps the stage history in order', async () => {
    const repo = new CustomerRepository(getDb().db, dialect);
    const c = customer();
    await repo.insert(c);
    await repo.appendStageChange({ id: newId(systemRandom, T0, 'cs_'), customerId: c.id, from: null, to: 'potential', at: T0, actorId: null, actorName: 'a', reason: null });
    await repo.appendStageChange({ id: newId(systemRandom, T0 + 1, 'cs_'), customerId: c.id, from: 'potential', to: 'new', at: T0 + 1, actorId: null, actorName: 'a', reason: '首次购买' });
    expect((await repo.stageHistory(c.id)).map((s) => s.to)).toEqual(['potential', 'new']);
  });
});

describeEachDatabase('ticket repository', (getDb, dialect) => {
  it('round-trips a ticket and updates it', async () => {
    const repo = new TicketRepository(getDb().db, dialect);
    const t = ticket({ summary: { problemType: '物流', solution: '已告知单号', satisfaction: 5, writtenAt: T0 + 60_000 }, callEndedAt: T0 - 60_000 });
    await repo.insert(t);
    expect(await repo.findById(t.id)).toEqual(t);
    await repo.update({ ...t, status: 'resolved', resolvedAt: T0 + 5 });
    expect((await repo.findById(t.id))?.status).toBe('resolved');
  });

  it('finds two-character words in either script, ranked, and 退款 inside 申請退款的流程', async () => {
    const repo = new TicketRepository(getDb().db, dialect);
    const trad = ticket({ description: '客戶要求補開發票,抬頭寫錯了' });
    const simp = ticket({ description: '发票金额与订单不符,请核实' });
    const refund = ticket({ description: '客户询问申請退款的流程和到账时间' });
    const other = ticket({ description: '宽带报修,光猫红灯闪烁' });
    for (const t of [trad, simp, refund, other]) await repo.insert(t);
    const ids = async (q: string) => (await repo.list({ q, limit: 10 })).items.map((t) => t.id).sort();
    expect(await ids('发票')).toEqual([trad.id, simp.id].sort());
    expect(await ids('發票')).toEqual([trad.id, simp.id].sort());
    expect(await ids('退款')).toEqual([refund.id]);
    expect(await ids('退款流程')).toEqual([refund.id]);
    expect(await ids('光猫')).toEqual([other.id]);
    expect(await ids('12345')).toEqual([]);
    expect(await ids('，。')).toHaveLength(4); // nothing searchable: the plain list
  });

  // 帳單 (Traditional) becomes 帐单 by OpenCC's one-to-one table, while Simplified text writes
  // 账单: a Hong Kong or Taiwan agent searching 帳單 must still find the Simplified ticket.
  it('finds 账单 for 帳單, 帐单 and 賬單: variant characters fold into one search form', async () => {
    const repo = new TicketRepository(getDb().db, dialect);
    const simp = ticket({ description: '客户对上月账单金额有疑问' });
    const variant = ticket({ description: '帐单寄错地址' });
    const trad = ticket({ description: '客戶說帳單重複扣款' });
    const other = ticket({ description: '宽带报修' });
    for (const t of [simp, variant, trad, other]) await repo.insert(t);
    const ids = async (q: string) => (await repo.list({ q, limit: 10 })).items.map((t) => t.id).sort();
    const all = [simp.id, variant.id, trad.id].sort();
    for (const q of ['帳單', '账单', '帐单', '賬單']) expect(await ids(q)).toEqual(all);
  });

  // The other variant pairs both scripts write (issue #21): 台/臺, 里/裡, 于/於 meet as 帳/账 do.
  it('finds 台湾/臺灣, 这里/這裡 and 位于/位於 whichever form was written or searched', async () => {
    const repo = new TicketRepository(getDb().db, dialect);
    const tw = ticket({ description: '客户从臺灣来电咨询漫游资费' });
    const here = ticket({ description: '營業廳說這裡不能辦理過戶' });
    const at = ticket({ description: '新地址位于朝阳区，要求移机' });
    for (const t of [tw, here, at]) await repo.insert(t);
    const ids = async (q: string) => (await repo.list({ q, limit: 10 })).items.map((t) => t.id);
    for (const q of ['台湾', '臺灣', '台灣']) expect(await ids(q), q).toEqual([tw.id]);
    for (const q of ['这里', '這裡', '這裏']) expect(await ids(q), q).toEqual([here.id]);
    for (const q of ['位于', '位於']) expect(await ids(q), q).toEqual([at.id]);
  });

  it('re-indexes a ticket whose text changed', async () => {
    const repo = new TicketRepository(getDb().db, dialect);
    const t = ticket({ description: '宽带报修,光猫红灯闪烁' });
    await repo.insert(t);
    await repo.update({ ...t, description: '客户要求退款,套餐未使用' });
    expect((await repo.list({ q: '光猫', limit: 10 })).items).toEqual([]);
    expect((await repo.list({ q: '退款', limit: 10 })).items.map((x) => x.id)).toEqual([t.id]);
  });

  it('filters by status, type, assignee, team, period and pages with a cursor', async () => {
    const repo = new TicketRepository(getDb().db, dialect);
    const made: Ticket[] = [];
    for (let i = 0; i < 7; i++) {
      const t = ticket({ status: i % 2 ? 'resolved' : 'open', type: i < 3 ? 'complaint' : 'inquiry', assigneeId: i < 5 ? 'u1' : 'u2', team: i % 3 === 0 ? 'A' : 'B', description: `发票问题 第${i}单` });
      made.push(t);
      await repo.insert(t);
    }
    expect((await repo.list({ status: ['open'], limit: 50 })).items).toHaveLength(4);
    expect((await repo.list({ type: 'complaint', assigneeId: 'u1', limit: 50 })).items).toHaveLength(3);
    expect((await repo.list({ team: 'A', limit: 50 })).items).toHaveLength(3);
    expect((await repo.list({ createdFrom: made[2]!.createdAt, createdTo: made[4]!.createdAt, limit: 50 })).items.map((t) => t.id)).toEqual([made[3]!.id, made[2]!.id]);

    for (const q of [undefined, '发票']) {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await repo.list({ ...(q && { q }), limit: 3, ...(cursor && { cursor }) });
        expect(page.items.length).toBeLessThanOrEqual(3);
        seen.push(...page.items.map((t) => t.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen.sort()).toEqual(made.map((t) => t.id).sort());
    }
    expect(() => decodeCursor('not-a-cursor')).toThrow(/cursor/i);
  });

  it('limits a private-team reader to own team, own tickets and tickets without a team, as the core reads one ticket', async () => {
    const repo = new TicketRepository(getDb().db, dialect);
    const mine = ticket({ team: 'A' });
    const theirs = ticket({ team: 'B' });
    const assignedToMe = ticket({ team: 'B', assigneeId: 'me' });
    const createdByMe = ticket({ team: 'B', assigneeId: 'other', createdBy: 'me' });
    const shared = ticket({ team: null });
    const all = [mine, theirs, assignedToMe, createdByMe, shared];
    for (const t of all) await repo.insert(t);
    const settings = { ...defaultTicketSettings, teamsPrivate: true, privateTeamRoles: ['agent' as const] };
    const actors: TicketActor[] = [
      { id: 'me', username: 'me', role: 'agent', team: 'A' },
      { id: 'me', username: 'me', role: 'agent', team: null },
      { id: null, username: null, role: 'agent', team: 'B' },
      { id: 'x', username: 'x', role: 'manager', team: 'A' },
    ];
    // The list applies the core's condition in SQL; a single read checks it in memory: the same answer.
    for (const actor of actors) {
      const visible = ticketVisibility(actor, settings);
      const ids = (await repo.list({ ...(visible && { where: [visible] }), limit: 50 })).items.map((t) => t.id).sort();
      expect(ids, JSON.stringify(actor)).toEqual(all.filter((t) => canReadTicket(t, actor, settings)).map((t) => t.id).sort());
    }
    const me = ticketVisibility(actors[0]!, settings)!;
    expect((await repo.list({ where: [me], limit: 50 })).items.map((t) => t.id).sort()).toEqual([mine.id, assignedToMe.id, createdByMe.id, shared.id].sort());
  });

  it('finds overdue tickets: a promise past due, not kept, ticket not resolved (the core rule, in SQL and in memory alike)', async () => {
    const db = getDb().db;
    const repo = new TicketRepository(db, dialect);
    const promises = new PromiseRepository(db);
    const late = ticket();
    const onTime = ticket();
    const resolved = ticket({ status: 'resolved' });
    const brokenUnanswered = ticket({ status: 'in_progress' });
    for (const t of [late, onTime, resolved, brokenUnanswered]) await repo.insert(t);
    const p = (ticketId: string, dueAt: number, keptAt: number | null, status: TicketPromise['status'] = keptAt ? 'kept' : 'open'): TicketPromise => ({
      id: newId(systemRandom, T0, 'pr_'),
      ticketId,
      kind: 'reply' as const,
      duration: '24h',
      startedAt: T0,
      dueAt,
      remindAt: null,
      status,
      keptAt,
      brokenAt: null,
      escalationStep: 0,
      createdAt: T0,
      createdBy: null,
      note: null,
      replacesId: null,
      replacedById: null,
    });
    const made = [p(late.id, T0 + 1000, null), p(onTime.id, T0 + 1000, T0 + 500), p(resolved.id, T0 + 1000, null), p(brokenUnanswered.id, T0 + 1500, null, 'broken')];
    for (const x of made) await promises.insert(x);
    expect((await repo.list({ where: [overdueAt(T0 + 2000)], limit: 50 })).items.map((t) => t.id).sort()).toEqual([late.id, brokenUnanswered.id].sort());
    expect((await repo.list({ where: [overdueAt(T0 + 10)], limit: 50 })).items).toEqual([]);
    for (const at of [T0, T0 + 1001, T0 + 1501, T0 + 2000]) {
      const inSql = (await repo.list({ where: [overdueAt(at)], limit: 50 })).items.map((t) => t.id).sort();
      const inMemory = [late, onTime, resolved, brokenUnanswered].filter((t) => ticketMatches(overdueAt(at), t, made)).map((t) => t.id).sort();
      expect(inSql).toEqual(inMemory);
    }
    expect((await promises.forTicket(late.id))[0]?.dueAt).toBe(T0 + 1000);
  });

  it('returns the history in the order it was written', async () => {
    const db = getDb().db;
    const repo = new TicketRepository(db, dialect);
    const history = new TicketHistoryRepository(db);
    const t = ticket();
    await repo.insert(t);
    const ids = ['th_0000000001', 'th_0000000002', 'th_0000000003'];
    for (const [i, id] of ids.entries()) {
      await history.append({ id, ticketId: t.id, at: T0, actorId: null, actorName: 'x', action: i === 0 ? 'created' : 'updated', changes: i ? { title: { from: null, to: `t${i}` } } : null, note: null });
    }
    expect((await history.forTicket(t.id)).map((h) => h.id)).toEqual(ids);
  });
});

describe('cursor', () => {
  it('rejects a tampered cursor with a validation error', () => {
    expect(() => decodeCursor(Buffer.from('{"offset":-1}').toString('base64url'))).toThrow();
  });
});
