import { AppError } from '../shared/app-error.js';
import { ticketActions } from './ticket.js';
import type { TicketActor } from './ticket-actor.js';
import { detailIn, loadForChange, runTicketCommand, type TicketContext, type TicketDetail } from './ticket-context.js';
import { trimOrNull } from './ticket-input.js';
import { raiseTo } from './ticket-status.js';

/** VS-ESCALATE: one step up the escalation chain (agent → supervisor → management office). */
export async function escalateTicket(ctx: TicketContext, id: string, input: { reason?: string | null }, actor: TicketActor): Promise<TicketDetail> {
  return runTicketCommand(ctx, actor, async (cmd) => {
    const s = cmd.settings;
    const t = await loadForChange(cmd, id);
    if (!ticketActions(t.status).escalate) throw AppError.conflict(`A ${t.status} ticket cannot be escalated; reopen it first`, [{ path: 'status', message: `is ${t.status}` }]);
    const idx = s.escalationChain.findIndex((l) => l.level === t.escalationLevel);
    const next = s.escalationChain[idx + 1];
    if (!next) throw AppError.conflict(`Already at the top of the escalation chain (${s.escalationChain[idx]?.label ?? t.escalationLevel})`, [{ path: 'escalationLevel', message: 'no higher level' }]);
    await raiseTo(cmd, t, next.level, trimOrNull(input.reason));
    return detailIn(cmd, t);
  });
}
