import type { Ticket, TicketPromise, TicketStatus } from './ticket.js';

/**
 * A condition on tickets, as data. A rule that selects tickets (team privacy, overdue) is written
 * once in the core as a `TicketCondition`; the repository translates it to SQL mechanically
 * (`adapters/db/repositories/ticket-filter-sql.ts`) and `ticketMatches` evaluates the same value in
 * memory, so a list and a single read can never disagree on the rule (a contract test checks that
 * both give the same answer on both databases).
 */
export type TicketCondition =
  | { kind: 'all'; of: readonly TicketCondition[] }
  | { kind: 'any'; of: readonly TicketCondition[] }
  /** `value: null` means the field is empty (SQL `IS NULL`). */
  | { kind: 'equals'; field: TicketFilterField; value: string | null }
  | { kind: 'statusNotIn'; statuses: readonly TicketStatus[] }
  /** The ticket has a promise not kept, and not replaced by a new agreed time, whose due time is before `at`. */
  | { kind: 'unkeptPromiseDueBefore'; at: number };

export const ticketFilterFields = ['team', 'assigneeId', 'createdBy'] as const;
export type TicketFilterField = (typeof ticketFilterFields)[number];

/**
 * Whether the ticket meets the condition. `promises` are the ticket's own; a condition on promises
 * with none given is evaluated as if the ticket had none.
 */
export function ticketMatches(c: TicketCondition, t: Ticket, promises: readonly TicketPromise[] = []): boolean {
  switch (c.kind) {
    case 'all':
      return c.of.every((x) => ticketMatches(x, t, promises));
    case 'any':
      return c.of.some((x) => ticketMatches(x, t, promises));
    case 'equals':
      return t[c.field] === c.value;
    case 'statusNotIn':
      return !c.statuses.includes(t.status);
    case 'unkeptPromiseDueBefore':
      return promises.some((p) => p.ticketId === t.id && p.keptAt === null && p.replacedById === null && p.dueAt < c.at);
    default: {
      const never: never = c;
      throw new Error(`unknown ticket condition ${JSON.stringify(never)}`);
    }
  }
}
