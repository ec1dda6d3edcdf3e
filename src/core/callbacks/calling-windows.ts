import type { WorkingCalendar } from '../calendar/calendar.js';
import { AppError, type FieldError } from '../shared/app-error.js';
import type { CallbackInterval, CallbackSettings, NumberKind } from '../standard/callback-schema.js';
import { MS_PER_DAY } from '../calendar/local-date.js';
import {
  CALLABLE,
  checkNumberWindow,
  compileNumberWindow,
  formatClock,
  parseClock,
  subtractSpans,
  type CallableVerdict,
  type CompiledNumberWindow,
  type DayType,
  type NotCallable,
} from './window-rules.js';

/** What a customer record may say about being called (CB-WINDOW: "where recorded, narrow these further"). */
export interface CustomerCallingPrefs {
  /** IANA zone the customer lives in; default: the centre's. Windows are the customer's wall time. */
  timeZone?: string | null;
  /** Daily do-not-call hours, local to the customer; `22:00`–`09:00` runs across midnight. */
  doNotCall?: readonly CallbackInterval[] | null;
}

/** A customer's preferences compiled once: the calendar of their zone and their spans per number and day. */
export interface CompiledPrefs {
  readonly key: string;
  readonly calendar: WorkingCalendar;
  /** Do-not-call as ms-of-day pairs, ascending, disjoint. */
  readonly doNotCall: readonly number[];
  readonly doNotCallVerdict: NotCallable;
  readonly spans: Record<NumberKind, Record<DayType, number[]>>;
}

/** A working calendar per IANA zone (official holidays and 调休), e.g. `officeCalendars(years)`. */
export type CalendarForZone = (zone: string) => WorkingCalendar;

const MAX_DAYS_AHEAD = 400;

/**
 * CB-WINDOW: may this number be called at this instant, and if not why; and when next. Built once
 * from the pack's `callbacks.windows`; answers are pure functions of the instant, the number's kind,
 * the working calendar of the customer's zone and the customer's own do-not-call hours.
 */
export class CallingWindows {
  readonly defaultZone: string;
  private readonly windows: Record<NumberKind, CompiledNumberWindow>;
  private readonly calendarFor: CalendarForZone;
  private readonly prefsCache = new Map<string, CompiledPrefs>();
  private readonly none: CompiledPrefs;

  constructor(settings: CallbackSettings['windows'], calendarFor: CalendarForZone, defaultZone: string) {
    const problems: FieldError[] = [];
    const compile = (kind: NumberKind): CompiledNumberWindow => {
      const { window, problems: p } = compileNumberWindow(kind, settings[kind]);
      for (const x of p) problems.push({ path: ['callbacks', 'windows', kind, ...x.path].join('.'), message: x.message, code: x.code, ...(x.params && { params: x.params }) });
      return window;
    };
    this.windows = { home: compile('home'), work: compile('work') };
    if (problems.length > 0) throw AppError.validation(`回访时段设置无效 / invalid calling windows: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, problems);
    this.calendarFor = calendarFor;
    this.defaultZone = defaultZone;
    this.none = this.compilePrefs(undefined);
  }

  window(kind: NumberKind): CompiledNumberWindow {
    return this.windows[kind];
  }

  /** Compiles (and caches) a customer's preferences; throws VALIDATION naming the bad field. */
  prefs(prefs: CustomerCallingPrefs | null | undefined): CompiledPrefs {
    if (!prefs) return this.none;
    const zone = prefs.timeZone ?? this.defaultZone;
    const dnc = prefs.doNotCall;
    // Most customers record neither: no key to build, no allocation.
    if (zone === this.defaultZone && (dnc === undefined || dnc === null || dnc.length === 0)) return this.none;
    let key = `${zone}|`;
    for (const d of dnc ?? []) key += `${d.start}-${d.end},`;
    const cached = this.prefsCache.get(key);
    if (cached) return cached;
    const compiled = this.compilePrefs(prefs);
    // Bounded: a campaign's customers share a handful of zones and do-not-call habits.
    if (this.prefsCache.size < 10_000) this.prefsCache.set(key, compiled);
    return compiled;
  }

  private compilePrefs(prefs: CustomerCallingPrefs | undefined): CompiledPrefs {
    const zone = prefs?.timeZone ?? this.defaultZone;
    let calendar: WorkingCalendar;
    try {
      calendar = this.calendarFor(zone);
    } catch {
      const message = `未知时区 "${zone}" / unknown time zone "${zone}"`;
      throw AppError.validation(message, [{ path: 'timeZone', message, code: 'invalid_format', params: { format: 'time_zone' } }]);
    }
    const cut: number[] = [];
    const problems: FieldError[] = [];
    const texts: string[] = [];
    (prefs?.doNotCall ?? []).forEach((iv, i) => {
      const s = parseClock(iv.start);
      const e = parseClock(iv.end);
      if (s === undefined || s === MS_PER_DAY) problems.push({ path: `doNotCall.${i}.start`, message: `时间格式应为 HH:MM / invalid time ${JSON.stringify(iv.start)}`, code: 'invalid_format', params: { format: 'HH:MM' } });
      if (e === undefined) problems.push({ path: `doNotCall.${i}.end`, message: `时间格式应为 HH:MM / invalid time ${JSON.stringify(iv.end)}`, code: 'invalid_format', params: { format: 'HH:MM' } });
      if (s === undefined || e === undefined || s === MS_PER_DAY) return;
      if (s === e) {
        problems.push({ path: `doNotCall.${i}`, message: '开始和结束时间相同 / starts and ends at the same time', code: 'zero_length' });
        return;
      }
      texts.push(`${iv.start}–${iv.end}`);
      if (s < e) cut.push(s, e);
      else cut.push(s, MS_PER_DAY, 0, e); // across midnight
    });
    if (problems.length > 0) throw AppError.validation(`客户勿扰时段无效 / invalid do-not-call hours: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, problems);
    const pairs: [number, number][] = [];
    for (let i = 0; i < cut.length; i += 2) pairs.push([cut[i] ?? 0, cut[i + 1] ?? 0]);
    pairs.sort((a, b) => a[0] - b[0]);
    const merged: number[] = [];
    for (const [s, e] of pairs) {
      const last = merged[merged.length - 1];
      if (last !== undefined && s <= last) merged[merged.length - 1] = Math.max(last, e);
      else merged.push(s, e);
    }
    const spansOf = (w: CompiledNumberWindow): Record<DayType, number[]> => ({
      closed: subtractSpans(w.spans.closed, merged),
      firstAfterDaysOff: subtractSpans(w.spans.firstAfterDaysOff, merged),
      working: subtractSpans(w.spans.working, merged),
    });
    const span = texts.join('、');
    return {
      key: `${zone}|${span}`,
      calendar,
      doNotCall: merged,
      doNotCallVerdict: Object.freeze({
        callable: false,
        requirement: 'CB-WINDOW',
        rule: 'do-not-call',
        reason: `客户要求的勿扰时段（${span}）`,
        reasonEn: `the customer's do-not-call hours (${span})`,
      }),
      spans: { home: spansOf(this.windows.home), work: spansOf(this.windows.work) },
    };
  }

