import { AppError } from '../shared/app-error.js';
import type { Ticket } from './ticket.js';
import type { TicketActor } from './ticket-actor.js';
import { ticketMatches, type TicketCondition } from './ticket-filter.js';
import type { TicketSettings } from './ticket-settings.js';

/**
 * Team privacy, the one place it is decided. With teams private, an actor whose role is limited
 * (`privateTeamRoles`) sees tickets without a team, of their own team, and those assigned to or
 * created by them. Returns `null` when the actor sees every ticket. A list applies the condition in
 * SQL; a single read checks it with `canReadTicket`: the same value either way.
 */
export function ticketVisibility(actor: TicketActor, s: TicketSettings): TicketCondition | null {
  const limited = s.teamsPrivate && actor.role !== null && (s.privateTeamRoles as readonly string[]).includes(actor.role);
  if (!limited) return null;
  return {
    kind: 'any',
    of: [
      { kind: 'equals', field: 'team', value: null },
      ...(actor.team !== null ? [{ kind: 'equals', field: 'team', value: actor.team } as const] : []),
      ...(actor.id !== null
        ? ([
            { kind: 'equals', field: 'assigneeId', value: actor.id },
            { kind: 'equals', field: 'createdBy', value: actor.id },
          ] as const)
        : []),
    ],
  };
}

/** Team privacy: whether the actor may read this ticket. */
export function canReadTicket(t: Ticket, actor: TicketActor, s: TicketSettings): boolean {
  const visible = ticketVisibility(actor, s);
  return visible === null || ticketMatches(visible, t);
}

export function assertReadable(t: Ticket, actor: TicketActor, s: TicketSettings): void {
  if (!canReadTicket(t, actor, s)) throw AppError.forbidden('This ticket belongs to another team (teams are private)');
}
