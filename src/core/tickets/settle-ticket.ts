import type { TicketHistoryAction } from './ticket.js';
import type { TicketActor } from './ticket-actor.js';
import { detailIn, loadForChange, runTicketCommand, writeHistory, type TicketContext, type TicketDetail } from './ticket-context.js';
import { trimOrNull, type PromiseInput } from './ticket-input.js';
import { makePromise, settlePromise } from './ticket-promises.js';
import { assertTransition, changeStatus } from './ticket-status.js';

/** Resolves the ticket: the customer has the answer, so every promise still open on it is kept (or kept late). */
export async function resolveTicket(ctx: TicketContext, id: string, input: { solution?: string | null }, actor: TicketActor): Promise<TicketDetail> {
  return settle(ctx, id, 'resolved', actor, trimOrNull(input.solution));
}

export async function closeTicket(ctx: TicketContext, id: string, input: { note?: string | null }, actor: TicketActor): Promise<TicketDetail> {
  return settle(ctx, id, 'closed', actor, trimOrNull(input.note));
}

/**
 * CB-REOPEN: a callback found the problem unsolved. The history stays; the reopen count makes
 * the ticket count against first-contact resolution; a new promise may be given.
 */
export async function reopenTicket(ctx: TicketContext, id: string, input: { reason?: string | null; promise?: PromiseInput }, actor: TicketActor): Promise<TicketDetail> {
  return settle(ctx, id, 'reopened', actor, trimOrNull(input.reason), input.promise);
}

/** The three status moves that have their own action (resolve, close, reopen), each with its note in the history. */
async function settle(ctx: TicketContext, id: string, to: 'resolved' | 'closed' | 'reopened', actor: TicketActor, note: string | null, promise?: PromiseInput): Promise<TicketDetail> {
  return runTicketCommand(ctx, actor, async (cmd) => {
    const t = await loadForChange(cmd, id);
    const { st, now } = cmd;
    assertTransition(t.status, to);
    const from = t.status;
    await changeStatus(cmd, t, to);
    if (to === 'resolved') {
      t.resolvedAt = now;
      // Answering the customer keeps every promise still open on the ticket.
      for (const p of await st.promises.forTicket(id)) if (p.status === 'open') await settlePromise(cmd, t, p);
    }
    if (to === 'closed') t.closedAt = now;
    if (to === 'reopened') {
      t.reopenCount += 1;
      t.resolvedAt = null;
      t.closedAt = null;
    }
    t.updatedAt = now;
    await st.tickets.update(t);
    const action: TicketHistoryAction = to;
    await writeHistory(cmd, id, { action, changes: { status: { from, to } }, note });
    if (to === 'reopened' && promise) await makePromise(cmd, t, promise);
    if (to === 'resolved') await st.afterResolved?.(t, now);
    if (to === 'reopened') await st.afterReopened?.(t, now);
    if (to === 'resolved') cmd.events.push({ type: 'ticket.resolved', ticketId: id, team: t.team, assigneeId: t.assigneeId });
    if (to === 'reopened') cmd.events.push({ type: 'ticket.reopened', ticketId: id, team: t.team, assigneeId: t.assigneeId, reopenCount: t.reopenCount, reason: note });
    if (to === 'closed') cmd.events.push({ type: 'ticket.closed', ticketId: id });
    return detailIn(cmd, t);
  });
}
