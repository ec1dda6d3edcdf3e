import { EndCode, callStatus, type QueueCallState } from '../interactions/call.js';
import type { ZoneCalendar } from './time-zone.js';
import { MAX_INSTANT, MIN_INSTANT } from '../shared/instant.js';

/**
 * The hotline KPI report of CONTRACT.md ("KPI report (JSON)"): figures per group with exactly the
 * contract's names and definitions, plus the standard pack's targets beside them in a separate
 * `targets` object so a group object stays exactly the contract's shape.
 */
export const kpiGroupings = ['total', 'queue', 'agent', 'day', 'hour'] as const;
export type KpiGrouping = (typeof kpiGroupings)[number];

export interface KpiGroup {
  key: string;
  offered: number;
  answered: number;
  abandoned: number;
  timedOut: number;
  exitEmpty: number;
  exitWithKey: number;
  transferred: number;
  ringNoAnswer: number;
  answerRate: number | null;
  abandonRate: number | null;
  serviceLevel: number | null;
  avgAnswerWaitSeconds: number | null;
  avgTalkSeconds: number | null;
  avgRingSeconds: number | null;
  ringWithinLimitRate: number | null;
  callerHungUpFirst: number;
  agentHungUpFirst: number;
  customerHangupFirstRate: number | null;
}

/** The group figures that a standard pack can set a target for. */
export const kpiTargetFigures = ['answerRate', 'abandonRate', 'serviceLevel', 'ringWithinLimitRate', 'customerHangupFirstRate'] as const;
export type KpiTargetFigure = (typeof kpiTargetFigures)[number];

export interface KpiTarget {
  /** The STANDARD.md requirement the figure measures. */
  requirement: string;
  /** Pass when the figure is at least / at most this; null: the standard names no number. */
  min?: number | null;
  max?: number | null;
}
export type KpiTargets = Partial<Record<KpiTargetFigure, KpiTarget>>;

/**
 * Defaults from STANDARD.md's KPI table. Only KPI-MAN (manual connection 85%) has a number there;
 * answering within 3 rings (KPI-RING) and letting the customer hang up first (PH-HANGUP) are
 * "settings" the pack fills in, so they are listed without a number and judged `null`.
 */
export const defaultKpiTargets: KpiTargets = {
  answerRate: { requirement: 'KPI-MAN', min: 0.85 },
  ringWithinLimitRate: { requirement: 'KPI-RING', min: null },
  customerHangupFirstRate: { requirement: 'PH-HANGUP', min: null },
};

export interface KpiTargetResult {
  requirement: string;
  value: number | null;
  min: number | null;
  max: number | null;
  /** null when there is no figure (denominator 0) or no number to compare with. */
  pass: boolean | null;
}

export interface KpiReport {
  threshold: number;
  ringLimit: number;
  /** First and last line time of the log, ISO-8601 in the report's zone; null for an empty log. */
  from: string | null;
  to: string | null;
  groups: KpiGroup[];
  skipped: { lines: number; reasons: Record<string, number> };
  timeZone: string;
  by: KpiGrouping;
  /** Calls left out of the figures: entered but never ended (log cut), or seen without ENTERQUEUE. */
  open: { calls: number; withoutEntry: number; groups: Record<string, number> };
  targets: { figures: KpiTargets; groups: { key: string; results: Partial<Record<KpiTargetFigure, KpiTargetResult>> }[] };
  /** KPI-SYS and KPI-VIP per group: only with `connectionFigures` (the file report keeps the contract's shape). */
  connection?: ConnectionReport;
}

/**
 * Figures beside the contract's (STANDARD.md, KPI table): KPI-SYS, KPI-VIP, and KPI-MAN as the
 * standard means it — ordinary (non-VIP) calls only, VIP calls counting in KPI-VIP alone. The
 * contract's `answerRate` stays answered / offered over every call.
 */
export const connectionFigures = ['systemConnectionRate', 'manualConnectionRate', 'vipConnectionRate'] as const;
export type ConnectionFigure = (typeof connectionFigures)[number];
export type ConnectionTargets = Partial<Record<ConnectionFigure, KpiTarget>>;

