import { isAppError } from '../shared/app-error.js';
import type { NumberKind } from '../standard/callback-schema.js';
import type { CallbackRules } from './callback-rules.js';
import type { CallbackInterval } from '../standard/callback-schema.js';
import type { CallbackTask } from './model.js';
import { taskKey } from './plan-campaign.js';
import { chooseNumber, solvedReason } from './select-targets.js';

/** What the ticket hook (phase 2) knows when a ticket is solved. */
export interface SolvedTicket {
  id: string;
  /** The number people read out (GD20251009-0042); the id stays internal. Null for tickets from before numbers. */
  number?: string | null;
  type: string;
  solvedAt: number;
  customerId: string;
  customerName: string;
  numbers: { number: string; kind: NumberKind; valid?: boolean }[];
  timeZone?: string | null;
  doNotCallHours?: CallbackInterval[] | null;
  /** The customer asked not to be called at all. */
  doNotCall?: boolean;
  /** How often the ticket was reopened before this solve: each solve is confirmed by its own callback (CB-REOPEN). */
  reopenCount?: number;
}

export const AFTER_SOLVED_CAMPAIGN = 'after-solved';


export type AfterSolvedDecision =
  | { kind: 'schedule'; task: CallbackTask }
  | { kind: 'skip'; reason: 'type_not_selected' | 'do_not_call' | 'no_valid_number' | 'invalid_customer_hours' | 'no_callable_time' };

/**
 * CB-AFTER: when a complaint or complex ticket (the pack's `afterSolvedTicketTypes`) is solved, a
 * callback task is due from the 1st to the 3rd working day after, first planned at the earliest
 * callable instant of its number in that window; no agent yet (the planner or a supervisor assigns
 * one). The key is deterministic per solve (the ticket and its reopen count), so a repeated hook
 * finds the same task, and a ticket solved again after a reopen gets a callback of its own.
 */
export function callbackAfterSolved(ticket: SolvedTicket, rules: CallbackRules): AfterSolvedDecision {
  if (!rules.settings.selection.afterSolvedTicketTypes.includes(ticket.type)) return { kind: 'skip', reason: 'type_not_selected' };
  if (ticket.doNotCall) return { kind: 'skip', reason: 'do_not_call' };
  const number = chooseNumber(ticket.numbers, 'home');
  if (!number) return { kind: 'skip', reason: 'no_valid_number' };
  const customer = { timeZone: ticket.timeZone ?? null, doNotCall: ticket.doNotCallHours ?? null };
  let prefs;
  try {
    prefs = rules.windows.prefs(customer);
  } catch (e) {
    if (isAppError(e)) return { kind: 'skip', reason: 'invalid_customer_hours' };
    throw e;
  }
  const due = rules.dueWindow(ticket.solvedAt);
  const plannedAt = rules.windows.next(due.startsAt, number.kind, prefs, due.endsAt);
  if (plannedAt === undefined) return { kind: 'skip', reason: 'no_callable_time' };
  const target = {
    customerId: ticket.customerId,
    customerName: ticket.customerName,
    number: number.number,
    numberKind: number.kind,
    ...customer,
    ticketId: ticket.id,
    ticketNumber: ticket.number ?? null,
    solvedAt: ticket.solvedAt,
    ...solvedReason(ticket.type, ticket.number ?? null),
  };
  return {
    kind: 'schedule',
    task: {
      // A ticket reopened by its callback and solved again is confirmed again: one task per solve.
      key: ticket.reopenCount ? `${taskKey(AFTER_SOLVED_CAMPAIGN, target)}#${ticket.reopenCount}` : taskKey(AFTER_SOLVED_CAMPAIGN, target),
      campaignId: AFTER_SOLVED_CAMPAIGN,
      target,
      due,
      agent: null,
      plannedAt,
      attempts: [],
      status: 'pending',
      closeReason: null,
      closedAt: null,
    },
  };
}
