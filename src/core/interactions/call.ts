import { CallIdKey, QueueEventCode as Q, callIdKeyOf, queueEventCode, queueEventInfo, queueEventNames, type KeyedQueueLogEvent, type QueueLogEvent } from './queue-log-events.js';

/**
 * The call model shared by the queue_log/CDR importers and live CTI events. Events use the
 * Transcript vocabulary of CONTRACT.md, so a call and its transcript speak the same language and
 * the quality engine can check ring time, holds, transfers and who hung up.
 */
export const callEventTypes = ['ring', 'answer', 'hold', 'unhold', 'transfer', 'transfer_answered', 'hangup'] as const;
export type CallEventType = (typeof callEventTypes)[number];

export const hangupParties = ['agent', 'customer', 'system'] as const;
export type HangupParty = (typeof hangupParties)[number];

export type CallEvent =
  | { type: 'ring' | 'answer' | 'hold' | 'unhold' | 'transfer_answered'; at: number }
  | { type: 'transfer'; at: number; to?: string }
  | { type: 'hangup'; at: number; by: HangupParty };

/** How a queued call left the queue (or did not yet: `open`). */
export const callOutcomes = [
  'open',
  'completed',
  'transferred',
  'abandoned',
  'timedOut',
  'exitEmpty',
  'exitWithKey',
  'agentDumped',
  'incompatible',
] as const;
export type CallOutcome = (typeof callOutcomes)[number];

export const transferKinds = ['blind', 'attended'] as const;
export type TransferKind = (typeof transferKinds)[number];

export interface Call {
  callId: string;
  queue: string;
  /** Answering agent (queue member channel), null when nobody answered. */
  agent: string | null;
  callerId: string | null;
  /** Unix ms of ENTERQUEUE; null when the log began after the call entered the queue. */
  enteredQueueAt: number | null;
  /**
   * Unix ms the event clock starts at: the moment the answering agent's phone began ringing
   * (answer minus ring time), or queue entry when nobody answered. `events[].at` counts from here,
   * as the Transcript contract wants "ms from the moment the call was offered to the agent".
   */
  offeredAt: number | null;
  answeredAt: number | null;
  endedAt: number | null;
  outcome: CallOutcome;
  endedBy: HangupParty | null;
  /** Seconds in the queue before an agent answered (CONNECT holdtime). */
  waitSeconds: number | null;
  ringSeconds: number | null;
  talkSeconds: number | null;
  /** Ring attempts on agents who did not pick up (RINGNOANSWER) and their total ms. */
  missedRings: number;
  missedRingMs: number;
  transfer: { kind: TransferKind; to: string | null } | null;
  events: CallEvent[];
}

/** End codes of a queued call, as stored in the mutable tracking state. */
export const EndCode = {
  none: 0,
  completeCaller: 1,
  completeAgent: 2,
  blindTransfer: 3,
  attendedTransfer: 4,
  abandon: 5,
  timeout: 6,
  exitEmpty: 7,
  exitWithKey: 8,
  agentDump: 9,
  sysCompat: 10,
} as const;
export type EndCode = (typeof EndCode)[keyof typeof EndCode];

/**
 * What the log has said so far about one (callid, queue). Numbers are NaN while unknown so the
 * hot path allocates nothing but this object; `toCall` makes the public shape.
 */
export interface QueueCallState {
  callId: string;
  queue: string;
  enteredAt: number;
  callerId: string;
  connectedAt: number;
  agent: string;
  waitSeconds: number;
  ringSeconds: number;
  end: EndCode;
  endedAt: number;
  talkSeconds: number;
  transferTo: string;
  missedRings: number;
  missedRingMs: number;
  /** Agent of each RINGNOANSWER, kept only when the report groups by agent. */
  missedRingAgents: string[] | null;
  lastSeen: number;
  /** callIdKeyOf(callId).hash, when the state comes from a tracker (it has it at hand; a string hash per call costs). */
  readonly callIdHash?: number;
  /**
   * The call's lines as read minus their callid and queue (`epoch|agent|EVENT|data…`, `\n`
   * between), when the tracker keeps them (keepLines): what an import stores with the call.
   */
  lines?: string;
  /**
   * Formerly the same callid in another queue; the tracker now chains pending calls itself and
   * hands every call over with this null. Kept so existing code that builds states still compiles.
   */
  next: QueueCallState | null;
}

