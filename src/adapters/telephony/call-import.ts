import { createHash } from 'node:crypto';
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Clock } from '../../core/shared/clock.js';
import { AppError } from '../../core/shared/app-error.js';
import type { ZoneCalendar } from '../../core/kpi/time-zone.js';
import { queueEventInfo } from '../../core/interactions/queue-log-events.js';
import type { CallEvent } from '../../core/interactions/call.js';
import { QueueLogFields, type QueueLogEvent } from '../../core/interactions/queue-log-events.js';
import { callsFromQueueLog, joinQueueLogData, type CallRecord } from '../../core/calls/call-record.js';
import type { CallRepository, CallWrite } from '../db/repositories/call-repository.js';
import { callRowId, lineHash, type ImportCursor, type ImportTotals, type SourceEventRow, type StoredSourceEvent } from '../db/repositories/call-repository.js';
import { QueueLogReader } from './queue-log-reader.js';
import { CdrReader, groupCdrLegs, type CdrRecord } from './cdr-reader.js';
import { splitCsvLine } from './csv-line.js';

/**
 * `kefu import queue-log|cdr`: a file into the database, idempotent and resumable.
 *
 * The file is read in batches of whole lines. Each batch commits in ONE transaction: the calls its
 * lines touch, rebuilt from all of their lines, and the import cursor (byte offset and line number
 * after the batch). A queue_log call row keeps its own lines (`source_lines`, each line once: that
 * is the idempotence); CDR legs are source-event rows, unique per call and content. A crash loses
 * only the uncommitted batch; the next run resumes at the cursor.
 *
 * queue_log speed: the calls a run has seen are kept in memory with their lines (`QueueLogCalls`),
 * so a batch reads nothing back from the database for them; the database is asked only for calls
 * it may hold from before (a resumed, appended or re-read file, or calls evicted from memory). An appended file is read from the cursor on; a replaced or rotated one (its head no
 * longer hashes the same) from the start, the unique keys keeping what is already there.
 */

export type ImportSource = 'queue_log' | 'cdr';

export interface ImportProgress {
  bytesDone: number;
  bytesTotal: number;
  lines: number;
}

export interface ImportSkip {
  lineNumber: number;
  reason: string;
  text: string;
}

export interface ImportOptions {
  zone: ZoneCalendar;
  clock: Clock;
  /** Lines per transaction (default 50,000). */
  batchLines?: number;
  /** CDR only: column names in file order. */
  columns?: readonly string[];
  onProgress?: (p: ImportProgress) => void;
  onSkip?: (s: ImportSkip) => void;
}

export interface ImportSummary {
  source: ImportSource;
  path: string;
  /** Where this run started: null from the top of the file. */
  resumedAt: { offset: number; line: number } | null;
  /** Why the run started from the top although the file had been imported before. */
  restartReason: string | null;
  /** This run: lines read, valid lines, new source events stored, calls rebuilt, lines skipped. */
  run: { lines: number; records: number; newEvents: number; calls: number; skipped: { lines: number; reasons: Record<string, number> } };
  /** The whole file over every run (what one clean run would print). */
  file: ImportTotals & { endOffset: number; endLine: number };
  /** Calls from this source now in the database. */
  callsInDatabase: number;
  /** An unterminated last line was left for the next run (the PBX may still be writing it). */
  heldBackTail: boolean;
}

const HEAD_BYTES = 65_536;
const BATCH_FULL = Symbol('batch full');

/** A queue_log line of a call, waiting for its batch to commit. */
interface PendingLine {
  key: string;
  callId: string;
  queue: string;
  /** `time\tagent\tevent\tdata`: what calls.source_lines keeps, and the duplicate check. */
  stored: string;
  time: number;
  agent: string;
  event: string;
  data1: string;
  data2: string;
  data3: string;
  data4: string;
  data5: string;
  line: number;
}

interface Batch {
  rows: SourceEventRow[];
  lines: PendingLine[];
  records: number;
  skips: { reason: string; byteOffset: number }[];
  endOffset: number;
  endLine: number;
}

