import { AFTER_SOLVED_CAMPAIGN } from './after-solved.js';
import { cancelTaskTimers, type CallbackStores } from './callback-context.js';
import { taskKey } from './plan-campaign.js';

/**
 * CB-AFTER, the other side of the ticket hook: a ticket reopened before its after-solved callback was
 * made (the customer called back, an agent reopened it) has no solve left to confirm. The pending
 * task of that solve closes as `ticket_reopened` and its timers go, inside the reopen's transaction;
 * the next solve gets a task of its own (its key carries the reopen count). A callback that already
 * reached the customer is left as it is: it is the callback's own "not solved" that reopened it.
 * Answers whether a task was withdrawn.
 */
export async function withdrawAfterSolved(
  st: CallbackStores,
  ticket: { id: string; customerId: string | null; reopenCount: number },
  now: number,
): Promise<boolean> {
  // The reopen has already counted itself: the solve it undoes was number reopenCount - 1.
  const previous = ticket.reopenCount - 1;
  const base = taskKey(AFTER_SOLVED_CAMPAIGN, { customerId: ticket.customerId ?? `ticket:${ticket.id}`, ticketId: ticket.id });
  const task = await st.callbacks.findTaskByKey(previous > 0 ? `${base}#${previous}` : base);
  if (!task || task.status === 'closed') return false;
  await st.callbacks.updateTask({ ...task, status: 'closed', closeReason: 'ticket_reopened', closedAt: now, plannedAt: null, updatedAt: now });
  await cancelTaskTimers(st.scheduler, task.id);
  return true;
}
