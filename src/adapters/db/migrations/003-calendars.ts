import { sql } from 'kysely';
import type { MigrationContext } from './index.js';

export async function up({ db }: MigrationContext): Promise<void> {
  await db.schema
    .createTable('calendars')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('spec', 'text', (c) => c.notNull())
    .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();
  // At most one default calendar, whatever process writes (both databases support partial indexes).
  await db.schema.createIndex('calendars_one_default').on('calendars').column('is_default').unique().where('is_default', '=', 1).execute();

  await db.schema
    .createTable('holiday_years')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('official-shipped', 'imported')`))
    .addColumn('imported_at', 'bigint', (c) => c.notNull())
    .execute();
}
