import type { Page } from '../customers/ports.js';
import type { TicketActor } from './ticket-actor.js';
import type { TicketContext } from './ticket-context.js';
import type { TicketCondition } from './ticket-filter.js';
import { overdueAt } from './overdue.js';
import type { ListedTicket, TicketQuery } from './ports.js';
import { ticketVisibility } from './team-privacy.js';
import { asTicketNumber } from './ticket-number.js';

/**
 * Lists and searches tickets. The rules in the query (overdue) and the actor's team privacy become
 * the core's conditions, which the store applies as they are.
 */
export async function listTickets(ctx: TicketContext, q: TicketQuery, actor: TicketActor): Promise<Page<ListedTicket>> {
  const { overdueAt: overdueNow, ...query } = q;
  // A ticket number read out by a customer finds that ticket, not text that looks like it.
  const number = q.q !== undefined ? asTicketNumber(q.q) : null;
  const { q: _text, ...filters } = query;
  const rest = number !== null ? { ...filters, number } : query;
  const visible = ticketVisibility(actor, await ctx.settings.get());
  const where: TicketCondition[] = [...(overdueNow !== undefined ? [overdueAt(overdueNow)] : []), ...(visible ? [visible] : [])];
  return ctx.read.tickets.list({ ...rest, ...(where.length > 0 && { where }) });
}
