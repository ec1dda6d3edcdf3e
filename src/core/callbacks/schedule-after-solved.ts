import type { Ticket } from '../tickets/ticket.js';
import type { Customer } from '../customers/customer.js';
import { newId } from '../shared/ids.js';
import type { Random } from '../shared/random.js';
import { scheduleTaskTimers, type CallbackStores } from './callback-context.js';
import type { CallbackRules } from './callback-rules.js';
import { callbackAfterSolved, type AfterSolvedDecision } from './after-solved.js';
import type { NumberKind } from '../standard/callback-schema.js';

/** A customer's phones as callback numbers: work numbers follow office hours, every other kind is personal (home). */
export function callbackNumbers(customer: Pick<Customer, 'phones'> | undefined, fallback: string | null): { number: string; kind: NumberKind }[] {
  const numbers = (customer?.phones ?? []).map((p) => ({ number: p.number, kind: (p.kind === 'work' ? 'work' : 'home') as NumberKind }));
  if (numbers.length === 0 && fallback) numbers.push({ number: fallback, kind: 'home' });
  return numbers;
}

/**
 * CB-AFTER, the ticket hook: runs inside the resolve's transaction, so a solved complaint or
 * complex ticket and its callback task commit together (neither can be lost). Each solve has its
 * own task key (the ticket's reopen count is in it): a repeated hook adds nothing, a solve after a
 * reopen is confirmed by a new callback.
 */
export async function scheduleCallbackAfterSolved(
  st: CallbackStores,
  env: { rules: CallbackRules; random: Random },
  ticket: Ticket,
  customer: Customer | undefined,
  now: number,
): Promise<AfterSolvedDecision> {
  const decision = callbackAfterSolved(
    {
      id: ticket.id,
      number: ticket.number,
      type: ticket.type,
      solvedAt: now,
      customerId: ticket.customerId ?? `ticket:${ticket.id}`,
      customerName: customer?.name ?? ticket.customerName,
      numbers: callbackNumbers(customer, ticket.contactPhone),
      doNotCallHours: customer?.contactPreferences.doNotCall ?? null,
      timeZone: customer?.contactPreferences.timeZone ?? null,
      doNotCall: customer ? !customer.contactPreferences.consentToCallbacks : false,
      reopenCount: ticket.reopenCount,
    },
    env.rules,
  );
  if (decision.kind !== 'schedule') return decision;
  // The ticket's team works its callback (task scoping); a ticket without a team leaves the task to all.
  const task = { ...decision.task, id: newId(env.random, now, 'cb_'), team: ticket.team ?? null, createdAt: now, updatedAt: now };
  if (customer?.code) task.target = { ...task.target, customerCode: customer.code };
  if ((await st.callbacks.insertTasks([task])).length === 1) await scheduleTaskTimers(st.scheduler, [task], now);
  return decision;
}
