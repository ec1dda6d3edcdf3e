import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../core/shared/app-error.js';
import { parseYearData, type YearData } from '../core/calendar/holiday-data.js';
import type { HolidayStore } from '../core/calendar/holiday-store.js';

export const HOLIDAY_FILE_NAME = 'calendar-holidays.json';

interface StoredFile {
  years: YearData[];
}

/** Imported holiday years in `<dataDir>/calendar-holidays.json` (interim until the database store). */
export function fileHolidayStore(dataDir: string): HolidayStore & { readonly file: string } {
  const file = path.join(dataDir, HOLIDAY_FILE_NAME);
  return {
    file,
    async load() {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw e;
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (e) {
        throw AppError.validation(`${file} is damaged (not JSON: ${e instanceof Error ? e.message : String(e)}); fix or delete it and import again`);
      }
      const years = (parsed as Partial<StoredFile> | null)?.years;
      if (!Array.isArray(years)) throw AppError.validation(`${file} is damaged (no "years" list); fix or delete it and import again`);
      // Re-validated on load: the file is plain JSON a person may have edited.
      return years.map((y: unknown, i) => parseYearData(y, `${file} years.${i}`));
    },
    async save(years) {
      await mkdir(dataDir, { recursive: true });
      const body: StoredFile = { years };
      // Write then rename: a crash mid-write never leaves half a file behind.
      const tmp = `${file}.${process.pid}.tmp`;
      await writeFile(tmp, `${JSON.stringify(body, null, 2)}\n`, 'utf8');
      await rename(tmp, file);
    },
  };
}
