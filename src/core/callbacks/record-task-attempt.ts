import { AppError, isAppError } from '../shared/app-error.js';
import { callbackJobQueues, cancelTaskTimers, scheduleTaskTimers, type CallbackContext } from './callback-context.js';
import type { StoredTask } from './ports.js';
import { recordAttempt, type AttemptResult } from './record-attempt.js';

export interface TaskAttemptInput {
  at?: number;
  outcome: string;
  note?: string;
  message?: unknown;
  report?: unknown;
}

/** Applies a ticket reopen a report asked for (CB-REOPEN); idempotent, also run by the durable job. */
export type ReopenTicketPort = (taskId: string) => Promise<void>;

/**
 * An agent's attempt on a task: the core's state machine (forms checked field by field, retry
 * planned inside the window, close with its reason), stored with the task in one transaction with
 * its timers. A report saying "not solved" schedules the ticket's reopen in the same transaction
 * (durable: it cannot be lost) and applies it at once after the commit.
 */
export async function recordTaskAttempt(
  ctx: CallbackContext & { reopenTicket: ReopenTicketPort },
  taskId: string,
  input: TaskAttemptInput,
  actor: { username: string; maySeeAll: boolean },
): Promise<{ task: StoredTask; result: Omit<AttemptResult, 'task'> }> {
  const rules = await ctx.rules();
  const out = await ctx.unitOfWork(async (st) => {
    const task = await st.callbacks.findTaskForUpdate(taskId);
    if (!task) throw AppError.notFound('回访任务 / callback task');
    if (!actor.maySeeAll && task.agent !== null && task.agent !== actor.username) {
      throw AppError.forbidden('这是其他坐席的回访任务 / this callback task is assigned to another agent');
    }
    const now = ctx.clock.now();
    // KPI-CB judges a task by its attempts' times: a time given by the client (an attempt entered
    // after the fact) must lie between the task's creation, or its last attempt, and now; otherwise
    // a late callback could be recorded as one made inside its window.
    if (input.at !== undefined) {
      const earliest = Math.max(task.createdAt, ...task.attempts.map((a) => a.at));
      if (input.at > now || input.at < earliest) {
        throw AppError.validation('尝试时间不对 / the attempt time is out of range', [
          { path: 'at', message: '必须在任务创建（或上一次尝试）之后、现在之前 / must lie between the task’s creation (or its last attempt) and now' },
        ]);
      }
    }
    const result = recordAttempt(task, { ...input, outcome: input.outcome as never, agent: actor.username }, { settings: rules.settings, windows: rules.windows, clock: ctx.clock });
    const updated: StoredTask = { ...task, ...result.task, agent: task.agent ?? actor.username, updatedAt: now };
    await st.callbacks.appendAttempt(task, result.attempt);
    await st.callbacks.updateTask(updated);
    if (updated.status === 'closed') await cancelTaskTimers(st.scheduler, task.id);
    else await scheduleTaskTimers(st.scheduler, [updated], now);
    if (result.reopen?.ticketId) {
      await st.scheduler.schedule(callbackJobQueues.reopen, { taskId: task.id }, { runAt: now, key: `callback:${task.id}:reopen` });
    }
    return { task: updated, result };
  });
  if (out.result.reopen?.ticketId) {
    // The durable job scheduled above is the back-stop: if it won the race and reopened the ticket
    // first, the attempt is still recorded and the agent must not see a 409 for it.
    try {
      await ctx.reopenTicket(out.task.id);
    } catch (e) {
      if (!(isAppError(e) && e.code === 'CONFLICT')) throw e;
    }
  }
  const { task: _t, ...result } = out.result;
  return { task: out.task, result };
}
