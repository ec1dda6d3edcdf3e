import { formatLocalDate, MS_PER_DAY, parseLocalDate } from '../calendar/local-date.js';
import type { TimeZone } from '../calendar/time-zone.js';

/** The centre's calendar date (`YYYY-MM-DD`) at an instant: bulletins and reviews go by the day on the wall. */
export function localDateOf(instant: number, zone: TimeZone): string {
  return formatLocalDate(Math.floor(zone.toLocalMs(instant) / MS_PER_DAY));
}

/** The first instant of a centre's date. */
export function startOfLocalDate(date: string, zone: TimeZone): number {
  return zone.toInstant(parseLocalDate(date) * MS_PER_DAY);
}
