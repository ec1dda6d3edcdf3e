import { EndCode, QueueCallTracker, callStatus, holdSeconds, toCall, type Call, type CallEvent, type CallOutcome, type HangupParty, type QueueCallState, type TransferKind } from '../interactions/call.js';
import { QueueLogFields, type QueueLogEvent } from '../interactions/queue-log-events.js';

/**
 * A call as the database keeps it, whatever told us about it: a queue_log file, a CDR file or
 * live CTI events. Built from the shared call model (`Call` of core/interactions), so every source
 * yields the same measures and the same Transcript-vocabulary events.
 */
export const callSources = ['queue_log', 'cdr', 'cti'] as const;
export type CallSource = (typeof callSources)[number];

/**
 * The outcome lists filter on. `dropped`: the agent or the system dropped an answered call
 * (AGENTDUMP, SYSCOMPAT); `unanswered`: a CDR call no one answered (a CDR has no queue to have
 * abandoned or timed out of).
 */
export const callOutcomeNames = ['answered', 'abandoned', 'timeout', 'exit_empty', 'exit_with_key', 'dropped', 'unanswered', 'open'] as const;
export type CallOutcomeName = (typeof callOutcomeNames)[number];

/** The finer outcome: the call model's, plus `unanswered` for CDR calls. */
export type CallEndDetail = CallOutcome | 'unanswered';

export interface CallRecord {
  source: CallSource;
  externalId: string;
  queue: string;
  agent: string | null;
  caller: string | null;
  customerId: string | null;
  vip: boolean;
  /** Queue entry or the first thing known; what lists and reports filter on. */
  startedAt: number | null;
  enteredQueueAt: number | null;
  offeredAt: number | null;
  answeredAt: number | null;
  endedAt: number | null;
  waitMs: number | null;
  ringMs: number | null;
  talkMs: number | null;
  holdMs: number | null;
  missedRings: number;
  missedRingAgents: string[] | null;
  outcome: CallOutcomeName;
  endDetail: CallEndDetail;
  endedBy: HangupParty | null;
  transferred: boolean;
  transferKind: TransferKind | null;
  transferTo: string | null;
  events: CallEvent[];
  /**
   * The PBX's recording reference (an http(s) URL or a path under the recordings base) when a write
   * names one (only live CTI does: `ingest-cti-events`). Absent: nothing said, a stored one is kept.
   */
  recording?: string | null;
}

const outcomeNames: Record<CallEndDetail, CallOutcomeName> = {
  open: 'open',
  completed: 'answered',
  transferred: 'answered',
  abandoned: 'abandoned',
  timedOut: 'timeout',
  exitEmpty: 'exit_empty',
  exitWithKey: 'exit_with_key',
  agentDumped: 'dropped',
  incompatible: 'dropped',
  unanswered: 'unanswered',
};

export function outcomeName(detail: CallEndDetail): CallOutcomeName {
  return outcomeNames[detail];
}

const secondsToMs = (s: number | null): number | null => (s === null ? null : Math.round(s * 1000));

/** The stored form of a call-model call. */
export function recordFromCall(call: Call, source: CallSource, extra: { missedRingAgents?: string[] | null; vip?: boolean; customerId?: string | null } = {}): CallRecord {
  const hasHold = call.events.some((e) => e.type === 'hold');
  return {
    source,
    externalId: call.callId,
    queue: call.queue,
    agent: call.agent,
    caller: call.callerId,
    customerId: extra.customerId ?? null,
    vip: extra.vip ?? false,
    startedAt: call.enteredQueueAt ?? call.offeredAt ?? call.answeredAt ?? call.endedAt,
    enteredQueueAt: call.enteredQueueAt,
    offeredAt: call.offeredAt,
    answeredAt: call.answeredAt,
    endedAt: call.endedAt,
    waitMs: secondsToMs(call.waitSeconds),
    ringMs: secondsToMs(call.ringSeconds),
    talkMs: secondsToMs(call.talkSeconds),
    holdMs: hasHold ? Math.round(holdSeconds(call.events) * 1000) : source === 'cti' ? 0 : null,
    missedRings: call.missedRings,
    missedRingAgents: extra.missedRingAgents && extra.missedRingAgents.length > 0 ? [...extra.missedRingAgents] : null,
    outcome: outcomeName(call.outcome),
    endDetail: call.outcome,
    endedBy: call.endedBy,
    transferred: call.transfer !== null,
    transferKind: call.transfer?.kind ?? null,
    transferTo: call.transfer?.to ?? null,
    events: call.events,
  };
}

/**
 * Rebuilds the calls of a set of queue_log lines (every stored line of some call ids, in any
 * order). A (callid, queue) seen both with and without its ENTERQUEUE (a late RINGNOANSWER after
 * the end) is one call: the state with the entry wins.
 */
