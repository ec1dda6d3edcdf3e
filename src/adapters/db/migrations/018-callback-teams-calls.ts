import { sql } from 'kysely';
import type { MigrationContext } from './index.js';

/**
 * Issue #14, second round:
 * - `callback_tasks.team`: the team a task belongs to (its campaign's owner team; an after-solved
 *   callback: its ticket's team), so an agent sees and works only their team's tasks and the ones
 *   assigned to them, and a supervisor their team's (`core/callbacks/task-scope.ts`). Existing rows
 *   take their campaign's owner team, or their ticket's team.
 * - `callback_call_links`: the outbound call placed for a task (a CTI event naming the task, or
 *   dialling its customer's number), one row per call; its duration and outcome feed the attempt
 *   that names it (`callback_attempts.call`, JSON) and its transcript is judged as a callback.
 */
export async function up({ db }: MigrationContext): Promise<void> {
  await db.schema.alterTable('callback_tasks').addColumn('team', 'text').execute();
  await sql`UPDATE callback_tasks SET team = (SELECT owner_team FROM callback_campaigns WHERE callback_campaigns.id = callback_tasks.campaign_id) WHERE team IS NULL`.execute(db);
  await sql`UPDATE callback_tasks SET team = (SELECT team FROM tickets WHERE tickets.id = callback_tasks.ticket_id) WHERE team IS NULL AND ticket_id IS NOT NULL`.execute(db);
  await db.schema.createIndex('callback_tasks_team_status').on('callback_tasks').columns(['team', 'status']).execute();
  await db.schema.createIndex('callback_tasks_customer_status').on('callback_tasks').columns(['customer_id', 'status']).execute();

  await db.schema.alterTable('callback_attempts').addColumn('call', 'text').execute();

  await db.schema
    .createTable('callback_call_links')
    .addColumn('call_id', 'text', (c) => c.primaryKey())
    .addColumn('task_id', 'text', (c) => c.notNull().references('callback_tasks.id').onDelete('cascade'))
    .addColumn('external_id', 'text', (c) => c.notNull())
    // reference: the CTI event named the task; number: the agent dialled the task's customer.
    .addColumn('linked_by', 'text', (c) => c.notNull())
    .addColumn('agent', 'text')
    .addColumn('linked_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('callback_call_links_task').on('callback_call_links').columns(['task_id', 'linked_at']).execute();
}
