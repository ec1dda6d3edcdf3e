import { AppError, isAppError } from '../shared/app-error.js';
import { callbackJobQueues, cancelTaskTimers, scheduleTaskTimers, type CallbackContext } from './callback-context.js';
import type { StoredTask } from './ports.js';
import type { AttemptCall, AttemptOutcome } from './model.js';
import { assertReadableTask, mayWorkTask, type CallbackReader } from './task-scope.js';
import { callForAttempt, outcomeWithCall } from './link-outbound-calls.js';
import { recordAttempt, type AttemptResult } from './record-attempt.js';

export interface TaskAttemptInput {
  at?: number;
  /** Optional when the attempt is a linked call that ended unanswered (then: no answer). */
  outcome?: string;
  /** The linked call this attempt was; default: the task's newest linked call no attempt has yet. */
  callId?: string;
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
  actor: CallbackReader & { username: string },
): Promise<{ task: StoredTask; result: Omit<AttemptResult, 'task'> }> {
  const rules = await ctx.rules();
  // The linked calls' figures are read before the transaction (another store); the choice of call
  // is made again under the task's lock.
  const linked = await ctx.read.callsOfTask(taskId);
  const figures = new Map<string, AttemptCall>();
  for (const l of linked) {
    const f = await ctx.callFigures(l.callId);
    if (f) figures.set(l.callId, f);
  }
  const out = await ctx.unitOfWork(async (st) => {
    const task = await st.callbacks.findTaskForUpdate(taskId);
    if (!task) throw AppError.notFound('回访任务 / callback task');
    assertReadableTask(actor, task);
    if (!mayWorkTask(actor, task)) {
      throw AppError.forbidden('这是其他坐席的回访任务 / this callback task is assigned to another agent');
    }
    const callId = callForAttempt(await st.callbacks.callsOfTask(task.id), task.attempts, input.callId);
    const call = callId !== undefined ? (figures.get(callId) ?? (await ctx.callFigures(callId))) : undefined;
    const outcome = outcomeWithCall(input.outcome as AttemptOutcome | undefined, call);
    const now = ctx.clock.now();
    // KPI-CB judges a task by its attempts' times: a time given by the client (an attempt entered
    // after the fact) must lie between the task's creation, or its last attempt, and now; otherwise
    // a late callback could be recorded as one made inside its window.
    if (input.at !== undefined) {
      const earliest = Math.max(task.createdAt, ...task.attempts.map((a) => a.at));
      if (input.at > now || input.at < earliest) {
        throw AppError.validation('尝试时间不对 / the attempt time is out of range', [
          { path: 'at', message: '必须在任务创建（或上一次尝试）之后、现在之前 / must lie between the task’s creation (or its last attempt) and now', code: 'attempt_time' },
        ]);
      }
    }
    const { callId: _c, ...form } = input;
    const result = recordAttempt(task, { ...form, outcome, agent: actor.username }, { settings: rules.settings, windows: rules.windows, clock: ctx.clock });
    if (call) result.attempt.call = call;
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
