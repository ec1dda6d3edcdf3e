import type { MigrationContext } from './index.js';

export async function up({ db }: MigrationContext): Promise<void> {
  await db.schema
    .createTable('calls')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('queue', 'text', (c) => c.notNull())
    .addColumn('agent', 'text')
    .addColumn('caller', 'text')
    .addColumn('customer_id', 'text')
    .addColumn('vip', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('started_at', 'bigint')
    .addColumn('entered_queue_at', 'bigint')
    .addColumn('offered_at', 'bigint')
    .addColumn('answered_at', 'bigint')
    .addColumn('ended_at', 'bigint')
    .addColumn('wait_ms', 'bigint')
    .addColumn('ring_ms', 'bigint')
    .addColumn('talk_ms', 'bigint')
    .addColumn('hold_ms', 'bigint')
    .addColumn('missed_rings', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('missed_ring_agents', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('end_detail', 'text', (c) => c.notNull())
    .addColumn('ended_by', 'text')
    .addColumn('transferred', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('transfer_kind', 'text')
    .addColumn('transfer_to', 'text')
    .addColumn('events', 'text', (c) => c.notNull())
    .addColumn('transcript', 'text')
    .addColumn('quality', 'text')
    .addColumn('quality_score', 'real')
    .addColumn('quality_fatal', 'integer')
    .addColumn('standard_version', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('calls_source_key').on('calls').columns(['source', 'external_id', 'queue']).unique().execute();
  await db.schema.createIndex('calls_started').on('calls').columns(['started_at', 'id']).execute();
  await db.schema.createIndex('calls_agent_started').on('calls').columns(['agent', 'started_at']).execute();

  await db.schema
    .createTable('call_source_events')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('queue', 'text', (c) => c.notNull())
    .addColumn('time', 'bigint', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('agent', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('line', 'bigint', (c) => c.notNull())
    .addColumn('line_hash', 'bigint', (c) => c.notNull())
    .execute();
  // One index serves both the idempotence check and "every event of these calls" on rebuild.
  await db.schema.createIndex('call_source_events_key').on('call_source_events').columns(['source', 'external_id', 'time', 'line_hash']).unique().execute();

  await db.schema
    .createTable('import_cursors')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('head_hash', 'text', (c) => c.notNull())
    .addColumn('head_bytes', 'bigint', (c) => c.notNull())
    .addColumn('end_offset', 'bigint', (c) => c.notNull())
    .addColumn('end_line', 'bigint', (c) => c.notNull())
    .addColumn('totals', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('import_cursors_pk', ['source', 'path'])
    .execute();
}
