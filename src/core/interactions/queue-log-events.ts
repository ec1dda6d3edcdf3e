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
  /**
   * The line as read without its callid and queue (`epoch|agent|EVENT|data…`, no line break),
   * when the source has it: what an import stores with the call, which knows its callid and queue.
   */
  callLineText?(): string;
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
 * Numeric codes of the known events (1-based; 0 = unknown), in table order. Hot paths switch on
 * these instead of comparing strings.
 */
export const queueEventNames: readonly string[] = ['', ...events.keys()];
const codes = new Map<string, number>(queueEventNames.map((name, code) => [name, code]));
const infoByCode: (QueueEventInfo | undefined)[] = queueEventNames.map((name) => events.get(name));

/** The event's code, 0 when unknown. */
export function queueEventCode(event: string): number {
  return codes.get(event) ?? 0;
}

/** The rules of event `code`, undefined for 0 (unknown). */
export function queueEventInfoByCode(code: number): QueueEventInfo | undefined {
  return infoByCode[code];
}

/** Codes of the events the call model switches on. */
export const QueueEventCode = {
  ENTERQUEUE: queueEventCode('ENTERQUEUE'),
  CONNECT: queueEventCode('CONNECT'),
  COMPLETECALLER: queueEventCode('COMPLETECALLER'),
  COMPLETEAGENT: queueEventCode('COMPLETEAGENT'),
  ABANDON: queueEventCode('ABANDON'),
  EXITWITHTIMEOUT: queueEventCode('EXITWITHTIMEOUT'),
  EXITEMPTY: queueEventCode('EXITEMPTY'),
  EXITWITHKEY: queueEventCode('EXITWITHKEY'),
  RINGNOANSWER: queueEventCode('RINGNOANSWER'),
  RINGCANCELED: queueEventCode('RINGCANCELED'),
  BLINDTRANSFER: queueEventCode('BLINDTRANSFER'),
  ATTENDEDTRANSFER: queueEventCode('ATTENDEDTRANSFER'),
  TRANSFER: queueEventCode('TRANSFER'),
  AGENTDUMP: queueEventCode('AGENTDUMP'),
  SYSCOMPAT: queueEventCode('SYSCOMPAT'),
} as const;

/**
 * A callid as exact numbers, so a pending call is found without comparing strings: up to 18
 * ASCII characters packed six to a number (48 bits, exact in a double), plus its length and a
 * 30-bit hash (a small integer: cheap as a Map key or array index). A longer or non-ASCII callid
 * is not packed (k0 is NaN, which equals nothing) and is compared as a string.
 */
export class CallIdKey {
  k0 = Number.NaN;
  k1 = 0;
  k2 = 0;
  length = 0;
  hash = 0;
}

const PACK = 6;
const MAX_PACKED = 3 * PACK;

/** Fills `out` with the key of `callId`; the same key as callIdKeyOfBytes on its ASCII bytes. */
export function callIdKeyOf(callId: string, out: CallIdKey): CallIdKey {
  const n = callId.length;
  out.length = n;
  let ascii = n <= MAX_PACKED;
  let k0 = 0;
  let k1 = 0;
  let k2 = 0;
  for (let i = 0; i < n && ascii; i++) {
    const c = callId.charCodeAt(i);
    if (c >= 128) ascii = false;
    else if (i < PACK) k0 = k0 * 256 + c;
    else if (i < 2 * PACK) k1 = k1 * 256 + c;
    else k2 = k2 * 256 + c;
  }
  if (ascii) return packed(out, k0, k1, k2, n);
  let h = 0x811c9dc5;
  for (let i = 0; i < n; i++) h = Math.imul(h ^ callId.charCodeAt(i), 0x01000193);
  out.k0 = Number.NaN;
  out.k1 = 0;
  out.k2 = 0;
  out.hash = mixHash(h);
  return out;
}

/** Fills `out` with the key of the ASCII callid in bytes[from, to). */
export function callIdKeyOfBytes(bytes: Uint8Array, from: number, to: number, out: CallIdKey): CallIdKey {
  const n = to - from;
  out.length = n;
  if (n <= MAX_PACKED) {
    let k0 = 0;
    let k1 = 0;
    let k2 = 0;
    const a = Math.min(to, from + PACK);
    const b = Math.min(to, from + 2 * PACK);
    let i = from;
    for (; i < a; i++) k0 = k0 * 256 + (bytes[i] as number);
    for (; i < b; i++) k1 = k1 * 256 + (bytes[i] as number);
    for (; i < to; i++) k2 = k2 * 256 + (bytes[i] as number);
    return packed(out, k0, k1, k2, n);
  }
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ (bytes[i] as number), 0x01000193);
  out.k0 = Number.NaN;
  out.k1 = 0;
  out.k2 = 0;
  out.hash = mixHash(h);
  return out;
}

/**
 * Sets `out` to the key of an ASCII callid of `n` ≤ 18 characters whose characters 0–5, 6–11 and
 * 12–17 were accumulated as `k = k * 256 + code` into k0, k1, k2 (for a reader that packs while
 * it scans; callIdKeyOfBytes does the same).
 */
export function packedCallIdKey(out: CallIdKey, k0: number, k1: number, k2: number, n: number): CallIdKey {
  return packed(out, k0, k1, k2, n);
}

/** Longest callid packed into numbers; longer ones are keyed by a hash and compared as strings. */
export const MAX_PACKED_CALLID = MAX_PACKED;

function packed(out: CallIdKey, k0: number, k1: number, k2: number, n: number): CallIdKey {
  out.length = n;
  out.k0 = k0;
  out.k1 = k1;
  out.k2 = k2;
  // `| 0` keeps the low 32 bits: the last four characters of each group, where callids differ.
  out.hash = mixHash((k0 | 0) ^ Math.imul(k1 | 0, 0x9e3779b1) ^ Math.imul(k2 | 0, 0x85ebca6b) ^ n);
  return out;
}

/**
 * A line that can be matched against tracked calls without making strings: the queue_log reader's
 * byte records implement it, and the call tracker uses it when present (plain events are keyed
 * from their callid string).
 */
export interface KeyedQueueLogEvent extends QueueLogEvent {
  readonly eventCode: number;
  /** callIdKeyOf(callId), computed on the bytes. */
  readonly callKey: CallIdKey;
  hasCallId(callId: string): boolean;
  hasQueue(queue: string): boolean;
}

/** A 30-bit hash of bytes[from, to) (the reader interns queue and agent names by it). */
export function hashBytes(bytes: Uint8Array, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ (bytes[i] as number), 0x01000193);
  return mixHash(h);
}

function mixHash(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h & 0x3fffffff;
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
