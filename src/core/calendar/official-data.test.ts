import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createCalendar, officeCalendarSpec } from './calendar.js';
import { officialYears } from './data/official-holidays.js';
import { parseYearDataText } from './holiday-data.js';
import { formatLocalDate, ordinalFromCivil, weekdayOfOrdinal } from './local-date.js';

const fixtureDir = fileURLToPath(new URL('../../../test/fixtures/holiday-cn/', import.meta.url));
const rawYears = [2020, 2021, 2022, 2023, 2024, 2025, 2026].map((y) => parseYearDataText(readFileSync(`${fixtureDir}${y}.json`, 'utf8'), `${y}.json`));

describe('official holiday data shipped in the product', () => {
  it('is exactly the upstream holiday-cn files for 2020–2026', () => {
    expect(officialYears).toEqual(rawYears);
  });

  it('agrees with the official data on every day of 2020–2026', () => {
    // Expected answer straight from the raw files: listed days as listed (a year's file may
    // list days of the year before), all others Monday–Friday.
    const listed = new Map<string, boolean>();
    for (const y of rawYears) for (const d of y.days) listed.set(d.date, d.isOffDay);
    const calendar = createCalendar(officeCalendarSpec('Asia/Shanghai'), officialYears);
    const wrong: string[] = [];
    let days = 0;
    let makeUp = 0;
    for (let ord = ordinalFromCivil(2020, 1, 1); ord <= ordinalFromCivil(2026, 12, 31); ord++) {
      const date = formatLocalDate(ord);
      const weekday = weekdayOfOrdinal(ord);
      const offDay = listed.get(date);
      const expected = offDay === undefined ? weekday >= 1 && weekday <= 5 : !offDay;
      if (offDay === false) makeUp++;
      const answer = calendar.isWorkday(date);
      if (answer.workday !== expected || !answer.covered) wrong.push(`${date}: expected ${expected}, got ${answer.workday} (covered ${answer.covered})`);
      days++;
    }
    expect(wrong).toEqual([]);
    expect(days).toBe(2557);
    expect(makeUp).toBe(7 + 7 + 7 + 7 + 8 + 5 + 6);
  });

  it('counts the working days of each year', () => {
    const calendar = createCalendar(officeCalendarSpec('Asia/Shanghai'), officialYears);
    const perYear = [2020, 2021, 2022, 2023, 2024, 2025, 2026].map((y) => {
      let n = 0;
      for (let ord = ordinalFromCivil(y, 1, 1); ord <= ordinalFromCivil(y, 12, 31); ord++) if (calendar.isWorkdayOrdinal(ord)) n++;
      return n;
    });
    // Counted independently from the raw files (2023: 249 and 2024: 251 are the widely published
    // figures); 2020 includes the Spring Festival extension of the second 2020 notice.
    expect(perYear).toEqual([249, 250, 249, 249, 251, 248, 248]);
  });
});
