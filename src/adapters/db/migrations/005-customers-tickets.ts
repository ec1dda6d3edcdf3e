import { sql } from 'kysely';
import type { MigrationContext } from './index.js';

export async function up({ db, dialect }: MigrationContext): Promise<void> {
  await db.schema
    .createTable('customers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('company', 'text')
    .addColumn('email', 'text')
    .addColumn('category', 'text')
    .addColumn('vip', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('phones', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('contact_preferences', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('note', 'text')
    .addColumn('search_tokens', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('search_seq', 'integer', (c) => c.unique())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('customers_stage').on('customers').column('stage').execute();

  await db.schema
    .createTable('customer_phones')
    .addColumn('phone', 'text', (c) => c.primaryKey())
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('customer_phones_customer').on('customer_phones').column('customer_id').execute();

  await db.schema
    .createTable('customer_stage_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('from_stage', 'text')
    .addColumn('to_stage', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('reason', 'text')
    .execute();
  await db.schema.createIndex('customer_stage_history_customer').on('customer_stage_history').columns(['customer_id', 'at']).execute();

  await db.schema
    .createTable('tickets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('complaint_class', 'text')
    .addColumn('complaint_grade', 'text')
    .addColumn('problem_type', 'text')
    .addColumn('title', 'text')
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.references('customers.id'))
    .addColumn('customer_name', 'text', (c) => c.notNull())
    .addColumn('contact_phone', 'text')
    .addColumn('call_id', 'text')
    .addColumn('visit_id', 'text')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('assignee_id', 'text')
    .addColumn('team', 'text')
    .addColumn('escalation_level', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('call_ended_at', 'bigint')
    .addColumn('summary', 'text')
    .addColumn('summary_at', 'bigint')
    .addColumn('resolved_at', 'bigint')
    .addColumn('closed_at', 'bigint')
    .addColumn('reopen_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('paused_since', 'bigint')
    .addColumn('search_tokens', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('search_seq', 'integer', (c) => c.unique())
    .execute();
  for (const [name, cols] of [
    ['tickets_status', ['status', 'id']],
    ['tickets_customer', ['customer_id', 'created_at']],
    ['tickets_assignee', ['assignee_id', 'id']],
    ['tickets_team', ['team', 'id']],
    ['tickets_created', ['created_at']],
    ['tickets_call', ['call_id']],
    ['tickets_phone', ['contact_phone', 'created_at']],
  ] as const) {
    await db.schema.createIndex(name).on('tickets').columns([...cols]).execute();
  }

  await db.schema
    .createTable('ticket_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('changes', 'text')
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('ticket_history_ticket').on('ticket_history').columns(['ticket_id', 'id']).execute();

  await db.schema
    .createTable('ticket_promises')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('duration', 'text')
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('due_at', 'bigint', (c) => c.notNull())
    .addColumn('remind_at', 'bigint')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('kept_at', 'bigint')
    .addColumn('broken_at', 'bigint')
    .addColumn('escalation_step', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('ticket_promises_ticket').on('ticket_promises').column('ticket_id').execute();
  await db.schema.createIndex('ticket_promises_due').on('ticket_promises').columns(['status', 'due_at']).execute();

  // Full-text search over the segmented tokens. SQLite: an FTS5 table keyed by search_seq.
  // PostgreSQL: a generated tsvector built straight from the token list (array_to_tsvector), so
  // no text-search parser or locale decides what a Chinese word is; GIN-indexed.
  if (dialect === 'sqlite') {
    await sql`create virtual table ticket_fts using fts5(tokens, tokenize = 'unicode61')`.execute(db);
    await sql`create virtual table customer_fts using fts5(tokens, tokenize = 'unicode61')`.execute(db);
  } else {
    for (const table of ['tickets', 'customers']) {
      await sql`alter table ${sql.table(table)} add column search_vector tsvector generated always as (array_to_tsvector(array_remove(string_to_array(search_tokens, ' '), ''))) stored`.execute(db);
      await sql`create index ${sql.id(`${table}_search`)} on ${sql.table(table)} using gin (search_vector)`.execute(db);
    }
  }
}
