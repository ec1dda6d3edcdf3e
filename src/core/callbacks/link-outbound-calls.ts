import { AppError } from '../shared/app-error.js';
import type { CallbackContext } from './callback-context.js';
import type { AttemptCall, AttemptOutcome, CallbackAttempt } from './model.js';
import type { CallLink, StoredTask } from './ports.js';

/** An outbound call as the CTI told it (`core/calls` `OutboundCall`). */
export interface PlacedCall {
  id: string;
  externalId: string;
  agent: string | null;
  number: string | null;
  reference: string | null;
  at: number;
}

/**
 * Of a customer's open tasks, the one an outbound call by this agent was placed for: the agent's
 * own task first, else one not yet given to anyone; among those, the one planned nearest the call.
 * A colleague's task is never taken (the colleague is calling their own customer another time).
 */
export function taskForCall(tasks: readonly Pick<StoredTask, 'id' | 'agent' | 'plannedAt' | 'status'>[], call: Pick<PlacedCall, 'agent' | 'at'>): string | undefined {
  const open = tasks.filter((t) => t.status !== 'closed');
  const distance = (t: Pick<StoredTask, 'plannedAt'>) => Math.abs((t.plannedAt ?? call.at) - call.at);
  const nearest = (list: typeof open) => [...list].sort((a, b) => distance(a) - distance(b) || (a.id < b.id ? -1 : 1))[0]?.id;
  if (call.agent !== null) {
    const own = nearest(open.filter((t) => t.agent === call.agent));
    if (own) return own;
  }
  return nearest(open.filter((t) => t.agent === null));
}

/**
 * The outbound calls of a CTI request linked to their callback tasks: by our reference (the task id
 * the dialler passed on), else by the number dialled (the customer's open task, `taskForCall`).
 * Linking twice keeps the first link. A call that fits no task stays an ordinary call.
 */
export async function linkOutboundCalls(
  ctx: Pick<CallbackContext, 'read' | 'unitOfWork' | 'clock' | 'customerIdByPhone'>,
  calls: readonly PlacedCall[],
): Promise<CallLink[]> {
  const links: CallLink[] = [];
  for (const call of calls) {
    if (await ctx.read.taskOfCall(call.id)) continue;
    let taskId: string | undefined;
    let linkedBy: CallLink['linkedBy'] = 'reference';
    if (call.reference !== null) taskId = (await ctx.read.findTask(call.reference))?.id;
    if (taskId === undefined && call.number !== null) {
      linkedBy = 'number';
      const customerId = (await ctx.customerIdByPhone(call.number)) ?? `phone:${call.number}`;
      taskId = taskForCall(await ctx.read.openTasksOfCustomer(customerId), call);
    }
    if (taskId === undefined) continue;
    const link: CallLink = { callId: call.id, taskId, externalId: call.externalId, linkedBy, agent: call.agent, linkedAt: ctx.clock.now() };
    if (await ctx.unitOfWork((st) => st.callbacks.linkCall(link))) links.push(link);
  }
  return links;
}

/**
 * The call an attempt was: the one the agent names, else the task's newest linked call no attempt
 * has yet. Errors name `callId`.
 */
export function callForAttempt(links: readonly CallLink[], attempts: readonly CallbackAttempt[], named: string | undefined): string | undefined {
  const used = new Set(attempts.map((a) => a.call?.id).filter((id): id is string => id !== undefined));
  if (named !== undefined) {
    if (!links.some((l) => l.callId === named)) {
      const message = '这通电话不是为这个回访任务拨打的 / this call was not placed for this callback task';
      throw AppError.validation(message, [{ path: 'callId', message, code: 'call_not_linked' }]);
    }
    if (used.has(named)) {
      const message = '这通电话已经记录过一次回访尝试 / an attempt already records this call';
      throw AppError.conflict(message, [{ path: 'callId', message, code: 'call_already_recorded' }]);
    }
    return named;
  }
  return [...links].reverse().find((l) => !used.has(l.callId))?.callId;
}

/**
 * The call's outcome feeds the attempt: an attempt without an outcome takes "no answer" from a call
 * the customer never answered; "reached" on a call that ended unanswered is refused (the report
 * would be made up). Errors name `outcome`.
 */
export function outcomeWithCall(outcome: AttemptOutcome | undefined, call: AttemptCall | undefined): AttemptOutcome {
  const ended = call !== undefined && call.endedBy !== null;
  if (outcome === undefined) {
    if (call && ended && !call.answered) return 'no_answer';
    const message = call ? '通话已接通或尚未结束，请选择回访结果 / the call was answered or is not over: choose the outcome' : '请选择回访结果 / outcome is required';
    throw AppError.validation(message, [{ path: 'outcome', message, code: 'required' }]);
  }
  if (outcome === 'reached' && call && ended && !call.answered) {
    const message = '这通电话没有接通，不能记为“已联系上” / the call was never answered, so the customer was not reached';
    throw AppError.validation(message, [{ path: 'outcome', message, code: 'call_not_answered' }]);
  }
  return outcome;
}
