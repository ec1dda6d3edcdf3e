import type { TicketCondition } from './ticket-filter.js';
import { settledStatuses } from './ticket.js';

/**
 * Overdue, the one place it is defined: a ticket not yet settled (resolved or closed) with a promise
 * past its time and not kept. A broken promise stays overdue until it is answered.
 */
export function overdueAt(now: number): TicketCondition {
  return {
    kind: 'all',
    of: [
      { kind: 'statusNotIn', statuses: settledStatuses },
      { kind: 'unkeptPromiseDueBefore', at: now },
    ],
  };
}