const emptyTotals = (): ImportTotals => ({ lines: 0, records: 0, skipped: { lines: 0, reasons: {} } });

export async function importCallFile(repo: CallRepository, source: ImportSource, file: string, o: ImportOptions): Promise<ImportSummary> {
  const abs = path.resolve(file);
  let size: number;
  try {
    const st = await stat(abs);
    if (st.isDirectory()) throw AppError.validation(`cannot import "${file}": it is a directory`);
    size = st.size;
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw AppError.validation(`cannot import "${file}": ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String((e as Error).message)}`);
  }

  const previous = await repo.cursor(source, abs);
  let offset = 0;
  let line = 0;
  let totals = emptyTotals();
  let restartReason: string | null = null;
  if (previous) {
    if (size < previous.endOffset) restartReason = 'the file is shorter than what was imported (replaced or rotated)';
    else if ((await headHash(abs, previous.headBytes)) !== previous.headHash) restartReason = 'the start of the file changed (replaced or rotated)';
    else {
      offset = previous.endOffset;
      line = previous.endLine;
      totals = previous.totals;
    }
  }
  const resumedAt = offset > 0 ? { offset, line } : null;
  const headBytes = Math.min(HEAD_BYTES, size);
  const head = await headHash(abs, headBytes);
  const columns = source === 'cdr' ? (o.columns ?? (await cdrHeader(abs))) : undefined;

  const run = { lines: 0, records: 0, newEvents: 0, calls: 0, skipped: { lines: 0, reasons: {} as Record<string, number> } };
  const batchLines = o.batchLines ?? 50_000;
  const queueLogCalls = source === 'queue_log' ? new QueueLogCalls(repo, await repo.hasCalls('queue_log')) : null;
  let heldBackTail = false;

  const commit = async (b: Batch): Promise<void> => {
    const lines = b.endLine - line;
    const next: ImportTotals = {
      lines: totals.lines + lines,
      records: totals.records + b.records,
      skipped: { lines: totals.skipped.lines + b.skips.length, reasons: { ...totals.skipped.reasons } },
    };
    for (const s of b.skips) {
      next.skipped.reasons[s.reason] = (next.skipped.reasons[s.reason] ?? 0) + 1;
      run.skipped.reasons[s.reason] = (run.skipped.reasons[s.reason] ?? 0) + 1;
    }
    const cursor: ImportCursor = { source, path: abs, headHash: head, headBytes, endOffset: b.endOffset, endLine: b.endLine, totals: next, updatedAt: o.clock.now() };
    const now = o.clock.now();
    const prepared = queueLogCalls ? await queueLogCalls.prepare(b.lines) : null;
    const { added, calls } = await repo.transaction(async (trx) => {
      if (prepared) {
        await repo.writeCalls(prepared.calls, now, trx);
        await repo.saveCursor(cursor, trx);
        return { added: prepared.added, calls: prepared.calls.length };
      }
      const added = await repo.insertSourceEvents(source, b.rows, trx);
      let calls = 0;
      if (added > 0) {
        const ids = [...new Set(b.rows.map((r) => r.externalId))];
        const stored = await repo.sourceEventsOf(source, ids, trx);
        const records = cdrCalls(stored);
        await repo.upsertCalls(records, now, trx);
        calls = records.length;
      }
      await repo.saveCursor(cursor, trx);
      return { added, calls };
    });
    queueLogCalls?.committed();
    run.lines += lines;
    run.records += b.records;
    run.newEvents += added;
    run.calls += calls;
    run.skipped.lines += b.skips.length;
    totals = next;
    offset = b.endOffset;
    line = b.endLine;
    o.onProgress?.({ bytesDone: offset, bytesTotal: size, lines: line });
  };

  for (;;) {
    const batch: Batch = { rows: [], lines: [], records: 0, skips: [], endOffset: offset, endLine: line };
    const onSkip = (s: { lineNumber: number; byteOffset: number; reason: string; text: string }): void => {
      batch.skips.push({ reason: s.reason, byteOffset: s.byteOffset });
      o.onSkip?.({ lineNumber: s.lineNumber, reason: s.reason, text: s.text });
    };
    const noteRecord = (lineNumber: number, byteOffset: number, byteLength: number): void => {
      batch.records++;
      batch.endOffset = byteOffset + byteLength;
      batch.endLine = lineNumber;
      if (batch.records >= batchLines) throw BATCH_FULL;
    };
    let result: { endOffset: number; endLine: number } | null = null;
    try {
      if (source === 'queue_log') {
        const reader = new QueueLogReader({ zone: o.zone, startOffset: offset, startLine: line });
        const r = await reader.read(
          abs,
          (rec) => {
            // Member and system lines (PAUSE, QUEUESTART…) are read and counted, not stored: no call to build.
            if (queueEventInfo(rec.event)?.kind === 'call') {
              // The reader reuses its record: copy the fields.
              const { callId, queue, time, agent, event, data1, data2, data3, data4, data5 } = rec;
              const stored = `${time}\t${agent}\t${event}\t${joinQueueLogData(rec)}`;
              batch.lines.push({ key: `${callId}\u0000${queue}`, callId, queue, stored, time, agent, event, data1, data2, data3, data4, data5, line: rec.lineNumber });
            }
            noteRecord(rec.lineNumber, rec.byteOffset, rec.byteLength);
          },
          onSkip,
        );
        result = { endOffset: r.endOffset, endLine: r.endLine };
      } else {
        const reader = new CdrReader({ zone: o.zone, startOffset: offset, startLine: line, ...(columns ? { columns } : {}) });
        const r = await reader.read(
          abs,
          (rec) => {
            batch.rows.push(cdrRow(rec));
            noteRecord(rec.lineNumber, rec.byteOffset, rec.byteLength);
          },
          onSkip,
        );
        // The CDR reader counts an unterminated last line among `lines` but not in `endOffset`.
        const sizeNow = (await stat(abs)).size;
        result = { endOffset: r.endOffset, endLine: line + r.lines - (r.endOffset < sizeNow ? 1 : 0) };
      }
    } catch (e) {
      if (e !== BATCH_FULL) throw e;
    }
    if (result === null) {
      await commit(batch);
      continue;
    }
    // End of file. A last line without its newline may be half-written: leave it for next time.
    const end = result.endOffset;
    const endLine = result.endLine;
    if (batch.endOffset > end) {
      heldBackTail = true;
      batch.rows = batch.rows.filter((r) => r.line <= endLine);
      batch.lines = batch.lines.filter((r) => r.line <= endLine);
      batch.records--;
    }
    if (batch.skips.some((s) => s.byteOffset >= end)) heldBackTail = true;
    batch.skips = batch.skips.filter((s) => s.byteOffset < end);
    batch.endOffset = Math.max(end, offset);
    batch.endLine = Math.max(endLine, line);
    if (batch.endOffset > offset || batch.rows.length > 0 || batch.lines.length > 0 || !previous) await commit(batch);
    break;
  }

  return {
    source,
    path: abs,
    resumedAt,
    restartReason,
    run,
    file: { ...totals, endOffset: offset, endLine: line },
    callsInDatabase: await repo.count({ sources: [source] }),
    heldBackTail,
  };
}

