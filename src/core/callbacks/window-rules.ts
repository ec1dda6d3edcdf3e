import { MS_PER_DAY, MS_PER_MINUTE } from '../calendar/local-date.js';
import type { FieldErrorCode, FieldErrorParams } from '../shared/app-error.js';
import type { NumberKind, NumberWindowSettings } from '../standard/callback-schema.js';

/**
 * CB-WINDOW compiled: a number window of the pack turned into milliseconds of the local day, each
 * rule with its ready-made verdict (rule id + Chinese and English reason), and the callable spans
 * of the three kinds of day the rules tell apart. `check` walks the rules (to say *why* not) and
 * `next` walks the spans (to say *when*); both come from this one compilation, and a test walks
 * every minute of several days to keep them in agreement.
 */

/** Not callable, and why: `rule` is the id a person reads (lunch, after-days-off, …). */
export interface NotCallable {
  readonly callable: false;
  readonly requirement: 'CB-WINDOW';
  readonly rule: string;
  readonly reason: string;
  readonly reasonEn: string;
}
export type CallableVerdict = { readonly callable: true } | NotCallable;

/** One shared object: checking allocates nothing, so it can answer millions of queries a second. */
export const CALLABLE: CallableVerdict = Object.freeze({ callable: true });

export interface CompiledExclusion {
  start: number;
  end: number;
  verdict: NotCallable;
}

/** The kinds of local day the rules tell apart. */
export const dayTypes = ['closed', 'firstAfterDaysOff', 'working'] as const;
export type DayType = (typeof dayTypes)[number];

export interface CompiledNumberWindow {
  kind: NumberKind;
  workingDaysOnly: boolean;
  /** Callable hours as ms-of-day pairs [start, end, start, end, …], ascending and disjoint. */
  hours: number[];
  exclusions: CompiledExclusion[];
  /** From this ms-of-day on the day is over (end-of-day rule); Infinity when there is none. */
  endOfDayFrom: number;
  /** On the first working day after days off, nothing before this ms-of-day (0 when no rule). */
  afterDaysOffFrom: number;
  verdicts: {
    notWorkingDay: NotCallable;
    beforeHours: NotCallable;
    afterHours: NotCallable;
    outsideHours: NotCallable;
    endOfDay: NotCallable;
    afterDaysOff: NotCallable;
  };
  /** Callable spans (ms-of-day pairs) per kind of day, before a customer's own do-not-call hours. */
  spans: Record<DayType, number[]>;
}

export interface WindowProblem {
  path: (string | number)[];
  message: string;
  /** What is wrong as a field error code, so a form words it in the reader's language. */
  code: FieldErrorCode;
  params?: FieldErrorParams;
}

/** `HH:MM` from 00:00 to 23:59, or 24:00 (the end of the day). */
export const CLOCK_PATTERN = /^(?:([01]\d|2[0-3]):([0-5]\d)|24:00)$/;

/** `HH:MM` → ms of the day (24:00 = end of day); undefined when malformed. */
export function parseClock(text: string): number | undefined {
  const m = CLOCK_PATTERN.exec(text);
  if (!m) return undefined;
  if (text === '24:00') return MS_PER_DAY;
  return (Number(m[1]) * 60 + Number(m[2])) * MS_PER_MINUTE;
}

export function formatClock(ms: number): string {
  const minutes = Math.round(ms / MS_PER_MINUTE);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

const numberZh: Record<NumberKind, string> = { home: '住宅电话', work: '单位电话' };
const numberEn: Record<NumberKind, string> = { home: 'home number', work: 'work number' };

function verdict(rule: string, reason: string, reasonEn: string): NotCallable {
  return Object.freeze({ callable: false, requirement: 'CB-WINDOW', rule, reason, reasonEn });
}

/** Subtracts [from, to) from ascending disjoint pairs. */
export function subtractSpan(spans: readonly number[], from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < spans.length; i += 2) {
    const s = spans[i] ?? 0;
    const e = spans[i + 1] ?? 0;
    if (to <= s || from >= e) {
      out.push(s, e);
      continue;
    }
    if (from > s) out.push(s, from);
    if (to < e) out.push(to, e);
  }
  return out;
}

