import { AppError } from './app-error.js';

/**
 * An instant as the API and the database hold it: epoch milliseconds, a whole number from
 * 1970-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z — the times a calendar can show (four-digit
 * years), so every report can turn it into a day, an hour and an ISO string, and every database
 * can store it in a bigint. `9007199254740990` or `1e308` are numbers, not times: they are
 * refused where they come in, with the field named, instead of breaking a report later.
 */
export type Instant = number;

export const MIN_INSTANT: Instant = 0;
export const MAX_INSTANT: Instant = 253_402_300_799_999;

/** What a caller is told when a value is not an instant. */
export const instantHint = 'expected ISO-8601 with an offset (2026-03-02T09:00:00+08:00) or epoch ms, between 1970 and 9999';

export function isInstant(v: unknown): v is Instant {
  return typeof v === 'number' && Number.isInteger(v) && v >= MIN_INSTANT && v <= MAX_INSTANT;
}

// A date-time must say its zone: a bare local time would silently depend on the server's.
const ISO_WITH_OFFSET = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d{1,9})?)?(Z|[+-]\d\d:?\d\d)$/;

/**
 * Epoch ms (a number, or digits) or ISO-8601 with an offset, as an instant; undefined when it is
 * not one. Fractions of a millisecond are rounded: a PBX may send seconds with decimals as ms.
 */
export function parseInstant(v: string | number): Instant | undefined {
  let n: number;
  if (typeof v === 'number') n = Math.round(v);
  else if (/^\d{1,15}$/.test(v)) n = Number(v);
  else if (ISO_WITH_OFFSET.test(v)) n = Date.parse(v);
  else return undefined;
  return isInstant(n) ? n : undefined;
}

/** The instant, or a 400 naming `path`. */
export function requireInstant(v: string | number, path: string): Instant {
  const t = parseInstant(v);
  if (t === undefined) throw AppError.validation(`${path}: ${instantHint}`, [{ path, message: instantHint }]);
  return t;
}
