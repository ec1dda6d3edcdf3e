import { AppError, type FieldError } from '../shared/app-error.js';
import { fieldErrorOf, outOfRange } from '../shared/field-error-of.js';
import { parseDuration, type Duration } from './duration.js';
import type { YearData } from './holiday-data.js';
import {
  MS_PER_DAY,
  MS_PER_HOUR,
  MS_PER_MINUTE,
  civilFromOrdinal,
  firstOrdinalOfYear,
  formatLocalDate,
  parseLocalDate,
  weekdayOfOrdinal,
  yearOfOrdinal,
} from './local-date.js';
import { formatInstant, parseInstant, timeZone, type TimeZone } from './time-zone.js';

export const weekdayNames = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
export type WeekdayName = (typeof weekdayNames)[number];

/** Local wall-clock interval `HH:MM`–`HH:MM`; `end` may be `24:00` (until midnight). */
export interface HoursInterval {
  start: string;
  end: string;
}

/** Business hours per weekday (a missing or empty weekday is closed), or round the clock. */
export type WeeklyHours = '24x7' | Partial<Record<WeekdayName, HoursInterval[]>>;

export type CalendarOverride =
  | { date: string; kind: 'day-off'; name?: string }
  /** An extra working day; without `hours` it gets the calendar's make-up day hours. */
  | { date: string; kind: 'working-day'; hours?: HoursInterval[]; name?: string };

export interface CalendarSpec {
  /** IANA zone, e.g. Asia/Shanghai. All dates and business hours are local to it. */
  timeZone: string;
  weeklyHours: WeeklyHours;
  /** Hours on official make-up working days (调休上班); default: Monday's hours. */
  makeUpDayHours?: HoursInterval[];
  /** Follow the official public holidays and make-up days (default true). A 7×24 hotline may not. */
  observeOfficialHolidays?: boolean;
  /** The centre's own exceptions; they win over the official data. */
  overrides?: CalendarOverride[];
}

/** Whether every day an answer depended on lies in a year with loaded official data. */
export interface Coverage {
  covered: boolean;
  /** Years the answer touched that have no official data (treated as plain weekly hours). */
  uncoveredYears: number[];
}

export interface WorkdayAnswer extends Coverage {
  date: string;
  workday: boolean;
  /** Name of the holiday, make-up day or override that decided, when one did. */
  name?: string;
}

/** How a day of the year view looks: the kind that decided it, its name and its business hours. */
export const dayKinds = ['workday', 'weekend', 'holiday', 'makeup-workday'] as const;
export type DayKind = (typeof dayKinds)[number];

export interface DayDescription extends Coverage {
  date: string;
  workday: boolean;
  /** `holiday` also covers the centre's own days off; `makeup-workday` its extra working days on closed weekdays. */
  kind: DayKind;
  name?: string;
  /** Business hours of the day, local wall time; empty on a closed day. */
  hours: HoursInterval[];
  decidedBy: 'weekly-hours' | 'official' | 'override';
}

export interface DateAnswer extends Coverage {
  date: string;
}

export interface InstantAnswer extends Coverage {
  /** Epoch ms. */
  at: number;
  /** ISO-8601 with the calendar zone's offset. */
  iso: string;
}

export interface DurationAnswer extends Coverage {
  ms: number;
}

/** A daily calling window, e.g. CB-WINDOW: never before 08:00 or after 22:00. */
export interface CallingWindow {
  start: string;
  /** May be earlier than `start` for a window across midnight. */
  end: string;
  days?: 'every-day' | 'working-days';
}

export const defaultTimeZone = 'Asia/Shanghai';

/** CB-WINDOW: calls to a home number only between 08:00 and 22:00. */
export const homeCallingWindow: CallingWindow = { start: '08:00', end: '22:00', days: 'every-day' };

const OFFICE_DAY: HoursInterval[] = [
  { start: '09:00', end: '12:00' },
  { start: '13:00', end: '18:00' },
];

/** A back office: Monday–Friday 09:00–12:00 and 13:00–18:00, official holidays observed. */
export function officeCalendarSpec(zone = defaultTimeZone): CalendarSpec {
  return {
    timeZone: zone,
    weeklyHours: { monday: OFFICE_DAY, tuesday: OFFICE_DAY, wednesday: OFFICE_DAY, thursday: OFFICE_DAY, friday: OFFICE_DAY },
    observeOfficialHolidays: true,
  };
}