export const callStatuses = ['ended', 'open', 'partial'] as const;
/** ended: entered and left the queue; open: entered, no end yet; partial: no ENTERQUEUE seen. */
export type CallStatus = (typeof callStatuses)[number];

export function callStatus(s: QueueCallState): CallStatus {
  if (Number.isNaN(s.enteredAt)) return 'partial';
  return s.end === EndCode.none ? 'open' : 'ended';
}

function needsConnect(end: EndCode): boolean {
  return end >= EndCode.completeCaller && end <= EndCode.attendedTransfer;
}

/** True when no later line can change the call: entered, ended, and connected if the end implies it. */
function isComplete(s: QueueCallState): boolean {
  if (Number.isNaN(s.enteredAt) || s.end === EndCode.none) return false;
  return !needsConnect(s.end) || !Number.isNaN(s.connectedAt);
}

export interface QueueCallTrackerOptions {
  /** Keep the agent of every missed ring (for per-agent reports). */
  keepMissedRingAgents?: boolean;
  /**
   * Keep the caller id of ENTERQUEUE (default true). A KPI report never reads it, and leaving it
   * out saves one string per call on 10-million-line logs.
   */
  keepCallerIds?: boolean;
  /**
   * Keep the agent who answered (`agent`; default true). A KPI report that does not group by agent
   * never reads it, and reading the name from each CONNECT line was ~5% of `kefu kpi` (measured).
   */
  keepAnsweringAgents?: boolean;
  /**
   * Reuse a call's state object once `onCall` has returned (default false). Only for consumers
   * that copy what they need inside `onCall` (the KPI sums do): saves an allocation per call.
   */
  reuseCallStates?: boolean;
  /**
   * A line more than this long after its call's last line begins a new call (the first is
   * handed over as it was: open or partial). Calls silent for twice as long behind the newest
   * line read are handed over too, so memory stays flat on endless logs even when some calls
   * never end (log rotated, PBX restarted). Default one day.
   */
  staleAfterSeconds?: number;
  /**
   * Keep each call's lines (`QueueCallState.lines`, from `QueueLogEvent.callLineText`), and ignore a
   * line identical to one the call already has: a PBX duplicate, or a line read twice.
   */
  keepLines?: boolean;
  /**
   * For a reader of one segment of a file (parallel `kefu kpi`): a call whose first line in the
   * segment is not ENTERQUEUE may have begun in an earlier segment, which another thread reads.
   * Its lines are handed to this function untouched, to be replayed in order where the earlier
   * segments' calls are known, and the call itself is never handed over.
   */
  onHeldLine?: (e: QueueLogEvent) => void;
}

/**
 * The tracker's own state object: the public fields plus its hash-bucket and age-list links.
 * A class (not an object literal) so every state has one hidden class and the hot path stays
 * monomorphic.
 */
class TrackedCall implements QueueCallState {
  enteredAt = Number.NaN;
  callerId = '';
  connectedAt = Number.NaN;
  agent = '';
  waitSeconds = Number.NaN;
  ringSeconds = Number.NaN;
  end: EndCode = EndCode.none;
  endedAt = Number.NaN;
  talkSeconds = Number.NaN;
  transferTo = '';
  missedRings = 0;
  missedRingMs = 0;
  missedRingAgents: string[] | null = null;
  lastSeen = Number.NEGATIVE_INFINITY;
  lines = '';
  next: QueueCallState | null = null;
  /** Its lines go to onHeldLine: it may have begun before the segment being read. */
  held = false;
  /** Next pending call in the same hash bucket. */
  bucketNext: TrackedCall | null = null;
  /** Neighbours in creation order, so open calls are handed over in the order they appeared. */
  older: TrackedCall | null = null;
  newer: TrackedCall | null = null;
  /** The callid's key (see CallIdKey): packed characters, length and hash. */
  k0 = Number.NaN;
  k1 = 0;
  k2 = 0;
  idLength = 0;
  callIdHash = 0;
  queue = '';
  /** The callid as a string, made when first read: a packed key holds its characters (see callId). */
  private id: string | null = null;