  /** The kind of local day an ordinal is for a work number: closed, first after days off, or ordinary. */
  dayType(calendar: WorkingCalendar, ordinal: number): DayType {
    if (!calendar.isWorkdayOrdinal(ordinal)) return 'closed';
    return calendar.isWorkdayOrdinal(ordinal - 1) ? 'working' : 'firstAfterDaysOff';
  }

  /** May this number be called at `at`? If not, the first rule that forbids it. */
  check(at: number, kind: NumberKind, prefs: CompiledPrefs = this.none): CallableVerdict {
    const calendar = prefs.calendar;
    const local = calendar.zone.toLocalMs(at);
    const day = Math.floor(local / MS_PER_DAY);
    const t = local - day * MS_PER_DAY;
    const w = this.windows[kind];
    // Home numbers do not depend on the calendar: skip its lookups on the hot path.
    const type: DayType = w.workingDaysOnly || w.afterDaysOffFrom > 0 ? this.dayType(calendar, day) : 'working';
    const verdict = checkNumberWindow(w, type, t);
    if (!verdict.callable) return verdict;
    const dnc = prefs.doNotCall;
    for (let i = 0; i < dnc.length; i += 2) {
      if (t >= (dnc[i] ?? 0) && t < (dnc[i + 1] ?? 0)) return prefs.doNotCallVerdict;
    }
    return CALLABLE;
  }

  /**
   * The first instant at or after `at` when the number may be called, or undefined when there is
   * none before `before` (or within 400 days: the customer's hours leave no time at all).
   */
  next(at: number, kind: NumberKind, prefs: CompiledPrefs = this.none, before = Infinity): number | undefined {
    const calendar = prefs.calendar;
    const zone = calendar.zone;
    const local = zone.toLocalMs(at);
    const first = Math.floor(local / MS_PER_DAY);
    const tod = local - first * MS_PER_DAY;
    const w = this.windows[kind];
    const needsCalendar = w.workingDaysOnly || w.afterDaysOffFrom > 0;
    const byType = prefs.spans[kind];
    for (let day = first; day < first + MAX_DAYS_AHEAD; day++) {
      const spans = byType[needsCalendar ? this.dayType(calendar, day) : 'working'];
      for (let i = 0; i < spans.length; i += 2) {
        const s = spans[i] ?? 0;
        const e = spans[i + 1] ?? 0;
        if (day === first && tod >= e) continue;
        if (day === first && tod >= s) return at < before ? at : undefined;
        const instant = zone.toInstant(day * MS_PER_DAY + s);
        return instant < before ? instant : undefined;
      }
      if (zone.toInstant((day + 1) * MS_PER_DAY) >= before) return undefined;
    }
    return undefined;
  }

  /** Callable time of a local day as a person reads it (for the task card and the pack editor). */
  describeDay(kind: NumberKind, dayType: DayType, prefs: CompiledPrefs = this.none): string[] {
    const spans = prefs.spans[kind][dayType];
    const out: string[] = [];
    for (let i = 0; i < spans.length; i += 2) out.push(`${formatClock(spans[i] ?? 0)}–${formatClock(spans[i + 1] ?? 0)}`);
    return out;
  }
}

