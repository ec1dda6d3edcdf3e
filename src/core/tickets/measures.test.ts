import { describe, expect, it } from 'vitest';
import { ticketMeasures } from './measures.js';
import { defaultTicketSettings } from './ticket-settings.js';
import type { Ticket, TicketPromise } from './ticket.js';
import { vagueDescriptionProblem } from './ticket-rules.js';

const T0 = Date.parse('2026-03-02T09:00:00+08:00');
const MIN = 60_000;

function ticket(id: string, over: Partial<Ticket> = {}): Ticket {
  return {
    id,
    number: null,
    type: 'inquiry',
    complaintClass: null,
    complaintGrade: null,
    problemType: null,
    title: null,
    description: '订单物流查询',
    customerId: 'c1',
    customerName: '张三',
    contactPhone: null,
    callId: null,
    visitId: null,
    channel: 'phone',
    status: 'open',
    priority: 'normal',
    assigneeId: 'A017',
    team: 'east',
    escalationLevel: 'agent',
    createdBy: 'A017',
    createdAt: T0,
    updatedAt: T0,
    callEndedAt: null,
    summary: null,
    resolvedAt: null,
    closedAt: null,
    reopenCount: 0,
    pausedSince: null,
    ...over,
  };
}

function promise(ticketId: string, over: Partial<TicketPromise>): TicketPromise {
  return { id: `p-${ticketId}`, ticketId, kind: 'reply', duration: '2wd', startedAt: T0, dueAt: T0 + 60 * MIN, remindAt: null, status: 'open', keptAt: null, brokenAt: null, escalationStep: 0, createdAt: T0, createdBy: null, note: null, replacesId: null, replacedById: null, ...over };
}

const run = (tickets: Ticket[], promises: TicketPromise[] = [], by: 'total' | 'agent' = 'total', now = T0 + 120 * MIN) =>
  ticketMeasures({ tickets, laterTickets: tickets, promises, now, settings: defaultTicketSettings, by, dayOf: () => '2026-03-02' });

describe('ticket measures', () => {
  it('PH-TICKET3 and PH-SUMMARY5: counted from the end of the call', () => {
    const [g] = run([
      ticket('a', { callEndedAt: T0 - 2 * MIN, summary: { problemType: '物流', solution: '告知单号', satisfaction: 5, writtenAt: T0 + 2 * MIN } }),
      ticket('b', { callEndedAt: T0 - 4 * MIN, summary: { problemType: '物流', solution: '告知单号', satisfaction: 5, writtenAt: T0 + 2 * MIN } }),
      ticket('c', { callEndedAt: null }),
    ]);
    expect(g).toMatchObject({ tickets: 3, ticketsFromCalls: 2, ticketsWithinLimit: 1, ticketWithinLimitRate: 0.5, summariesWithinLimit: 1, summaryWithinLimitRate: 0.5 });
  });

  it('complaint response rate: answered within the limit over complaints decided; open ones not yet due wait', () => {
    const [g] = run(
      [ticket('k', { type: 'complaint' }), ticket('b', { type: 'complaint' }), ticket('w', { type: 'complaint' })],
      [promise('k', { status: 'kept', keptAt: T0 + MIN }), promise('b', { status: 'broken', brokenAt: T0 + 60 * MIN }), promise('w', { dueAt: T0 + 600 * MIN })],
    );
    expect(g).toMatchObject({ complaints: 2, complaintsAnsweredInTime: 1, complaintResponseRate: 0.5, promisesDecided: 2, promisesKept: 1, promiseKeptRate: 0.5 });
  });

  it('first-contact resolution: a reopen or a repeat contact on the same problem within the window counts against it', () => {
    const [g] = run([
      ticket('ok', { customerId: 'c1', problemType: '物流', resolvedAt: T0 + MIN }),
      ticket('reopened', { customerId: 'c2', problemType: '计费', resolvedAt: T0 + MIN, reopenCount: 1 }),
      ticket('repeated', { customerId: 'c3', problemType: '宽带', resolvedAt: T0 + MIN }),
      ticket('again', { customerId: 'c3', problemType: '宽带', createdAt: T0 + 24 * 60 * MIN }),
      ticket('other', { customerId: 'c1', problemType: '发票', createdAt: T0 + 30 * MIN }),
    ]);
    expect(g).toMatchObject({ resolved: 3, resolvedFirstContact: 1 });
    expect(g?.firstContactResolutionRate).toBeCloseTo(1 / 3);
  });

  it('groups per agent', () => {
    const groups = run([ticket('a', { assigneeId: 'A017' }), ticket('b', { assigneeId: 'A018' }), ticket('c', { assigneeId: 'A018' })], [], 'agent');
    expect(groups.map((g) => [g.key, g.tickets])).toEqual([
      ['A017', 1],
      ['A018', 2],
    ]);
  });
});

describe('PH-RECORD vague descriptions', () => {
  it('rejects the manual\'s example in either script and accepts a specific note that quotes it', () => {
    expect(vagueDescriptionProblem('客戶說有點問題', defaultTicketSettings)).toMatch(/笼统/);
    expect(vagueDescriptionProblem('客户说有点问题。', defaultTicketSettings)).toMatch(/笼统/);
    expect(vagueDescriptionProblem('有问题', defaultTicketSettings)).not.toBeNull();
    expect(vagueDescriptionProblem('客户说有点问题：订单 A12345 退款三天未到账', defaultTicketSettings)).toBeNull();
  });
});