/** A queue_log call (callid, queue) as this run knows it: its lines, and their events to rebuild it from. */
interface KnownCall {
  id: string;
  callId: string;
  queue: string;
  stored: string[];
  events: QueueLogEvent[];
  lastTime: number;
  open: boolean;
}

/** Ended calls quiet for this long (file time) leave memory; a later line of one reloads it. */
const EVICT_AFTER_SECONDS = 3600;
/** Past this many calls in memory, every ended call leaves it whatever its age. */
const MAX_KNOWN_CALLS = 200_000;

/**
 * The queue_log calls of one import run, kept between batches: a call touched by a batch is
 * rebuilt from its lines in memory, not read back from the database. Calls the database may hold
 * from before this run (it had queue_log calls when the run began, or this run evicted them) are
 * loaded with their stored lines first, so a line already stored is recognised and not added twice.
 */
class QueueLogCalls {
  private readonly known = new Map<string, KnownCall>();
  private readonly evicted = new Set<string>();
  private latest = 0;
  private touched: KnownCall[] = [];

  constructor(
    private readonly repo: CallRepository,
    private readonly databaseHadCalls: boolean,
  ) {}

  /** The calls a batch's lines change, rebuilt, and how many lines were new. Nothing is written. */
  async prepare(lines: readonly PendingLine[]): Promise<{ calls: CallWrite[]; added: number }> {
    await this.load(lines);
    const touched = new Set<KnownCall>();
    let added = 0;
    for (const l of lines) {
      const call = this.known.get(l.key);
      if (call === undefined || call.stored.includes(l.stored)) continue;
      call.stored.push(l.stored);
      call.events.push(new QueueLogFields({ time: l.time, callId: l.callId, queue: l.queue, agent: l.agent, event: l.event, data1: l.data1, data2: l.data2, data3: l.data3, data4: l.data4, data5: l.data5 }));
      if (l.time > call.lastTime) call.lastTime = l.time;
      if (l.time > this.latest) this.latest = l.time;
      touched.add(call);
      added++;
    }
    this.touched = [...touched];
    const events: QueueLogEvent[] = [];
    for (const c of this.touched) for (const e of c.events) events.push(e);
    const byKey = new Map<string, CallRecord>();
    for (const r of callsFromQueueLog(events)) byKey.set(`${r.externalId}\u0000${r.queue}`, r);
    const calls: CallWrite[] = [];
    for (const c of this.touched) {
      const record = byKey.get(`${c.callId}\u0000${c.queue}`);
      c.open = record === undefined || record.outcome === 'open';
      if (record !== undefined) calls.push({ record, sourceLines: c.stored.join('\n'), id: c.id });
    }
    return { calls, added };
  }

