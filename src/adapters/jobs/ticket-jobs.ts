import type { AppContext } from '../../app.js';
import { promiseJobQueues } from '../../core/tickets/ports.js';

/**
 * Promise timers (FU-REMIND, CP-PROMISE): a reminder before the deadline and escalation steps
 * after it. The handlers re-read the promise, so a timer for a promise kept meanwhile does nothing.
 */
export function registerTicketJobs(ctx: AppContext): void {
  ctx.jobs.handle<{ promiseId: string }>(promiseJobQueues.remind, async (job) => {
    await ctx.crm.tickets.remindPromise(job.payload.promiseId);
  });
  ctx.jobs.handle<{ promiseId: string; step: number }>(promiseJobQueues.escalate, async (job) => {
    await ctx.crm.tickets.escalatePromise(job.payload.promiseId, job.payload.step);
  });
}
