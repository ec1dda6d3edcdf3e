import type { YearData } from './holiday-data.js';

/**
 * Where imported official years live. The CLI uses a JSON file for now; the server will keep them
 * in the database, so callers only see this port.
 */
export interface HolidayStore {
  /** Imported years (not the shipped ones), already validated. */
  load(): Promise<YearData[]>;
  /** Replaces the stored set as a whole, so a failed save leaves the previous set intact. */
  save(years: YearData[]): Promise<void>;
}
