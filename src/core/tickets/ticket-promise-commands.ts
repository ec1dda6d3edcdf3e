import { AppError } from '../shared/app-error.js';
import { settledStatuses } from './ticket.js';
import type { TicketActor } from './ticket-actor.js';
import { detailIn, loadForChange, runTicketCommand, type TicketContext, type TicketDetail } from './ticket-context.js';
import type { PromiseInput } from './ticket-input.js';
import { makePromise, settlePromise } from './ticket-promises.js';

/** FU-REMIND: a new promise to the customer on an unsettled ticket. */
export async function addPromise(ctx: TicketContext, id: string, input: PromiseInput, actor: TicketActor): Promise<TicketDetail> {
  return runTicketCommand(ctx, actor, async (cmd) => {
    const t = await loadForChange(cmd, id);
    if (settledStatuses.includes(t.status)) throw AppError.conflict('工单已解决或已关闭，不能再做新的承诺；需先重开');
    await makePromise(cmd, t, input);
    return detailIn(cmd, t);
  });
}

/** The customer got the promised answer (without resolving the ticket). */
export async function keepPromise(ctx: TicketContext, id: string, promiseId: string, actor: TicketActor): Promise<TicketDetail> {
  return runTicketCommand(ctx, actor, async (cmd) => {
    const t = await loadForChange(cmd, id);
    const p = await cmd.st.promises.findById(promiseId);
    if (!p || p.ticketId !== id) throw AppError.notFound('Promise');
    if (p.keptAt !== null) throw AppError.conflict('这项承诺已兑现');
    if (p.replacedById !== null) throw AppError.conflict('这项承诺已重新约定，请在新的承诺上标记兑现');
    await settlePromise(cmd, t, p);
    return detailIn(cmd, t);
  });
}