  /** `callId` null: the key is packed (CallIdKey) and the string is made only if someone reads it. */
  constructor(callId: string | null, queue: string, key: CallIdKey) {
    this.setKey(callId, queue, key);
  }

  /**
   * Most consumers never read it (the KPI sums do not), and making a string per call was ~6% of
   * `kefu kpi`; a packed key gives it back exactly.
   */
  get callId(): string {
    return (this.id ??= unpackCallId(this.k0, this.k1, this.k2, this.idLength));
  }

  setKey(callId: string | null, queue: string, key: CallIdKey): void {
    this.id = callId;
    this.queue = queue;
    this.k0 = key.k0;
    this.k1 = key.k1;
    this.k2 = key.k2;
    this.idLength = key.length;
    this.callIdHash = key.hash;
  }

  /** Back to a fresh state for another call (reuseCallStates). */
  reset(callId: string | null, queue: string, key: CallIdKey): void {
    this.setKey(callId, queue, key);
    this.enteredAt = Number.NaN;
    this.callerId = '';
    this.connectedAt = Number.NaN;
    this.agent = '';
    this.waitSeconds = Number.NaN;
    this.ringSeconds = Number.NaN;
    this.end = EndCode.none;
    this.endedAt = Number.NaN;
    this.talkSeconds = Number.NaN;
    this.transferTo = '';
    this.missedRings = 0;
    this.missedRingMs = 0;
    this.missedRingAgents = null;
    this.lastSeen = Number.NEGATIVE_INFINITY;
    this.lines = '';
    this.held = false;
  }
}

/** What the log said about a call, without its callid and queue (nor a tracker's links): plain data. */
export type CallFigures = Omit<QueueCallState, 'callId' | 'queue' | 'lines' | 'next' | 'callIdHash'>;

export function callFigures(s: QueueCallState): CallFigures {
  return {
    enteredAt: s.enteredAt,
    callerId: s.callerId,
    connectedAt: s.connectedAt,
    agent: s.agent,
    waitSeconds: s.waitSeconds,
    ringSeconds: s.ringSeconds,
    end: s.end,
    endedAt: s.endedAt,
    talkSeconds: s.talkSeconds,
    transferTo: s.transferTo,
    missedRings: s.missedRings,
    missedRingMs: s.missedRingMs,
    missedRingAgents: s.missedRingAgents === null ? null : [...s.missedRingAgents],
    lastSeen: s.lastSeen,
  };
}

/** The callid a packed CallIdKey was made from: six characters a number, the last group shorter. */
function unpackCallId(k0: number, k1: number, k2: number, length: number): string {
  let out = '';
  const groups = [k0, k1, k2];
  for (let g = 0; g < 3; g++) {
    const n = Math.min(6, length - 6 * g);
    let k = groups[g] as number;
    let part = '';
    for (let j = 0; j < n; j++) {
      part = String.fromCharCode(k % 256) + part;
      k = Math.floor(k / 256);
    }
    out += part;
  }
  return out;
}

// Which event codes are about a queued call (the rest are member/system bookkeeping).
const isCallEvent: boolean[] = queueEventNames.map((name) => queueEventInfo(name)?.kind === 'call');
const INITIAL_BUCKETS = 1024;

/**
 * Turns queue_log lines into calls. Lines of one call may arrive in any order (same-second lines
 * are often swapped); a call is handed to `onCall` as soon as nothing can change it, then dropped.
 * `finish()` hands over the rest: open calls (no end: the log was cut) and partial ones.
 *
 * Pending calls live in a hash table keyed on (a 30-bit hash of) the callid: the queue_log
 * reader's byte records give that hash and compare callid and queue in place, so a line that
 * belongs to a call already pending makes no string at all.
 */
