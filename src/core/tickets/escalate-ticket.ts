import type { TicketActor } from './ticket-actor.js';
import { escalationRefusal } from './ticket-actions.js';
import { detailIn, loadForChange, runTicketCommand, type TicketContext, type TicketDetail } from './ticket-context.js';
import { trimOrNull } from './ticket-input.js';
import { raiseTo } from './ticket-status.js';

/**
 * VS-ESCALATE: one step up the escalation chain (agent → supervisor → management office), by
 * someone who may read the ticket; an agent only from the first level (`escalationRefusal`).
 */
export async function escalateTicket(ctx: TicketContext, id: string, input: { reason?: string | null }, actor: TicketActor): Promise<TicketDetail> {
  return runTicketCommand(ctx, actor, async (cmd) => {
    const s = cmd.settings;
    const t = await loadForChange(cmd, id);
    const refused = escalationRefusal(t, cmd.actor, s);
    if (refused) throw refused;
    const next = s.escalationChain[s.escalationChain.findIndex((l) => l.level === t.escalationLevel) + 1]!;
    await raiseTo(cmd, t, next.level, trimOrNull(input.reason));
    return detailIn(cmd, t);
  });
}
