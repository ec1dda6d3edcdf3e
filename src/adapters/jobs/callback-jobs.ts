import type { AppContext } from '../../app.js';
import { callbackJobQueues } from '../../core/callbacks/callback-context.js';
import { fireCallbackTimer } from '../../core/callbacks/callback-timers.js';

/**
 * Callback timers: a task comes to its agent's queue at its planned time, FU-REMIND before its
 * window closes, escalation once it has closed unreached; and the durable half of CB-REOPEN (a
 * reopen the attempt's request could not apply is applied here). Handlers re-read the task.
 */
export function registerCallbackJobs(ctx: AppContext): void {
  const timers = { clock: ctx.clock, unitOfWork: ctx.callbacks.ctx.unitOfWork, events: ctx.events, rules: ctx.callbacks.rules };
  ctx.jobs.handle<{ taskId: string }>(callbackJobQueues.due, (job) => fireCallbackTimer(timers, 'due', job.payload.taskId));
  ctx.jobs.handle<{ taskId: string }>(callbackJobQueues.remind, (job) => fireCallbackTimer(timers, 'remind', job.payload.taskId));
  ctx.jobs.handle<{ taskId: string }>(callbackJobQueues.overdue, (job) => fireCallbackTimer(timers, 'overdue', job.payload.taskId));
  ctx.jobs.handle<{ taskId: string }>(callbackJobQueues.reopen, (job) => ctx.callbacks.ctx.reopenTicket(job.payload.taskId));
}