export class QueueCallTracker {
  private buckets: (TrackedCall | null)[] = new Array<TrackedCall | null>(INITIAL_BUCKETS).fill(null);
  private mask = INITIAL_BUCKETS - 1;
  private count = 0;
  private oldest: TrackedCall | null = null;
  private newest: TrackedCall | null = null;
  private readonly keepAgents: boolean;
  private readonly keepCallerIds: boolean;
  private readonly keepAnsweringAgents: boolean;
  private readonly staleAfter: number;
  private linesSinceSweep = 0;
  private latest = 0;
  private readonly scratchKey = new CallIdKey();
  private readonly reuse: boolean;
  private readonly keepLines: boolean;
  /** Lines kept with their calls so far (keepLines); duplicates are not counted. */
  keptLines = 0;
  /** Released states kept for reuse (reuseCallStates). */
  private readonly spare: TrackedCall[] = [];
  private readonly onHeldLine: ((e: QueueLogEvent) => void) | undefined;

  constructor(
    private readonly onCall: (call: QueueCallState) => void,
    options: QueueCallTrackerOptions = {},
  ) {
    this.keepAgents = options.keepMissedRingAgents ?? false;
    this.keepCallerIds = options.keepCallerIds ?? true;
    this.keepAnsweringAgents = options.keepAnsweringAgents ?? true;
    this.reuse = options.reuseCallStates ?? false;
    this.keepLines = options.keepLines ?? false;
    this.staleAfter = options.staleAfterSeconds ?? 86_400;
    this.onHeldLine = options.onHeldLine;
  }

  get pendingCount(): number {
    return this.count;
  }

  /** Applies one line; lines that are not about a queued call are ignored. */
  apply(e: QueueLogEvent): void {
    const keyed = e as Partial<KeyedQueueLogEvent>;
    const code = keyed.eventCode ?? queueEventCode(e.event);
    if (isCallEvent[code] !== true) return;
    if (e.time > this.latest) this.latest = e.time;
    let s = keyed.callKey !== undefined ? this.keyedStateFor(e as KeyedQueueLogEvent) : this.stateFor(e.callId, e.queue);
    if (s.held) {
      this.onHeldLine?.(e);
      return;
    }
    if (s.lastSeen === Number.NEGATIVE_INFINITY) {
      // A call new to this tracker. Read in segments, one that does not open with ENTERQUEUE may
      // be the continuation of a call in the segment before: hold it for the thread that knows.
      if (this.onHeldLine !== undefined && code !== Q.ENTERQUEUE) {
        s.held = true;
        this.onHeldLine(e);
        return;
      }
    } else if (e.time - s.lastSeen > this.staleAfter) {
      // Silent for longer than staleAfter: that call is over (flushed as open) and this line
      // begins another. The periodic sweep does the same for calls that never speak again; doing
      // it here too makes the outcome independent of when the sweep last ran.
      this.release(s);
      s = this.insert(this.newCall(e.callId, e.queue, keyed.callKey ?? callIdKeyOf(e.callId, this.scratchKey)));
    }
    if (this.keepLines && !this.keepLine(s, e.callLineText?.() ?? callLineOf(e))) return;
    if (e.time > s.lastSeen) s.lastSeen = e.time;
    switch (code) {
      case Q.ENTERQUEUE:
        s.enteredAt = e.time;
        if (this.keepCallerIds) s.callerId = e.data2;
        break;
      case Q.CONNECT:
        s.connectedAt = e.time;
        if (this.keepAnsweringAgents) s.agent = e.agent;
        s.waitSeconds = e.dataNumber(1);
        s.ringSeconds = e.dataNumber(3);
        break;
      case Q.RINGNOANSWER: {
        s.missedRings++;
        const ms = e.dataNumber(1);
        if (!Number.isNaN(ms)) s.missedRingMs += ms;
        if (this.keepAgents) (s.missedRingAgents ??= []).push(e.agent);
        break;
      }
      case Q.COMPLETECALLER:
      case Q.COMPLETEAGENT:
        this.end(s, code === Q.COMPLETECALLER ? EndCode.completeCaller : EndCode.completeAgent, e.time);
        s.talkSeconds = e.dataNumber(2);
        if (this.keepAnsweringAgents && s.agent === '') s.agent = e.agent;
        break;
      case Q.BLINDTRANSFER:
      case Q.TRANSFER:
      case Q.ATTENDEDTRANSFER: {
        this.end(s, code === Q.ATTENDEDTRANSFER ? EndCode.attendedTransfer : EndCode.blindTransfer, e.time);
        s.talkSeconds = e.dataNumber(4);
        // Blind: extension@context; attended: the method (BRIDGE/APP/LINK) and its data.
        const data2 = e.data2;
        s.transferTo = code === Q.ATTENDEDTRANSFER ? data2 : data2 === '' ? e.data1 : `${e.data1}@${data2}`;
        if (this.keepAnsweringAgents && s.agent === '') s.agent = e.agent;
        break;
      }
      case Q.ABANDON:
        this.end(s, EndCode.abandon, e.time);
        break;
      case Q.EXITWITHTIMEOUT:
        this.end(s, EndCode.timeout, e.time);
        break;
      case Q.EXITEMPTY:
        this.end(s, EndCode.exitEmpty, e.time);
        break;
      case Q.EXITWITHKEY:
        this.end(s, EndCode.exitWithKey, e.time);
        break;
      case Q.AGENTDUMP:
        this.end(s, EndCode.agentDump, e.time);
        break;
      case Q.SYSCOMPAT:
        this.end(s, EndCode.sysCompat, e.time);
        break;
      default:
        // RINGCANCELED: the caller hung up while an agent rang; the ABANDON that follows counts.
        break;
    }
    if (isComplete(s)) this.release(s);
    if (++this.linesSinceSweep >= 100_000) this.sweep();
  }