export function subtractSpans(spans: readonly number[], cut: readonly number[]): number[] {
  let out = [...spans];
  for (let i = 0; i < cut.length; i += 2) out = subtractSpan(out, cut[i] ?? 0, cut[i + 1] ?? 0);
  return out;
}

function totalMs(spans: readonly number[]): number {
  let total = 0;
  for (let i = 0; i < spans.length; i += 2) total += (spans[i + 1] ?? 0) - (spans[i] ?? 0);
  return total;
}

/**
 * Compiles one number window of the pack. Problems name the field (the pack schema turns them
 * into validation errors); the window returned alongside is only meaningful when there are none.
 */
export function compileNumberWindow(kind: NumberKind, w: NumberWindowSettings): { window: CompiledNumberWindow; problems: WindowProblem[] } {
  const problems: WindowProblem[] = [];
  const pairs: [number, number][] = [];
  w.hours.forEach((iv, i) => {
    const s = parseClock(iv.start);
    const e = parseClock(iv.end);
    if (s === undefined || e === undefined) return; // the schema words malformed times
    if (s === MS_PER_DAY) problems.push({ path: ['hours', i, 'start'], message: '开始时间不能是 24:00 / cannot start at 24:00', code: 'too_big', params: { maximum: '23:59' } });
    else if (e <= s) problems.push({ path: ['hours', i], message: `结束时间 ${iv.end} 不晚于开始时间 ${iv.start} / ends before it starts`, code: 'ends_before_start', params: { start: iv.start } });
    else pairs.push([s, e]);
  });
  pairs.sort((a, b) => a[0] - b[0]);
  const hours: number[] = [];
  for (const [s, e] of pairs) {
    const prevEnd = hours[hours.length - 1];
    if (prevEnd !== undefined && s < prevEnd) {
      problems.push({ path: ['hours'], message: '时段重叠 / intervals overlap', code: 'overlaps', params: { with: `${formatClock(hours[hours.length - 2] ?? 0)}–${formatClock(prevEnd)}` } });
      break;
    }
    if (prevEnd !== undefined && s === prevEnd) hours[hours.length - 1] = e;
    else hours.push(s, e);
  }
  const hoursText = pairs.map(([s, e]) => `${formatClock(s)}–${formatClock(e)}`);
  const seen = new Set<string>();
  const exclusions: CompiledExclusion[] = [];
  w.exclude.forEach((x, i) => {
    const s = parseClock(x.start);
    const e = parseClock(x.end);
    if (s === undefined || e === undefined) return;
    if (seen.has(x.id)) problems.push({ path: ['exclude', i, 'id'], message: `规则 ${x.id} 重复 / duplicate id "${x.id}"`, code: 'duplicate' });
    seen.add(x.id);
    if (e <= s) {
      problems.push({ path: ['exclude', i], message: `结束时间 ${x.end} 不晚于开始时间 ${x.start} / ends before it starts`, code: 'ends_before_start', params: { start: x.start } });
      return;
    }
    const span = `${x.start}–${x.end}`;
    exclusions.push({ start: s, end: e, verdict: verdict(x.id, `${x.reason}（${span}）`, `${x.reasonEn} (${span})`) });
  });

  const first = hours[0] ?? 0;
  const last = hours[hours.length - 1] ?? 0;
  const endOfDayFrom = w.endOfDayMinutes > 0 ? last - w.endOfDayMinutes * MS_PER_MINUTE : Infinity;
  let afterDaysOffFrom = 0;
  if (w.afterDaysOffNotBefore !== undefined) {
    if (w.days !== 'working-days') {
      problems.push({ path: ['afterDaysOffNotBefore'], message: '只适用于 days: working-days / only applies with days: working-days', code: 'only_with', params: { setting: 'days: working-days' } });
    }
    afterDaysOffFrom = parseClock(w.afterDaysOffNotBefore) ?? 0;
  }
  const window: CompiledNumberWindow = {
    kind,
    workingDaysOnly: w.days === 'working-days',
    hours,
    exclusions,
    endOfDayFrom,
    afterDaysOffFrom,
    verdicts: {
      notWorkingDay: verdict('not-working-day', `非工作日不打${numberZh[kind]}`, `not a working day (${numberEn[kind]})`),
      beforeHours: verdict('before-hours', `${formatClock(first)} 之前不打${numberZh[kind]}`, `before ${formatClock(first)} (${numberEn[kind]})`),
      afterHours: verdict('after-hours', `${formatClock(last)} 及以后不打${numberZh[kind]}`, `at or after ${formatClock(last)} (${numberEn[kind]})`),
      outsideHours: verdict('outside-hours', `不在可拨打时段（${hoursText.join('、')}）内`, `outside the calling hours ${hoursText.join(', ')} (${numberEn[kind]})`),
      endOfDay: verdict(
        'end-of-day',
        `下班前最后 ${w.endOfDayMinutes} 分钟（${formatClock(endOfDayFrom)} 起）不打${numberZh[kind]}`,
        `last ${w.endOfDayMinutes} minutes of the working day (from ${formatClock(endOfDayFrom)})`,
      ),
      afterDaysOff: verdict(
        'after-days-off',
        `休息日后的第一个工作日 ${formatClock(afterDaysOffFrom)} 之前不打${numberZh[kind]}`,
        `before ${formatClock(afterDaysOffFrom)} on the first working day after days off`,
      ),
    },
    spans: { closed: [], firstAfterDaysOff: [], working: [] },
  };
  let working = hours;
  for (const x of exclusions) working = subtractSpan(working, x.start, x.end);
  if (endOfDayFrom !== Infinity) working = subtractSpan(working, endOfDayFrom, MS_PER_DAY);
  const firstAfterDaysOff = afterDaysOffFrom > 0 ? subtractSpan(working, 0, afterDaysOffFrom) : working;
  window.spans = {
    // A home number is called on any day: its closed day is an ordinary one.
    closed: window.workingDaysOnly ? [] : working,
    firstAfterDaysOff,
    working,
  };
  return { window, problems };
}