export function callsFromQueueLog(lines: Iterable<QueueLogEvent>): CallRecord[] {
  const byKey = new Map<string, { record: CallRecord; partial: boolean }>();
  const tracker = new QueueCallTracker(
    (s) => {
      // Convert at once: the tracker's state objects are its own (reused, lazy fields).
      const partial = callStatus(s) === 'partial';
      const key = `${s.callId}\u0000${s.queue}`;
      const seen = byKey.get(key);
      if (seen !== undefined && !(seen.partial && !partial)) return;
      byKey.set(key, { record: queueLogRecordOf(s), partial });
    },
    { keepMissedRingAgents: true, staleAfterSeconds: Number.MAX_SAFE_INTEGER },
  );
  const sorted = [...lines].sort((a, b) => a.time - b.time);
  for (const l of sorted) tracker.apply(l);
  tracker.finish();
  return [...byKey.values()].map((v) => v.record);
}

/** The stored form of a queue_log call as the tracker hands it over (kept missed-ring agents included). */
export function queueLogRecordOf(s: QueueCallState): CallRecord {
  const record = recordFromCall(toCall(s), 'queue_log', { missedRingAgents: s.missedRingAgents });
  // Only late lines of the call were seen (the log began mid-call): date it by them.
  if (record.startedAt === null && Number.isFinite(s.lastSeen)) record.startedAt = s.lastSeen * 1000;
  return record;
}

/** A stored line of a queue_log call (`epoch|agent|EVENT|data…`, already validated) back as an event. */
export function queueLogEventOfLine(line: string, callId: string, queue: string): QueueLogEvent {
  const f = line.split('|');
  return new QueueLogFields({
    // Some PBXs write fractional epochs; the reader keeps whole seconds.
    time: Math.floor(Number(f[0])),
    callId,
    queue,
    agent: f[1] ?? '',
    event: f[2] ?? '',
    data1: f[3] ?? '',
    data2: f[4] ?? '',
    data3: f[5] ?? '',
    data4: f[6] ?? '',
    data5: f[7] ?? '',
  });
}

/** A stored queue_log line back as an event: data fields were kept joined by `|`. */
export function queueLogEventOf(row: { time: number; external_id: string; queue: string; agent: string; event: string; data: string }): QueueLogEvent {
  const d = row.data.split('|');
  return new QueueLogFields({ time: row.time, callId: row.external_id, queue: row.queue, agent: row.agent, event: row.event, data1: d[0] ?? '', data2: d[1] ?? '', data3: d[2] ?? '', data4: d[3] ?? '', data5: d[4] ?? '' });
}

/** data1..data5 joined by `|`, trailing empty fields dropped. */
export function joinQueueLogData(e: QueueLogEvent): string {
  const parts = [e.data1, e.data2, e.data3, e.data4, e.data5];
  let n = 5;
  while (n > 0 && parts[n - 1] === '') n--;
  return parts.slice(0, n).join('|');
}

const endCodes: Record<CallEndDetail, EndCode> = {
  open: EndCode.none,
  completed: EndCode.completeAgent,
  transferred: EndCode.blindTransfer,
  abandoned: EndCode.abandon,
  timedOut: EndCode.timeout,
  exitEmpty: EndCode.exitEmpty,
  exitWithKey: EndCode.exitWithKey,
  agentDumped: EndCode.agentDump,
  incompatible: EndCode.sysCompat,
  unanswered: EndCode.abandon,
};

function endCodeOf(r: CallRecord): EndCode {
  if (r.endDetail === 'completed') {
    // A completed call the system cut (CTI `ended by system`) is neither party hanging up first.
    return r.endedBy === 'customer' ? EndCode.completeCaller : r.endedBy === 'agent' ? EndCode.completeAgent : EndCode.sysCompat;
  }
  if (r.endDetail === 'transferred') return r.transferKind === 'attended' ? EndCode.attendedTransfer : EndCode.blindTransfer;
  return endCodes[r.endDetail];
}

const msToSeconds = (ms: number | null): number => (ms === null ? Number.NaN : ms / 1000);

/**
 * The KPI aggregator's view of a stored call, so the database report reuses core/kpi and gives
 * exactly the figures of the file report.
 */
export function kpiStateOf(r: CallRecord): QueueCallState {
  return {
    callId: r.externalId,
    queue: r.queue,
    enteredAt: msToSeconds(r.enteredQueueAt),
    callerId: r.caller ?? '',
    connectedAt: msToSeconds(r.answeredAt),
    agent: r.agent ?? '',
    waitSeconds: msToSeconds(r.waitMs),
    ringSeconds: msToSeconds(r.ringMs),
    end: endCodeOf(r),
    endedAt: msToSeconds(r.endedAt),
    talkSeconds: msToSeconds(r.talkMs),
    transferTo: r.transferTo ?? '',
    missedRings: r.missedRings,
    missedRingMs: 0,
    missedRingAgents: r.missedRingAgents,
    lastSeen: msToSeconds(r.endedAt ?? r.startedAt),
    next: null,
  };
}
