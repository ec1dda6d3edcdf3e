import { AppError } from '../shared/app-error.js';
import { MS_PER_DAY, MS_PER_MINUTE, daysInMonth, ordinalFromCivil, pad2, pad4, civilFromOrdinal } from './local-date.js';

/**
 * An IANA time zone without dependencies: offsets come from `Intl.DateTimeFormat`, but only while
 * precomputing a year's transitions (one formatter call per day plus a bisection per change).
 * After that an offset lookup is a comparison or two, which the deadline math needs because it
 * converts between wall time and instants for every business interval it touches.
 *
 * "Local ms" below means wall-clock time expressed as if it were UTC milliseconds, so that
 * `Math.floor(localMs / MS_PER_DAY)` is the local day ordinal.
 */
interface YearOffsets {
  /** First instant of the (UTC) year and of the next one. */
  start: number;
  end: number;
  /** Instants at which the offset changes, ascending; `offsets[i + 1]` holds from `transitions[i]`. */
  transitions: number[];
  offsets: number[];
}

export class TimeZone {
  readonly name: string;
  private readonly formatter: Intl.DateTimeFormat;
  private readonly years = new Map<number, YearOffsets>();
  private lastYear: YearOffsets | undefined;

  constructor(name: string) {
    this.name = name;
    this.formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
  }

  /** Offset from UTC in ms at an instant (positive east of Greenwich). */
  offsetAt(instant: number): number {
    let y = this.lastYear;
    if (y === undefined || instant < y.start || instant >= y.end) {
      y = this.yearOffsets(new Date(instant).getUTCFullYear());
      this.lastYear = y;
    }
    const { transitions, offsets } = y;
    let i = 0;
    while (i < transitions.length && instant >= (transitions[i] ?? Infinity)) i++;
    return offsets[i] ?? 0;
  }

  toLocalMs(instant: number): number {
    return instant + this.offsetAt(instant);
  }

  /**
   * Wall time → instant. A wall time skipped by a spring-forward gap moves forward by the gap
   * (02:30 becomes 03:30 in Berlin); a repeated one in autumn takes the earlier instant, so a
   * deadline is never pushed later than the clock on the wall says.
   */
  toInstant(localMs: number): number {
    const before = this.offsetAt(localMs - MS_PER_DAY);
    const after = this.offsetAt(localMs + MS_PER_DAY);
    const early = localMs - before;
    const earlyValid = this.offsetAt(early) === before;
    if (before === after && earlyValid) return early;
    const late = localMs - after;
    const lateValid = this.offsetAt(late) === after;
    if (earlyValid && lateValid) return Math.min(early, late);
    if (earlyValid) return early;
    if (lateValid) return late;
    return early;
  }

  private rawOffset(instant: number): number {
    const t = Math.floor(instant / 1000) * 1000;
    let year = 0;
    let month = 1;
    let day = 1;
    let hour = 0;
    let minute = 0;
    let second = 0;
    let bc = false;
    for (const part of this.formatter.formatToParts(t)) {
      switch (part.type) {
        case 'year':
          year = Number(part.value);
          break;
        case 'month':
          month = Number(part.value);
          break;
        case 'day':
          day = Number(part.value);
          break;
        case 'hour':
          hour = Number(part.value) % 24;
          break;
        case 'minute':
          minute = Number(part.value);
          break;
        case 'second':
          second = Number(part.value);
          break;
        case 'era':
          bc = part.value.startsWith('B');
          break;
        default:
          break;
      }
    }
    if (bc) year = 1 - year;
    const local = ordinalFromCivil(year, month, day) * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000;
    return local - t;
  }

  private yearOffsets(year: number): YearOffsets {
    const cached = this.years.get(year);
    if (cached) return cached;
    const start = ordinalFromCivil(year, 1, 1) * MS_PER_DAY;
    const end = ordinalFromCivil(year + 1, 1, 1) * MS_PER_DAY;
    const transitions: number[] = [];
    const offsets: number[] = [this.rawOffset(start)];
    let prevT = start;
    let prevOffset = offsets[0] ?? 0;
    // Daily samples: no zone changes its offset twice within a day, so each change between two
    // samples is a single transition, found to the second by bisection.
    for (let t = start + MS_PER_DAY; t <= end; t += MS_PER_DAY) {
      const o = this.rawOffset(t);
      if (o !== prevOffset) {
        let lo = prevT;
        let hi = t;
        while (hi - lo > 1000) {
          const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
          if (this.rawOffset(mid) === prevOffset) lo = mid;
          else hi = mid;
        }
        if (hi < end) {
          transitions.push(hi);
          offsets.push(o);
        }
        prevOffset = o;
      }
      prevT = t;
    }
    const entry: YearOffsets = { start, end, transitions, offsets };
    this.years.set(year, entry);
    return entry;
  }
}