  /** After the batch committed: ended calls no late line is likely to reach leave memory. */
  committed(): void {
    this.touched = [];
    const crowded = this.known.size > MAX_KNOWN_CALLS;
    for (const [key, c] of this.known) {
      if (c.open || (!crowded && c.lastTime > this.latest - EVICT_AFTER_SECONDS)) continue;
      this.known.delete(key);
      this.evicted.add(key);
    }
  }

  /** Calls of these lines not in memory: from the database when it may hold them, else new. */
  private async load(lines: readonly PendingLine[]): Promise<void> {
    const missing = new Map<string, KnownCall>();
    for (const l of lines) {
      if (this.known.has(l.key) || missing.has(l.key)) continue;
      missing.set(l.key, { id: callRowId('queue_log', l.callId, l.queue), callId: l.callId, queue: l.queue, stored: [], events: [], lastTime: 0, open: true });
    }
    const ask = [...missing].filter(([key]) => this.databaseHadCalls || this.evicted.has(key)).map(([, c]) => c.id);
    const stored = ask.length > 0 ? await this.repo.sourceLinesOf(ask) : new Map<string, string>();
    for (const [key, c] of missing) {
      const text = stored.get(c.id);
      if (text !== undefined) {
        for (const s of text.split('\n')) {
          const e = storedLineEvent(s, c.callId, c.queue);
          c.stored.push(s);
          c.events.push(e);
          if (e.time > c.lastTime) c.lastTime = e.time;
        }
      }
      this.known.set(key, c);
    }
  }
}

/** A line of calls.source_lines back as a queue_log event. */
function storedLineEvent(stored: string, callId: string, queue: string): QueueLogEvent {
  const [time = '', agent = '', event = '', data = ''] = stored.split('\t');
  const d = data.split('|');
  return new QueueLogFields({ time: Number(time), callId, queue, agent, event, data1: d[0] ?? '', data2: d[1] ?? '', data3: d[2] ?? '', data4: d[3] ?? '', data5: d[4] ?? '' });
}

async function headHash(file: string, bytes: number): Promise<string> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return createHash('sha256').update(buf.subarray(0, bytesRead)).digest('hex');
  } finally {
    await fh.close();
  }
}

const cdrHeaderHints = new Set(['disposition', 'billsec', 'uniqueid', 'calldate', 'dcontext', 'lastapp']);

