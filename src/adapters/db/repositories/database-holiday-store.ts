import type { Kysely } from 'kysely';
import { parseYearData, type YearData } from '../../../core/calendar/holiday-data.js';
import type { HolidayStore, ImportedYear } from '../../../core/calendar/holiday-store.js';
import type { DB } from '../schema.js';

/** Imported official holiday years in the `holiday_years` table (the core's `HolidayStore`). */
export class DatabaseHolidayStore implements HolidayStore {
  constructor(private readonly db: Kysely<DB>) {}

  async load(): Promise<ImportedYear[]> {
    const rows = await this.db.selectFrom('holiday_years').selectAll().where('source', '=', 'imported').orderBy('year').execute();
    // Validated again on the way out: a row edited by hand must not turn into a silent wrong answer.
    return rows.map((r) => ({ data: parseYearData(JSON.parse(r.data) as unknown, `holiday_years row ${r.year}`), importedAt: r.imported_at }));
  }

  async save(years: readonly YearData[], importedAt: number): Promise<void> {
    if (years.length === 0) return;
    await this.db.transaction().execute(async (trx) => {
      for (const y of years) {
        const data = JSON.stringify({ year: y.year, papers: y.papers, days: y.days });
        await trx
          .insertInto('holiday_years')
          .values({ year: y.year, data, source: 'imported', imported_at: importedAt })
          .onConflict((oc) => oc.column('year').doUpdateSet({ data, source: 'imported', imported_at: importedAt }))
          .execute();
      }
    });
  }
}