export const defaultConnectionTargets: ConnectionTargets = {
  systemConnectionRate: { requirement: 'KPI-SYS', min: 0.99 },
  manualConnectionRate: { requirement: 'KPI-MAN', min: 0.85 },
  vipConnectionRate: { requirement: 'KPI-VIP', min: 0.9 },
};

export interface ConnectionFigureResult extends KpiTargetResult {
  /** The calls the rate is over, and those that count for it. */
  offered: number;
  counted: number;
  /** How the figure was measured, or why it is null. */
  reason: string;
}

export interface ConnectionReport {
  targets: ConnectionTargets;
  groups: { key: string; systemConnectionRate: ConnectionFigureResult; manualConnectionRate: ConnectionFigureResult; vipConnectionRate: ConnectionFigureResult }[];
}

export interface KpiOptions {
  by: KpiGrouping;
  thresholdSeconds: number;
  ringLimitSeconds: number;
  zone: ZoneCalendar;
  targets?: KpiTargets;
  /** Add KPI-SYS, KPI-MAN (ordinary calls) and KPI-VIP (`connection`) to the report, judged against these targets. */
  connectionFigures?: { targets: ConnectionTargets };
  /** Queues whose every call is a VIP call (the pack's `kpi.vipQueues`): a queue_log line carries no VIP flag. */
  vipQueues?: readonly string[];
}

/** One group's running sums. */
export interface Tally {
  offered: number;
  answered: number;
  abandoned: number;
  timedOut: number;
  exitEmpty: number;
  exitWithKey: number;
  transferred: number;
  ringNoAnswer: number;
  withinThreshold: number;
  waitSum: number;
  waitCount: number;
  talkSum: number;
  talkCount: number;
  ringSum: number;
  ringCount: number;
  ringWithinLimit: number;
  callerFirst: number;
  agentFirst: number;
  sysCompat: number;
  vipOffered: number;
  vipAnswered: number;
}

function newTally(): Tally {
  return {
    offered: 0,
    answered: 0,
    abandoned: 0,
    timedOut: 0,
    exitEmpty: 0,
    exitWithKey: 0,
    transferred: 0,
    ringNoAnswer: 0,
    withinThreshold: 0,
    waitSum: 0,
    waitCount: 0,
    talkSum: 0,
    talkCount: 0,
    ringSum: 0,
    ringCount: 0,
    ringWithinLimit: 0,
    callerFirst: 0,
    agentFirst: 0,
    sysCompat: 0,
    vipOffered: 0,
    vipAnswered: 0,
  };
}

/**
 * What a KpiAggregator has summed, as plain data: another thread's sums travel to the one that
 * writes the report (parallel `kefu kpi`) and are added there with `absorb`.
 */
export interface KpiSums {
  tallies: [string, Tally][];
  openByGroup: [string, number][];
  openCalls: number;
  withoutEntry: number;
  firstTime: number;
  lastTime: number;
  /** Calls left out because a time of theirs is not an instant (see `timesInRange`). */
  outOfRange?: number;
}

/**
 * Unix seconds of the instants a calendar can show (core/shared/instant.ts). Declared before the
 * aggregator that reads them on every line: a `const` read before its declaration in the module
 * costs a hole check in the hot path.
 */
const MIN_SECONDS = MIN_INSTANT / 1000;
const MAX_SECONDS = Math.floor(MAX_INSTANT / 1000);
const outOfRangeReason = 'call time out of range';

/** Whether every time of the call that is set can be put on a calendar (unset times are NaN). */
function timesInRange(s: QueueCallState): boolean {
  // NaN compares false both ways, so an unset time passes; plain comparisons, no closure: this
  // runs once per call of a 10-million-line log.
  return !(s.enteredAt < MIN_SECONDS || s.enteredAt > MAX_SECONDS || s.lastSeen < MIN_SECONDS || s.lastSeen > MAX_SECONDS || s.endedAt < MIN_SECONDS || s.endedAt > MAX_SECONDS);
}

const tallyFields = Object.keys(newTally()) as (keyof Tally)[];

/** Sums finished calls into per-group tallies; holds nothing per call, so memory stays flat. */
export class KpiAggregator {
  private readonly tallies = new Map<string, Tally>();
  private readonly openByGroup = new Map<string, number>();
  private openCalls = 0;
  private withoutEntry = 0;
  private firstTime = Number.POSITIVE_INFINITY;
  private lastTime = Number.NEGATIVE_INFINITY;
  private lastKey = '';
  private lastTally: Tally | null = null;
  private outOfRange = 0;
  private readonly vipQueues: ReadonlySet<string> | null;

