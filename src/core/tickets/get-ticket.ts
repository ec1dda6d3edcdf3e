import { AppError } from '../shared/app-error.js';
import type { TicketActor } from './ticket-actor.js';
import type { TicketContext, TicketDetail } from './ticket-context.js';
import { assertReadable } from './team-privacy.js';
import { ticketActionsFor } from './ticket-actions.js';
import { asTicketNumber } from './ticket-number.js';

/**
 * One ticket with its history, its promises and what the actor may do to it, if team privacy lets
 * them read it. `id` may be the ticket's number (GD20251009-0042), as a customer reads it out.
 */
export async function getTicket(ctx: TicketContext, id: string, actor: TicketActor): Promise<TicketDetail> {
  const number = asTicketNumber(id);
  const t = number !== null ? await ctx.read.tickets.findByNumber(number) : await ctx.read.tickets.findById(id);
  if (!t) throw AppError.notFound('Ticket');
  const settings = await ctx.settings.get();
  assertReadable(t, actor, settings);
  const [history, promises] = await Promise.all([ctx.read.history.forTicket(t.id), ctx.read.promises.forTicket(t.id)]);
  return { ticket: t, history, promises, actions: ticketActionsFor(t, promises, actor, settings, ctx.clock.now()) };
}
