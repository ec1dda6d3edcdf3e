import type { Kysely } from 'kysely';
import type { CalendarSpec } from '../../../core/calendar/calendar.js';
import type { CalendarStore, StoredCalendar } from '../../../core/calendar/calendar-store.js';
import type { DB } from '../schema.js';
import type { CalendarsTable } from '../tables/calendar.js';

function toRow(c: StoredCalendar): CalendarsTable {
  return { id: c.id, name: c.name, spec: JSON.stringify(c.spec), is_default: c.isDefault ? 1 : 0, updated_at: c.updatedAt, updated_by: c.updatedBy };
}

function toCalendar(r: CalendarsTable): StoredCalendar {
  return { id: r.id, name: r.name, spec: JSON.parse(r.spec) as CalendarSpec, isDefault: r.is_default === 1, updatedAt: r.updated_at, updatedBy: r.updated_by };
}

/** The centre's named working calendars (the core's `CalendarStore`). */
export class CalendarRepository implements CalendarStore {
  constructor(private readonly db: Kysely<DB>) {}

  async list(): Promise<StoredCalendar[]> {
    const rows = await this.db.selectFrom('calendars').selectAll().orderBy('id').execute();
    return rows.map(toCalendar);
  }

  async put(calendar: StoredCalendar): Promise<void> {
    const row = toRow(calendar);
    await this.db.transaction().execute(async (trx) => {
      // Clear the old default first: the partial unique index allows only one at any moment.
      if (calendar.isDefault) await trx.updateTable('calendars').set({ is_default: 0 }).where('is_default', '=', 1).where('id', '<>', calendar.id).execute();
      await trx
        .insertInto('calendars')
        .values(row)
        .onConflict((oc) => oc.column('id').doUpdateSet({ name: row.name, spec: row.spec, is_default: row.is_default, updated_at: row.updated_at, updated_by: row.updated_by }))
        .execute();
    });
  }

  async insertMissing(calendars: readonly StoredCalendar[]): Promise<void> {
    if (calendars.length === 0) return;
    await this.db
      .insertInto('calendars')
      .values(calendars.map(toRow))
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }
}
