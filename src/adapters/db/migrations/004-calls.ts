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
    .addColumn('started_at', 'bigint')
    .addColumn('outcome', 'text', (c) => c.notNull())
    // Measures and events nobody filters on, packed as one positional JSON array (encodeMeasures):
    // an import writes a row per call, and each bound column and byte costs (docs/benchmarks.md).
    .addColumn('measures', 'text', (c) => c.notNull())
    // queue_log calls: the call's own lines as read, minus the callid and queue the row has
    // (epoch|agent|EVENT|data…, one per line): the idempotence key, and what
    // the call is rebuilt from when a later run brings more of its lines.
    .addColumn('source_lines', 'text')
    .addColumn('transcript', 'text')
    .addColumn('quality', 'text')
    .addColumn('quality_score', 'real')
    .addColumn('quality_fatal', 'integer')
    .addColumn('failed_rules', 'text')
    .addColumn('standard_version', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  // No index on (source, external_id, queue): the id is derived from them, so every lookup is by id.
  await db.schema.createIndex('calls_started').on('calls').columns(['started_at', 'id']).execute();
  await db.schema.createIndex('calls_agent_started').on('calls').columns(['agent', 'started_at']).execute();

  // CDR legs and CTI events, one row each (queue_log lines live in calls.source_lines).
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
