/**
 * The Asterisk queue_log event vocabulary (docs: Queue-Logs.md) as data: which events are about a
 * queued call, which are system or member bookkeeping, how many data fields each needs and which of
 * those must be numbers. Readers validate lines against this table; the call model trusts it.
 */

/** One queue_log line, format-independent (pipe file, realtime CSV, PBXware export). */
export interface QueueLogEvent {
  /** Unix seconds. */
  time: number;
  callId: string;
  queue: string;
  agent: string;
  event: string;
  data1: string;
  data2: string;
  data3: string;
  data4: string;
  data5: string;
  /** Data field k (1–5) as an unsigned integer; NaN when empty or not a number. */
  dataNumber(k: number): number;
}

/** A QueueLogEvent from plain values (CSV rows, CTI adapters, tests). */
export class QueueLogFields implements QueueLogEvent {
  time = 0;
  callId = '';
  queue = '';
  agent = '';
  event = '';
  data1 = '';
  data2 = '';
  data3 = '';
  data4 = '';
  data5 = '';

  constructor(init: Partial<Omit<QueueLogEvent, 'dataNumber'>> = {}) {
    Object.assign(this, init);
  }

  data(k: number): string {
    return k === 1 ? this.data1 : k === 2 ? this.data2 : k === 3 ? this.data3 : k === 4 ? this.data4 : this.data5;
  }

  dataNumber(k: number): number {
    return parseCount(this.data(k));
  }
}

export const queueEventKinds = ['call', 'member', 'system'] as const;
export type QueueEventKind = (typeof queueEventKinds)[number];

export interface QueueEventInfo {
  kind: QueueEventKind;
  /** Data fields the line must carry (trailing empty fields do not count). */
  minData: number;
  /** 1-based data fields that must be integers when present. */
  numeric: readonly number[];
}

const call = (minData: number, numeric: readonly number[] = []): QueueEventInfo => ({ kind: 'call', minData, numeric });
const member: QueueEventInfo = { kind: 'member', minData: 0, numeric: [] };
const system: QueueEventInfo = { kind: 'system', minData: 0, numeric: [] };

// minData follows what the oldest supported Asterisk (1.4) writes, so older logs are not skipped:
// CONNECT had no ring time before 1.6, EXITWITHKEY only key|position before 1.8.
const table: Record<string, QueueEventInfo> = {
  ENTERQUEUE: call(0),
  CONNECT: call(1, [1, 3]),
  COMPLETECALLER: call(2, [1, 2]),
  COMPLETEAGENT: call(2, [1, 2]),
  ABANDON: call(3, [1, 2, 3]),
  EXITWITHTIMEOUT: call(3, [1, 2, 3]),
  EXITEMPTY: call(3, [1, 2, 3]),
  EXITWITHKEY: call(2, [2, 3, 4]),
  RINGNOANSWER: call(1, [1]),
  RINGCANCELED: call(0, [1]),
  BLINDTRANSFER: call(4, [3, 4]),
  ATTENDEDTRANSFER: call(4, [3, 4]),
  TRANSFER: call(4, [3, 4]),
  AGENTDUMP: call(0),
  SYSCOMPAT: call(0),
  // Informational lines some dialplans and PBXs add about a call; nothing to count.
  DID: member,
  INFO: member,
  ADDMEMBER: member,
  REMOVEMEMBER: member,
  PAUSE: member,
  UNPAUSE: member,
  PAUSEALL: member,
  UNPAUSEALL: member,
  PENALTY: member,
  AGENTLOGIN: member,
  AGENTLOGOFF: member,
  AGENTCALLBACKLOGIN: member,
  AGENTCALLBACKLOGOFF: member,
  // PBXware's outbound-agent events: calls, but not queued ones.
  OUTDIAL: member,
  OUTANSWER: member,
  OUTCANCEL: member,
  OUTCHANUNAVAIL: member,
  OUTCONGESTION: member,
  OUTBUSY: member,
  OUTNOANSWER: member,
  OUTTRANSFER: member,
  QUEUESTART: system,
  CONFIGRELOAD: system,
};

const events = new Map<string, QueueEventInfo>(Object.entries(table));
// Event names by (length, first letter): one array read narrows to one or two names.
const MAX_NAME = 32;
const byShape: (string[] | undefined)[] = [];
for (const name of events.keys()) {
  const slot = name.length * 128 + name.charCodeAt(0);
  (byShape[slot] ??= []).push(name);
}

/** The event's rules, or undefined for an event this version does not know. */
export function queueEventInfo(event: string): QueueEventInfo | undefined {
  return events.get(event);
}

/**
 * The known event name found at text[from, to), as the table's own string (so later lookups hit
 * a hashed constant), or undefined. Compares in place: no substring per line.
 */
export function matchQueueEvent(text: string, from: number, to: number): string | undefined {
  const len = to - from;
  if (len <= 0 || len >= MAX_NAME) return undefined;
  const first = text.charCodeAt(from);
  if (first >= 128) return undefined;
  const candidates = byShape[len * 128 + first];
  if (candidates === undefined) return undefined;
  for (const name of candidates) {
    let i = 1;
    while (i < len && text.charCodeAt(from + i) === name.charCodeAt(i)) i++;
    if (i === len) return name;
  }
  return undefined;
}

/** Like parseCount, on text[from, to) without cutting it out. */
export function parseCountAt(text: string, from: number, to: number): number {
  if (to <= from || to - from > 15) return Number.NaN;
  let v = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return Number.NaN;
    v = v * 10 + c;
  }
  return v;
}

/** Parses an unsigned integer field; NaN when it is empty or not all digits. */
export function parseCount(text: string): number {
  const n = text.length;
  if (n === 0 || n > 15) return Number.NaN;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return Number.NaN;
    v = v * 10 + c;
  }
  return v;
}