/**
 * The CDR file's own header, read here so that a resumed run (which starts past line 1) still
 * knows the layout; undefined when the file has none (the reader then recognises a known layout).
 */
async function cdrHeader(file: string): Promise<string[] | undefined> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(8192);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    const text = buf.toString('latin1', 0, bytesRead);
    const first = text.split('\n')[0]?.replace(/\r$/, '') ?? '';
    const names = splitCsvLine(first).map((f) => f.trim().toLowerCase());
    return names.some((n) => cdrHeaderHints.has(n)) ? names : undefined;
  } finally {
    await fh.close();
  }
}

function cdrRow(r: CdrRecord): SourceEventRow {
  const data = JSON.stringify({
    src: r.src,
    dst: r.dst,
    dcontext: r.dcontext,
    clid: r.clid,
    callerNumber: r.callerNumber,
    channel: r.channel,
    dstchannel: r.dstchannel,
    lastapp: r.lastapp,
    start: r.start,
    answer: r.answer,
    end: r.end,
    duration: r.durationSeconds,
    billsec: r.billSeconds,
    uniqueid: r.uniqueid,
    accountcode: r.accountcode,
  });
  return { externalId: r.linkedid, queue: '', time: r.start, event: r.disposition, agent: r.dstchannel, data, line: r.lineNumber, lineHash: lineHash(`${r.disposition}|${data}`) };
}

interface StoredLeg {
  src: string;
  dst: string;
  dcontext: string;
  clid: string;
  callerNumber: string | null;
  channel: string;
  dstchannel: string;
  lastapp: string;
  start: number;
  answer: number | null;
  end: number;
  duration: number;
  billsec: number;
  uniqueid: string;
}

/** Calls from stored CDR legs: one call per linkedid, the answered leg giving agent, ring and talk. */
function cdrCalls(stored: readonly StoredSourceEvent[]): CallRecord[] {
  const legsById = new Map<string, (StoredLeg & { disposition: string })[]>();
  for (const e of stored) {
    const leg = { ...(JSON.parse(e.data) as StoredLeg), disposition: e.event };
    const list = legsById.get(e.external_id) ?? [];
    list.push(leg);
    legsById.set(e.external_id, list);
  }
  const out: CallRecord[] = [];
  for (const [linkedid, legs] of legsById) {
    const asRecords = legs.map((l) => ({ ...l, linkedid, billSeconds: l.billsec, durationSeconds: l.duration }) as unknown as CdrRecord);
    const [call] = groupCdrLegs(asRecords);
    if (call === undefined) continue;
    const answeredLeg = legs.filter((l) => l.disposition === 'ANSWERED' && l.billsec > 0 && l.answer !== null).sort((a, b) => (a.answer ?? 0) - (b.answer ?? 0))[0];
    const first = [...legs].sort((a, b) => a.start - b.start)[0];
    const offeredAt = answeredLeg?.start ?? call.start;
    const answeredAt = answeredLeg?.answer ?? null;
    const events: CallEvent[] = answeredAt !== null ? [{ type: 'ring', at: 0 }, { type: 'answer', at: Math.max(0, answeredAt - offeredAt) }] : [];
    out.push({
      source: 'cdr',
      externalId: linkedid,
      queue: '',
      agent: answeredLeg ? answeredLeg.dstchannel || answeredLeg.dst || null : null,
      caller: first?.callerNumber ?? (call.src || null),
      customerId: null,
      vip: false,
      startedAt: call.start,
      enteredQueueAt: null,
      offeredAt,
      answeredAt,
      endedAt: call.end,
      waitMs: null,
      ringMs: answeredAt !== null ? Math.max(0, answeredAt - offeredAt) : null,
      talkMs: answeredLeg ? answeredLeg.billsec * 1000 : null,
      holdMs: null,
      missedRings: 0,
      missedRingAgents: null,
      outcome: call.answered ? 'answered' : 'unanswered',
      endDetail: call.answered ? 'completed' : 'unanswered',
      // A CDR does not say who hung up.
      endedBy: null,
      transferred: false,
      transferKind: null,
      transferTo: null,
      events,
    });
  }
  return out;
}
