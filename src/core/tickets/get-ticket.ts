import { AppError } from '../shared/app-error.js';
import type { TicketActor } from './ticket-actor.js';
import type { TicketContext, TicketDetail } from './ticket-context.js';
import { assertReadable } from './team-privacy.js';

/** One ticket with its history and promises, if team privacy lets the actor read it. */
export async function getTicket(ctx: TicketContext, id: string, actor: TicketActor): Promise<TicketDetail> {
  const t = await ctx.read.tickets.findById(id);
  if (!t) throw AppError.notFound('Ticket');
  assertReadable(t, actor, await ctx.settings.get());
  const [history, promises] = await Promise.all([ctx.read.history.forTicket(id), ctx.read.promises.forTicket(id)]);
  return { ticket: t, history, promises };
}
