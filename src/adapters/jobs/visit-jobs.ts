import type { AppContext } from '../../app.js';
import { visitJobQueues } from '../../core/visits/ports.js';
import { fireVisitTimer } from '../../core/visits/visit-timers.js';
import { followLiveCall, type LiveCallChange } from '../../core/visits/follow-live-call.js';

const liveCallChanges: readonly LiveCallChange[] = ['answered', 'transfer_answered', 'unhold', 'hold', 'ended'];

/**
 * Walk-in timers: the 3-minute alert to the staff member (VS-BUSY1/2), the supervisor after it
 * goes unanswered, and a message not passed on by its promised time (VS-OWNER). Handlers re-read
 * their row and fire once.
 */
export function registerVisitJobs(ctx: AppContext): void {
  const v = ctx.visits.ctx;
  ctx.jobs.handle<{ visitId: string }>(visitJobQueues.alert, (job) => fireVisitTimer(v, 'alert', job.payload.visitId));
  ctx.jobs.handle<{ visitId: string }>(visitJobQueues.supervisor, (job) => fireVisitTimer(v, 'supervisor', job.payload.visitId));
  ctx.jobs.handle<{ messageId: string }>(visitJobQueues.messageOverdue, (job) => fireVisitTimer(v, 'message_overdue', job.payload.messageId));
  // VS-BUSY2 from the telephone: a walk-in desk on shift follows its staff member's live calls.
  for (const change of liveCallChanges) {
    ctx.events.on(`call.${change}`, async (e) => {
      if (typeof e.agent === 'string' && typeof e.callId === 'string') await followLiveCall(v, { agent: e.agent, callId: e.callId, change, at: e.at });
    });
  }
}