/** A hotline open 7×24, holidays included. */
export function roundTheClockCalendarSpec(zone = defaultTimeZone): CalendarSpec {
  return { timeZone: zone, weeklyHours: '24x7', observeOfficialHolidays: false };
}

interface OfficialEntry {
  offDay: boolean;
  name: string;
}

interface OverrideEntry {
  /** Minute pairs [start, end, start, end, …]; empty = day off. */
  hours: number[];
  name: string | undefined;
}

/** Precomputed per local calendar year: the answer to "which days work, and how long". */
interface YearIndex {
  year: number;
  first: number;
  days: number;
  workFlags: Uint8Array;
  /** Ascending ordinals of the working days: addWorkdays is a binary search plus an offset. */
  workOrdinals: Int32Array;
  /** businessPrefix[i] = business ms in the year's first i days (DST-exact). */
  businessPrefix: Float64Array;
}

const MAX_WORKDAYS = 100_000;
/** Years in a row without a single working day before we decide the calendar never opens. */
const MAX_EMPTY_YEARS = 8;

const TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;

function parseTimeOfDay(text: unknown, allowMidnightEnd: boolean): number | undefined {
  if (typeof text !== 'string') return undefined;
  if (allowMidnightEnd && text === '24:00') return 1440;
  const m = TIME_PATTERN.exec(text);
  if (!m) return undefined;
  return Number(m[1]) * 60 + Number(m[2]);
}

function compileHours(intervals: unknown, path: string, problems: FieldError[]): number[] {
  if (!Array.isArray(intervals)) {
    problems.push({ path, message: 'expected a list of {"start": "HH:MM", "end": "HH:MM"}', code: 'invalid_type', params: { expected: 'array' } });
    return [];
  }
  const pairs: [number, number][] = [];
  intervals.forEach((iv: unknown, i) => {
    const p = `${path}.${i}`;
    const rec = typeof iv === 'object' && iv !== null ? (iv as Record<string, unknown>) : {};
    const start = parseTimeOfDay(rec.start, false);
    const end = parseTimeOfDay(rec.end, true);
    if (start === undefined) problems.push({ path: `${p}.start`, message: `invalid time ${JSON.stringify(rec.start)}: expected HH:MM (00:00–23:59)`, code: 'invalid_time' });
    if (end === undefined) problems.push({ path: `${p}.end`, message: `invalid time ${JSON.stringify(rec.end)}: expected HH:MM (00:01–24:00)`, code: 'invalid_time' });
    if (start === undefined || end === undefined) return;
    if (end <= start) {
      problems.push({ path: p, message: `ends (${String(rec.end)}) before it starts (${String(rec.start)})`, code: 'ends_before_start', params: { start: String(rec.start) } });
      return;
    }
    pairs.push([start, end]);
  });
  pairs.sort((a, b) => a[0] - b[0]);
  const flat: number[] = [];
  for (let i = 0; i < pairs.length; i++) {
    const [s, e] = pairs[i] ?? [0, 0];
    const prevEnd = flat[flat.length - 1];
    if (prevEnd !== undefined && s < prevEnd) {
      problems.push({ path, message: 'intervals overlap', code: 'overlaps', params: { with: `${formatMinutes(flat[flat.length - 2] ?? 0)}–${formatMinutes(prevEnd)}` } });
      return [];
    }
    // Touching intervals (12:00–12:00) merge, so a day is a clean list of disjoint spans.
    if (prevEnd !== undefined && s === prevEnd) flat[flat.length - 1] = e;
    else flat.push(s, e);
  }
  return flat;
}

function upperBound(sorted: Int32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? 0) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function invalidCount(n: number, path: string): AppError {
  const message = `invalid number of working days ${JSON.stringify(n)}: expected a whole number from 0 to ${MAX_WORKDAYS}`;
  return AppError.validation(message, [{ path, message, ...outOfRange(n, 0, MAX_WORKDAYS) }]);
}

function neverOpen(): AppError {
  return AppError.validation(`the calendar has no working days for ${MAX_EMPTY_YEARS} years in a row; check its business hours`);
}

/**
 * A working calendar: a time zone, weekly business hours, official holidays and make-up days, and
 * the centre's own overrides. Immutable after creation; per-year indexes are built lazily and kept.
 */
