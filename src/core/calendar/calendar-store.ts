import type { CalendarSpec } from './calendar.js';

/** A named working calendar as the centre keeps it (e.g. `hotline` 7×24, `office` weekdays). */
export interface StoredCalendar {
  id: string;
  name: string;
  spec: CalendarSpec;
  /** The calendar used when none is named (SLA working-day deadlines). Exactly one is the default. */
  isDefault: boolean;
  updatedAt: number;
  updatedBy: string | null;
}

export interface CalendarStore {
  /** All calendars, ordered by id. */
  list(): Promise<StoredCalendar[]>;
  /** Inserts or replaces one; when it is the default, the others stop being it in the same transaction. */
  put(calendar: StoredCalendar): Promise<void>;
  /** Inserts those whose id is not stored yet (first start; harmless when two processes start at once). */
  insertMissing(calendars: readonly StoredCalendar[]): Promise<void>;
}
