import { AppError } from '../shared/app-error.js';

/**
 * Calendar dates as day ordinals: whole days since 1970-01-01 (a Thursday). Ordinals make "the
 * next working day" an integer search instead of Date arithmetic, which is both faster and free
 * of the host time zone.
 */
export const MS_PER_DAY = 86_400_000;
export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;

/** 0 = Sunday … 6 = Saturday (the same numbering as `Date#getUTCDay`). */
export type WeekdayNumber = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  switch (month) {
    case 2:
      return isLeapYear(year) ? 29 : 28;
    case 4:
    case 6:
    case 9:
    case 11:
      return 30;
    default:
      return 31;
  }
}

// Howard Hinnant's days_from_civil / civil_from_days: exact for the proleptic Gregorian calendar.
export function ordinalFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromOrdinal(ordinal: number): CivilDate {
  const z = ordinal + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function yearOfOrdinal(ordinal: number): number {
  return civilFromOrdinal(ordinal).year;
}

export function weekdayOfOrdinal(ordinal: number): WeekdayNumber {
  return ((((ordinal + 4) % 7) + 7) % 7) as WeekdayNumber;
}

export function firstOrdinalOfYear(year: number): number {
  return ordinalFromCivil(year, 1, 1);
}

function invalidDate(text: string, why: string, path: string): AppError {
  const message = `invalid date "${text}": ${why}`;
  return AppError.validation(message, [{ path, message, code: 'invalid_date' }]);
}

function digit(text: string, i: number): number {
  const c = text.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

/**
 * Parses `YYYY-MM-DD` strictly (no rollover: `2026-02-30` is an error, not 2 March) into a day
 * ordinal. Hand-rolled rather than a regex because the working-day benchmark parses millions.
 */
export function parseLocalDate(text: string, path = 'date'): number {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) {
    throw invalidDate(text, 'expected a date as YYYY-MM-DD', path);
  }
  const y0 = digit(text, 0);
  const y1 = digit(text, 1);
  const y2 = digit(text, 2);
  const y3 = digit(text, 3);
  const m0 = digit(text, 5);
  const m1 = digit(text, 6);
  const d0 = digit(text, 8);
  const d1 = digit(text, 9);
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0) throw invalidDate(text, 'expected a date as YYYY-MM-DD', path);
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  if (month < 1 || month > 12) throw invalidDate(text, `month ${month} does not exist (months are 01–12)`, path);
  const last = daysInMonth(year, month);
  if (day < 1 || day > last) {
    throw invalidDate(text, `day ${day} does not exist in ${MONTH_NAMES[month - 1] ?? ''} ${year} (${last} days)`, path);
  }
  return ordinalFromCivil(year, month, day);
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

function pad4(n: number): string {
  if (n >= 1000) return `${n}`;
  return `${n}`.padStart(4, '0');
}

export function formatLocalDate(ordinal: number): string {
  const { year, month, day } = civilFromOrdinal(ordinal);
  return `${pad4(year)}-${pad2(month)}-${pad2(day)}`;
}

export { pad2, pad4 };