  constructor(private readonly options: KpiOptions) {
    this.vipQueues = options.vipQueues && options.vipQueues.length > 0 ? new Set(options.vipQueues) : null;
  }

  /** Widens the report period to include a line's time (Unix seconds). */
  noteTime(seconds: number): void {
    if (!(seconds >= MIN_SECONDS && seconds <= MAX_SECONDS)) return;
    if (seconds < this.firstTime) this.firstTime = seconds;
    if (seconds > this.lastTime) this.lastTime = seconds;
  }

  /** `vip`: the call was flagged VIP (live CTI; a queue_log line has no such flag). */
  addCall(s: QueueCallState, vip = false): void {
    if (!vip && this.vipQueues !== null && this.vipQueues.has(s.queue)) vip = true;
    // One stored call with an impossible time (9007199254740990) must not take the whole report
    // down when it is put on a day or an hour: it is left out and counted under `skipped`.
    if (!timesInRange(s)) {
      this.outOfRange++;
      return;
    }
    const status = callStatus(s);
    if (status !== 'ended') {
      if (status === 'partial') this.withoutEntry++;
      else {
        this.openCalls++;
        const key = this.keyOf(s);
        this.openByGroup.set(key, (this.openByGroup.get(key) ?? 0) + 1);
      }
      return;
    }
    const t = this.tally(this.keyOf(s));
    t.offered++;
    if (vip) {
      t.vipOffered++;
      if (!Number.isNaN(s.connectedAt)) t.vipAnswered++;
    }
    if (!Number.isNaN(s.connectedAt)) {
      t.answered++;
      if (!Number.isNaN(s.waitSeconds)) {
        t.waitSum += s.waitSeconds;
        t.waitCount++;
        if (s.waitSeconds <= this.options.thresholdSeconds) t.withinThreshold++;
      }
      if (!Number.isNaN(s.ringSeconds)) {
        t.ringSum += s.ringSeconds;
        t.ringCount++;
        if (s.ringSeconds <= this.options.ringLimitSeconds) t.ringWithinLimit++;
      }
    }
    switch (s.end) {
      case EndCode.completeCaller:
        t.callerFirst++;
        break;
      case EndCode.completeAgent:
        t.agentFirst++;
        break;
      case EndCode.blindTransfer:
      case EndCode.attendedTransfer:
        t.transferred++;
        break;
      case EndCode.abandon:
        t.abandoned++;
        break;
      case EndCode.timeout:
        t.timedOut++;
        break;
      case EndCode.exitEmpty:
        t.exitEmpty++;
        break;
      case EndCode.exitWithKey:
        t.exitWithKey++;
        break;
      case EndCode.sysCompat:
        t.sysCompat++;
        break;
      case EndCode.none:
      case EndCode.agentDump:
        break;
      default:
        exhaustive(s.end);
    }
    if (s.end >= EndCode.completeCaller && s.end <= EndCode.attendedTransfer && !Number.isNaN(s.talkSeconds)) {
      t.talkSum += s.talkSeconds;
      t.talkCount++;
    }
    if (s.missedRings > 0) {
      // Per agent, a missed ring belongs to the agent who let it ring, not the one who answered.
      if (this.options.by === 'agent' && s.missedRingAgents !== null) {
        for (const agent of s.missedRingAgents) this.tally(agentKey(agent)).ringNoAnswer++;
      } else {
        t.ringNoAnswer += s.missedRings;
      }
    }
  }

  sums(): KpiSums {
    return {
      tallies: [...this.tallies],
      openByGroup: [...this.openByGroup],
      openCalls: this.openCalls,
      withoutEntry: this.withoutEntry,
      firstTime: this.firstTime,
      lastTime: this.lastTime,
      outOfRange: this.outOfRange,
    };
  }

