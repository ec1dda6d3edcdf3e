import { AppError } from '../shared/app-error.js';
import { settledStatuses, type TicketPromise } from './ticket.js';
import type { TicketActor } from './ticket-actor.js';
import { renegotiable } from './ticket-actions.js';
import { detailIn, loadForChange, runTicketCommand, writeHistory, type TicketContext, type TicketDetail } from './ticket-context.js';
import { trimOrNull, type PromiseInput } from './ticket-input.js';
import { makePromise } from './ticket-promises.js';
import { raiseTo } from './ticket-status.js';

/** A new reply time agreed with the customer: when (`dueAt`, or `within` on the working calendar) and what was said. */
export type RenegotiationInput = Pick<PromiseInput, 'within' | 'dueAt' | 'note'>;

/**
 * CP-PROMISE: a promise that cannot be kept (at risk) or was not (broken) is renegotiated — the
 * customer was contacted and agreed a final reply time. The agreed time becomes a new promise
 * linked to the old one, with its own reminder and escalation timers; the old one's timers stop
 * (an open one becomes `renegotiated`, a broken one stays broken); and the complaint supervisor
 * (the chain's second level) is told: a ticket still at the first level goes up to them, and
 * `promise.renegotiated` carries the ticket's team and assignee for their screens. The measures
 * count the old promise and its replacement once (`measures.ts`).
 */
export async function renegotiatePromise(ctx: TicketContext, id: string, promiseId: string, input: RenegotiationInput, actor: TicketActor): Promise<TicketDetail> {
  return runTicketCommand(ctx, actor, async (cmd) => {
    const t = await loadForChange(cmd, id);
    const { st, now, settings: s } = cmd;
    if (settledStatuses.includes(t.status)) throw AppError.conflict('工单已解决或已关闭，承诺已结清；需先重开', [{ path: 'status', message: '已解决或已关闭' }]);
    const old = await st.promises.findById(promiseId);
    if (!old || old.ticketId !== t.id) throw AppError.notFound('Promise');
    if (!renegotiable(old, now, s)) {
      const why = old.replacedById !== null ? '已重新约定过，请对新的承诺操作' : old.keptAt !== null ? '已兑现' : '还未到期，也不在即将到期的提醒时间内';
      throw AppError.conflict(`这项承诺不能重新约定：${why}`, [{ path: 'promiseId', message: why }]);
    }
    const next = await makePromise(cmd, t, { ...input, kind: old.kind }, undefined, old);
    const replaced: TicketPromise = { ...old, replacedById: next.id, ...(old.status === 'open' && { status: 'renegotiated' as const }) };
    await st.promises.update(replaced);
    await st.scheduler.cancel(`promise:${old.id}:remind`);
    await st.scheduler.cancel(`promise:${old.id}:escalate`);
    await writeHistory(cmd, t.id, {
      action: 'promise_renegotiated',
      changes: { dueAt: { from: old.dueAt, to: next.dueAt }, promise: { from: old.status, to: replaced.status } },
      note: trimOrNull(input.note),
    });
    // Reported to the complaint supervisor: the ticket goes to them if it is still with the agent.
    const supervisor = s.escalationChain[1];
    const idx = s.escalationChain.findIndex((l) => l.level === t.escalationLevel);
    if (supervisor && idx < 1) await raiseTo(cmd, t, supervisor.level, null, { promiseRenegotiated: { from: old.dueAt, to: next.dueAt } });
    cmd.events.push({ type: 'promise.renegotiated', ticketId: t.id, promiseId: next.id, replacesId: old.id, fromDueAt: old.dueAt, dueAt: next.dueAt, reportedTo: supervisor?.level ?? null, team: t.team, assigneeId: t.assigneeId });
    return detailIn(cmd, t);
  });
}