/** Callable ms on each kind of day (pack validation: a window leaving none is rejected). */
export function callableMsPerDay(w: CompiledNumberWindow): Record<DayType, number> {
  return { closed: totalMs(w.spans.closed), firstAfterDaysOff: totalMs(w.spans.firstAfterDaysOff), working: totalMs(w.spans.working) };
}

/** Why a local ms-of-day on a day of this type is not callable by the number's own rules, or CALLABLE. */
export function checkNumberWindow(w: CompiledNumberWindow, dayType: DayType, t: number): CallableVerdict {
  if (w.workingDaysOnly && dayType === 'closed') return w.verdicts.notWorkingDay;
  const hours = w.hours;
  const n = hours.length;
  if (t < (hours[0] ?? 0)) return w.verdicts.beforeHours;
  if (t >= (hours[n - 1] ?? 0)) return w.verdicts.afterHours;
  let inside = false;
  for (let i = 0; i < n; i += 2) {
    if (t >= (hours[i] ?? 0) && t < (hours[i + 1] ?? 0)) {
      inside = true;
      break;
    }
  }
  if (!inside) return w.verdicts.outsideHours;
  const xs = w.exclusions;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    if (t >= x.start && t < x.end) return x.verdict;
  }
  if (t >= w.endOfDayFrom) return w.verdicts.endOfDay;
  if (dayType === 'firstAfterDaysOff' && t < w.afterDaysOffFrom) return w.verdicts.afterDaysOff;
  return CALLABLE;
}
