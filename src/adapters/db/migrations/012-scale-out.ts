import { sql } from 'kysely';
import type { MigrationContext } from './index.js';
import { partitionByMonth } from '../partitions.js';

/**
 * Several server processes on one database (issue #20):
 * - `event_log`: every live event (call.*, ticket.*, callback.*) with a sequence id, so a stream
 *   that reconnects with `Last-Event-ID` is given what it missed and nothing twice, whichever
 *   process it reaches. `dedupe_key` makes a CTI event posted twice one event. SQLite's
 *   AUTOINCREMENT never reuses a sequence id, even after the newest rows were pruned.
 * - `login_attempts`: the sign-in rate limit counted in the database, so N processes share one
 *   allowance per address instead of N.
 * - PostgreSQL: `audit_log` and `call_source_events` become partitioned by month (db/partitions.ts),
 *   their rows moved over; SQLite keeps plain tables.
 */
export async function up({ db, dialect }: MigrationContext): Promise<void> {
  if (dialect === 'sqlite') {
    await sql`create table event_log (
      seq integer primary key autoincrement,
      type text not null,
      at bigint not null,
      payload text not null,
      customer_id text,
      dedupe_key text unique
    )`.execute(db);
  } else {
    await sql`create table event_log (
      seq bigserial primary key,
      type text not null,
      at bigint not null,
      payload text not null,
      customer_id text,
      dedupe_key text unique
    )`.execute(db);
  }
  await db.schema.createIndex('event_log_at').on('event_log').column('at').execute();
  await db.schema.createIndex('event_log_customer').on('event_log').column('customer_id').execute();

  await db.schema
    .createTable('login_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_attempts_address').on('login_attempts').columns(['address', 'at']).execute();

  // The migration's own clock: which months exist now (the daily retention run keeps 3 ahead).
  if (dialect === 'postgres') await partitionByMonth(db, Date.now());
}
