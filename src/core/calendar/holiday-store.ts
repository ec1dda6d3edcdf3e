import type { YearData } from './holiday-data.js';

/** An imported official year as stored, with when it was imported. */
export interface ImportedYear {
  data: YearData;
  importedAt: number;
}

/**
 * Where imported official years live (the database); the years shipped with Kefu are in the code
 * and never stored, so a release that corrects them takes effect without a migration.
 */
export interface HolidayStore {
  /** Imported years, validated, ascending by year. */
  load(): Promise<ImportedYear[]>;
  /**
   * Stores the years in one transaction, each replacing a stored year with the same number and
   * leaving other stored years alone: a failure stores none of them, and two imports of different
   * years at once cannot drop each other's year.
   */
  save(years: readonly YearData[], importedAt: number): Promise<void>;
}
