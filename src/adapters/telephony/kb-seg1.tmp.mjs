// src/adapters/telephony/queue-log-kpi.ts
import { availableParallelism } from "node:os";
import { open as open2 } from "node:fs/promises";
import { fileURLToPath as fileURLToPath4 } from "node:url";
import { Worker } from "node:worker_threads";

// src/core/shared/app-error.ts
var AppError = class _AppError extends Error {
  code;
  fields;
  constructor(code, message, fields) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.fields = fields;
  }
  static validation(message, fields) {
    return new _AppError("VALIDATION", message, fields);
  }
  static notFound(what) {
    return new _AppError("NOT_FOUND", `${what} not found`);
  }
  static conflict(message, fields) {
    return new _AppError("CONFLICT", message, fields);
  }
  static forbidden(message = "Forbidden") {
    return new _AppError("FORBIDDEN", message);
  }
};

// src/core/interactions/queue-log-events.ts
var QueueLogFields = class {
  time = 0;
  callId = "";
  queue = "";
  agent = "";
  event = "";
  data1 = "";
  data2 = "";
  data3 = "";
  data4 = "";
  data5 = "";
  constructor(init = {}) {
    Object.assign(this, init);
  }
  data(k) {
    return k === 1 ? this.data1 : k === 2 ? this.data2 : k === 3 ? this.data3 : k === 4 ? this.data4 : this.data5;
  }
  dataNumber(k) {
    return parseCount(this.data(k));
  }
};
var call = (minData, numeric = []) => ({ kind: "call", minData, numeric });
var member = { kind: "member", minData: 0, numeric: [] };
var system = { kind: "system", minData: 0, numeric: [] };
var table = {
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
  CONFIGRELOAD: system
};
var events = new Map(Object.entries(table));
var MAX_NAME = 32;
var byShape = [];
for (const name of events.keys()) {
  const slot = name.length * 128 + name.charCodeAt(0);
  (byShape[slot] ??= []).push(name);
}
function queueEventInfo(event) {
  return events.get(event);
}
var queueEventNames = ["", ...events.keys()];
var codes = new Map(queueEventNames.map((name, code) => [name, code]));
var infoByCode = queueEventNames.map((name) => events.get(name));
function queueEventCode(event) {
  return codes.get(event) ?? 0;
}
function queueEventInfoByCode(code) {
  return infoByCode[code];
}
var QueueEventCode = {
  ENTERQUEUE: queueEventCode("ENTERQUEUE"),
  CONNECT: queueEventCode("CONNECT"),
  COMPLETECALLER: queueEventCode("COMPLETECALLER"),
  COMPLETEAGENT: queueEventCode("COMPLETEAGENT"),
  ABANDON: queueEventCode("ABANDON"),
  EXITWITHTIMEOUT: queueEventCode("EXITWITHTIMEOUT"),
  EXITEMPTY: queueEventCode("EXITEMPTY"),
  EXITWITHKEY: queueEventCode("EXITWITHKEY"),
  RINGNOANSWER: queueEventCode("RINGNOANSWER"),
  RINGCANCELED: queueEventCode("RINGCANCELED"),
  BLINDTRANSFER: queueEventCode("BLINDTRANSFER"),
  ATTENDEDTRANSFER: queueEventCode("ATTENDEDTRANSFER"),
  TRANSFER: queueEventCode("TRANSFER"),
  AGENTDUMP: queueEventCode("AGENTDUMP"),
  SYSCOMPAT: queueEventCode("SYSCOMPAT")
};
var CallIdKey = class {
  k0 = Number.NaN;
  k1 = 0;
  k2 = 0;
  length = 0;
  hash = 0;
};
var PACK = 6;
var MAX_PACKED = 3 * PACK;
function callIdKeyOf(callId, out) {
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
  let h = 2166136261;
  for (let i = 0; i < n; i++) h = Math.imul(h ^ callId.charCodeAt(i), 16777619);
  out.k0 = Number.NaN;
  out.k1 = 0;
  out.k2 = 0;
  out.hash = mixHash(h);
  return out;
}
function callIdKeyOfBytes(bytes, from, to, out) {
  const n = to - from;
  out.length = n;
  if (n <= MAX_PACKED) {
    let k0 = 0;
    let k1 = 0;
    let k2 = 0;
    const a = Math.min(to, from + PACK);
    const b = Math.min(to, from + 2 * PACK);
    let i = from;
    for (; i < a; i++) k0 = k0 * 256 + bytes[i];
    for (; i < b; i++) k1 = k1 * 256 + bytes[i];
    for (; i < to; i++) k2 = k2 * 256 + bytes[i];
    return packed(out, k0, k1, k2, n);
  }
  let h = 2166136261;
  for (let i = from; i < to; i++) h = Math.imul(h ^ bytes[i], 16777619);
  out.k0 = Number.NaN;
  out.k1 = 0;
  out.k2 = 0;
  out.hash = mixHash(h);
  return out;
}
function packedCallIdKey(out, k0, k1, k2, n) {
  return packed(out, k0, k1, k2, n);
}
var MAX_PACKED_CALLID = MAX_PACKED;
function packed(out, k0, k1, k2, n) {
  out.length = n;
  out.k0 = k0;
  out.k1 = k1;
  out.k2 = k2;
  out.hash = mixHash((k0 | 0) ^ Math.imul(k1 | 0, 2654435761) ^ Math.imul(k2 | 0, 2246822507) ^ n);
  return out;
}
function hashBytes(bytes, from, to) {
  let h = 2166136261;
  for (let i = from; i < to; i++) h = Math.imul(h ^ bytes[i], 16777619);
  return mixHash(h);
}
function mixHash(h) {
  h ^= h >>> 16;
  h = Math.imul(h, 2246822507);
  h ^= h >>> 13;
  return h & 1073741823;
}
function matchQueueEvent(text, from, to) {
  const len = to - from;
  if (len <= 0 || len >= MAX_NAME) return void 0;
  const first = text.charCodeAt(from);
  if (first >= 128) return void 0;
  const candidates = byShape[len * 128 + first];
  if (candidates === void 0) return void 0;
  for (const name of candidates) {
    let i = 1;
    while (i < len && text.charCodeAt(from + i) === name.charCodeAt(i)) i++;
    if (i === len) return name;
  }
  return void 0;
}
function parseCountAt(text, from, to) {
  if (to <= from || to - from > 15) return Number.NaN;
  let v = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return Number.NaN;
    v = v * 10 + c;
  }
  return v;
}
function parseCount(text) {
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

// src/core/interactions/call.ts
var EndCode = {
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
  sysCompat: 10
};
function callStatus(s) {
  if (Number.isNaN(s.enteredAt)) return "partial";
  return s.end === EndCode.none ? "open" : "ended";
}
function needsConnect(end) {
  return end >= EndCode.completeCaller && end <= EndCode.attendedTransfer;
}
function isComplete(s) {
  if (Number.isNaN(s.enteredAt) || s.end === EndCode.none) return false;
  return !needsConnect(s.end) || !Number.isNaN(s.connectedAt);
}
var TrackedCall = class {
  enteredAt = Number.NaN;
  callerId = "";
  connectedAt = Number.NaN;
  agent = "";
  waitSeconds = Number.NaN;
  ringSeconds = Number.NaN;
  end = EndCode.none;
  endedAt = Number.NaN;
  talkSeconds = Number.NaN;
  transferTo = "";
  missedRings = 0;
  missedRingMs = 0;
  missedRingAgents = null;
  lastSeen = Number.NEGATIVE_INFINITY;
  lines = "";
  next = null;
  /** Its lines go to onHeldLine: it may have begun before the segment being read. */
  held = false;
  /** Next pending call in the same hash bucket. */
  bucketNext = null;
  /** Neighbours in creation order, so open calls are handed over in the order they appeared. */
  older = null;
  newer = null;
  /** The callid's key (see CallIdKey): packed characters, length and hash. */
  k0 = Number.NaN;
  k1 = 0;
  k2 = 0;
  idLength = 0;
  callIdHash = 0;
  queue = "";
  /** The callid as a string, made when first read: a packed key holds its characters (see callId). */
  id = null;
  /** `callId` null: the key is packed (CallIdKey) and the string is made only if someone reads it. */
  constructor(callId, queue, key) {
    this.setKey(callId, queue, key);
  }
  /**
   * Most consumers never read it (the KPI sums do not), and making a string per call was ~6% of
   * `kefu kpi`; a packed key gives it back exactly.
   */
  get callId() {
    return this.id ??= unpackCallId(this.k0, this.k1, this.k2, this.idLength);
  }
  setKey(callId, queue, key) {
    this.id = callId;
    this.queue = queue;
    this.k0 = key.k0;
    this.k1 = key.k1;
    this.k2 = key.k2;
    this.idLength = key.length;
    this.callIdHash = key.hash;
  }
  /** Back to a fresh state for another call (reuseCallStates). */
  reset(callId, queue, key) {
    this.setKey(callId, queue, key);
    this.enteredAt = Number.NaN;
    this.callerId = "";
    this.connectedAt = Number.NaN;
    this.agent = "";
    this.waitSeconds = Number.NaN;
    this.ringSeconds = Number.NaN;
    this.end = EndCode.none;
    this.endedAt = Number.NaN;
    this.talkSeconds = Number.NaN;
    this.transferTo = "";
    this.missedRings = 0;
    this.missedRingMs = 0;
    this.missedRingAgents = null;
    this.lastSeen = Number.NEGATIVE_INFINITY;
    this.lines = "";
    this.held = false;
  }
};
function callFigures(s) {
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
    lastSeen: s.lastSeen
  };
}
function unpackCallId(k0, k1, k2, length) {
  let out = "";
  const groups = [k0, k1, k2];
  for (let g = 0; g < 3; g++) {
    const n = Math.min(6, length - 6 * g);
    let k = groups[g];
    let part = "";
    for (let j = 0; j < n; j++) {
      part = String.fromCharCode(k % 256) + part;
      k = Math.floor(k / 256);
    }
    out += part;
  }
  return out;
}
var isCallEvent = queueEventNames.map((name) => queueEventInfo(name)?.kind === "call");
var INITIAL_BUCKETS = 1024;
var QueueCallTracker = class {
  constructor(onCall, options = {}) {
    this.onCall = onCall;
    this.keepAgents = options.keepMissedRingAgents ?? false;
    this.keepCallerIds = options.keepCallerIds ?? true;
    this.keepAnsweringAgents = options.keepAnsweringAgents ?? true;
    this.reuse = options.reuseCallStates ?? false;
    this.keepLines = options.keepLines ?? false;
    this.staleAfter = options.staleAfterSeconds ?? 86400;
    this.onHeldLine = options.onHeldLine;
  }
  onCall;
  buckets = new Array(INITIAL_BUCKETS).fill(null);
  mask = INITIAL_BUCKETS - 1;
  count = 0;
  oldest = null;
  newest = null;
  keepAgents;
  keepCallerIds;
  keepAnsweringAgents;
  staleAfter;
  linesSinceSweep = 0;
  latest = 0;
  scratchKey = new CallIdKey();
  reuse;
  keepLines;
  /** Lines kept with their calls so far (keepLines); duplicates are not counted. */
  keptLines = 0;
  /** Released states kept for reuse (reuseCallStates). */
  spare = [];
  onHeldLine;
  get pendingCount() {
    return this.count;
  }
  /** Applies one line; lines that are not about a queued call are ignored. */
  apply(e) {
    const keyed = e;
    const code = keyed.eventCode ?? queueEventCode(e.event);
    if (isCallEvent[code] !== true) return;
    if (e.time > this.latest) this.latest = e.time;
    let s = keyed.callKey !== void 0 ? this.keyedStateFor(e) : this.stateFor(e.callId, e.queue);
    if (s.held) {
      this.onHeldLine?.(e);
      return;
    }
    if (s.lastSeen === Number.NEGATIVE_INFINITY) {
      if (this.onHeldLine !== void 0 && code !== QueueEventCode.ENTERQUEUE) {
        s.held = true;
        this.onHeldLine(e);
        return;
      }
    } else if (e.time - s.lastSeen > this.staleAfter) {
      this.release(s);
      s = this.insert(this.newCall(e.callId, e.queue, keyed.callKey ?? callIdKeyOf(e.callId, this.scratchKey)));
    }
    if (this.keepLines && !this.keepLine(s, e.callLineText?.() ?? callLineOf(e))) return;
    if (e.time > s.lastSeen) s.lastSeen = e.time;
    switch (code) {
      case QueueEventCode.ENTERQUEUE:
        s.enteredAt = e.time;
        if (this.keepCallerIds) s.callerId = e.data2;
        break;
      case QueueEventCode.CONNECT:
        s.connectedAt = e.time;
        if (this.keepAnsweringAgents) s.agent = e.agent;
        s.waitSeconds = e.dataNumber(1);
        s.ringSeconds = e.dataNumber(3);
        break;
      case QueueEventCode.RINGNOANSWER: {
        s.missedRings++;
        const ms = e.dataNumber(1);
        if (!Number.isNaN(ms)) s.missedRingMs += ms;
        if (this.keepAgents) (s.missedRingAgents ??= []).push(e.agent);
        break;
      }
      case QueueEventCode.COMPLETECALLER:
      case QueueEventCode.COMPLETEAGENT:
        this.end(s, code === QueueEventCode.COMPLETECALLER ? EndCode.completeCaller : EndCode.completeAgent, e.time);
        s.talkSeconds = e.dataNumber(2);
        if (this.keepAnsweringAgents && s.agent === "") s.agent = e.agent;
        break;
      case QueueEventCode.BLINDTRANSFER:
      case QueueEventCode.TRANSFER:
      case QueueEventCode.ATTENDEDTRANSFER: {
        this.end(s, code === QueueEventCode.ATTENDEDTRANSFER ? EndCode.attendedTransfer : EndCode.blindTransfer, e.time);
        s.talkSeconds = e.dataNumber(4);
        const data2 = e.data2;
        s.transferTo = code === QueueEventCode.ATTENDEDTRANSFER ? data2 : data2 === "" ? e.data1 : `${e.data1}@${data2}`;
        if (this.keepAnsweringAgents && s.agent === "") s.agent = e.agent;
        break;
      }
      case QueueEventCode.ABANDON:
        this.end(s, EndCode.abandon, e.time);
        break;
      case QueueEventCode.EXITWITHTIMEOUT:
        this.end(s, EndCode.timeout, e.time);
        break;
      case QueueEventCode.EXITEMPTY:
        this.end(s, EndCode.exitEmpty, e.time);
        break;
      case QueueEventCode.EXITWITHKEY:
        this.end(s, EndCode.exitWithKey, e.time);
        break;
      case QueueEventCode.AGENTDUMP:
        this.end(s, EndCode.agentDump, e.time);
        break;
      case QueueEventCode.SYSCOMPAT:
        this.end(s, EndCode.sysCompat, e.time);
        break;
      default:
        break;
    }
    if (isComplete(s)) this.release(s);
    if (++this.linesSinceSweep >= 1e5) this.sweep();
  }
  /** Calls pending now (open or partial, not held), oldest first; they stay pending. */
  forEachPending(fn) {
    for (let s = this.oldest; s !== null; s = s.newer) if (!s.held) fn(s);
  }
  /**
   * Takes over a pending call another tracker built from an earlier part of the same log
   * (parallel `kefu kpi`): later lines of that call then continue it here. Its callid and queue
   * must not be pending here already.
   */
  adopt(state) {
    const s = this.newCall(state.callId, state.queue, callIdKeyOf(state.callId, this.scratchKey));
    Object.assign(s, callFigures(state));
    s.lines = state.lines ?? "";
    this.insert(s);
    if (state.lastSeen > this.latest) this.latest = state.lastSeen;
  }
  /** Hands over the calls silent for longer than staleAfter before `time` (Unix seconds), as a sweep would. */
  releaseSilentBefore(time) {
    if (time > this.latest) this.latest = time;
    this.sweep();
  }
  /** Hands over every call still pending (open or partial), oldest first, and empties the tracker. */
  finish() {
    let s = this.oldest;
    this.oldest = null;
    this.newest = null;
    this.count = 0;
    this.buckets.fill(null);
    while (s !== null) {
      const newer = s.newer;
      s.older = null;
      s.newer = null;
      s.bucketNext = null;
      if (!s.held) this.onCall(s);
      s = newer;
    }
  }
  /** Adds the line to the call's lines; false when the call already has it. */
  keepLine(s, text) {
    const lines = s.lines;
    if (lines === "") s.lines = text;
    else if (hasLine(lines, text)) return false;
    else s.lines = `${lines}
${text}`;
    this.keptLines++;
    return true;
  }
  end(s, code, time) {
    if (s.end !== EndCode.none) return;
    s.end = code;
    s.endedAt = time;
  }
  stateFor(callId, queue) {
    const key = callIdKeyOf(callId, this.scratchKey);
    for (let s = this.buckets[key.hash & this.mask] ?? null; s !== null; s = s.bucketNext) {
      if (s.callIdHash === key.hash && s.callId === callId && s.queue === queue) return s;
    }
    return this.insert(this.newCall(callId, queue, key));
  }
  keyedStateFor(e) {
    const key = e.callKey;
    const hash = key.hash;
    const k0 = key.k0;
    let s = this.buckets[hash & this.mask] ?? null;
    if (k0 === k0) {
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
  newCall(callId, queue, key) {
    const reused = this.spare.pop();
    if (reused === void 0) return new TrackedCall(callId, queue, key);
    reused.reset(callId, queue, key);
    return reused;
  }
  insert(s) {
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
  grow() {
    const size = this.buckets.length * 2;
    this.buckets = new Array(size).fill(null);
    this.mask = size - 1;
    for (let s = this.oldest; s !== null; s = s.newer) {
      const slot = s.callIdHash & this.mask;
      s.bucketNext = this.buckets[slot] ?? null;
      this.buckets[slot] = s;
    }
  }
  release(done) {
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
  sweep() {
    this.linesSinceSweep = 0;
    const cutoff = this.latest - 2 * this.staleAfter;
    for (let s = this.oldest; s !== null; ) {
      const newer = s.newer;
      if (s.lastSeen < cutoff && !s.held) this.release(s);
      s = newer;
    }
  }
};
function hasLine(lines, line) {
  const n = line.length;
  for (let i = lines.indexOf(line); i !== -1; i = lines.indexOf(line, i + 1)) {
    if ((i === 0 || lines.charCodeAt(i - 1) === 10) && (i + n === lines.length || lines.charCodeAt(i + n) === 10)) return true;
  }
  return false;
}
function callLineOf(e) {
  const data = [e.data1, e.data2, e.data3, e.data4, e.data5];
  let n = 5;
  while (n > 0 && data[n - 1] === "") n--;
  const clean2 = (v) => /[|\r\n]/.test(v) ? v.replace(/[|\r\n]/g, " ") : v;
  return [String(e.time), e.agent, e.event, ...data.slice(0, n)].map(clean2).join("|");
}
var outcomeOf = {
  [EndCode.none]: "open",
  [EndCode.completeCaller]: "completed",
  [EndCode.completeAgent]: "completed",
  [EndCode.blindTransfer]: "transferred",
  [EndCode.attendedTransfer]: "transferred",
  [EndCode.abandon]: "abandoned",
  [EndCode.timeout]: "timedOut",
  [EndCode.exitEmpty]: "exitEmpty",
  [EndCode.exitWithKey]: "exitWithKey",
  [EndCode.agentDump]: "agentDumped",
  [EndCode.sysCompat]: "incompatible"
};
var endedByOf = {
  [EndCode.none]: null,
  [EndCode.completeCaller]: "customer",
  [EndCode.completeAgent]: "agent",
  [EndCode.blindTransfer]: "agent",
  [EndCode.attendedTransfer]: "agent",
  [EndCode.abandon]: "customer",
  [EndCode.timeout]: "system",
  [EndCode.exitEmpty]: "system",
  [EndCode.exitWithKey]: "customer",
  [EndCode.agentDump]: "agent",
  [EndCode.sysCompat]: "system"
};

// src/core/shared/instant.ts
var MIN_INSTANT = 0;
var MAX_INSTANT = 253402300799999;

// src/core/kpi/kpi-report.ts
var kpiTargetFigures = ["answerRate", "abandonRate", "serviceLevel", "ringWithinLimitRate", "customerHangupFirstRate"];
var defaultKpiTargets = {
  answerRate: { requirement: "KPI-MAN", min: 0.85 },
  ringWithinLimitRate: { requirement: "KPI-RING", min: null },
  customerHangupFirstRate: { requirement: "PH-HANGUP", min: null }
};
function newTally() {
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
    vipAnswered: 0
  };
}
var MIN_SECONDS = MIN_INSTANT / 1e3;
var MAX_SECONDS = Math.floor(MAX_INSTANT / 1e3);
var outOfRangeReason = "call time out of range";
function timesInRange(s) {
  return !(s.enteredAt < MIN_SECONDS || s.enteredAt > MAX_SECONDS || s.lastSeen < MIN_SECONDS || s.lastSeen > MAX_SECONDS || s.endedAt < MIN_SECONDS || s.endedAt > MAX_SECONDS);
}
var tallyFields = Object.keys(newTally());
var KpiAggregator = class {
  constructor(options) {
    this.options = options;
    this.vipQueues = options.vipQueues && options.vipQueues.length > 0 ? new Set(options.vipQueues) : null;
  }
  options;
  tallies = /* @__PURE__ */ new Map();
  openByGroup = /* @__PURE__ */ new Map();
  openCalls = 0;
  withoutEntry = 0;
  firstTime = Number.POSITIVE_INFINITY;
  lastTime = Number.NEGATIVE_INFINITY;
  lastKey = "";
  lastTally = null;
  outOfRange = 0;
  vipQueues;
  /** Widens the report period to include a line's time (Unix seconds). */
  noteTime(seconds) {
    if (!(seconds >= MIN_SECONDS && seconds <= MAX_SECONDS)) return;
    if (seconds < this.firstTime) this.firstTime = seconds;
    if (seconds > this.lastTime) this.lastTime = seconds;
  }
  /** `vip`: the call was flagged VIP (live CTI; a queue_log line has no such flag). */
  addCall(s, vip = false) {
    if (!vip && this.vipQueues !== null && this.vipQueues.has(s.queue)) vip = true;
    if (!timesInRange(s)) {
      this.outOfRange++;
      return;
    }
    const status = callStatus(s);
    if (status !== "ended") {
      if (status === "partial") this.withoutEntry++;
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
      if (this.options.by === "agent" && s.missedRingAgents !== null) {
        for (const agent of s.missedRingAgents) this.tally(agentKey(agent)).ringNoAnswer++;
      } else {
        t.ringNoAnswer += s.missedRings;
      }
    }
  }
  sums() {
    return {
      tallies: [...this.tallies],
      openByGroup: [...this.openByGroup],
      openCalls: this.openCalls,
      withoutEntry: this.withoutEntry,
      firstTime: this.firstTime,
      lastTime: this.lastTime,
      outOfRange: this.outOfRange
    };
  }
  /** Adds sums made by another aggregator with the same options. Every figure is a sum, min or max, so order does not matter. */
  absorb(sums) {
    for (const [key, other] of sums.tallies) {
      const t = this.tally(key);
      for (const field of tallyFields) t[field] += other[field];
    }
    for (const [key, n] of sums.openByGroup) this.openByGroup.set(key, (this.openByGroup.get(key) ?? 0) + n);
    this.openCalls += sums.openCalls;
    this.withoutEntry += sums.withoutEntry;
    this.outOfRange += sums.outOfRange ?? 0;
    if (sums.firstTime < this.firstTime) this.firstTime = sums.firstTime;
    if (sums.lastTime > this.lastTime) this.lastTime = sums.lastTime;
  }
  report(skipped) {
    const { zone, by } = this.options;
    const keys = [...this.tallies.keys()].sort(compareKeys);
    if (by === "total" && keys.length === 0) keys.push("total");
    const groups = keys.map((key) => figures(key, this.tallies.get(key) ?? newTally()));
    const targets = this.options.targets ?? defaultKpiTargets;
    const hasTime = Number.isFinite(this.firstTime);
    return {
      threshold: this.options.thresholdSeconds,
      ringLimit: this.options.ringLimitSeconds,
      from: hasTime ? zone.iso(this.firstTime * 1e3) : null,
      to: hasTime ? zone.iso(this.lastTime * 1e3) : null,
      groups,
      skipped: this.outOfRange === 0 ? skipped : { lines: skipped.lines, reasons: { ...skipped.reasons, [outOfRangeReason]: (skipped.reasons[outOfRangeReason] ?? 0) + this.outOfRange } },
      timeZone: zone.timeZone,
      by,
      open: { calls: this.openCalls, withoutEntry: this.withoutEntry, groups: Object.fromEntries([...this.openByGroup].sort((a, b) => compareKeys(a[0], b[0]))) },
      targets: { figures: targets, groups: groups.map((g) => ({ key: g.key, results: judge(g, targets) })) },
      ...this.options.connectionFigures && { connection: this.connection(keys, this.options.connectionFigures.targets) }
    };
  }
  connection(keys, targets) {
    return {
      targets,
      groups: keys.map((key) => {
        const t = this.tallies.get(key) ?? newTally();
        return {
          key,
          systemConnectionRate: systemConnection(t, targets.systemConnectionRate),
          manualConnectionRate: manualConnection(t, targets.manualConnectionRate),
          vipConnectionRate: vipConnection(t, targets.vipConnectionRate)
        };
      })
    };
  }
  tally(key) {
    if (key === this.lastKey && this.lastTally !== null) return this.lastTally;
    let t = this.tallies.get(key);
    if (t === void 0) {
      t = newTally();
      this.tallies.set(key, t);
    }
    this.lastKey = key;
    this.lastTally = t;
    return t;
  }
  keyOf(s) {
    const by = this.options.by;
    switch (by) {
      case "total":
        return "total";
      case "queue":
        return s.queue;
      case "agent":
        return agentKey(s.agent);
      case "day":
        return this.options.zone.dayKey(callTime(s) * 1e3);
      case "hour":
        return this.options.zone.hourKey(callTime(s) * 1e3);
      default:
        return exhaustive(by);
    }
  }
};
function callTime(s) {
  return Number.isNaN(s.enteredAt) ? s.lastSeen : s.enteredAt;
}
function agentKey(agent) {
  return agent === "" ? "NONE" : agent;
}
function compareKeys(a, b) {
  if (a === b) return 0;
  if (a === "total") return -1;
  if (b === "total") return 1;
  return a < b ? -1 : 1;
}
function ratio(n, d) {
  return d === 0 ? null : Math.round(n / d * 1e4) / 1e4;
}
function mean(sum, n) {
  return n === 0 ? null : Math.round(sum / n * 100) / 100;
}
function figures(key, t) {
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
    customerHangupFirstRate: ratio(t.callerFirst, t.callerFirst + t.agentFirst)
  };
}
function judge(g, targets) {
  const out = {};
  for (const figure of kpiTargetFigures) {
    const target = targets[figure];
    if (target === void 0) continue;
    const value = g[figure];
    const min = target.min ?? null;
    const max = target.max ?? null;
    let pass = null;
    if (value !== null && (min !== null || max !== null)) {
      pass = (min === null || value >= min) && (max === null || value <= max);
    }
    out[figure] = { requirement: target.requirement, value, min, max, pass };
  }
  return out;
}
function judged(value, target, requirement) {
  const min = target?.min ?? null;
  const max = target?.max ?? null;
  const pass = value === null || min === null && max === null ? null : (min === null || value >= min) && (max === null || value <= max);
  return { requirement: target?.requirement ?? requirement, value, min, max, pass };
}
function systemConnection(t, target) {
  const counted = t.offered - t.exitEmpty - t.sysCompat;
  const value = ratio(counted, t.offered);
  const reason = value === null ? "no calls in the period" : "calls that reached the queue, less those the system ejected (no reachable member) or dropped; calls refused before the queue (busy trunks, IVR) are not in queue_log or CTI events, so this is an upper bound";
  return { ...judged(value, target, "KPI-SYS"), offered: t.offered, counted, reason };
}
function manualConnection(t, target) {
  const offered = t.offered - t.vipOffered;
  const counted = t.answered - t.vipAnswered;
  const value = ratio(counted, offered);
  const reason = value === null ? "no ordinary (non-VIP) calls in the period" : "ordinary (non-VIP) calls answered by an agent / ordinary calls offered; VIP calls count in KPI-VIP only";
  return { ...judged(value, target, "KPI-MAN"), offered, counted, reason };
}
function vipConnection(t, target) {
  const value = ratio(t.vipAnswered, t.vipOffered);
  const reason = value === null ? "no calls flagged VIP in the period (queue_log lines carry no VIP flag; CTI events set `vip`)" : "VIP calls answered by an agent / VIP calls offered";
  return { ...judged(value, target, "KPI-VIP"), offered: t.vipOffered, counted: t.vipAnswered, reason };
}
function exhaustive(x) {
  throw new Error(`unexpected value ${String(x)}`);
}

// src/core/calendar/local-date.ts
var MS_PER_DAY = 864e5;
function ordinalFromCivil(year, month, day) {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

// src/core/calendar/time-zone.ts
var TimeZone = class {
  name;
  formatter;
  years = /* @__PURE__ */ new Map();
  lastYear;
  constructor(name) {
    this.name = name;
    this.formatter = new Intl.DateTimeFormat("en-US", {
      timeZone: name,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      era: "short"
    });
  }
  /** Offset from UTC in ms at an instant (positive east of Greenwich). */
  offsetAt(instant) {
    let y = this.lastYear;
    if (y === void 0 || instant < y.start || instant >= y.end) {
      y = this.yearOffsets(new Date(instant).getUTCFullYear());
      this.lastYear = y;
    }
    const { transitions, offsets } = y;
    let i = 0;
    while (i < transitions.length && instant >= (transitions[i] ?? Infinity)) i++;
    return offsets[i] ?? 0;
  }
  toLocalMs(instant) {
    return instant + this.offsetAt(instant);
  }
  /**
   * Wall time → instant. A wall time skipped by a spring-forward gap moves forward by the gap
   * (02:30 becomes 03:30 in Berlin); a repeated one in autumn takes the earlier instant, so a
   * deadline is never pushed later than the clock on the wall says.
   */
  toInstant(localMs) {
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
  rawOffset(instant) {
    const t = Math.floor(instant / 1e3) * 1e3;
    let year = 0;
    let month = 1;
    let day = 1;
    let hour = 0;
    let minute = 0;
    let second = 0;
    let bc = false;
    for (const part of this.formatter.formatToParts(t)) {
      switch (part.type) {
        case "year":
          year = Number(part.value);
          break;
        case "month":
          month = Number(part.value);
          break;
        case "day":
          day = Number(part.value);
          break;
        case "hour":
          hour = Number(part.value) % 24;
          break;
        case "minute":
          minute = Number(part.value);
          break;
        case "second":
          second = Number(part.value);
          break;
        case "era":
          bc = part.value.startsWith("B");
          break;
        default:
          break;
      }
    }
    if (bc) year = 1 - year;
    const local = ordinalFromCivil(year, month, day) * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1e3;
    return local - t;
  }
  yearOffsets(year) {
    const cached = this.years.get(year);
    if (cached) return cached;
    const start = ordinalFromCivil(year, 1, 1) * MS_PER_DAY;
    const end = ordinalFromCivil(year + 1, 1, 1) * MS_PER_DAY;
    const transitions = [];
    const offsets = [this.rawOffset(start)];
    let prevT = start;
    let prevOffset = offsets[0] ?? 0;
    for (let t = start + MS_PER_DAY; t <= end; t += MS_PER_DAY) {
      const o = this.rawOffset(t);
      if (o !== prevOffset) {
        let lo = prevT;
        let hi = t;
        while (hi - lo > 1e3) {
          const mid = lo + Math.floor((hi - lo) / 2e3) * 1e3;
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
    const entry = { start, end, transitions, offsets };
    this.years.set(year, entry);
    return entry;
  }
};
var zones = /* @__PURE__ */ new Map();
function timeZone(name, path2 = "timeZone") {
  const cached = zones.get(name);
  if (cached) return cached;
  let canonical;
  try {
    canonical = new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    const message = `unknown time zone "${name}": use an IANA name such as Asia/Shanghai or Europe/Berlin`;
    throw AppError.validation(message, [{ path: path2, message, code: "unknown_time_zone" }]);
  }
  const zone = zones.get(canonical) ?? new TimeZone(canonical);
  zones.set(canonical, zone);
  zones.set(name, zone);
  return zone;
}

// src/core/kpi/time-zone.ts
var HOUR_MS = 36e5;
var ZoneCalendar = class {
  timeZone;
  zone;
  offsets = /* @__PURE__ */ new Map();
  lastUtcHour = Number.NaN;
  lastOffsetMs = 0;
  lastLocalHour = Number.NaN;
  lastDayKey = "";
  lastHourKey = "";
  constructor(timeZoneName) {
    this.zone = timeZone(timeZoneName, "tz");
    this.timeZone = this.zone.name;
  }
  /** Milliseconds to add to a UTC instant to get the wall-clock time in this zone. */
  offsetMs(epochMs) {
    const utcHour = Math.floor(epochMs / HOUR_MS);
    if (utcHour === this.lastUtcHour) return this.lastOffsetMs;
    let offset = this.offsets.get(utcHour);
    if (offset === void 0) {
      offset = this.zone.offsetAt(utcHour * HOUR_MS);
      if (this.offsets.size > 1e5) this.offsets.clear();
      this.offsets.set(utcHour, offset);
    }
    this.lastUtcHour = utcHour;
    this.lastOffsetMs = offset;
    return offset;
  }
  /** `YYYY-MM-DD` of the local day. */
  dayKey(epochMs) {
    this.touchLocalHour(epochMs);
    return this.lastDayKey;
  }
  /** `YYYY-MM-DD HH:00` of the local hour. */
  hourKey(epochMs) {
    this.touchLocalHour(epochMs);
    return this.lastHourKey;
  }
  /** ISO-8601 with the zone's offset, second precision: `2023-02-05T08:09:13+08:00`. */
  iso(epochMs) {
    const offset = this.offsetMs(epochMs);
    const local = new Date(Math.floor(epochMs / 1e3) * 1e3 + offset).toISOString().slice(0, 19);
    const sign = offset < 0 ? "-" : "+";
    const abs = Math.abs(offset) / 6e4;
    return `${local}${sign}${pad22(Math.floor(abs / 60))}:${pad22(abs % 60)}`;
  }
  /**
   * The instant at which the zone's clocks showed the given wall-clock time. In a DST gap or
   * overlap this picks the offset in force just before — the same choice most PBXs make.
   */
  localToEpochMs(year, month, day, hour, minute, second) {
    const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
    const guess = asUtc - this.offsetMs(asUtc);
    return asUtc - this.offsetMs(guess);
  }
  touchLocalHour(epochMs) {
    const localMs = epochMs + this.offsetMs(epochMs);
    const localHour = Math.floor(localMs / HOUR_MS);
    if (localHour === this.lastLocalHour) return;
    const iso = new Date(localHour * HOUR_MS).toISOString();
    this.lastLocalHour = localHour;
    this.lastDayKey = iso.slice(0, 10);
    this.lastHourKey = `${iso.slice(0, 10)} ${iso.slice(11, 13)}:00`;
  }
};
function pad22(n) {
  return n < 10 ? `0${n}` : String(n);
}
function parseLocalDateTime(text, zone) {
  const s = text.trim();
  if (s.length < 19) return Number.NaN;
  const sep2 = s.charCodeAt(10);
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || sep2 !== 32 && sep2 !== 84 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) {
    return Number.NaN;
  }
  const y = digits(s, 0, 4);
  const mo = digits(s, 5, 7);
  const d = digits(s, 8, 10);
  const h = digits(s, 11, 13);
  const mi = digits(s, 14, 16);
  const se = digits(s, 17, 19);
  if (Number.isNaN(y + mo + d + h + mi + se) || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60) return Number.NaN;
  return zone.localToEpochMs(y, mo, d, h, mi, se);
}
function digits(s, from, to) {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return Number.NaN;
    n = n * 10 + c;
  }
  return n;
}

// src/adapters/telephony/queue-log-reader.ts
import { isAscii } from "node:buffer";
import { open } from "node:fs/promises";

// src/adapters/telephony/csv-line.ts
function splitCsvLine(line) {
  const fields = [];
  const n = line.length;
  let i = 0;
  for (; ; ) {
    if (i < n && line.charCodeAt(i) === 34) {
      let value = "";
      let j = i + 1;
      let segment = j;
      for (; ; ) {
        if (j >= n) {
          value += line.slice(segment, n);
          i = n;
          break;
        }
        if (line.charCodeAt(j) === 34) {
          const next = j + 1 < n ? line.charCodeAt(j + 1) : -1;
          if (next === -1 || next === 44) {
            value += line.slice(segment, j);
            i = j + 1;
            break;
          }
          if (next === 34) {
            const after = j + 2 < n ? line.charCodeAt(j + 2) : -1;
            if (j === i + 1 && (after === 44 || after === -1)) {
              i = j + 1;
              break;
            }
            value += line.slice(segment, j + 1);
            j += 2;
            segment = j;
            continue;
          }
          j++;
          continue;
        }
        j++;
      }
      fields.push(value);
    } else {
      const comma = line.indexOf(",", i);
      const end = comma === -1 ? n : comma;
      fields.push(line.slice(i, end));
      i = end;
    }
    if (i >= n) break;
    if (line.charCodeAt(i) !== 44) {
      const comma = line.indexOf(",", i);
      if (comma === -1) break;
      i = comma;
    }
    i++;
    if (i === n) {
      fields.push("");
      break;
    }
  }
  return fields;
}

// src/adapters/telephony/queue-log-scan.ts
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
var QueueLogScanner = class {
  /** Per scanned line: 21 × i32 (see wasm/queue-log-scan.ts for the slots). */
  lines32;
  /** Per scanned line: 9 × f64. */
  lines64;
  memory;
  bytes;
  run;
  from = 0;
  stop = 0;
  bias = 0;
  /** Memory grown past KEEP_BYTES for one huge block: see queueLogScanner. */
  oversized = false;
  /**
   * By the scan's queue id (slot 20 of a line): the queue's name, made by the reader the first time
   * it needs it. Ids belong to this instance (they stay the same for as long as it lives).
   */
  queueNames = [];
  constructor(module) {
    const instance = new WebAssembly.Instance(module, {});
    const exports = instance.exports;
    if (exports.reservedBytes() !== OUT32_AT) throw new Error(`queue_log scanner: the module keeps ${exports.reservedBytes()} bytes, the loader expects ${OUT32_AT}`);
    this.memory = exports.memory;
    this.run = exports.scan;
    const names = new Uint8Array(exports.memory.buffer, EVENT_NAMES_AT, 64 * 32);
    for (let code = 1; code < queueEventNames.length; code++) {
      const name = queueEventNames[code] ?? "";
      const info = queueEventInfoByCode(code);
      if (info === void 0 || code > 63 || name.length > 31) throw new Error(`queue_log scanner: event table entry ${code} (${name}) does not fit`);
      for (let i = 0; i < name.length; i++) names[code * 32 + i] = name.charCodeAt(i);
      exports.defineEvent(code, name.length, info.minData, info.numeric.reduce((mask, k) => mask | 1 << k, 0));
    }
    this.bytes = new Uint8Array(0);
    this.lines32 = new Int32Array(0);
    this.lines64 = new Float64Array(0);
    this.ensure(1 << 20);
  }
  /** Copies buf[from, stop) (whole lines) in; scan() then walks it. */
  load(buf, from, stop) {
    this.ensure(stop - from);
    this.bytes.set(buf.subarray(from, stop), INPUT_AT);
    this.from = INPUT_AT;
    this.stop = INPUT_AT + (stop - from);
    this.bias = from - INPUT_AT;
  }
  /** Scans the next lines (at most MAX_LINES) into lines32/lines64; 0 when all are done. */
  scan() {
    if (this.from >= this.stop) return 0;
    const n = this.run(this.from, this.stop, OUT32_AT, OUT64_AT, MAX_LINES, this.bias);
    this.from = (this.lines32[(n - 1) * LINE_INTS + 1] ?? 0) - this.bias + 1;
    return n;
  }
  ensure(inputBytes) {
    const need = memoryFor(inputBytes);
    const have = this.memory.buffer.byteLength;
    if (need <= have && this.bytes.byteLength > 0) return;
    if (need > have) this.memory.grow(Math.ceil((need - have) / 65536));
    if (need > KEEP_BYTES) this.oversized = true;
    const buffer = this.memory.buffer;
    this.bytes = new Uint8Array(buffer);
    this.lines32 = new Int32Array(buffer, OUT32_AT, MAX_LINES * LINE_INTS);
    this.lines64 = new Float64Array(buffer, OUT64_AT, MAX_LINES * LINE_FLOATS);
  }
};
var LINE_INTS = 21;
var LINE_FLOATS = 9;
var MAX_LINES = 4096;
var EVENT_NAMES_AT = 1024;
var OUT32_AT = 49152;
var OUT64_AT = OUT32_AT + MAX_LINES * LINE_INTS * 4;
var INPUT_AT = OUT64_AT + MAX_LINES * LINE_FLOATS * 8;
var compiled = null;
var scanner = null;
var KEEP_BYTES = 16 << 20;
function memoryFor(inputBytes) {
  return INPUT_AT + inputBytes + 48;
}
function queueLogScanner(inputBytes = 0) {
  compiled ??= new WebAssembly.Module(readFileSync(fileURLToPath(new URL("./queue-log-scan.wasm", import.meta.url))));
  if (scanner === null || scanner.oversized && memoryFor(inputBytes) <= KEEP_BYTES) scanner = new QueueLogScanner(compiled);
  return scanner;
}

// src/adapters/telephony/queue-log-reader.ts
var MAX_EPOCH_DIGITS = 11;
var PipeRecord = class {
  lineNumber = 0;
  byteOffset = 0;
  byteLength = 0;
  time = 0;
  event = "";
  callId = "";
  queue = "";
  src = "";
  agentFrom = 0;
  agentTo = 0;
  lineFrom = 0;
  lineTo = 0;
  /** End of the epoch (its `|`). */
  timeTo = 0;
  /** Start and end of data field k at [2k] and [2k+1] (k = 1..5). */
  bounds = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
  callLineText() {
    return this.src.slice(this.lineFrom, this.timeTo + 1) + this.src.slice(this.agentFrom, this.lineTo);
  }
  get agent() {
    return this.src.slice(this.agentFrom, this.agentTo);
  }
  get data1() {
    return this.data(1);
  }
  get data2() {
    return this.data(2);
  }
  get data3() {
    return this.data(3);
  }
  get data4() {
    return this.data(4);
  }
  get data5() {
    return this.data(5);
  }
  data(k) {
    return this.src.slice(this.bounds[2 * k] ?? 0, this.bounds[2 * k + 1] ?? 0);
  }
  dataNumber(k) {
    return parseCountAt(this.src, this.bounds[2 * k] ?? 0, this.bounds[2 * k + 1] ?? 0);
  }
};
var PipeBytesRecord = class {
  lineNumber = 0;
  byteOffset = 0;
  byteLength = 0;
  time = 0;
  event = "";
  eventCode = 0;
  buf = Buffer.alloc(0);
  /** Offsets of the first four `|` (before callid, queue, agent, event). */
  p1 = 0;
  p2 = 0;
  p3 = 0;
  p4 = 0;
  /** The line in buf, without its line break. */
  lineFrom = 0;
  lineTo = 0;
  /**
   * The scan's output for this line (queueLogScanner): data field k runs from L[at + 8 + 2k] to
   * L[at + 9 + 2k], and F[f + 3 + k] is its value when the event says it is numeric (else -1).
   */
  L = new Int32Array(LINE_INTS);
  at = 0;
  F = new Float64Array(LINE_FLOATS);
  f = 0;
  callKey = new CallIdKey();
  names = new InternedNames();
  scratch = Buffer.allocUnsafe(256);
  get callId() {
    return this.buf.toString("latin1", this.p1 + 1, this.p2);
  }
  /** The scan's queue names by id (QueueLogScanner.queueNames): slot 20 of the line, 0 for none. */
  queueNames = [];
  get queue() {
    const id = this.L[this.at + 20];
    if (id === 0) return this.names.get(this.buf, this.p2 + 1, this.p3);
    return this.queueNames[id] ?? (this.queueNames[id] = this.names.get(this.buf, this.p2 + 1, this.p3));
  }
  get agent() {
    return this.names.get(this.buf, this.p3 + 1, this.p4);
  }
  callLineText() {
    const buf = this.buf;
    const tail = this.p3 + 1;
    const n = this.p1 + 1 - this.lineFrom + this.lineTo - tail;
    if (this.scratch.length < n) this.scratch = Buffer.allocUnsafe(Math.max(n, 2 * this.scratch.length));
    const out = this.scratch;
    let j = 0;
    for (let i = this.lineFrom; i <= this.p1; i++) out[j++] = buf[i];
    for (let i = tail; i < this.lineTo; i++) out[j++] = buf[i];
    return latin1(out, 0, n);
  }
  hasCallId(callId) {
    return sameAscii(this.buf, this.p1 + 1, this.p2, callId);
  }
  hasQueue(queue) {
    if (this.L[this.at + 20] === 0) return sameAscii(this.buf, this.p2 + 1, this.p3, queue);
    return this.queue === queue;
  }
  get data1() {
    return this.data(1);
  }
  get data2() {
    return this.data(2);
  }
  get data3() {
    return this.data(3);
  }
  get data4() {
    return this.data(4);
  }
  get data5() {
    return this.data(5);
  }
  data(k) {
    const at = this.at + 8 + 2 * k;
    return this.buf.toString("latin1", this.L[at], this.L[at + 1]);
  }
  dataNumber(k) {
    const known = this.F[this.f + 3 + k] ?? -1;
    if (known !== -1) return known;
    const at = this.at + 8 + 2 * k;
    return parseDigits(this.buf, this.L[at] ?? 0, this.L[at + 1] ?? 0);
  }
};
var idleReadBuffers = [];
var MAX_KEPT_READ_BUFFER = 4 << 20;
function takeReadBuffer(bytes) {
  const i = idleReadBuffers.findIndex((b) => b.length >= bytes);
  return i === -1 ? Buffer.allocUnsafe(bytes) : idleReadBuffers.splice(i, 1)[0];
}
function returnReadBuffer(buf) {
  if (idleReadBuffers.length < 4 && buf.length <= MAX_KEPT_READ_BUFFER) idleReadBuffers.push(buf);
}
function latin1(bytes, from, to) {
  const b = bytes;
  return b.latin1Slice !== void 0 ? b.latin1Slice(from, to) : bytes.toString("latin1", from, to);
}
function sameAscii(bytes, from, to, s) {
  if (to - from !== s.length) return false;
  for (let i = 0; i < s.length; i++) if (bytes[from + i] !== s.charCodeAt(i)) return false;
  return true;
}
function parseDigits(bytes, from, to) {
  if (to <= from || to - from > 15) return Number.NaN;
  let v = 0;
  for (let i = from; i < to; i++) {
    const c = (bytes[i] ?? 0) - 48;
    if (c < 0 || c > 9) return Number.NaN;
    v = v * 10 + c;
  }
  return v;
}
var InternedNames = class {
  byHash = /* @__PURE__ */ new Map();
  /** Direct-mapped on length and end bytes: most lookups compare one string and hash nothing. */
  recent = new Array(256).fill(void 0);
  get(bytes, from, to) {
    const n = to - from;
    const slot = n < 2 ? n : n * 31 + bytes[from] * 7 + bytes[to - 2] * 17 + bytes[to - 1] & 255;
    const recent = this.recent[slot];
    if (recent !== void 0 && sameAscii(bytes, from, to, recent)) return recent;
    const hash = hashBytes(bytes, from, to);
    let name = this.byHash.get(hash);
    if (name === void 0 || !sameAscii(bytes, from, to, name)) {
      name = bytes.toString("latin1", from, to);
      if (this.byHash.size >= 4096) this.byHash.clear();
      this.byHash.set(hash, name);
    }
    this.recent[slot] = name;
    return name;
  }
};
var CsvRecord = class extends QueueLogFields {
  lineNumber = 0;
  byteOffset = 0;
  byteLength = 0;
  callLineText() {
    return callLineOf(this);
  }
};
var SNIFF_LINES = 50;
var SKIP_TEXT_MAX = 200;
var binaryMagic = [
  { name: "a PNG image", bytes: [137, 80, 78, 71] },
  { name: "a JPEG image", bytes: [255, 216, 255] },
  { name: "a GIF image", bytes: [71, 73, 70, 56] },
  { name: "a PDF document", bytes: [37, 80, 68, 70] },
  { name: "a ZIP archive (or .xlsx/.docx)", bytes: [80, 75, 3, 4] },
  { name: "a gzip archive (decompress it first: zcat queue_log.gz > queue_log)", bytes: [31, 139] }
];
var QueueLogReader = class {
  zone;
  chunkBytes;
  startOffset;
  startLine;
  holdBackTail;
  endOffset;
  expectFile;
  bytePath;
  // Per-read state, kept on the instance so the hot loop touches no closures.
  format = null;
  csv = null;
  lineNumber = 0;
  records = 0;
  skippedLines = 0;
  reasons = {};
  nonEmptyLines = 0;
  path = "";
  onRecord = () => void 0;
  onSkip = () => void 0;
  pipeRec = new PipeRecord();
  bytesRec = new PipeBytesRecord();
  pipes = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
  csvRec = new CsvRecord();
  constructor(options) {
    this.zone = options.zone;
    this.chunkBytes = options.chunkBytes ?? 1 << 20;
    this.startOffset = options.startOffset ?? 0;
    this.startLine = options.startLine ?? 0;
    this.holdBackTail = options.holdBackTail ?? false;
    this.endOffset = options.endOffset ?? Number.POSITIVE_INFINITY;
    this.expectFile = options.expectFile;
    this.bytePath = options.bytePath ?? true;
  }
  /** Reads the file at `path`, calling `onRecord` for each valid line and `onSkip` for each bad one. */
  async read(path2, onRecord, onSkip = () => void 0) {
    this.format = null;
    this.csv = null;
    this.lineNumber = this.startLine;
    this.records = 0;
    this.skippedLines = 0;
    this.reasons = {};
    this.nonEmptyLines = 0;
    this.path = path2;
    this.onRecord = onRecord;
    this.onSkip = onSkip;
    let fh;
    try {
      fh = await open(path2, "r");
    } catch (e) {
      const code = e.code;
      throw AppError.validation(`cannot read queue log "${path2}": ${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : String(e.message)}`);
    }
    try {
      if (this.expectFile) {
        const st = await fh.stat();
        const e = this.expectFile;
        if (st.dev !== e.dev || st.ino !== e.ino || st.size < e.minSize) {
          throw AppError.validation(`"${path2}" was replaced or truncated while it was read (log rotation?): run the report again`);
        }
      }
      if (this.startOffset > 0) await this.primeFromHead(fh);
      return await this.readHandle(fh, path2);
    } finally {
      await fh.close();
    }
  }
  async readHandle(fh, path2) {
    let buf = takeReadBuffer(this.chunkBytes);
    let spare = takeReadBuffer(this.chunkBytes);
    let filled = 0;
    let position = this.startOffset;
    let base = this.startOffset;
    let { bytesRead } = await this.readAt(fh, buf, 0, buf.length, position);
    if (bytesRead > 0 && this.startOffset === 0) this.sniffBinary(buf.subarray(0, Math.min(bytesRead, 8192)), path2);
    let heldBackTail = false;
    for (; ; ) {
      if (bytesRead === 0) {
        if (filled > 0 && this.holdBackTail) heldBackTail = true;
        else if (filled > 0) this.block(buf, 0, filled, base);
        break;
      }
      position += bytesRead;
      filled += bytesRead;
      const lastNl = buf.lastIndexOf(10, filled - 1);
      if (lastNl < 0) {
        if (filled === buf.length) {
          const bigger = Buffer.allocUnsafe(buf.length * 2);
          buf.copy(bigger, 0, 0, filled);
          buf = bigger;
        }
        ({ bytesRead } = await this.readAt(fh, buf, filled, buf.length - filled, position));
        continue;
      }
      const cut = lastNl + 1;
      const tail = filled - cut;
      const want = tail < this.chunkBytes ? this.chunkBytes : buf.length;
      if (spare.length < want || spare.length > Math.max(want, MAX_KEPT_READ_BUFFER)) spare = Buffer.allocUnsafe(want);
      buf.copy(spare, 0, cut, filled);
      const next = this.readAt(fh, spare, tail, spare.length - tail, position);
      next.catch(() => void 0);
      this.block(buf, 0, cut, base);
      base += cut;
      const parsed = buf;
      buf = spare;
      spare = parsed;
      filled = tail;
      ({ bytesRead } = await next);
    }
    returnReadBuffer(buf);
    returnReadBuffer(spare);
    if (this.endOffset === Number.POSITIVE_INFINITY) this.checkLooksLikeQueueLog(path2, true);
    return {
      format: this.format,
      lines: this.lineNumber - this.startLine,
      records: this.records,
      skipped: { lines: this.skippedLines, reasons: this.reasons },
      endOffset: base,
      endLine: this.lineNumber - (filled > 0 && !heldBackTail ? 1 : 0),
      heldBackTail
    };
  }
  /** fh.read, but never past endOffset. */
  readAt(fh, buf, offset, length, position) {
    const n = Math.min(length, this.endOffset - position);
    return n > 0 ? fh.read(buf, offset, n, position) : Promise.resolve({ bytesRead: 0 });
  }
  /** On resume, learn the format (and the CSV header) from the file's first line. */
  async primeFromHead(fh) {
    const head = Buffer.allocUnsafe(Math.min(65536, this.startOffset));
    const { bytesRead } = await fh.read(head, 0, head.length, 0);
    const text = head.toString("utf8", 0, bytesRead);
    for (const raw of text.split("\n")) {
      const line = raw.replace(/\r$/, "");
      if (line.includes("|")) {
        this.format = "pipe";
        return;
      }
      if (line.includes(",")) {
        this.format = "csv";
        this.csvHeader(line);
        return;
      }
    }
  }
  sniffBinary(head, path2) {
    for (const m of binaryMagic) {
      if (m.bytes.every((b, i) => head[i] === b)) throw notQueueLog(path2, `it is ${m.name}`);
    }
    if (head.includes(0)) throw notQueueLog(path2, "it contains binary data (NUL bytes)");
  }
  /** Fails fast on text that is not a queue_log at all, instead of skipping a million lines. */
  checkLooksLikeQueueLog(path2, atEnd) {
    if (this.records > 0 || this.startOffset > 0) return;
    if (this.nonEmptyLines >= SNIFF_LINES || atEnd && this.nonEmptyLines > 0) {
      if (this.format === null || this.records === 0) {
        throw notQueueLog(path2, `none of its first ${this.nonEmptyLines} line(s) is a queue_log line (epoch|callid|queue|agent|EVENT|\u2026 or a CSV export with a header)`);
      }
    }
  }
  /** Processes complete lines in buf[start, end); `base` is the file offset of buf[0]. */
  block(buf, start, end, base) {
    if (this.format === "pipe" && this.records > 0 && this.bytePath) {
      this.pipeBytes(buf, start, end, base);
      return;
    }
    if (isAscii(buf.subarray(start, end))) {
      let pos2 = start;
      while (pos2 < end) {
        if (this.format === "pipe" && this.records > 0 && this.bytePath) {
          this.pipeBytes(buf, pos2, end, base);
          return;
        }
        let nl = buf.indexOf(10, pos2);
        if (nl === -1 || nl >= end) nl = end;
        const line = buf.toString("latin1", pos2, nl);
        this.line(line, 0, line.length, base + pos2, nl - pos2 + (nl < end ? 1 : 0));
        pos2 = nl + 1;
      }
      return;
    }
    let pos = start;
    while (pos < end) {
      if (this.format === "pipe" && this.records > 0 && this.bytePath) {
        this.pipeBytes(buf, pos, end, base);
        return;
      }
      let nl = buf.indexOf(10, pos);
      if (nl === -1 || nl >= end) nl = end;
      const line = buf.toString("utf8", pos, nl);
      this.line(line, 0, line.length, base + pos, nl - pos + (nl < end ? 1 : 0));
      pos = nl + 1;
    }
  }
  /**
   * The hot loop: pipe-format lines of an ASCII block, parsed on the bytes. The WebAssembly scan
   * (queue-log-scan.ts) finds each line's epoch, packed callid, `|` positions, event and data, and
   * checks them against the event table; here the record is filled from its output. A line that is
   * anything but a clean, valid record (blank, malformed in any way, non-ASCII) goes to line(), which
   * decides exactly as before what it is and why it is skipped — so the fast path changes speed, never results.
   */
  pipeBytes(buf, from, end, base) {
    const last = buf.lastIndexOf(10, end - 1);
    const stop = last < from ? from : last + 1;
    if (stop > from) {
      const scanner2 = queueLogScanner(stop - from);
      this.bytesRec.queueNames = scanner2.queueNames;
      scanner2.load(buf, from, stop);
      for (let n = scanner2.scan(); n > 0; n = scanner2.scan()) {
        const L = scanner2.lines32;
        const F = scanner2.lines64;
        for (let j = 0; j < n; j++) this.scannedLine(buf, L, F, j * LINE_INTS, j * LINE_FLOATS, base);
      }
    }
    if (stop < end) {
      const text = buf.toString("utf8", stop, end);
      this.line(text, 0, text.length, base + stop, end - stop);
    }
  }
  /** One scanned line: L[at…] and F[f…] as wasm/queue-log-scan.ts lays them out. */
  scannedLine(buf, L, F, at, f, base) {
    const lineStart = L[at];
    const nl = L[at + 1];
    if (L[at + 3] !== 0) {
      this.slowLine(buf, lineStart, nl, base);
      return;
    }
    const rec = this.bytesRec;
    const code = L[at + 4];
    const n = L[at + 9];
    rec.buf = buf;
    rec.L = L;
    rec.at = at;
    rec.F = F;
    rec.f = f;
    rec.time = F[f];
    rec.eventCode = code;
    rec.event = queueEventNames[code] ?? "";
    rec.p1 = L[at + 5];
    rec.p2 = L[at + 6];
    rec.p3 = L[at + 7];
    rec.p4 = L[at + 8];
    rec.lineFrom = lineStart;
    rec.lineTo = L[at + 2];
    if (n <= MAX_PACKED_CALLID) packedCallIdKey(rec.callKey, F[f + 1], F[f + 2], F[f + 3], n);
    else callIdKeyOfBytes(buf, rec.p1 + 1, rec.p2, rec.callKey);
    rec.lineNumber = ++this.lineNumber;
    rec.byteOffset = base + lineStart;
    rec.byteLength = nl + 1 - lineStart;
    this.records++;
    this.onRecord(rec);
  }
  /** A line the byte path does not take: decided (and skipped, with its reason) by line(). */
  slowLine(buf, lineStart, nl, base) {
    const text = buf.toString("utf8", lineStart, nl);
    this.line(text, 0, text.length, base + lineStart, nl + 1 - lineStart);
    return nl + 1;
  }
  line(s, start, end, byteOffset, byteLength) {
    const lineNumber = ++this.lineNumber;
    if (end > start && s.charCodeAt(end - 1) === 13) end--;
    if (end === start) return;
    if (this.records === 0 && ++this.nonEmptyLines >= SNIFF_LINES) this.checkLooksLikeQueueLog(this.path, false);
    if (this.format === null) {
      const line = s.slice(start, end);
      if (line.includes("|")) this.format = "pipe";
      else if (line.includes(",")) this.format = "csv";
    }
    if (this.format === "csv" && this.csv === null && this.csvHeader(s.slice(start, end))) return;
    const reason = this.format === "pipe" ? this.pipeLine(s, start, end) : this.format === "csv" && this.csv !== null ? this.csvLine(s.slice(start, end), this.csv) : this.format === "csv" ? "unknown event" : "no fields";
    if (reason === null) {
      const rec = this.format === "pipe" ? this.pipeRec : this.csvRec;
      rec.lineNumber = lineNumber;
      rec.byteOffset = byteOffset;
      rec.byteLength = byteLength;
      this.records++;
      this.onRecord(rec);
    } else {
      this.skippedLines++;
      this.reasons[reason] = (this.reasons[reason] ?? 0) + 1;
      this.onSkip({ lineNumber, byteOffset, reason, text: s.slice(start, Math.min(end, start + SKIP_TEXT_MAX)) });
    }
  }
  /** Parses `epoch|callid|queue|agent|EVENT|data…` into the shared record; returns why not, else null. */
  pipeLine(s, start, end) {
    let i = start;
    let time = 0;
    for (; i < end; i++) {
      const d = s.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      time = time * 10 + d;
    }
    const intDigits = i - start;
    if (i === end || s.charCodeAt(i) !== 124) {
      const pipe = s.indexOf("|", start);
      if (pipe === -1 || pipe >= end) return "no fields";
      if (i === start || s.charCodeAt(i) !== 46) return "non-numeric time";
      for (i++; i < pipe; i++) {
        const d = s.charCodeAt(i) - 48;
        if (d < 0 || d > 9) return "non-numeric time";
      }
    } else if (i === start) return "non-numeric time";
    if (intDigits > MAX_EPOCH_DIGITS) return "time out of range";
    const P = this.pipes;
    P[0] = i;
    let np = 1;
    for (i++; i < end; i++) {
      if (s.charCodeAt(i) === 124) {
        P[np++] = i;
        if (np === 10) break;
      }
    }
    if (np < 4) return "too few fields";
    const p1 = P[0] ?? 0;
    const p2 = P[1] ?? 0;
    const p3 = P[2] ?? 0;
    const p4 = P[3] ?? 0;
    const p5 = np > 4 ? P[4] ?? end : end;
    const event = matchQueueEvent(s, p4 + 1, p5);
    if (event === void 0) return p5 === p4 + 1 ? "too few fields" : "unknown event";
    const info = queueEventInfo(event);
    if (info === void 0) return "unknown event";
    const rec = this.pipeRec;
    rec.src = s;
    rec.event = event;
    rec.time = time;
    rec.callId = s.slice(p1 + 1, p2);
    rec.queue = s.slice(p2 + 1, p3);
    rec.agentFrom = p3 + 1;
    rec.agentTo = p4;
    rec.lineFrom = start;
    rec.lineTo = end;
    rec.timeTo = p1;
    const b = rec.bounds;
    let count = 0;
    for (let k = 1; k <= 5; k++) {
      const sep2 = 3 + k;
      let from = end;
      let to = end;
      if (sep2 < np) {
        from = (P[sep2] ?? end) + 1;
        to = sep2 + 1 < np ? P[sep2 + 1] ?? end : end;
      }
      b[2 * k] = from;
      b[2 * k + 1] = to;
      if (to > from) count = k;
    }
    if (count < info.minData) return "too few fields";
    for (const k of info.numeric) {
      if (k > count) break;
      const f = b[2 * k] ?? 0;
      const t = b[2 * k + 1] ?? 0;
      if (t > f && Number.isNaN(parseCountAt(s, f, t))) return "non-numeric field";
    }
    return null;
  }
  /** Reads a header line; true when it was one (and set the layout). */
  csvHeader(line) {
    const names = splitCsvLine(line).map((n) => n.trim().toLowerCase().replace(/^"|"$/g, ""));
    const find = (...candidates) => {
      for (const c of candidates) {
        const i = names.indexOf(c);
        if (i !== -1) return i;
      }
      return -1;
    };
    const event = find("event", "verb");
    if (event === -1) {
      const fields = splitCsvLine(line);
      const at = queueEventInfo(fields[4] ?? "") !== void 0 ? 0 : queueEventInfo(fields[5] ?? "") !== void 0 ? 1 : -1;
      if (at === -1) {
        this.csv = null;
        return false;
      }
      this.csv = {
        columns: fields.length,
        time: [at],
        callId: at + 1,
        queue: at + 2,
        agent: at + 3,
        event: at + 4,
        data: [at + 5, at + 6, at + 7, at + 8, at + 9],
        packedData: false,
        pbxware: null
      };
      return false;
    }
    const htime = find("htime");
    const ttime = find("ttime");
    const pbxware = htime !== -1 && ttime !== -1 ? { param1: find("param1"), param2: find("param2"), param3: find("param3"), entpos: find("entpos"), expos: find("expos"), htime, ttime } : null;
    const dataCols = ["data1", "data2", "data3", "data4", "data5"].map((c) => names.indexOf(c)).filter((i) => i !== -1);
    const paramCols = ["param1", "param2", "param3"].map((c) => names.indexOf(c)).filter((i) => i !== -1);
    const packed2 = find("data");
    this.csv = {
      columns: names.length,
      // An epoch column beats a local-time string: it needs no zone.
      time: ["date_time", "time", "timestamp", "datetime", "calldate"].map((c) => names.indexOf(c)).filter((i) => i !== -1),
      callId: find("callid", "call_id", "uniqueid"),
      queue: find("queuename", "queue_name", "queue"),
      agent: find("agent", "membername", "member", "type"),
      event,
      data: dataCols.length > 0 ? dataCols : paramCols,
      packedData: dataCols.length === 0 && paramCols.length === 0 && packed2 !== -1,
      pbxware
    };
    if (this.csv.packedData) this.csv.data = [packed2];
    return true;
  }
  csvLine(line, layout) {
    const f = splitCsvLine(line);
    if (f.length <= layout.event) return "too few fields";
    const rec = this.csvRec;
    rec.event = (f[layout.event] ?? "").trim();
    const info = queueEventInfo(rec.event);
    if (info === void 0) return rec.event === "" ? "too few fields" : "unknown event";
    let time = Number.NaN;
    for (const col of layout.time) {
      time = parseTime(f[col] ?? "", this.zone);
      if (!Number.isNaN(time)) break;
    }
    if (Number.isNaN(time)) return "non-numeric time";
    if (time < 0 || time >= 10 ** MAX_EPOCH_DIGITS) return "time out of range";
    rec.time = time;
    rec.callId = f[layout.callId] ?? "";
    rec.queue = f[layout.queue] ?? "";
    rec.agent = f[layout.agent] ?? "";
    const data = layout.pbxware !== null ? pbxwareData(rec.event, f, layout.pbxware) : layout.packedData ? (f[layout.data[0] ?? -1] ?? "").split("|") : layout.data.map((c) => f[c] ?? "");
    let count = 0;
    for (let k = 1; k <= 5; k++) {
      const value = clean(data[k - 1]);
      if (value !== "") count = k;
      setData(rec, k, value);
    }
    if (count < info.minData) return "too few fields";
    for (const k of info.numeric) {
      if (k > count) break;
      const v = rec.data(k);
      if (v !== "" && Number.isNaN(parseCount(v))) return "non-numeric field";
    }
    return null;
  }
};
function clean(v) {
  if (v === void 0) return "";
  const t = v.trim();
  return t === "NULL" ? "" : t;
}
function parseTime(text, zone) {
  const t = text.trim();
  if (t === "") return Number.NaN;
  if (/^\d{9,11}(\.\d+)?$/.test(t)) return Math.floor(Number(t));
  const ms = parseLocalDateTime(t, zone);
  return Number.isNaN(ms) ? ms : Math.floor(ms / 1e3);
}
function pbxwareData(event, f, c) {
  const g = (i) => i === -1 ? "" : f[i] ?? "";
  switch (event) {
    case "ENTERQUEUE":
      return ["", g(c.param1), g(c.entpos)];
    case "CONNECT":
      return [g(c.htime), g(c.param2), g(c.param3)];
    case "COMPLETECALLER":
    case "COMPLETEAGENT":
      return [g(c.htime), g(c.ttime), g(c.entpos)];
    case "ABANDON":
    case "EXITWITHTIMEOUT":
    case "EXITEMPTY":
      return [g(c.expos), g(c.entpos), g(c.htime)];
    case "EXITWITHKEY":
      return [g(c.param2) || g(c.param1), g(c.expos), g(c.entpos), g(c.htime)];
    case "RINGNOANSWER":
    case "RINGCANCELED":
      return [g(c.htime)];
    case "BLINDTRANSFER":
    case "ATTENDEDTRANSFER":
    case "TRANSFER":
      return [g(c.param2), g(c.param3), g(c.htime), g(c.ttime), g(c.entpos)];
    default:
      return [g(c.param1), g(c.param2), g(c.param3)];
  }
}
function setData(rec, k, value) {
  switch (k) {
    case 1:
      rec.data1 = value;
      break;
    case 2:
      rec.data2 = value;
      break;
    case 3:
      rec.data3 = value;
      break;
    case 4:
      rec.data4 = value;
      break;
    default:
      rec.data5 = value;
  }
}
function notQueueLog(path2, why) {
  return AppError.validation(`${path2 === "" ? "the file" : `"${path2}"`} is not an Asterisk queue_log: ${why}`);
}

// src/adapters/node-bundle.ts
import { mkdir, readFile as readFile2, realpath, rename, stat as stat2, writeFile } from "node:fs/promises";
import { dirname, resolve as resolve2 } from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath as fileURLToPath3 } from "node:url";

// src/adapters/bundled-sources.js
import { accessSync, constants, existsSync, mkdirSync, readdirSync, readFileSync as readFileSync2, realpathSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { fileURLToPath as fileURLToPath2, pathToFileURL } from "node:url";
var projectRoot = realpathSync(fileURLToPath2(new URL("../..", import.meta.url)));
var cacheRoot = join(projectRoot, "node_modules", ".cache", "kefu");
var cliInputsFile = join(cacheRoot, "cli-inputs.json");
var cliEntry = join(projectRoot, "src", "adapters", "cli", "main.ts");
function inProject(path2) {
  const rel = relative(projectRoot, path2);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel);
}
function ownImportMetaUrl(onInput) {
  return {
    name: "own-import-meta-url",
    setup(build) {
      build.onLoad({ filter: /\.(ts|js)$/ }, async ({ path: path2 }) => {
        const rel = relative(projectRoot, path2);
        if (!inProject(path2) || rel.split(sep)[0] === "node_modules") return void 0;
        if (onInput) {
          const st = await stat(path2);
          onInput(path2, st.size, st.mtimeMs);
        }
        const text = await readFile(path2, "utf8");
        return { contents: text.replace(/\bimport\.meta\.url\b/g, JSON.stringify(pathToFileURL(path2).href)), loader: path2.endsWith(".js") ? "js" : "ts" };
      });
    }
  };
}

// src/adapters/node-bundle.ts
async function cachedBundleForNode(entry, cacheFile, options = {}) {
  const inputsFile = `${cacheFile}.inputs.json`;
  try {
    const inputs2 = JSON.parse(await readFile2(inputsFile, "utf8"));
    const same = await Promise.all(inputs2.map(async ([path2, size, mtimeMs]) => stat2(path2).then((st) => st.size === size && st.mtimeMs === mtimeMs, () => false)));
    const entryPath = await realpath(fileURLToPath3(entry));
    if (inputs2.some(([path2]) => path2 === entryPath) && same.every(Boolean)) return await readFile2(cacheFile, "utf8");
  } catch {
  }
  const { text, inputs } = await bundle(entry, options);
  try {
    const listed = await Promise.all(
      inputs.map(async (path2) => {
        const st = await stat2(path2);
        return [path2, st.size, st.mtimeMs];
      })
    );
    await mkdir(dirname(cacheFile), { recursive: true });
    const suffix = `.${process.pid}.${Date.now()}.tmp`;
    await writeFile(cacheFile + suffix, text);
    await rename(cacheFile + suffix, cacheFile);
    await writeFile(inputsFile + suffix, JSON.stringify(listed));
    await rename(inputsFile + suffix, inputsFile);
  } catch {
  }
  return text;
}
async function bundle(entry, options) {
  const { build } = await import("esbuild");
  const out = await build({
    entryPoints: [fileURLToPath3(entry)],
    bundle: true,
    platform: "node",
    format: options.format ?? "esm",
    packages: options.packages,
    target: "node20",
    write: options.outfile !== void 0,
    outfile: options.outfile,
    logLevel: "silent",
    metafile: true,
    plugins: [ownImportMetaUrl()]
  });
  const inputs = Object.keys(out.metafile.inputs).map((path2) => resolve2(path2));
  inputs.push(createRequire(import.meta.url).resolve("esbuild/package.json"));
  return { text: out.outputFiles?.[0]?.text ?? "", inputs };
}

// src/adapters/telephony/queue-log-kpi.ts
var DEFAULT_SEGMENT_BYTES = 32 << 20;
var MAX_THREADS = 8;
async function queueLogKpi(path2, o) {
  const threads = Math.max(1, Math.min(MAX_THREADS, Math.floor(o.threads ?? availableParallelism())));
  const segmentBytes = Math.max(1, Math.floor(o.segmentBytes ?? DEFAULT_SEGMENT_BYTES));
  if (threads > 1) segmentWorkerSource().catch(() => void 0);
  const plan = threads > 1 || o.segmentBytes !== void 0 ? await planSegments(path2, segmentBytes, threads) : null;
  if (plan === null || plan.bounds.length < 3) {
    o.onRead?.({ segments: 1, byWorkers: 0, reread: 0, onePass: true });
    return singlePass(path2, o);
  }
  return segmentedPass(path2, plan, threads, o);
}
function aggregatorFor(o) {
  return new KpiAggregator({ by: o.by, thresholdSeconds: o.thresholdSeconds, ringLimitSeconds: o.ringLimitSeconds, zone: new ZoneCalendar(o.timeZone), targets: o.targets });
}
var STALE_AFTER = 86400;
function trackerOptions(o) {
  return { keepMissedRingAgents: o.by === "agent", keepAnsweringAgents: o.by === "agent", keepCallerIds: false, reuseCallStates: true, staleAfterSeconds: STALE_AFTER };
}
async function singlePass(path2, o) {
  const kpi = aggregatorFor(o);
  const tracker = new QueueCallTracker((call2) => kpi.addCall(call2), trackerOptions(o));
  const reader = new QueueLogReader({ zone: new ZoneCalendar(o.logTimeZone ?? o.timeZone) });
  const result = await reader.read(path2, feed(kpi, tracker), o.onSkip);
  tracker.finish();
  return kpi.report({ lines: result.skipped.lines, reasons: { ...result.skipped.reasons } });
}
function feed(kpi, tracker) {
  let lastTime = Number.NaN;
  return (rec) => {
    if (rec.time !== lastTime) {
      lastTime = rec.time;
      kpi.noteTime(rec.time);
    }
    tracker.apply(rec);
  };
}
async function planSegments(path2, segmentBytes, threads) {
  let fh;
  try {
    fh = await open2(path2, "r");
  } catch {
    return null;
  }
  try {
    const { size, dev, ino } = await fh.stat();
    if (size < 2 * segmentBytes) return null;
    const window = Buffer.allocUnsafe(65536);
    const head = await fh.read(window, 0, window.length, 0);
    const text = window.toString("latin1", 0, head.bytesRead);
    const first = text.split("\n").find((l) => l.includes("|") || l.includes(",")) ?? "";
    if (!first.includes("|")) return null;
    const bounds = [0];
    const count = threads * Math.ceil(size / (threads * segmentBytes));
    for (let k = 1; k < count; k++) {
      const nominal = Math.max(1, Math.round(k * size / count));
      let at = nominal - 1;
      let start = -1;
      while (at < size) {
        const { bytesRead } = await fh.read(window, 0, window.length, at);
        const nl = window.subarray(0, bytesRead).indexOf(10);
        if (nl !== -1) {
          start = at + nl + 1;
          break;
        }
        at += bytesRead;
      }
      if (start === -1 || start >= size) break;
      if (start > (bounds[bounds.length - 1] ?? 0)) bounds.push(start);
    }
    bounds.push(size);
    return { bounds, file: { dev, ino } };
  } finally {
    await fh.close();
  }
}
var MAX_KEPT = 5e4;
async function readKpiSegment(path2, start, end, o) {
  const shared = active === null;
  const segment = new SegmentSums(o, shared);
  const skips = [];
  const reader = new QueueLogReader({ zone: new ZoneCalendar(o.logTimeZone ?? o.timeZone), startOffset: start, endOffset: end, expectFile: o.file && { ...o.file, minSize: end } });
  if (shared) active = segment;
  try {
    const result = await reader.read(path2, shared ? onSegmentRecord : (rec) => segment.record(rec), o.collectSkips ? (s) => void (skips.length < MAX_KEPT && skips.push(s)) : void 0);
    return segment.result(result.lines, result.records, result.skipped, skips);
  } finally {
    if (shared) active = null;
  }
}
var active = null;
function onSegmentRecord(rec) {
  active.record(rec);
}
function onSegmentCall(call2) {
  active.call(call2);
}
var SegmentSums = class {
  kpi;
  tracker;
  scratch = new CallIdKey();
  held = [];
  opened = new Int32Array(1 << 16);
  openedCount = 0;
  lastTime = Number.NaN;
  earliest = Number.POSITIVE_INFINITY;
  latest = Number.NEGATIVE_INFINITY;
  backJump = 0;
  overflow = false;
  constructor(o, shared) {
    this.kpi = aggregatorFor(o);
    const onCall = shared ? onSegmentCall : (call2) => this.call(call2);
    this.tracker = new QueueCallTracker(onCall, {
      ...trackerOptions(o),
      onHeldLine: (e) => {
        if (this.held.length < MAX_KEPT) this.held.push(heldLine(e));
        else this.overflow = true;
      }
    });
  }
  record(rec) {
    const time = rec.time;
    if (time !== this.lastTime) {
      this.lastTime = time;
      this.kpi.noteTime(time);
      if (time > this.latest) this.latest = time;
      else if (this.latest - time > this.backJump) this.backJump = this.latest - time;
      if (time < this.earliest) this.earliest = time;
    }
    this.tracker.apply(rec);
  }
  call(call2) {
    this.noteOpened(call2);
    this.kpi.addCall(call2);
  }
  result(lines, records, skipped, skips) {
    const pending = [];
    this.tracker.forEachPending((call2) => {
      this.noteOpened(call2);
      if (pending.length < MAX_KEPT) pending.push(plainState(call2));
      else this.overflow = true;
    });
    if (this.overflow || skips.length >= MAX_KEPT) {
      return { ...this.times(), lines, records, skipped, skips: [], sums: this.kpi.sums(), opened: new Int32Array(0), held: [], pending: [], overflow: true };
    }
    return { ...this.times(), lines, records, skipped, skips, sums: this.kpi.sums(), opened: this.opened.slice(0, this.openedCount), held: this.held, pending, overflow: false };
  }
  times() {
    return { earliest: this.earliest, latest: this.latest, backJump: this.backJump };
  }
  noteOpened(call2) {
    if (this.openedCount === this.opened.length) {
      const bigger = new Int32Array(this.opened.length * 2);
      bigger.set(this.opened);
      this.opened = bigger;
    }
    this.opened[this.openedCount++] = callIdHashOf(call2, this.scratch);
  }
};
function callIdHashOf(call2, scratch) {
  return call2.callIdHash ?? callIdKeyOf(call2.callId, scratch).hash;
}
function heldLine(e) {
  return { time: e.time, callId: e.callId, queue: e.queue, agent: e.agent, event: e.event, data1: e.data1, data2: e.data2, data3: e.data3, data4: e.data4, data5: e.data5 };
}
function plainState(s) {
  return { callId: s.callId, queue: s.queue, ...callFigures(s), next: null };
}
async function segmentedPass(path2, plan, threads, o) {
  const { bounds } = plan;
  const segmentOptions = {
    by: o.by,
    thresholdSeconds: o.thresholdSeconds,
    ringLimitSeconds: o.ringLimitSeconds,
    timeZone: o.timeZone,
    logTimeZone: o.logTimeZone,
    targets: o.targets,
    collectSkips: o.onSkip !== void 0,
    file: plan.file
  };
  const segments = bounds.length - 1;
  const results = Array.from({ length: segments }, () => {
    const d = deferred();
    d.promise.catch(() => void 0);
    return d;
  });
  let next = 0;
  let failed = false;
  let closed = false;
  let byWorkers = 0;
  let reread = 0;
  const workers = [];
  const take = async (read) => {
    while (next < segments && !failed) {
      const k = next++;
      try {
        results[k]?.resolve(await read(bounds[k] ?? 0, bounds[k + 1] ?? 0));
      } catch (e) {
        failed = true;
        results[k]?.reject(e);
        return;
      }
    }
  };
  const readers = [];
  let reportedThrough = 0;
  const onSkip = o.onSkip && ((s) => (reportedThrough = s.lineNumber, o.onSkip?.(s)));
  let onePass = false;
  try {
    let addSkipped2 = function(s) {
      skippedLines += s.lines;
      for (const [reason, n] of Object.entries(s.reasons)) reasons[reason] = (reasons[reason] ?? 0) + n;
    };
    var addSkipped = addSkipped2;
    for (let i = 1; i < threads && i < segments; i++) {
      readers.push(
        SegmentWorker.acquire().then(
          async (worker) => {
            if (closed) return worker.release();
            workers.push(worker);
            if (!closed)
              await take((start, end) => {
                byWorkers++;
                return worker.read(path2, start, end, segmentOptions);
              });
          },
          // No worker (esbuild missing, threads refused): the other threads read its share.
          () => void 0
        )
      );
    }
    readers.push(take((start, end) => readKpiSegment(path2, start, end, segmentOptions)));
    const kpi = aggregatorFor(o);
    const tracker = new QueueCallTracker((call2) => kpi.addCall(call2), trackerOptions(o));
    const reasons = {};
    let skippedLines = 0;
    let lineBase = 0;
    let latest = Number.NEGATIVE_INFINITY;
    const scratch = new CallIdKey();
    const pendingIds = /* @__PURE__ */ new Set();
    const pendingBits = new Int32Array(2048);
    const logZone = new ZoneCalendar(o.logTimeZone ?? o.timeZone);
    for (let k = 0; k < segments; k++) {
      const r = await results[k].promise;
      results[k] = settled;
      if (Math.max(r.backJump, latest - r.earliest) > STALE_AFTER || k === 0 && r.records === 0) {
        onePass = true;
        break;
      }
      latest = Math.max(latest, r.latest);
      pendingIds.clear();
      pendingBits.fill(0);
      tracker.forEachPending((call2) => {
        const id = callIdHashOf(call2, scratch);
        pendingIds.add(id);
        const word = id >>> 5 & 2047;
        pendingBits[word] = pendingBits[word] | 1 << (id & 31);
      });
      let conflict = false;
      const opened = r.opened;
      if (pendingIds.size > 0) {
        for (let i = 0; i < opened.length && !conflict; i++) {
          const id = opened[i];
          if ((pendingBits[id >>> 5 & 2047] & 1 << (id & 31)) !== 0 && pendingIds.has(id)) conflict = true;
        }
      }
      if (conflict || r.overflow) {
        reread++;
        const end = bounds[k + 1] ?? 0;
        const reader = new QueueLogReader({ zone: logZone, startOffset: bounds[k], endOffset: end, startLine: lineBase, expectFile: { ...plan.file, minSize: end } });
        const again = await reader.read(path2, feed(kpi, tracker), onSkip);
        addSkipped2(again.skipped);
        lineBase += again.lines;
        continue;
      }
      kpi.absorb(r.sums);
      if (onSkip) for (const s of r.skips) onSkip({ ...s, lineNumber: s.lineNumber + lineBase });
      addSkipped2(r.skipped);
      for (const line of r.held) tracker.apply(new QueueLogFields(line));
      for (const call2 of r.pending) tracker.adopt(call2);
      tracker.releaseSilentBefore(r.latest);
      lineBase += r.lines;
    }
    if (!onePass) {
      await Promise.all(readers);
      tracker.finish();
      o.onRead?.({ segments, byWorkers, reread, onePass: false });
      return kpi.report({ lines: skippedLines, reasons });
    }
  } finally {
    failed = true;
    closed = true;
    await Promise.all(workers.map((w) => w.release()));
    await Promise.allSettled(readers);
  }
  o.onRead?.({ segments: 1, byWorkers: 0, reread: 0, onePass: true });
  return singlePass(path2, { ...o, onSkip: o.onSkip && ((s) => s.lineNumber > reportedThrough && o.onSkip?.(s)) });
}
var settled = { promise: Promise.resolve(null), resolve: () => void 0, reject: () => void 0 };
function deferred() {
  let resolve3;
  let reject;
  const promise = new Promise((res, rej) => {
    resolve3 = res;
    reject = rej;
  });
  return { promise, resolve: resolve3, reject };
}
var workerSource = null;
function segmentWorkerSource() {
  workerSource ??= cachedBundleForNode(new URL("./kpi-segment-worker.ts", import.meta.url), fileURLToPath4(new URL("../../../node_modules/.cache/kefu/kpi-segment-worker.cjs", import.meta.url)), { format: "cjs" });
  return workerSource;
}
var idleWorkers = [];
function workerOptions(execArgv) {
  const at = execArgv.findIndex((a) => a === "--input-type" || a.startsWith("--input-type="));
  if (at === -1) return { eval: true };
  const drop = execArgv[at] === "--input-type" ? 2 : 1;
  return { eval: true, execArgv: [...execArgv.slice(0, at), ...execArgv.slice(at + drop)] };
}
var SegmentWorker = class _SegmentWorker {
  constructor(worker) {
    this.worker = worker;
    this.worker.on("message", (reply) => {
      const w = this.waiting;
      this.waiting = null;
      if (!this.stopping) this.worker.unref();
      if (reply.ok) w?.resolve(reply.result);
      else w?.reject(reply.validation ? AppError.validation(reply.message) : new Error(reply.message));
    });
    this.worker.on("messageerror", (e) => {
      this.waiting?.reject(e);
      this.waiting = null;
    });
    this.worker.on("error", (e) => {
      this.stopped = e.message;
      this.waiting?.reject(e);
      this.waiting = null;
    });
    this.worker.on("exit", (code) => {
      this.stopped ??= `kpi worker stopped (exit code ${code})`;
      this.waiting?.reject(new Error(this.stopped));
      this.waiting = null;
    });
  }
  worker;
  waiting = null;
  stopped = null;
  /** Being terminated: stays referenced until it has exited, so the caller's await is not left unsettled. */
  stopping = false;
  /** An idle worker from the pool, or a new one. */
  static async acquire() {
    for (let w = idleWorkers.pop(); w !== void 0; w = idleWorkers.pop()) {
      if (w.stopped === null) return w;
    }
    return new _SegmentWorker(new Worker(await segmentWorkerSource(), workerOptions(process.execArgv)));
  }
  read(path2, start, end, options) {
    if (this.stopped !== null) return Promise.reject(new Error(this.stopped));
    const d = deferred();
    this.waiting = d;
    this.worker.ref();
    this.worker.postMessage({ path: path2, start, end, options });
    return d.promise;
  }
  /** Back to the pool when idle and well; stopped otherwise. */
  async release() {
    if (this.waiting === null && this.stopped === null && idleWorkers.length < MAX_THREADS) {
      this.worker.unref();
      idleWorkers.push(this);
      return;
    }
    this.stopping = true;
    this.worker.ref();
    await this.worker.terminate();
  }
};

// ../../tmp/kb/seg1.mts
var path = process.argv[2];
var modes = process.argv.slice(3);
for (let r = 0; r < 5; r++) for (const m of modes) {
  const t = performance.now();
  const c = process.cpuUsage();
  let stats = "";
  await queueLogKpi(path, { by: "total", thresholdSeconds: 20, ringLimitSeconds: 15, timeZone: "Asia/Shanghai", threads: m === "two" ? 2 : 1, ...m === "seg1" && { segmentBytes: 293e5 }, onRead: (s) => stats = JSON.stringify(s) });
  const cu = process.cpuUsage(c);
  if (r > 0) console.log(`${m.padEnd(5)} ${(performance.now() - t).toFixed(0)} ms cpu ${((cu.user + cu.system) / 1e3).toFixed(0)} ${r === 1 ? stats : ""}`);
}
process.exit(0);
