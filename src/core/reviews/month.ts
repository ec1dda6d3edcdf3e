import { AppError } from '../shared/app-error.js';
import type { TimeZone } from '../calendar/time-zone.js';

/** A calendar month `YYYY-MM`: the unit of the review sample (QA-SAMPLE: 每月抽取20%). */
export type Month = string;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function parseMonth(text: string, path = 'month'): { year: number; month: number } {
  const m = MONTH.exec(text);
  if (!m) {
    const message = `月份格式应为 YYYY-MM，例如 2026-03 / month must be YYYY-MM`;
    throw AppError.validation(message, [{ path, message, code: 'invalid_format', params: { format: 'month' } }]);
  }
  return { year: Number(m[1]), month: Number(m[2]) };
}

/** The month's instants [from, to) in the centre's zone. */
export function monthBounds(month: Month, zone: TimeZone): { from: number; to: number } {
  const { year, month: m } = parseMonth(month);
  return { from: zone.toInstant(Date.UTC(year, m - 1, 1)), to: zone.toInstant(Date.UTC(year, m, 1)) };
}

/** The week of the month an instant falls in: 0 for days 1–7, 1 for 8–14, … 4 for 29–31. */
export function weekOfMonth(instant: number, zone: TimeZone): number {
  const day = new Date(zone.toLocalMs(instant)).getUTCDate();
  return Math.floor((day - 1) / 7);
}

/** The month (`YYYY-MM`) an instant falls in, in the centre's zone. */
export function monthOf(instant: number, zone: TimeZone): Month {
  return new Date(zone.toLocalMs(instant)).toISOString().slice(0, 7);
}