  /** Adds sums made by another aggregator with the same options. Every figure is a sum, min or max, so order does not matter. */
  absorb(sums: KpiSums): void {
    for (const [key, other] of sums.tallies) {
      const t = this.tally(key);
      for (const field of tallyFields) t[field] += other[field];
    }
    for (const [key, n] of sums.openByGroup) this.openByGroup.set(key, (this.openByGroup.get(key) ?? 0) + n);
    this.openCalls += sums.openCalls;
    this.withoutEntry += sums.withoutEntry;
    this.outOfRange += sums.outOfRange ?? 0;
    // An aggregator that saw no line has ±Infinity here.
    if (sums.firstTime < this.firstTime) this.firstTime = sums.firstTime;
    if (sums.lastTime > this.lastTime) this.lastTime = sums.lastTime;
  }

  report(skipped: { lines: number; reasons: Record<string, number> }): KpiReport {
    const { zone, by } = this.options;
    const keys = [...this.tallies.keys()].sort(compareKeys);
    if (by === 'total' && keys.length === 0) keys.push('total');
    const groups = keys.map((key) => figures(key, this.tallies.get(key) ?? newTally()));
    const targets = this.options.targets ?? defaultKpiTargets;
    const hasTime = Number.isFinite(this.firstTime);
    return {
      threshold: this.options.thresholdSeconds,
      ringLimit: this.options.ringLimitSeconds,
      from: hasTime ? zone.iso(this.firstTime * 1000) : null,
      to: hasTime ? zone.iso(this.lastTime * 1000) : null,
      groups,
      skipped: this.outOfRange === 0 ? skipped : { lines: skipped.lines, reasons: { ...skipped.reasons, [outOfRangeReason]: (skipped.reasons[outOfRangeReason] ?? 0) + this.outOfRange } },
      timeZone: zone.timeZone,
      by,
      open: { calls: this.openCalls, withoutEntry: this.withoutEntry, groups: Object.fromEntries([...this.openByGroup].sort((a, b) => compareKeys(a[0], b[0]))) },
      targets: { figures: targets, groups: groups.map((g) => ({ key: g.key, results: judge(g, targets) })) },
      ...(this.options.connectionFigures && { connection: this.connection(keys, this.options.connectionFigures.targets) }),
    };
  }

  private connection(keys: string[], targets: ConnectionTargets): ConnectionReport {
    return {
      targets,
      groups: keys.map((key) => {
        const t = this.tallies.get(key) ?? newTally();
        return {
          key,
          systemConnectionRate: systemConnection(t, targets.systemConnectionRate),
          manualConnectionRate: manualConnection(t, targets.manualConnectionRate),
          vipConnectionRate: vipConnection(t, targets.vipConnectionRate),
        };
      }),
    };
  }

  private tally(key: string): Tally {
    // Consecutive calls mostly share a group (the same total, hour or day): skip the Map.
    if (key === this.lastKey && this.lastTally !== null) return this.lastTally;
    let t = this.tallies.get(key);
    if (t === undefined) {
      t = newTally();
      this.tallies.set(key, t);
    }
    this.lastKey = key;
    this.lastTally = t;
    return t;
  }

  private keyOf(s: QueueCallState): string {
    const by = this.options.by;
    switch (by) {
      case 'total':
        return 'total';
      case 'queue':
        return s.queue;
      case 'agent':
        return agentKey(s.agent);
      case 'day':
        return this.options.zone.dayKey(callTime(s) * 1000);
      case 'hour':
        return this.options.zone.hourKey(callTime(s) * 1000);
      default:
        return exhaustive(by);
    }
  }
}


/** A call belongs to the day/hour it entered the queue. */
function callTime(s: QueueCallState): number {
  return Number.isNaN(s.enteredAt) ? s.lastSeen : s.enteredAt;
}

/** Unanswered calls have no agent; Asterisk writes NONE there, and so does the report. */
function agentKey(agent: string): string {
  return agent === '' ? 'NONE' : agent;
}

function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  if (a === 'total') return -1;
  if (b === 'total') return 1;
  return a < b ? -1 : 1;
}

function ratio(n: number, d: number): number | null {
  return d === 0 ? null : Math.round((n / d) * 10_000) / 10_000;
}

function mean(sum: number, n: number): number | null {
  return n === 0 ? null : Math.round((sum / n) * 100) / 100;
}

