import type { ExpressionBuilder, Expression, SqlBool } from 'kysely';
import type { DB } from '../schema.js';
import type { TicketCondition, TicketFilterField } from '../../../core/tickets/ticket-filter.js';

const column: Record<TicketFilterField, 'tickets.team' | 'tickets.assignee_id' | 'tickets.created_by'> = {
  team: 'tickets.team',
  assigneeId: 'tickets.assignee_id',
  createdBy: 'tickets.created_by',
};

/**
 * The core's ticket condition (`core/tickets/ticket-filter.ts`) as SQL, one node for one node: the
 * rules (team privacy, overdue) are the core's, this only spells them in SQL.
 * `ticketMatches` in the core evaluates the same value in memory; the repository contract suite
 * checks the two agree on both databases.
 */
export function ticketConditionSql(eb: ExpressionBuilder<DB, 'tickets'>, c: TicketCondition): Expression<SqlBool> {
  switch (c.kind) {
    case 'all':
      return eb.and(c.of.map((x) => ticketConditionSql(eb, x)));
    case 'any':
      return eb.or(c.of.map((x) => ticketConditionSql(eb, x)));
    case 'equals':
      return c.value === null ? eb(column[c.field], 'is', null) : eb(column[c.field], '=', c.value);
    case 'statusNotIn':
      return c.statuses.length === 0 ? eb.lit(true) : eb('tickets.status', 'not in', [...c.statuses]);
    case 'unkeptPromiseDueBefore':
      return eb.exists(
        eb
          .selectFrom('ticket_promises')
          .select('ticket_promises.id')
          .whereRef('ticket_promises.ticket_id', '=', 'tickets.id')
          .where('ticket_promises.kept_at', 'is', null)
          .where('ticket_promises.replaced_by_id', 'is', null)
          .where('ticket_promises.due_at', '<', c.at),
      );
    default: {
      const never: never = c;
      throw new Error(`unknown ticket condition ${JSON.stringify(never)}`);
    }
  }
}