export class WorkingCalendar {
  readonly spec: CalendarSpec;
  readonly zone: TimeZone;
  /** Years with official data loaded, ascending. */
  readonly coveredYears: readonly number[];
  readonly observesOfficialHolidays: boolean;

  private readonly weekly: number[][];
  private readonly makeUpHours: number[];
  private readonly official = new Map<number, OfficialEntry>();
  private readonly overrides = new Map<number, OverrideEntry>();
  private readonly covered: Set<number>;
  /** Consecutive covered years as day-ordinal ranges [start, end). */
  private readonly coveredRuns: [number, number][] = [];
  private readonly indexes = new Map<number, YearIndex>();
  private lastIndex: YearIndex | undefined;

  constructor(spec: CalendarSpec, officialYears: readonly YearData[]) {
    const problems: FieldError[] = [];
    this.zone = timeZone(spec.timeZone, 'timeZone');
    this.spec = spec;
    this.observesOfficialHolidays = spec.observeOfficialHolidays ?? true;

    if (spec.weeklyHours === '24x7') {
      this.weekly = weekdayNames.map(() => [0, 1440]);
    } else if (typeof spec.weeklyHours === 'object' && spec.weeklyHours !== null) {
      const weekly = spec.weeklyHours;
      for (const key of Object.keys(weekly)) {
        if (!(weekdayNames as readonly string[]).includes(key)) {
          problems.push({ path: `weeklyHours.${key}`, message: `unknown weekday (use ${weekdayNames.join(', ')})`, code: 'one_of', params: { values: weekdayNames.join(', ') } });
        }
      }
      this.weekly = weekdayNames.map((day) => compileHours(weekly[day] ?? [], `weeklyHours.${day}`, problems));
    } else {
      problems.push({ path: 'weeklyHours', message: 'expected "24x7" or hours per weekday', code: 'invalid_type', params: { expected: 'object' } });
      this.weekly = weekdayNames.map(() => []);
    }
    if (spec.makeUpDayHours !== undefined) {
      this.makeUpHours = compileHours(spec.makeUpDayHours, 'makeUpDayHours', problems);
    } else {
      // Monday first: a make-up Saturday is worked "as a normal weekday".
      const order = [1, 2, 3, 4, 5, 6, 0];
      this.makeUpHours = order.map((d) => this.weekly[d] ?? []).find((h) => h.length > 0) ?? [];
    }
    (spec.overrides ?? []).forEach((o, i) => {
      const path = `overrides.${i}`;
      let ordinal: number;
      try {
        ordinal = parseLocalDate(String(o.date), `${path}.date`);
      } catch (e) {
        problems.push(fieldErrorOf(e, `${path}.date`));
        return;
      }
      if (this.overrides.has(ordinal)) problems.push({ path: `${path}.date`, message: `${o.date} has two overrides`, code: 'duplicate' });
      switch (o.kind) {
        case 'day-off':
          this.overrides.set(ordinal, { hours: [], name: o.name });
          break;
        case 'working-day': {
          const hours = o.hours === undefined ? this.makeUpHours : compileHours(o.hours, `${path}.hours`, problems);
          if (hours.length === 0) problems.push({ path, message: 'a working day needs business hours', code: 'no_business_hours' });
          this.overrides.set(ordinal, { hours, name: o.name });
          break;
        }
        default: {
          const kind: never = o;
          problems.push({ path: `${path}.kind`, message: `unknown override kind ${JSON.stringify((kind as { kind: unknown }).kind)} (use day-off or working-day)`, code: 'one_of', params: { values: 'day-off, working-day' } });
        }
      }
    });
    if (problems.length > 0) {
      throw AppError.validation(`invalid calendar: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, problems);
    }

    const sorted = [...officialYears].sort((a, b) => a.year - b.year);
    for (const y of sorted) {
      for (const d of y.days) this.official.set(parseLocalDate(d.date), { offDay: d.isOffDay, name: d.name });
    }
    this.covered = new Set(sorted.map((y) => y.year));
    this.coveredYears = [...this.covered].sort((a, b) => a - b);
    for (const year of this.coveredYears) {
      const run = this.coveredRuns[this.coveredRuns.length - 1];
      if (run && run[1] === firstOrdinalOfYear(year)) run[1] = firstOrdinalOfYear(year + 1);
      else this.coveredRuns.push([firstOrdinalOfYear(year), firstOrdinalOfYear(year + 1)]);
    }
  }

  // ---- dates -------------------------------------------------------------------------------

  isWorkday(date: string): WorkdayAnswer {
    const ordinal = parseLocalDate(date);
    const answer: WorkdayAnswer = { date, workday: this.isWorkdayOrdinal(ordinal), ...this.coverage(ordinal, ordinal) };
    const name = this.overrides.get(ordinal)?.name ?? (this.observesOfficialHolidays ? this.official.get(ordinal)?.name : undefined);
    if (name !== undefined) answer.name = name;
    return answer;
  }

  /** The n-th working day after `date` (the date itself not counted); n = 0 gives the date back. */
  addWorkdays(date: string, n: number): DateAnswer {
    if (!Number.isInteger(n) || n < 0 || n > MAX_WORKDAYS) throw invalidCount(n, 'n');
    const from = parseLocalDate(date);
    const to = this.addWorkdaysOrdinal(from, n);
    return { date: formatLocalDate(to), ...this.coverage(from, to) };
  }

  /** One day as a person reads it in a year view: kind, name and hours (e.g. 2026-02-14 makeup-workday 春节). */
  describeDay(date: string): DayDescription {
    return this.describeOrdinal(parseLocalDate(date));
  }

  /** Every day of a local calendar year, in order. */
  describeYear(year: number): DayDescription[] {
    if (!Number.isInteger(year) || year < 1900 || year > 2999) {
      const message = `invalid year ${JSON.stringify(year)}: expected a whole year from 1900 to 2999`;
      throw AppError.validation(message, [{ path: 'year', message, ...outOfRange(year, 1900, 2999) }]);
    }
    const first = firstOrdinalOfYear(year);
    const out: DayDescription[] = [];
    for (let d = first; d < firstOrdinalOfYear(year + 1); d++) out.push(this.describeOrdinal(d));
    return out;
  }

  private describeOrdinal(ordinal: number): DayDescription {
    const weekly = this.weekly[weekdayOfOrdinal(ordinal)] ?? [];
    const override = this.overrides.get(ordinal);
    const official = this.observesOfficialHolidays ? this.official.get(ordinal) : undefined;
    const hours = this.hoursOf(ordinal);
    let kind: DayKind;
    let decidedBy: DayDescription['decidedBy'];
    let name: string | undefined;
    if (override) {
      decidedBy = 'override';
      name = override.name;
      kind = hours.length === 0 ? 'holiday' : weekly.length > 0 ? 'workday' : 'makeup-workday';
    } else if (official) {
      decidedBy = 'official';
      name = official.name;
      kind = official.offDay ? 'holiday' : 'makeup-workday';
    } else {
      decidedBy = 'weekly-hours';
      kind = hours.length > 0 ? 'workday' : 'weekend';
    }
    const day: DayDescription = {
      date: formatLocalDate(ordinal),
      workday: hours.length > 0,
      kind,
      hours: minutePairsToIntervals(hours),
      decidedBy,
      ...this.coverage(ordinal, ordinal),
    };
    if (name !== undefined) day.name = name;
    return day;
  }

  isWorkdayOrdinal(ordinal: number): boolean {
    const idx = this.indexAt(ordinal);
    return idx.workFlags[ordinal - idx.first] === 1;
  }

  addWorkdaysOrdinal(ordinal: number, n: number): number {
    if (n === 0) return ordinal;
    let idx = this.indexAt(ordinal);
    let pos = upperBound(idx.workOrdinals, ordinal);
    let remaining = n;
    let emptyYears = 0;
    for (;;) {
      const available = idx.workOrdinals.length - pos;
      if (remaining <= available) return idx.workOrdinals[pos + remaining - 1] ?? ordinal;
      remaining -= available;
      emptyYears = idx.workOrdinals.length === 0 ? emptyYears + 1 : 0;
      if (emptyYears > MAX_EMPTY_YEARS) throw neverOpen();
      idx = this.yearIndex(idx.year + 1);
      pos = 0;
    }
  }

  // ---- instants ----------------------------------------------------------------------------

  /** Parses ISO-8601; without an offset the wall time is read in this calendar's zone. */
  parseInstant(text: string, path = 'datetime'): number {
    return parseInstant(text, this.zone, path);
  }

  formatInstant(at: number): string {
    return formatInstant(at, this.zone);
  }

  /** The local day ordinal an instant falls on in this calendar's zone. */
  localOrdinal(at: number): number {
    return Math.floor(this.zone.toLocalMs(at) / MS_PER_DAY);
  }

  /**
   * A deadline from a typed duration: `h` elapsed clock hours; `wd` the same wall-clock time on the
   * n-th working day after; `bh` business hours counted inside the calendar's hours.
   */
  deadline(start: number, duration: Duration | string): InstantAnswer {
    const d = typeof duration === 'string' ? parseDuration(duration) : duration;
    if (!(d.amount >= 0)) {
      const message = `invalid duration amount ${d.amount}: must not be negative`;
      throw AppError.validation(message, [{ path: 'duration', message, code: 'too_small', params: { minimum: 0 } }]);
    }
    switch (d.unit) {
      case 'h': {
        const at = start + Math.round(d.amount * MS_PER_HOUR);
        return { at, iso: this.formatInstant(at), covered: true, uncoveredYears: [] };
      }
      case 'wd': {
        if (!Number.isInteger(d.amount) || d.amount > MAX_WORKDAYS) throw invalidCount(d.amount, 'duration');
        const local = this.zone.toLocalMs(start);
        const from = Math.floor(local / MS_PER_DAY);
        const timeOfDay = local - from * MS_PER_DAY;
        const to = this.addWorkdaysOrdinal(from, d.amount);
        const at = this.zone.toInstant(to * MS_PER_DAY + timeOfDay);
        return { at, iso: this.formatInstant(at), ...this.coverage(from, to) };
      }
      case 'bh':
        return this.addBusinessDuration(start, Math.round(d.amount * MS_PER_HOUR));
      default: {
        const unit: never = d.unit;
        throw AppError.validation(`unknown duration unit ${String(unit)}`);
      }
    }
  }

  /** The instant when `ms` of business time have passed after `start`. */
  addBusinessDuration(start: number, ms: number): InstantAnswer {
    if (!Number.isFinite(ms) || ms < 0) {
      const message = `invalid business duration ${ms} ms: must be a finite number ≥ 0`;
      throw AppError.validation(message, [{ path: 'ms', message, code: 'too_small', params: { minimum: 0 } }]);
    }
    const from = this.localOrdinal(start);
    const at = ms === 0 ? start : this.addBusinessMs(from, start, ms);
    return { at, iso: this.formatInstant(at), ...this.coverage(from, this.localOrdinal(at)) };
  }

  /** Business time between two instants (negative when `to` is before `from`). */
  businessTimeBetween(from: number, to: number): DurationAnswer {
    if (to < from) {
      const reverse = this.businessTimeBetween(to, from);
      return { ...reverse, ms: -reverse.ms };
    }
    const a = this.localOrdinal(from);
    const b = this.localOrdinal(to);
    let ms: number;
    if (a === b) {
      ms = overlap(this.dayIntervals(a), from, to);
    } else {
      ms = overlap(this.dayIntervals(a), from, Infinity) + this.businessMsOfDays(a + 1, b) + overlap(this.dayIntervals(b), -Infinity, to);
    }
    return { ms, ...this.coverage(a, b) };
  }

  /** `at` itself when inside business hours, else the start of the next business interval. */
  nextOpenInstant(at: number): InstantAnswer {
    const from = this.localOrdinal(at);
    let day = from;
    let found: number | undefined;
    for (let tries = 0; found === undefined; tries++) {
      const iv = this.dayIntervals(day);
      for (let i = 0; i < iv.length; i += 2) {
        const e = iv[i + 1] ?? 0;
        if (at < e) {
          found = Math.max(at, iv[i] ?? 0);
          break;
        }
      }
      // A working day whose hours all fall into a DST gap has no intervals: try the next one.
      if (tries > 366 * MAX_EMPTY_YEARS) throw neverOpen();
      day = this.addWorkdaysOrdinal(day, 1);
    }
    return { at: found, iso: this.formatInstant(found), ...this.coverage(from, this.localOrdinal(found)) };
  }

  /** Whether an instant's local wall time lies inside a daily window (e.g. 08:00–22:00). */
  isInsideWindow(at: number, window: CallingWindow): boolean {
    const w = compileWindow(window);
    const local = this.zone.toLocalMs(at);
    const day = Math.floor(local / MS_PER_DAY);
    const t = local - day * MS_PER_DAY;
    if (w.workingDaysOnly && !this.isWorkdayOrdinal(day)) return false;
    return w.start < w.end ? t >= w.start && t < w.end : t >= w.start || t < w.end;
  }

  /** The first instant at or after `at` inside the window (for scheduling a callback). */
  nextInsideWindow(at: number, window: CallingWindow): InstantAnswer {
    if (this.isInsideWindow(at, window)) return { at, iso: this.formatInstant(at), ...this.coverage(this.localOrdinal(at), this.localOrdinal(at)) };
    const w = compileWindow(window);
    const from = this.localOrdinal(at);
    let day = w.workingDaysOnly && !this.isWorkdayOrdinal(from) ? this.addWorkdaysOrdinal(from, 1) : from;
    for (let tries = 0; tries < 400; tries++) {
      const opening = this.zone.toInstant(day * MS_PER_DAY + w.start);
      if (opening >= at) return { at: opening, iso: this.formatInstant(opening), ...this.coverage(from, day) };
      day = w.workingDaysOnly ? this.addWorkdaysOrdinal(day, 1) : day + 1;
    }
    throw neverOpen();
  }

  /** Whether official data covers every year in [fromOrdinal, toOrdinal]. */
  coverage(fromOrdinal: number, toOrdinal: number): Coverage {
    if (!this.observesOfficialHolidays) return { covered: true, uncoveredYears: [] };
    // Fast path for the hot loop: both ends inside one run of consecutive covered years.
    for (const [start, end] of this.coveredRuns) {
      if (fromOrdinal >= start && fromOrdinal < end && toOrdinal >= start && toOrdinal < end) return { covered: true, uncoveredYears: [] };
    }
    const y1 = yearOfOrdinal(Math.min(fromOrdinal, toOrdinal));
    const y2 = y1 === yearOfOrdinal(Math.max(fromOrdinal, toOrdinal)) ? y1 : yearOfOrdinal(Math.max(fromOrdinal, toOrdinal));
    let missing: number[] | undefined;
    for (let y = y1; y <= y2; y++) {
      if (!this.covered.has(y)) (missing ??= []).push(y);
    }
    return missing === undefined ? { covered: true, uncoveredYears: [] } : { covered: false, uncoveredYears: missing };
  }

  // ---- internals ---------------------------------------------------------------------------

  /** Business hours of a local day as minute pairs: override, then official data, then weekday. */
  private hoursOf(ordinal: number): number[] {
    const override = this.overrides.get(ordinal);
    if (override) return override.hours;
    if (this.observesOfficialHolidays) {
      const official = this.official.get(ordinal);
      if (official) return official.offDay ? [] : this.makeUpHours;
    }
    return this.weekly[weekdayOfOrdinal(ordinal)] ?? [];
  }

  /** Business intervals of a local day as instants [start, end, …], DST-exact. */
  private dayIntervals(ordinal: number): number[] {
    const hours = this.hoursOf(ordinal);
    const base = ordinal * MS_PER_DAY;
    const out: number[] = [];
    for (let i = 0; i < hours.length; i += 2) {
      const s = this.zone.toInstant(base + (hours[i] ?? 0) * MS_PER_MINUTE);
      const e = this.zone.toInstant(base + (hours[i + 1] ?? 0) * MS_PER_MINUTE);
      if (e > s) out.push(s, e);
    }
    return out;
  }

  private indexAt(ordinal: number): YearIndex {
    const last = this.lastIndex;
    if (last !== undefined && ordinal >= last.first && ordinal < last.first + last.days) return last;
    const idx = this.yearIndex(civilFromOrdinal(ordinal).year);
    this.lastIndex = idx;
    return idx;
  }

  private yearIndex(year: number): YearIndex {
    const cached = this.indexes.get(year);
    if (cached) return cached;
    const first = firstOrdinalOfYear(year);
    const days = firstOrdinalOfYear(year + 1) - first;
    const workFlags = new Uint8Array(days);
    const businessPrefix = new Float64Array(days + 1);
    const work: number[] = [];
    for (let i = 0; i < days; i++) {
      const ordinal = first + i;
      let business = 0;
      if (this.hoursOf(ordinal).length > 0) {
        workFlags[i] = 1;
        work.push(ordinal);
        const iv = this.dayIntervals(ordinal);
        for (let j = 0; j < iv.length; j += 2) business += (iv[j + 1] ?? 0) - (iv[j] ?? 0);
      }
      businessPrefix[i + 1] = (businessPrefix[i] ?? 0) + business;
    }
    const idx: YearIndex = { year, first, days, workFlags, workOrdinals: Int32Array.from(work), businessPrefix };
    this.indexes.set(year, idx);
    return idx;
  }

  /** Business ms in whole local days [fromOrdinal, toOrdinal). */
  private businessMsOfDays(fromOrdinal: number, toOrdinal: number): number {
    let total = 0;
    let d = fromOrdinal;
    while (d < toOrdinal) {
      const idx = this.yearIndex(yearOfOrdinal(d));
      const end = Math.min(toOrdinal, idx.first + idx.days);
      total += (idx.businessPrefix[end - idx.first] ?? 0) - (idx.businessPrefix[d - idx.first] ?? 0);
      d = end;
    }
    return total;
  }

  private addBusinessMs(fromOrdinal: number, start: number, ms: number): number {
    let remaining = ms;
    const first = this.dayIntervals(fromOrdinal);
    for (let i = 0; i < first.length; i += 2) {
      const s = Math.max(first[i] ?? 0, start);
      const e = first[i + 1] ?? 0;
      if (e <= s) continue;
      if (remaining <= e - s) return s + remaining;
      remaining -= e - s;
    }
    let day = fromOrdinal + 1;
    let emptyYears = 0;
    for (;;) {
      const idx = this.yearIndex(yearOfOrdinal(day));
      const offset = day - idx.first;
      const prefix = idx.businessPrefix;
      const base = prefix[offset] ?? 0;
      const total = (prefix[idx.days] ?? 0) - base;
      if (remaining > total) {
        remaining -= total;
        emptyYears = total === 0 ? emptyYears + 1 : 0;
        if (emptyYears > MAX_EMPTY_YEARS) throw neverOpen();
        day = idx.first + idx.days;
        continue;
      }
      // Smallest k with prefix[k] - base ≥ remaining: the deadline falls on day first + k - 1.
      let lo = offset + 1;
      let hi = idx.days;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((prefix[mid] ?? 0) - base >= remaining) hi = mid;
        else lo = mid + 1;
      }
      remaining -= (prefix[lo - 1] ?? 0) - base;
      const iv = this.dayIntervals(idx.first + lo - 1);
      for (let i = 0; i < iv.length; i += 2) {
        const s = iv[i] ?? 0;
        const e = iv[i + 1] ?? 0;
        if (remaining <= e - s) return s + remaining;
        remaining -= e - s;
      }
      return iv[iv.length - 1] ?? start;
    }
  }
}

function formatMinutes(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

function minutePairsToIntervals(pairs: number[]): HoursInterval[] {
  const out: HoursInterval[] = [];
  for (let i = 0; i + 1 < pairs.length; i += 2) out.push({ start: formatMinutes(pairs[i] ?? 0), end: formatMinutes(pairs[i + 1] ?? 0) });
  return out;
}

function overlap(intervals: number[], from: number, to: number): number {
  let total = 0;
  for (let i = 0; i < intervals.length; i += 2) {
    const s = Math.max(intervals[i] ?? 0, from);
    const e = Math.min(intervals[i + 1] ?? 0, to);
    if (e > s) total += e - s;
  }
  return total;
}

interface CompiledWindow {
  start: number;
  end: number;
  workingDaysOnly: boolean;
}

function compileWindow(window: CallingWindow): CompiledWindow {
  const start = parseTimeOfDay(window.start, false);
  const end = parseTimeOfDay(window.end, true);
  if (start === undefined || end === undefined || start === end) {
    const message = `invalid calling window ${window.start}–${window.end}: expected two different times HH:MM`;
    throw AppError.validation(message, [{ path: 'window', message, code: 'invalid_time' }]);
  }
  return { start: start * MS_PER_MINUTE, end: end * MS_PER_MINUTE, workingDaysOnly: window.days === 'working-days' };
}

/** Builds a calendar; throws VALIDATION naming every bad field of the spec. */
export function createCalendar(spec: CalendarSpec, officialYears: readonly YearData[]): WorkingCalendar {
  return new WorkingCalendar(spec, officialYears);
}