function figures(key: string, t: Tally): KpiGroup {
  return {
    key,
    offered: t.offered,
    answered: t.answered,
    abandoned: t.abandoned,
    timedOut: t.timedOut,
    exitEmpty: t.exitEmpty,
    exitWithKey: t.exitWithKey,
    transferred: t.transferred,
    ringNoAnswer: t.ringNoAnswer,
    answerRate: ratio(t.answered, t.offered),
    abandonRate: ratio(t.abandoned, t.offered),
    serviceLevel: ratio(t.withinThreshold, t.offered),
    avgAnswerWaitSeconds: mean(t.waitSum, t.waitCount),
    avgTalkSeconds: mean(t.talkSum, t.talkCount),
    avgRingSeconds: mean(t.ringSum, t.ringCount),
    // Denominator: answered calls whose ring time the log gives (Asterisk before 1.6 wrote none).
    ringWithinLimitRate: ratio(t.ringWithinLimit, t.ringCount),
    callerHungUpFirst: t.callerFirst,
    agentHungUpFirst: t.agentFirst,
    customerHangupFirstRate: ratio(t.callerFirst, t.callerFirst + t.agentFirst),
  };
}

function judge(g: KpiGroup, targets: KpiTargets): Partial<Record<KpiTargetFigure, KpiTargetResult>> {
  const out: Partial<Record<KpiTargetFigure, KpiTargetResult>> = {};
  for (const figure of kpiTargetFigures) {
    const target = targets[figure];
    if (target === undefined) continue;
    const value = g[figure];
    const min = target.min ?? null;
    const max = target.max ?? null;
    let pass: boolean | null = null;
    if (value !== null && (min !== null || max !== null)) {
      pass = (min === null || value >= min) && (max === null || value <= max);
    }
    out[figure] = { requirement: target.requirement, value, min, max, pass };
  }
  return out;
}

function judged(value: number | null, target: KpiTarget | undefined, requirement: string): KpiTargetResult {
  const min = target?.min ?? null;
  const max = target?.max ?? null;
  const pass = value === null || (min === null && max === null) ? null : (min === null || value >= min) && (max === null || value <= max);
  return { requirement: target?.requirement ?? requirement, value, min, max, pass };
}

/**
 * KPI-SYS over what a queue_log or CTI feed can see. Both start at the queue: a call the switch
 * refused before it (busy trunks, a failed IVR) is in neither, so the figure is an upper bound.
 * Of the calls that reached the queue, the system failed those it ejected because no member
 * could take them (EXITEMPTY) and those it dropped after the answer (SYSCOMPAT, CTI `ended by
 * system` after the answer); abandons and timeouts are the caller's and the staffing's, and
 * count against KPI-MAN instead.
 */
function systemConnection(t: Tally, target: KpiTarget | undefined): ConnectionFigureResult {
  const counted = t.offered - t.exitEmpty - t.sysCompat;
  const value = ratio(counted, t.offered);
  const reason =
    value === null
      ? 'no calls in the period'
      : 'calls that reached the queue, less those the system ejected (no reachable member) or dropped; calls refused before the queue (busy trunks, IVR) are not in queue_log or CTI events, so this is an upper bound';
  return { ...judged(value, target, 'KPI-SYS'), offered: t.offered, counted, reason };
}

/** KPI-MAN: ordinary (non-VIP) calls answered by an agent / ordinary calls offered. */
function manualConnection(t: Tally, target: KpiTarget | undefined): ConnectionFigureResult {
  const offered = t.offered - t.vipOffered;
  const counted = t.answered - t.vipAnswered;
  const value = ratio(counted, offered);
  const reason = value === null ? 'no ordinary (non-VIP) calls in the period' : 'ordinary (non-VIP) calls answered by an agent / ordinary calls offered; VIP calls count in KPI-VIP only';
  return { ...judged(value, target, 'KPI-MAN'), offered, counted, reason };
}

/** KPI-VIP: VIP calls answered by an agent / VIP calls offered. */
function vipConnection(t: Tally, target: KpiTarget | undefined): ConnectionFigureResult {
  const value = ratio(t.vipAnswered, t.vipOffered);
  const reason = value === null ? 'no calls flagged VIP in the period (queue_log lines carry no VIP flag; CTI events set `vip`)' : 'VIP calls answered by an agent / VIP calls offered';
  return { ...judged(value, target, 'KPI-VIP'), offered: t.vipOffered, counted: t.vipAnswered, reason };
}

function exhaustive(x: never): never {
  throw new Error(`unexpected value ${String(x)}`);
}
