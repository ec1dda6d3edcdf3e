import type { MigrationContext } from './index.js';

/**
 * Issue #16 (the walk-in service centre): visits with their queue number of the day (unique per
 * day, so two receptions cannot give out one number), each staff member's desk (on shift, free,
 * serving, on the phone, out), messages for absent colleagues (tasks with a deadline), and the
 * supervisors' observation cards.
 */
export async function up({ db }: MigrationContext): Promise<void> {
  await db.schema
    .createTable('visits')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('for_staff', 'text')
    .addColumn('served_by', 'text')
    .addColumn('urgent', 'integer', (c) => c.notNull())
    .addColumn('customer_id', 'text')
    .addColumn('ticket_id', 'text')
    .addColumn('arrived_at', 'bigint', (c) => c.notNull())
    .addColumn('called_at', 'bigint')
    .addColumn('finished_at', 'bigint')
    // Visitor, purpose, the held call, the alerts, the escalation level and the history, as JSON.
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('visits_day_number').on('visits').columns(['day', 'number']).unique().execute();
  await db.schema.createIndex('visits_status_arrived').on('visits').columns(['status', 'arrived_at']).execute();

  await db.schema
    .createTable('visit_desks')
    .addColumn('username', 'text', (c) => c.primaryKey())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('on_shift', 'integer', (c) => c.notNull())
    .addColumn('visit_id', 'text')
    .addColumn('since', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('visit_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('visit_id', 'text')
    .addColumn('for_staff', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('urgent', 'integer', (c) => c.notNull())
    .addColumn('deadline', 'bigint', (c) => c.notNull())
    .addColumn('taken_at', 'bigint', (c) => c.notNull())
    .addColumn('passed_on_at', 'bigint')
    .addColumn('escalated_at', 'bigint')
    // Surname, contact, content, who took it.
    .addColumn('data', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('visit_messages_for_status').on('visit_messages').columns(['for_staff', 'status', 'deadline']).execute();

  await db.schema
    .createTable('visit_cards')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('staff', 'text', (c) => c.notNull())
    .addColumn('visit_id', 'text')
    .addColumn('shift_day', 'text')
    .addColumn('scored_by', 'text', (c) => c.notNull())
    .addColumn('scored_at', 'bigint', (c) => c.notNull())
    .addColumn('scores', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('visit_cards_staff').on('visit_cards').columns(['staff', 'scored_at']).execute();
}
