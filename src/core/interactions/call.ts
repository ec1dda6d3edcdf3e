import { queueEventInfo, type QueueLogEvent } from './queue-log-events.js';

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
  /** The same callid in another queue (a caller moved from queue to queue). */
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
   * A call not heard of for this long is flushed as open/partial, so memory stays flat on
   * endless logs even when some calls never end (log rotated, PBX restarted).
   */
  staleAfterSeconds?: number;
}

/**
 * Turns queue_log lines into calls. Lines of one call may arrive in any order (same-second lines
 * are often swapped); a call is handed to `onCall` as soon as nothing can change it, then dropped.
 * `finish()` hands over the rest: open calls (no end: the log was cut) and partial ones.
 */
export class QueueCallTracker {
  private readonly pending = new Map<string, QueueCallState>();
  private readonly keepAgents: boolean;
  private readonly staleAfter: number;
  private linesSinceSweep = 0;
  private latest = 0;

  constructor(
    private readonly onCall: (call: QueueCallState) => void,
    options: QueueCallTrackerOptions = {},
  ) {
    this.keepAgents = options.keepMissedRingAgents ?? false;
    this.staleAfter = options.staleAfterSeconds ?? 86_400;
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  /** Applies one line; lines that are not about a queued call are ignored. */
  apply(e: QueueLogEvent): void {
    const info = queueEventInfo(e.event);
    if (info === undefined || info.kind !== 'call') return;
    if (e.time > this.latest) this.latest = e.time;
    const s = this.stateFor(e.callId, e.queue);
    if (e.time > s.lastSeen) s.lastSeen = e.time;
    switch (e.event) {
      case 'ENTERQUEUE':
        s.enteredAt = e.time;
        s.callerId = e.data2;
        break;
      case 'CONNECT':
        s.connectedAt = e.time;
        s.agent = e.agent;
        s.waitSeconds = e.dataNumber(1);
        s.ringSeconds = e.dataNumber(3);
        break;
      case 'RINGNOANSWER': {
        s.missedRings++;
        const ms = e.dataNumber(1);
        if (!Number.isNaN(ms)) s.missedRingMs += ms;
        if (this.keepAgents) (s.missedRingAgents ??= []).push(e.agent);
        break;
      }
      case 'COMPLETECALLER':
      case 'COMPLETEAGENT':
        this.end(s, e.event === 'COMPLETECALLER' ? EndCode.completeCaller : EndCode.completeAgent, e.time);
        s.talkSeconds = e.dataNumber(2);
        if (s.agent === '') s.agent = e.agent;
        break;
      case 'BLINDTRANSFER':
      case 'TRANSFER':
      case 'ATTENDEDTRANSFER':
        this.end(s, e.event === 'ATTENDEDTRANSFER' ? EndCode.attendedTransfer : EndCode.blindTransfer, e.time);
        s.talkSeconds = e.dataNumber(4);
        // Blind: extension@context; attended: the method (BRIDGE/APP/LINK) and its data.
        s.transferTo = e.event === 'ATTENDEDTRANSFER' ? e.data2 : e.data2 === '' ? e.data1 : `${e.data1}@${e.data2}`;
        if (s.agent === '') s.agent = e.agent;
        break;
      case 'ABANDON':
        this.end(s, EndCode.abandon, e.time);
        break;
      case 'EXITWITHTIMEOUT':
        this.end(s, EndCode.timeout, e.time);
        break;
      case 'EXITEMPTY':
        this.end(s, EndCode.exitEmpty, e.time);
        break;
      case 'EXITWITHKEY':
        this.end(s, EndCode.exitWithKey, e.time);
        break;
      case 'AGENTDUMP':
        this.end(s, EndCode.agentDump, e.time);
        break;
      case 'SYSCOMPAT':
        this.end(s, EndCode.sysCompat, e.time);
        break;
      default:
        // RINGCANCELED: the caller hung up while an agent rang; the ABANDON that follows counts.
        break;
    }
    if (isComplete(s)) this.release(s);
    if (++this.linesSinceSweep >= 100_000) this.sweep();
  }

  /** Hands over every call still pending (open or partial) and empties the tracker. */
  finish(): void {
    for (const head of this.pending.values()) {
      for (let s: QueueCallState | null = head; s !== null; s = s.next) this.onCall(s);
    }
    this.pending.clear();
  }

  private end(s: QueueCallState, code: EndCode, time: number): void {
    // The first end wins: a second end line for the same call is a PBX duplicate.
    if (s.end !== EndCode.none) return;
    s.end = code;
    s.endedAt = time;
  }

  private stateFor(callId: string, queue: string): QueueCallState {
    const head = this.pending.get(callId);
    for (let s: QueueCallState | null | undefined = head; s !== undefined && s !== null; s = s.next) {
      if (s.queue === queue) return s;
    }
    const created = newState(callId, queue);
    created.next = head ?? null;
    this.pending.set(callId, created);
    return created;
  }

  private release(done: QueueCallState): void {
    const head = this.pending.get(done.callId);
    if (head === done) {
      if (done.next === null) this.pending.delete(done.callId);
      else this.pending.set(done.callId, done.next);
    } else {
      for (let s: QueueCallState | null | undefined = head; s !== undefined && s !== null; s = s.next) {
        if (s.next === done) {
          s.next = done.next;
          break;
        }
      }
    }
    done.next = null;
    this.onCall(done);
  }

  private sweep(): void {
    this.linesSinceSweep = 0;
    const cutoff = this.latest - this.staleAfter;
    for (const head of [...this.pending.values()]) {
      for (let s: QueueCallState | null = head; s !== null; ) {
        const next: QueueCallState | null = s.next;
        if (s.lastSeen < cutoff) this.release(s);
        s = next;
      }
    }
  }
}

function newState(callId: string, queue: string): QueueCallState {
  return {
    callId,
    queue,
    enteredAt: Number.NaN,
    callerId: '',
    connectedAt: Number.NaN,
    agent: '',
    waitSeconds: Number.NaN,
    ringSeconds: Number.NaN,
    end: EndCode.none,
    endedAt: Number.NaN,
    talkSeconds: Number.NaN,
    transferTo: '',
    missedRings: 0,
    missedRingMs: 0,
    missedRingAgents: null,
    lastSeen: Number.NEGATIVE_INFINITY,
    next: null,
  };
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
