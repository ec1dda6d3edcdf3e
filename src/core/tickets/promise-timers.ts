import { settledStatuses, type TicketPromise } from './ticket.js';
import { systemActor } from './ticket-actor.js';
import { runTicketCommand, writeHistory, type TicketContext } from './ticket-context.js';
import { promiseJobQueues } from './ports.js';
import { lockedPromise } from './ticket-promises.js';
import { raiseTo } from './ticket-status.js';

// The job queue calls these (adapters/jobs/ticket-jobs.ts). A job runs at least once, not exactly
// once, so each is idempotent.

/** FU-REMIND: the promise is due soon and not kept: remind the owner. */
export async function remindPromise(ctx: TicketContext, promiseId: string): Promise<void> {
  await runTicketCommand(ctx, systemActor, async (cmd) => {
    const { st } = cmd;
    const p = await lockedPromise(cmd, promiseId);
    if (!p || p.status !== 'open') return;
    const t = await st.tickets.findById(p.ticketId);
    if (!t) return;
    // A worker killed after this commit runs the job again: one reminder per promise and due time.
    // A pause moves the due time on, and the reminder for the new time is a new one. The ticket is
    // locked, so two runs cannot both miss it.
    const reminder = { promiseId: p.id, dueAt: p.dueAt };
    const history = await st.history.forTicket(t.id);
    if (history.some((h) => h.action === 'promise_reminded' && JSON.stringify(h.changes?.reminder?.to) === JSON.stringify(reminder))) return;
    await writeHistory(cmd, t.id, { action: 'promise_reminded', changes: { reminder: { from: null, to: reminder } } });
    cmd.events.push({ type: 'promise.reminder', ticketId: t.id, promiseId: p.id, dueAt: p.dueAt, assigneeId: t.assigneeId, team: t.team });
  });
}

/**
 * CP-PROMISE: the promise passed its time unkept. The first run marks it broken and sends the
 * ticket to the next level; each later run (after `nextEscalationAfter`) one more, up the chain.
 */
export async function escalatePromise(ctx: TicketContext, promiseId: string, step: number): Promise<void> {
  await runTicketCommand(ctx, systemActor, async (cmd) => {
    const { st, settings: s } = cmd;
    const p = await lockedPromise(cmd, promiseId);
    // A promise replaced by a time agreed with the customer (CP-PROMISE) goes no further up.
    if (!p || p.keptAt !== null || p.replacedById !== null || p.escalationStep >= step) return;
    const t = await st.tickets.findById(p.ticketId);
    if (!t || settledStatuses.includes(t.status)) return;
    const { now } = cmd;
    // A paused clock moved the deadline on: a timer from before the pause has nothing to do.
    if (p.dueAt > now || t.pausedSince !== null) return;
    const updated: TicketPromise = { ...p, escalationStep: step };
    if (p.status === 'open') {
      updated.status = 'broken';
      updated.brokenAt = now;
      await writeHistory(cmd, t.id, { action: 'promise_broken', changes: { promise: { from: 'open', to: 'broken' }, dueAt: { from: null, to: p.dueAt } } });
      cmd.events.push({ type: 'promise.broken', ticketId: t.id, promiseId: p.id, dueAt: p.dueAt, assigneeId: t.assigneeId, team: t.team });
    }
    await st.promises.update(updated);
    const target = s.escalationChain[Math.min(step, s.escalationChain.length - 1)];
    const currentIdx = s.escalationChain.findIndex((l) => l.level === t.escalationLevel);
    if (target && s.escalationChain.indexOf(target) > currentIdx) await raiseTo(cmd, t, target.level, null, { promiseBroken: { from: null, to: p.dueAt } });
    if (step + 1 < s.escalationChain.length) {
      await st.scheduler.schedule(promiseJobQueues.escalate, { promiseId: p.id, step: step + 1 }, { runAt: ctx.deadline(now, s.nextEscalationAfter), key: `promise:${p.id}:escalate` });
    }
  });
}
