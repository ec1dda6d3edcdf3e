import { describe, expect, it } from 'vitest';
import type { Ticket } from './ticket.js';
import type { TicketActor } from './ticket-actor.js';
import { defaultTicketSettings } from './ticket-settings.js';
import { canReadTicket, ticketVisibility } from './team-privacy.js';

const ticket = (over: Partial<Ticket>): Ticket => ({ team: null, assigneeId: null, createdBy: null, status: 'open', id: 'tk', ...over }) as Ticket;
const priv = { ...defaultTicketSettings, teamsPrivate: true, privateTeamRoles: ['agent' as const, 'supervisor' as const] };
const agentA: TicketActor = { id: 'u1', username: 'ann', role: 'agent', team: 'A' };

describe('team privacy', () => {
  it('lets a private-team agent read unteamed tickets, their team, and what they are assigned or created', () => {
    expect(canReadTicket(ticket({ team: null }), agentA, priv)).toBe(true);
    expect(canReadTicket(ticket({ team: 'A' }), agentA, priv)).toBe(true);
    expect(canReadTicket(ticket({ team: 'B', assigneeId: 'u1' }), agentA, priv)).toBe(true);
    expect(canReadTicket(ticket({ team: 'B', createdBy: 'u1' }), agentA, priv)).toBe(true);
    expect(canReadTicket(ticket({ team: 'B' }), agentA, priv)).toBe(false);
  });

  it('limits nobody when teams are open, and never managers or the system', () => {
    expect(ticketVisibility(agentA, { ...priv, teamsPrivate: false })).toBeNull();
    expect(ticketVisibility({ ...agentA, role: 'manager' }, priv)).toBeNull();
    expect(ticketVisibility({ id: null, username: 'system', role: null, team: null }, priv)).toBeNull();
  });

  it('limits a limited role without a user id to its team and unteamed tickets (the list and the read agree)', () => {
    const anonymousAgent: TicketActor = { id: null, username: null, role: 'agent', team: 'A' };
    expect(canReadTicket(ticket({ team: 'B', assigneeId: null }), anonymousAgent, priv)).toBe(false);
    expect(canReadTicket(ticket({ team: 'A' }), anonymousAgent, priv)).toBe(true);
  });
});