  /** Calls pending now (open or partial, not held), oldest first; they stay pending. */
  forEachPending(fn: (call: QueueCallState) => void): void {
    for (let s = this.oldest; s !== null; s = s.newer) if (!s.held) fn(s);
  }

  /**
   * Takes over a pending call another tracker built from an earlier part of the same log
   * (parallel `kefu kpi`): later lines of that call then continue it here. Its callid and queue
   * must not be pending here already.
   */
  adopt(state: QueueCallState): void {
    const s = this.newCall(state.callId, state.queue, callIdKeyOf(state.callId, this.scratchKey));
    Object.assign(s, callFigures(state));
    s.lines = state.lines ?? '';
    this.insert(s);
    if (state.lastSeen > this.latest) this.latest = state.lastSeen;
  }

  /** Hands over the calls silent for longer than staleAfter before `time` (Unix seconds), as a sweep would. */
  releaseSilentBefore(time: number): void {
    if (time > this.latest) this.latest = time;
    this.sweep();
  }

  /** Hands over every call still pending (open or partial), oldest first, and empties the tracker. */
  finish(): void {
    let s = this.oldest;
    this.oldest = null;
    this.newest = null;
    this.count = 0;
    this.buckets.fill(null);
    while (s !== null) {
      const newer: TrackedCall | null = s.newer;
      s.older = null;
      s.newer = null;
      s.bucketNext = null;
      // A held call's lines went to onHeldLine: another tracker hands it over.
      if (!s.held) this.onCall(s);
      s = newer;
    }
  }

  /** Adds the line to the call's lines; false when the call already has it. */
  private keepLine(s: TrackedCall, text: string): boolean {
    const lines = s.lines;
    if (lines === '') s.lines = text;
    else if (hasLine(lines, text)) return false;
    else s.lines = `${lines}\n${text}`;
    this.keptLines++;
    return true;
  }

  private end(s: QueueCallState, code: EndCode, time: number): void {
    // The first end wins: a second end line for the same call is a PBX duplicate.
    if (s.end !== EndCode.none) return;
    s.end = code;
    s.endedAt = time;
  }

  private stateFor(callId: string, queue: string): TrackedCall {
    const key = callIdKeyOf(callId, this.scratchKey);
    for (let s = this.buckets[key.hash & this.mask] ?? null; s !== null; s = s.bucketNext) {
      if (s.callIdHash === key.hash && s.callId === callId && s.queue === queue) return s;
    }
    return this.insert(this.newCall(callId, queue, key));
  }

