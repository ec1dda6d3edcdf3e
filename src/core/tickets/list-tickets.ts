import type { Page } from '../customers/ports.js';
import type { TicketActor } from './ticket-actor.js';
import type { TicketContext } from './ticket-context.js';
import type { TicketCondition } from './ticket-filter.js';
import { overdueAt } from './overdue.js';
import type { ListedTicket, TicketQuery } from './ports.js';
import { ticketVisibility } from './team-privacy.js';

/**
 * Lists and searches tickets. The rules in the query (overdue) and the actor's team privacy become
 * the core's conditions, which the store applies as they are.
 */
export async function listTickets(ctx: TicketContext, q: TicketQuery, actor: TicketActor): Promise<Page<ListedTicket>> {
  const { overdueAt: overdueNow, ...rest } = q;
  const visible = ticketVisibility(actor, await ctx.settings.get());
  const where: TicketCondition[] = [...(overdueNow !== undefined ? [overdueAt(overdueNow)] : []), ...(visible ? [visible] : [])];
  return ctx.read.tickets.list({ ...rest, ...(where.length > 0 && { where }) });
}
