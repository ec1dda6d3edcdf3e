import type { TicketActor } from './ticket-actor.js';
import { detailIn, loadForChange, runTicketCommand, writeHistory, type TicketContext, type TicketDetail } from './ticket-context.js';
import { checkAssignee } from './ticket-assignment.js';
import { trimOrNull } from './ticket-input.js';

/**
 * Gives the ticket to someone (or takes it): to oneself or a colleague of one's team; a lead to
 * anyone (`checkAssignee`). The reassignment goes to the history with who had it before.
 */
export async function assignTicket(ctx: TicketContext, id: string, input: { assigneeId: string | null; note?: string | null }, actor: TicketActor): Promise<TicketDetail> {
  return runTicketCommand(ctx, actor, async (cmd) => {
    const t = await loadForChange(cmd, id);
    const to = trimOrNull(input.assigneeId);
    if (to === t.assigneeId) return detailIn(cmd, t);
    await checkAssignee(cmd.st.people, actor, to);
    const from = t.assigneeId;
    t.assigneeId = to;
    t.updatedAt = cmd.now;
    await cmd.st.tickets.update(t);
    await writeHistory(cmd, id, { action: 'assigned', changes: { assigneeId: { from, to } }, note: trimOrNull(input.note) });
    cmd.events.push({ type: 'ticket.assigned', ticketId: id, from, to, team: t.team, assigneeId: to });
    return detailIn(cmd, t);
  });
}
