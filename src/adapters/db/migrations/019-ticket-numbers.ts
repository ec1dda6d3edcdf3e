import type { MigrationContext } from './index.js';

/**
 * Tickets a team can run (issue #21):
 * - `tickets.number`, the number a customer is told on the phone (GD20251009-0042), unique; the day's
 *   sequence comes from `ticket_number_days` (one row per prefix and day, bumped with an upsert
 *   inside the creating transaction, so parallel creates on either database get distinct numbers).
 *   Tickets stored before this migration are numbered once at start-up, in the centre's zone
 *   (`db/ticket-number-backfill.ts`: the zone is configuration, which a migration does not see).
 * - `ticket_promises.replaces_id` / `replaced_by_id`: a renegotiated promise (CP-PROMISE) and the
 *   new time agreed with the customer, linked both ways.
 */
export async function up({ db }: MigrationContext): Promise<void> {
  await db.schema.alterTable('tickets').addColumn('number', 'text').execute();
  await db.schema.createIndex('tickets_number').on('tickets').column('number').unique().execute();
  await db.schema
    .createTable('ticket_number_days')
    .addColumn('day_key', 'text', (c) => c.primaryKey())
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('ticket_promises').addColumn('replaces_id', 'text').execute();
  await db.schema.alterTable('ticket_promises').addColumn('replaced_by_id', 'text').execute();
}