  private keyedStateFor(e: KeyedQueueLogEvent): TrackedCall {
    const key = e.callKey;
    const hash = key.hash;
    const k0 = key.k0;
    let s = this.buckets[hash & this.mask] ?? null;
    if (k0 === k0) {
      // Packed: equal numbers and length are an equal callid; no string is touched.
      const { k1, k2, length } = key;
      for (; s !== null; s = s.bucketNext) {
        if (s.callIdHash === hash && s.k0 === k0 && s.k1 === k1 && s.k2 === k2 && s.idLength === length && e.hasQueue(s.queue)) return s;
      }
    } else {
      for (; s !== null; s = s.bucketNext) {
        if (s.callIdHash === hash && e.hasCallId(s.callId) && e.hasQueue(s.queue)) return s;
      }
    }
    return this.insert(this.newCall(k0 === k0 ? null : e.callId, e.queue, key));
  }

  private newCall(callId: string | null, queue: string, key: CallIdKey): TrackedCall {
    const reused = this.spare.pop();
    if (reused === undefined) return new TrackedCall(callId, queue, key);
    reused.reset(callId, queue, key);
    return reused;
  }

  private insert(s: TrackedCall): TrackedCall {
    if (this.count >= this.buckets.length) this.grow();
    const slot = s.callIdHash & this.mask;
    s.bucketNext = this.buckets[slot] ?? null;
    this.buckets[slot] = s;
    s.older = this.newest;
    if (this.newest === null) this.oldest = s;
    else this.newest.newer = s;
    this.newest = s;
    this.count++;
    return s;
  }

  private grow(): void {
    const size = this.buckets.length * 2;
    this.buckets = new Array<TrackedCall | null>(size).fill(null);
    this.mask = size - 1;
    for (let s = this.oldest; s !== null; s = s.newer) {
      const slot = s.callIdHash & this.mask;
      s.bucketNext = this.buckets[slot] ?? null;
      this.buckets[slot] = s;
    }
  }

  private release(done: TrackedCall): void {
    const slot = done.callIdHash & this.mask;
    let s = this.buckets[slot] ?? null;
    if (s === done) this.buckets[slot] = done.bucketNext;
    else {
      while (s !== null && s.bucketNext !== done) s = s.bucketNext;
      if (s !== null) s.bucketNext = done.bucketNext;
    }
    if (done.older === null) this.oldest = done.newer;
    else done.older.newer = done.newer;
    if (done.newer === null) this.newest = done.older;
    else done.newer.older = done.older;
    done.bucketNext = null;
    done.older = null;
    done.newer = null;
    this.count--;
    this.onCall(done);
    if (this.reuse && this.spare.length < 1024) this.spare.push(done);
  }

  private sweep(): void {
    this.linesSinceSweep = 0;
    // Twice staleAfter behind the newest line: a call released here could only get another line
    // that continues it (within staleAfter of its last) if the log went back in time by more than
    // staleAfter. So short of that, when the sweep runs changes no figure: a segmented read
    // (which sweeps at other moments) gives the one-pass result.
    const cutoff = this.latest - 2 * this.staleAfter;
    for (let s = this.oldest; s !== null; ) {
      const newer: TrackedCall | null = s.newer;
      if (s.lastSeen < cutoff && !s.held) this.release(s);
      s = newer;
    }
  }
}

/** `line` is one whole line of `lines` (lines joined by `\n`). */
export function hasLine(lines: string, line: string): boolean {
  const n = line.length;
  for (let i = lines.indexOf(line); i !== -1; i = lines.indexOf(line, i + 1)) {
    if ((i === 0 || lines.charCodeAt(i - 1) === 10) && (i + n === lines.length || lines.charCodeAt(i + n) === 10)) return true;
  }
  return false;
}

/** The event as `epoch|agent|EVENT|data…` (callLineText), for sources that cannot give the line as read. */
export function callLineOf(e: QueueLogEvent): string {
  const data = [e.data1, e.data2, e.data3, e.data4, e.data5];
  let n = 5;
  while (n > 0 && data[n - 1] === '') n--;
  // A `|` or line break inside a field (possible in a CSV export) would split it when read back.
  const clean = (v: string): string => (/[|\r\n]/.test(v) ? v.replace(/[|\r\n]/g, ' ') : v);
  return [String(e.time), e.agent, e.event, ...data.slice(0, n)].map(clean).join('|');
}

