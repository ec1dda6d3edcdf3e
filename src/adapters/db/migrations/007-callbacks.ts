import type { MigrationContext } from './index.js';

/**
 * Issue #14 (callbacks 回访): campaigns, their tasks (one per campaign, customer and ticket: the
 * unique task key makes planning twice add nothing), every attempt, and the reports
 * (客户回访报告表) as rows of their own so KPI-CB, KPI-CSAT and the export read them directly.
 */
export async function up({ db }: MigrationContext): Promise<void> {
  await db.schema
    .createTable('callback_campaigns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('selection', 'text', (c) => c.notNull())
    .addColumn('period_from', 'text', (c) => c.notNull())
    .addColumn('period_to', 'text', (c) => c.notNull())
    .addColumn('owner_team', 'text', (c) => c.notNull())
    .addColumn('script', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    // The last plan's summary (JSON), shown as the campaign's progress.
    .addColumn('last_plan', 'text')
    .execute();

  await db.schema
    .createTable('callback_tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('task_key', 'text', (c) => c.notNull().unique())
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('ticket_id', 'text')
    // The whole CallbackTarget (name, number, kind, zone, do-not-call hours, reason) as JSON.
    .addColumn('target', 'text', (c) => c.notNull())
    // The DueWindow as JSON, and its bounds as columns for the filters and the timers.
    .addColumn('due', 'text', (c) => c.notNull())
    .addColumn('due_first', 'text', (c) => c.notNull())
    .addColumn('due_starts_at', 'bigint', (c) => c.notNull())
    .addColumn('due_ends_at', 'bigint', (c) => c.notNull())
    .addColumn('agent', 'text')
    .addColumn('planned_at', 'bigint')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('close_reason', 'text')
    .addColumn('closed_at', 'bigint')
    .addColumn('attempt_count', 'integer', (c) => c.notNull().defaultTo(0))
    // FU-REMIND sent before the window closed, and the escalation once it had closed unreached.
    .addColumn('reminded_at', 'bigint')
    .addColumn('escalated_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  for (const [name, cols] of [
    ['callback_tasks_campaign', ['campaign_id', 'id']],
    ['callback_tasks_status_planned', ['status', 'planned_at']],
    ['callback_tasks_agent_status', ['agent', 'status']],
    ['callback_tasks_ticket', ['ticket_id']],
    ['callback_tasks_due', ['due_ends_at']],
  ] as const) {
    await db.schema.createIndex(name).on('callback_tasks').columns([...cols]).execute();
  }

  await db.schema
    .createTable('callback_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('task_id', 'text', (c) => c.notNull().references('callback_tasks.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('agent', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('message', 'text')
    .addColumn('report', 'text')
    .execute();
  // One attempt per position: two agents recording at once cannot both be attempt n.
  await db.schema.createIndex('callback_attempts_task_seq').on('callback_attempts').columns(['task_id', 'seq']).unique().execute();

  await db.schema
    .createTable('callback_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('task_id', 'text', (c) => c.notNull().references('callback_tasks.id').onDelete('cascade'))
    .addColumn('attempt_id', 'text', (c) => c.notNull().unique())
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('ticket_id', 'text')
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('satisfaction', 'integer', (c) => c.notNull())
    .addColumn('solved', 'integer', (c) => c.notNull())
    .addColumn('follow_up_needed', 'integer', (c) => c.notNull())
    .addColumn('agent', 'text', (c) => c.notNull())
    .addColumn('report', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('callback_reports_at').on('callback_reports').column('at').execute();
  await db.schema.createIndex('callback_reports_customer').on('callback_reports').columns(['customer_id', 'at']).execute();
}
