import { describe, expect, it } from 'vitest';
import type { Ticket, TicketPromise } from './ticket.js';
import type { TicketActor } from './ticket-actor.js';
import { defaultTicketSettings as s } from './ticket-settings.js';
import { escalationRefusal, renegotiable, ticketActionsFor } from './ticket-actions.js';
import { promiseOutcomes } from './measures.js';
import { asTicketNumber, formatTicketNumber } from './ticket-number.js';

const T0 = Date.parse('2025-10-09T10:00:00+08:00');
const H = 3600_000;
const agent: TicketActor = { id: 'u1', username: 'zhou', role: 'agent', team: 'east' };
const lead: TicketActor = { id: 'u9', username: 'chen', role: 'supervisor', team: 'east' };
const ticket = (over: Partial<Ticket> = {}) => ({ id: 'tk_1', status: 'open', escalationLevel: 'agent', ...over }) as Ticket;
const promise = (over: Partial<TicketPromise>): TicketPromise => ({
  id: 'p1', ticketId: 'tk_1', kind: 'reply', duration: null, startedAt: T0, dueAt: T0 + 4 * H, remindAt: null, status: 'open', keptAt: null, brokenAt: null,
  escalationStep: 0, createdAt: T0, createdBy: null, note: null, replacesId: null, replacedById: null, ...over,
});

describe('escalation rights (VS-ESCALATE)', () => {
  it('an agent goes one level up, a lead further; the top and a settled ticket refuse, in Chinese', () => {
    expect(escalationRefusal(ticket(), agent, s)).toBeNull();
    expect(escalationRefusal(ticket({ escalationLevel: 'supervisor' }), agent, s)?.code).toBe('FORBIDDEN');
    expect(escalationRefusal(ticket({ escalationLevel: 'supervisor' }), lead, s)).toBeNull();
    expect(escalationRefusal(ticket({ escalationLevel: 'management_office' }), lead, s)?.message).toBe('工单已在最高一级（管理办公室），不能再升级');
    expect(escalationRefusal(ticket({ status: 'resolved' }), lead, s)?.code).toBe('CONFLICT');
    expect(ticketActionsFor(ticket({ escalationLevel: 'management_office' }), [], lead, s, T0).escalate).toBe(false);
  });
});

describe('renegotiating a promise (CP-PROMISE)', () => {
  it('is offered for a broken promise or one due within the reminder lead time, never twice', () => {
    expect(renegotiable(promise({}), T0, s)).toBe(false);
    expect(renegotiable(promise({}), T0 + 2 * H, s)).toBe(true);
    expect(renegotiable(promise({ status: 'broken', brokenAt: T0 + 4 * H }), T0 + 5 * H, s)).toBe(true);
    expect(renegotiable(promise({ status: 'broken', replacedById: 'p2' }), T0 + 5 * H, s)).toBe(false);
    expect(renegotiable(promise({ status: 'kept', keptAt: T0 }), T0 + 3 * H, s)).toBe(false);
  });

  it('counts a promise and its renegotiated times once: broken if any was broken, else as the last one ended', () => {
    const atRiskThenKept = [promise({ status: 'renegotiated', replacedById: 'p2' }), promise({ id: 'p2', replacesId: 'p1', status: 'kept', keptAt: T0 + 5 * H, dueAt: T0 + 24 * H })];
    expect(promiseOutcomes(atRiskThenKept, T0 + 30 * H).map((o) => [o.first.id, o.decided, o.kept])).toEqual([['p1', true, true]]);
    const brokenThenKept = [promise({ status: 'broken', replacedById: 'p2' }), promise({ id: 'p2', replacesId: 'p1', status: 'kept', keptAt: T0 + 5 * H })];
    expect(promiseOutcomes(brokenThenKept, T0 + 30 * H).map((o) => [o.decided, o.kept])).toEqual([[true, false]]);
    const stillRunning = [promise({ status: 'renegotiated', replacedById: 'p2' }), promise({ id: 'p2', replacesId: 'p1', dueAt: T0 + 48 * H })];
    expect(promiseOutcomes(stillRunning, T0 + 30 * H).map((o) => o.decided)).toEqual([false]);
  });
});

describe('ticket numbers', () => {
  it('are written GD20251009-0042 and read back however a customer says them', () => {
    expect(formatTicketNumber('GD20251009', 42)).toBe('GD20251009-0042');
    expect(formatTicketNumber('GD20251009', 10_000)).toBe('GD20251009-10000');
    expect(asTicketNumber(' gd20251009-42 ')).toBe('GD20251009-0042');
    expect(asTicketNumber('账单 20251009')).toBeNull();
  });
});
