import type { Clock } from '../shared/clock.js';
import type { Random } from '../shared/random.js';
import type { Scheduler } from '../tickets/ports.js';
import type { CallbackRules } from './callback-rules.js';
import type { AttemptCall, SelectionRule } from './model.js';
import type { CallbackStore, StoredTask } from './ports.js';
import type { CandidateRow, PoolRow } from './select-targets.js';

/** Everything one callback command writes, bound to one transaction. */
export interface CallbackStores {
  callbacks: CallbackStore;
  scheduler: Scheduler;
}

/** What the stored callback use cases get: ports only, wired in `adapters/callback-services.ts`. */
export interface CallbackContext {
  clock: Clock;
  random: Random;
  /** The rules of the pack in force (built once per pack version). */
  rules(): Promise<CallbackRules>;
  /** Reads outside a transaction. */
  read: CallbackStore;
  unitOfWork<T>(fn: (st: CallbackStores) => Promise<T>): Promise<T>;
  /**
   * Customers as the selection sees them (numbers, preferences, satisfaction, tickets, last
   * contact), in batches: a preview of 100,000 customers holds one batch at a time. With `ids`,
   * those customers only, in that order (the random draw's).
   */
  candidates(rule: SelectionRule, ids?: readonly string[]): AsyncIterable<CandidateRow[]>;
  /** Every customer's id, code and category: the random draw's pool. */
  randomPool(): Promise<PoolRow[]>;
  /** The usernames of a team's agents, in a stable order: the planner spreads the tasks over them. */
  agentsOf(team: string): Promise<string[]>;
  /** The customer a phone number belongs to (an outbound call is linked to their open task). */
  customerIdByPhone(number: string): Promise<string | null>;
  /** A stored call's duration and outcome, as an attempt keeps them. */
  callFigures(callId: string): Promise<AttemptCall | undefined>;
}

export const callbackJobQueues = {
  /** The task's planned time has come: it goes to its agent's queue (event `callback.due`). */
  due: 'callbacks.due',
  /** FU-REMIND: the window closes soon and the customer is not reached yet. */
  remind: 'callbacks.remind',
  /** The window has closed unreached: escalated to the supervisor (event `callback.overdue`). */
  overdue: 'callbacks.overdue',
  /** CB-REOPEN: a report said "not solved"; the ticket is reopened (kept durable until done). */
  reopen: 'callbacks.reopen_ticket',
} as const;

/** Lead time of the FU-REMIND reminder before a window closes. */
export const REMIND_BEFORE_CLOSE_MS = 2 * 3_600_000;

/** The timers of an open task: due at its planned time, reminded before its window closes, overdue when it has. */
export async function scheduleTaskTimers(scheduler: Scheduler, tasks: readonly StoredTask[], now: number): Promise<void> {
  const jobs = [];
  for (const t of tasks) {
    if (t.status === 'closed') {
      continue;
    }
    if (t.plannedAt !== null) jobs.push({ queue: callbackJobQueues.due, payload: { taskId: t.id }, runAt: Math.max(now, t.plannedAt), key: `callback:${t.id}:due` });
    const remindAt = t.due.endsAt - REMIND_BEFORE_CLOSE_MS;
    if (remindAt > now) jobs.push({ queue: callbackJobQueues.remind, payload: { taskId: t.id }, runAt: remindAt, key: `callback:${t.id}:remind` });
    jobs.push({ queue: callbackJobQueues.overdue, payload: { taskId: t.id }, runAt: Math.max(now, t.due.endsAt), key: `callback:${t.id}:overdue` });
  }
  // A large campaign has hundreds of thousands of timers: written in statements the databases
  // accept (SQLite takes at most 32,766 parameters; a job row has 12).
  for (let i = 0; i < jobs.length; i += TIMER_CHUNK) await scheduler.scheduleAll(jobs.slice(i, i + TIMER_CHUNK));
}

const TIMER_CHUNK = 2000;

/** A closed task needs no timers. */
export async function cancelTaskTimers(scheduler: Scheduler, taskId: string): Promise<void> {
  for (const k of ['due', 'remind', 'overdue']) await scheduler.cancel(`callback:${taskId}:${k}`);
}