const outcomeOf: Record<EndCode, CallOutcome> = {
  [EndCode.none]: 'open',
  [EndCode.completeCaller]: 'completed',
  [EndCode.completeAgent]: 'completed',
  [EndCode.blindTransfer]: 'transferred',
  [EndCode.attendedTransfer]: 'transferred',
  [EndCode.abandon]: 'abandoned',
  [EndCode.timeout]: 'timedOut',
  [EndCode.exitEmpty]: 'exitEmpty',
  [EndCode.exitWithKey]: 'exitWithKey',
  [EndCode.agentDump]: 'agentDumped',
  [EndCode.sysCompat]: 'incompatible',
};

/** Who ended the call. A transfer hands the caller on, so it is the agent's doing. */
const endedByOf: Record<EndCode, HangupParty | null> = {
  [EndCode.none]: null,
  [EndCode.completeCaller]: 'customer',
  [EndCode.completeAgent]: 'agent',
  [EndCode.blindTransfer]: 'agent',
  [EndCode.attendedTransfer]: 'agent',
  [EndCode.abandon]: 'customer',
  [EndCode.timeout]: 'system',
  [EndCode.exitEmpty]: 'system',
  [EndCode.exitWithKey]: 'customer',
  [EndCode.agentDump]: 'agent',
  [EndCode.sysCompat]: 'system',
};

const orNull = (n: number): number | null => (Number.isNaN(n) ? null : n);

/** The public call, with its Transcript-vocabulary events. */
export function toCall(s: QueueCallState): Call {
  const answeredAt = Number.isNaN(s.connectedAt) ? null : s.connectedAt * 1000;
  const ringMs = Number.isNaN(s.ringSeconds) ? 0 : s.ringSeconds * 1000;
  const enteredQueueAt = Number.isNaN(s.enteredAt) ? null : s.enteredAt * 1000;
  const offeredAt = answeredAt !== null ? answeredAt - ringMs : enteredQueueAt;
  const endedAt = Number.isNaN(s.endedAt) ? null : s.endedAt * 1000;
  const endedBy = endedByOf[s.end];
  const transfer =
    s.end === EndCode.blindTransfer || s.end === EndCode.attendedTransfer
      ? { kind: (s.end === EndCode.blindTransfer ? 'blind' : 'attended') as TransferKind, to: s.transferTo === '' ? null : s.transferTo }
      : null;

  const events: CallEvent[] = [];
  if (offeredAt !== null) {
    if (answeredAt !== null) {
      events.push({ type: 'ring', at: 0 }, { type: 'answer', at: answeredAt - offeredAt });
    }
    if (endedAt !== null) {
      // Queue logs stamp whole seconds, so an end can precede the answer it follows; clamp.
      const at = Math.max(endedAt - offeredAt, answeredAt === null ? 0 : answeredAt - offeredAt);
      if (transfer !== null) {
        events.push(transfer.to === null ? { type: 'transfer', at } : { type: 'transfer', at, to: transfer.to });
      } else if (endedBy !== null) {
        events.push({ type: 'hangup', at, by: endedBy });
      }
    }
  }

  return {
    callId: s.callId,
    queue: s.queue,
    agent: s.agent === '' || s.agent === 'NONE' ? null : s.agent,
    callerId: s.callerId === '' ? null : s.callerId,
    enteredQueueAt,
    offeredAt,
    answeredAt,
    endedAt,
    outcome: outcomeOf[s.end],
    endedBy,
    waitSeconds: orNull(s.waitSeconds),
    ringSeconds: orNull(s.ringSeconds),
    talkSeconds: orNull(s.talkSeconds),
    missedRings: s.missedRings,
    missedRingMs: s.missedRingMs,
    transfer,
    events,
  };
}

/** Total seconds on hold from hold/unhold events; an unmatched hold runs to the hangup. */
export function holdSeconds(events: readonly CallEvent[]): number {
  let total = 0;
  let since: number | null = null;
  for (const e of [...events].sort((a, b) => a.at - b.at)) {
    if (e.type === 'hold' && since === null) since = e.at;
    else if ((e.type === 'unhold' || e.type === 'hangup' || e.type === 'transfer') && since !== null) {
      total += e.at - since;
      since = null;
    }
  }
  return total / 1000;
}
