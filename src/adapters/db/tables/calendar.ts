/** Where a stored official year came from. Only `imported` rows are written today: shipped years are read from the code. */
export type HolidayYearSource = 'official-shipped' | 'imported';

export interface CalendarsTable {
  /** e.g. `office`, `hotline`. */
  id: string;
  name: string;
  /** The core's `CalendarSpec` as JSON. */
  spec: string;
  /** 1 for the one default calendar (a partial unique index keeps it to one), else 0. */
  is_default: number;
  updated_at: number;
  updated_by: string | null;
}

export interface HolidayYearsTable {
  year: number;
  /** The holiday-cn year file as validated JSON: `{year, papers, days}`. */
  data: string;
  source: HolidayYearSource;
  imported_at: number;
}