const zones = new Map<string, TimeZone>();

/** The shared (cached) zone for an IANA name; throws VALIDATION for an unknown name. */
export function timeZone(name: string, path = 'timeZone'): TimeZone {
  const cached = zones.get(name);
  if (cached) return cached;
  let canonical: string;
  try {
    canonical = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    const message = `unknown time zone "${name}": use an IANA name such as Asia/Shanghai or Europe/Berlin`;
    throw AppError.validation(message, [{ path, message, code: 'unknown_time_zone' }]);
  }
  const zone = zones.get(canonical) ?? new TimeZone(canonical);
  zones.set(canonical, zone);
  zones.set(name, zone);
  return zone;
}

function formatOffset(offsetMs: number): string {
  const sign = offsetMs < 0 ? '-' : '+';
  const totalSeconds = Math.round(Math.abs(offsetMs) / 1000);
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  return `${sign}${pad2(h)}:${pad2(m)}${s === 0 ? '' : `:${pad2(s)}`}`;
}

/** ISO-8601 with the zone's offset at that instant, e.g. `2025-10-10T16:00:00+08:00`. */
export function formatInstant(instant: number, zone: TimeZone): string {
  const offset = zone.offsetAt(instant);
  const local = instant + offset;
  const ordinal = Math.floor(local / MS_PER_DAY);
  const msOfDay = local - ordinal * MS_PER_DAY;
  const { year, month, day } = civilFromOrdinal(ordinal);
  const h = Math.floor(msOfDay / 3_600_000);
  const mi = Math.floor((msOfDay % 3_600_000) / MS_PER_MINUTE);
  const s = Math.floor((msOfDay % MS_PER_MINUTE) / 1000);
  const ms = msOfDay % 1000;
  const fraction = ms === 0 ? '' : `.${String(ms).padStart(3, '0')}`;
  return `${pad4(year)}-${pad2(month)}-${pad2(day)}T${pad2(h)}:${pad2(mi)}:${pad2(s)}${fraction}${formatOffset(offset)}`;
}

const ISO_PATTERN = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Parses an ISO-8601 date-time strictly (no rollover). Without an offset the wall time is read in
 * `zone`, which is what a person typing `2026-03-02T09:00` means.
 */
export function parseInstant(text: string, zone: TimeZone, path = 'datetime'): number {
  const fail = (why: string): AppError => {
    const message = `invalid date-time "${text}": ${why}`;
    return AppError.validation(message, [{ path, message, code: 'invalid_format', params: { format: 'instant' } }]);
  };
  const m = ISO_PATTERN.exec(text.trim());
  if (!m) throw fail('expected ISO-8601 like 2025-09-30T16:00:00+08:00');
  const [, ys, mos, ds, hs, mis, ss, frac, offsetText] = m;
  const year = Number(ys);
  const month = Number(mos);
  const day = Number(ds);
  const hour = Number(hs);
  const minute = Number(mis);
  const second = ss === undefined ? 0 : Number(ss);
  const ms = frac === undefined ? 0 : Math.floor(Number(`0.${frac}`) * 1000);
  if (month < 1 || month > 12) throw fail(`month ${month} does not exist`);
  if (day < 1 || day > daysInMonth(year, month)) throw fail(`day ${day} does not exist in ${year}-${pad2(month)}`);
  if (hour > 23) throw fail(`hour ${hour} does not exist`);
  if (minute > 59) throw fail(`minute ${minute} does not exist`);
  if (second > 59) throw fail(`second ${second} does not exist`);
  const local = ordinalFromCivil(year, month, day) * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000 + ms;
  if (offsetText === undefined) return zone.toInstant(local);
  if (offsetText.toUpperCase() === 'Z') return local;
  const sign = offsetText.startsWith('-') ? -1 : 1;
  const digits = offsetText.slice(1).replace(':', '');
  const oh = Number(digits.slice(0, 2));
  const om = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (oh > 23 || om > 59) throw fail(`offset ${offsetText} does not exist`);
  return local - sign * (oh * 60 + om) * MS_PER_MINUTE;
}
