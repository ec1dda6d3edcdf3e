import type { DomainEventPublisher } from '../tickets/ports.js';
import type { Clock } from '../shared/clock.js';
import { callbackJobQueues, type CallbackStores } from './callback-context.js';
import type { CallbackRules } from './callback-rules.js';
import type { StoredTask } from './ports.js';

export const callbackTimerKinds = ['due', 'remind', 'overdue'] as const;
export type CallbackTimerKind = (typeof callbackTimerKinds)[number];

export interface CallbackTimerContext {
  clock: Clock;
  /** The rules in force: a task is not offered outside its customer's calling hours. */
  rules?: () => Promise<CallbackRules>;
  unitOfWork<T>(fn: (st: CallbackStores) => Promise<T>): Promise<T>;
  events: DomainEventPublisher;
}

/**
 * A task's timer fired. `due`: its planned time has come, so it shows in its agent's queue now
 * (event `callback.due`). `remind` (FU-REMIND): its window closes soon and the customer is not
 * reached; recorded once. `overdue`: the window closed unreached; the task is escalated to the
 * supervisors once (like a broken promise), and stays open: a late callback still counts as late.
 * Each re-reads the task under its lock, so a timer for a task closed meanwhile does nothing.
 */
export async function fireCallbackTimer(ctx: CallbackTimerContext, kind: CallbackTimerKind, taskId: string): Promise<void> {
  const rules = kind === 'due' && ctx.rules ? await ctx.rules() : undefined;
  const event = await ctx.unitOfWork(async (st) => {
    const task = await st.callbacks.findTaskForUpdate(taskId);
    if (!task || task.status === 'closed') return null;
    const now = ctx.clock.now();
    const base = { taskId: task.id, agent: task.agent, campaignId: task.campaignId, ticketId: task.target.ticketId ?? null, dueLast: task.due.last };
    switch (kind) {
      case 'due': {
        // CB-WINDOW: never offered outside the customer's calling hours in their own zone (a timer
        // that ran late, or hours changed since planning): it comes back at the next callable instant.
        if (rules) {
          let prefs;
          try {
            prefs = rules.windows.prefs(task.target);
          } catch {
            prefs = undefined;
          }
          if (prefs && !rules.windows.check(now, task.target.numberKind, prefs).callable) {
            const next = rules.windows.next(now, task.target.numberKind, prefs);
            if (next !== undefined) {
              await st.scheduler.schedule(callbackJobQueues.due, { taskId: task.id }, { runAt: next, key: `callback:${task.id}:due` });
              return null;
            }
          }
        }
        return { type: 'callback.due', ...base, plannedAt: task.plannedAt };
      }
      case 'remind': {
        if (task.remindedAt) return null;
        const updated: StoredTask = { ...task, remindedAt: now, updatedAt: now };
        await st.callbacks.updateTask(updated);
        return { type: 'callback.remind', requirement: 'FU-REMIND', ...base, closesAt: task.due.endsAt };
      }
      case 'overdue': {
        if (task.escalatedAt || now < task.due.endsAt) return null;
        const updated: StoredTask = { ...task, escalatedAt: now, updatedAt: now };
        await st.callbacks.updateTask(updated);
        return { type: 'callback.overdue', ...base, escalatedTo: 'supervisor' };
      }
      default: {
        const never: never = kind;
        throw new Error(`unknown callback timer ${String(never)}`);
      }
    }
  });
  if (event) await ctx.events.publish({ ...event, at: ctx.clock.now() });
}
