import { createHash } from 'node:crypto';
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Clock } from '../../core/shared/clock.js';
import { AppError } from '../../core/shared/app-error.js';
import type { ZoneCalendar } from '../../core/kpi/time-zone.js';
import { QueueCallTracker, type CallEvent, type QueueCallState } from '../../core/interactions/call.js';
import { callsFromQueueLog, queueLogEventOfLine, queueLogRecordOf, type CallRecord } from '../../core/calls/call-record.js';
import type { CallRepository, CallRow } from '../db/repositories/call-repository.js';
import { callRow, callRowId, lineHash, type ImportCursor, type ImportTotals, type SourceEventRow, type StoredSourceEvent } from '../db/repositories/call-repository.js';
import { QueueLogReader, type QueueLogRecord } from './queue-log-reader.js';
import { CdrReader, groupCdrLegs, type CdrRecord } from './cdr-reader.js';
import { splitCsvLine } from './csv-line.js';

/**
 * `kefu import queue-log|cdr`: a file into the database, idempotent and resumable.
 *
 * The file is read in batches of whole lines. Each batch commits in ONE transaction: the calls it
 * changed and the import cursor (byte offset and line number after the batch). A queue_log call
 * row keeps its own lines (`source_lines`, each line once: that is the idempotence); CDR legs are
 * source-event rows, unique per call and content. A crash loses only the uncommitted batch; the
 * next run resumes at the cursor. An appended file is read from the cursor on; a replaced or
 * rotated one (its head no longer hashes the same) from the start, the stored lines keeping what
 * is already there from being added twice.
 *
 * queue_log speed (see QueueLogImport): the lines go through the same call tracker and byte path
 * as `kefu kpi`; a call is written once, when it ends (plus as `open` at each commit it is still
 * running at, so a crash loses nothing), and only open calls stay in memory.
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

interface Batch {
  rows: SourceEventRow[];
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
  const queueLog = source === 'queue_log' ? new QueueLogImport(repo, await repo.hasCalls('queue_log')) : null;
  let heldBackTail = false;

  /** The cursor and file totals after a batch. */
  const cursorAfter = (b: Batch): { cursor: ImportCursor; next: ImportTotals } => {
    const next: ImportTotals = {
      lines: totals.lines + (b.endLine - line),
      records: totals.records + b.records,
      skipped: { lines: totals.skipped.lines + b.skips.length, reasons: { ...totals.skipped.reasons } },
    };
    for (const s of b.skips) next.skipped.reasons[s.reason] = (next.skipped.reasons[s.reason] ?? 0) + 1;
    return { cursor: { source, path: abs, headHash: head, headBytes, endOffset: b.endOffset, endLine: b.endLine, totals: next, updatedAt: o.clock.now() }, next };
  };

  /** After the batch's transaction committed. */
  const committed = (b: Batch, next: ImportTotals, written: { added: number; calls: number }): void => {
    for (const s of b.skips) run.skipped.reasons[s.reason] = (run.skipped.reasons[s.reason] ?? 0) + 1;
    run.lines += b.endLine - line;
    run.records += b.records;
    run.newEvents += written.added;
    run.calls += written.calls;
    run.skipped.lines += b.skips.length;
    totals = next;
    offset = b.endOffset;
    line = b.endLine;
    o.onProgress?.({ bytesDone: offset, bytesTotal: size, lines: line });
  };

  /**
   * Reads one batch of lines from the cursor on (the queue_log lines go into `queueLog` as they
   * are read); true when the end of the file was reached.
   */
  const readBatch = async (batch: Batch): Promise<boolean> => {
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
      if (queueLog) {
        // The tail is left unread, not read and then dropped: its line went into no call.
        const reader = new QueueLogReader({ zone: o.zone, startOffset: offset, startLine: line, holdBackTail: true });
        const r = await reader.read(
          abs,
          (rec) => {
            // Member and system lines (PAUSE, QUEUESTART…) are counted; the tracker ignores them.
            queueLog.apply(rec);
            noteRecord(rec.lineNumber, rec.byteOffset, rec.byteLength);
          },
          onSkip,
        );
        if (r.heldBackTail) heldBackTail = true;
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
    if (result === null) return false;
    // End of file. A last line without its newline may be half-written: leave it for next time.
    const end = result.endOffset;
    const endLine = result.endLine;
    if (batch.endOffset > end) {
      heldBackTail = true;
      batch.rows = batch.rows.filter((r) => r.line <= endLine);
      batch.records--;
    }
    if (batch.skips.some((s) => s.byteOffset >= end)) heldBackTail = true;
    batch.skips = batch.skips.filter((s) => s.byteOffset < end);
    batch.endOffset = Math.max(end, offset);
    batch.endLine = Math.max(endLine, line);
    return true;
  };

  for (let done = false; !done; ) {
    const batch: Batch = { rows: [], records: 0, skips: [], endOffset: offset, endLine: line };
    if (queueLog) {
      // Read inside the transaction: a call is written the moment it ends (see QueueLogImport).
      const now = o.clock.now();
      const outcome = await repo.transaction(async (trx) => {
        await queueLog.begin(now, trx);
        done = await readBatch(batch);
        // At the end of what there is to read, the calls still open are handed over (as open).
        if (done) queueLog.finish();
        if (done && batch.endOffset === offset && !queueLog.hasWrites && previous) return null;
        const written = await queueLog.write(done, trx);
        const { cursor, next } = cursorAfter(batch);
        await repo.saveCursor(cursor, trx);
        return { written, next };
      });
      queueLog.committed();
      if (outcome !== null) committed(batch, outcome.next, outcome.written);
      continue;
    }
    done = await readBatch(batch);
    if (done && batch.endOffset === offset && batch.rows.length === 0 && previous) break;
    const { cursor, next } = cursorAfter(batch);
    const now = o.clock.now();
    const written = await repo.transaction(async (trx) => {
      const added = await repo.insertSourceEvents(source, batch.rows, trx);
      let calls = 0;
      if (added > 0) {
        const ids = [...new Set(batch.rows.map((r) => r.externalId))];
        const stored = await repo.sourceEventsOf(source, ids, trx);
        const records = cdrCalls(stored);
        await repo.upsertCalls(records, now, trx);
        calls = records.length;
      }
      await repo.saveCursor(cursor, trx);
      return { added, calls };
    });
    committed(batch, next, written);
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

/** A call whose row may already hold lines (from an earlier run or an earlier part of this one). */
interface MergeCall {
  id: string;
  callId: string;
  queue: string;
  /** The call's lines as this run read them; the first `savedLength` characters are already stored by this run. */
  lines: string;
  savedLength: number;
  /** Its row as this run alone would write it: right when the stored lines add nothing. */
  row: CallRow;
  /** A call still pending in the tracker (written as open), else null. */
  pending: QueueCallState | null;
}

/**
 * The queue_log side of an import run. Lines go straight from the reader's byte records into a
 * call tracker that keeps each call's lines (as `kefu kpi` tracks calls, plus the lines); a call
 * is turned into its row once, when the tracker hands it over, and written at once on SQLite (the
 * batch is read inside its transaction) or at the end of the batch on PostgreSQL. At each commit
 * the calls still open are written too (as open), so the cursor never runs ahead of a stored line.
 *
 * A call's row is rebuilt from its stored lines joined with this run's only when it may hold
 * lines this run did not read: the database had queue_log calls when the run began (an appended,
 * resumed or re-read file), the call has no queue entry in this run (its beginning was read
 * earlier), or its (callid, queue) already ended once in this run (a caller queued again, or a
 * line came after the end). On SQLite that row is read by id at hand-over; on PostgreSQL those
 * calls are read in one query at the end of the batch. Every other call — all of them on a first
 * import — is written from memory, one row, no read.
 */
class QueueLogImport {
  private readonly tracker: QueueCallTracker;
  private rows: CallRow[] = [];
  private merges: MergeCall[] = [];
  /** Calls pending at an earlier commit: how much of their lines this run stored then. */
  private readonly savedLength = new Map<QueueCallState, number>();
  /** Calls pending at this commit, written as open. */
  private pendingWritten: QueueCallState[] = [];
  private readonly ended = new SeenKeys();
  private keptAtCommit = 0;
  /** Writes a row at once (SQLite, in the open transaction), or null: rows wait in `rows` for write(). */
  private writeNow: ((row: CallRow) => void) | null = null;
  /** Reads a call's stored lines at once (SQLite, in the open transaction), or null: merges wait for write(). */
  private readNow: ((id: string) => string | undefined) | null = null;
  private writtenNow = 0;
  private duplicatesNow = 0;
  private now = 0;

  constructor(
    private readonly repo: CallRepository,
    private readonly databaseHadCalls: boolean,
  ) {
    // States are reused: take() copies all it needs before the tracker takes a state back.
    this.tracker = new QueueCallTracker((s) => this.take(s, null), { keepLines: true, keepMissedRingAgents: true, reuseCallStates: true });
  }

  /** A batch starts, inside its transaction. */
  async begin(now: number, trx: Parameters<CallRepository['writeCallRows']>[1]): Promise<void> {
    this.now = now;
    this.writtenNow = 0;
    this.duplicatesNow = 0;
    this.writeNow = await this.repo.callRowWriter(trx);
    this.readNow = this.writeNow === null ? null : this.repo.sourceLinesReader();
  }

  apply(rec: QueueLogRecord): void {
    this.tracker.apply(rec);
  }

  /** End of the input: every pending call is handed over (open or partial). */
  finish(): void {
    this.tracker.finish();
  }

  get hasWrites(): boolean {
    return this.rows.length > 0 || this.merges.length > 0 || this.writtenNow > 0 || this.tracker.pendingCount > 0;
  }

  /**
   * Writes (inside the batch transaction) the calls handed over since the last commit and the
   * calls still open; returns how many lines were new and how many calls were written.
   */
  async write(atEnd: boolean, trx: Parameters<CallRepository['writeCallRows']>[1]): Promise<{ added: number; calls: number }> {
    if (!atEnd) this.tracker.forEachPending((s) => this.take(s, s));
    const rows = this.rows;
    await this.repo.writeCallRows(rows, trx);
    let added = this.tracker.keptLines - this.keptAtCommit - this.duplicatesNow;
    let calls = rows.length + this.writtenNow;
    if (this.merges.length > 0) {
      // After the rows above: a call handed over earlier in this batch is among the stored lines.
      const merged = await this.merged(trx);
      added -= merged.duplicates;
      await this.repo.writeCallRows(merged.rows, trx);
      calls += merged.rows.length;
    }
    return { added, calls };
  }

  /** After the batch's transaction ended. */
  committed(): void {
    this.writeNow = null;
    this.readNow = null;
    for (const s of this.pendingWritten) this.savedLength.set(s, s.lines?.length ?? 0);
    this.pendingWritten = [];
    this.rows = [];
    this.merges = [];
    this.keptAtCommit = this.tracker.keptLines;
  }

  /** A call handed over by the tracker (pending null), or still pending at a commit. */
  private take(s: QueueCallState, pending: QueueCallState | null): void {
    const lines = s.lines ?? '';
    const id = callRowId('queue_log', s.callId, s.queue);
    const row = callRow({ record: queueLogRecordOf(s), sourceLines: lines, id }, this.now);
    const endedBefore = this.ended.check(keyHash(s.callId, s.queue), pending === null);
    const mayHoldMore = this.databaseHadCalls || Number.isNaN(s.enteredAt) || endedBefore;
    const savedLength = this.savedLength.size === 0 ? 0 : (this.savedLength.get(s) ?? 0);
    if (pending === null) {
      if (savedLength > 0) this.savedLength.delete(s);
    } else this.pendingWritten.push(s);
    if (mayHoldMore) {
      const merge: MergeCall = { id, callId: s.callId, queue: s.queue, lines, savedLength, row, pending };
      if (this.readNow === null || this.writeNow === null) this.merges.push(merge);
      else {
        // Read and written at once, in the open transaction: rows written earlier in the batch are seen.
        const merged = this.mergeOne(id, [merge], this.readNow(id));
        this.duplicatesNow += merged.duplicates;
        if (merged.row !== null) {
          this.writeNow(merged.row);
          this.writtenNow++;
        }
      }
    } else if (this.writeNow !== null) {
      this.writeNow(row);
      this.writtenNow++;
    } else this.rows.push(row);
  }

  /** The merge calls joined with their stored lines (one read for all), and how many of their lines were stored already. */
  private async merged(trx: Parameters<CallRepository['writeCallRows']>[1]): Promise<{ rows: CallRow[]; duplicates: number }> {
    const byId = new Map<string, MergeCall[]>();
    for (const m of this.merges) {
      const list = byId.get(m.id);
      if (list === undefined) byId.set(m.id, [m]);
      else list.push(m);
    }
    const stored = await this.repo.sourceLinesOf([...byId.keys()], trx);
    const rows: CallRow[] = [];
    let duplicates = 0;
    for (const [id, calls] of byId) {
      const merged = this.mergeOne(id, calls, stored.get(id));
      duplicates += merged.duplicates;
      if (merged.row !== null) rows.push(merged.row);
    }
    return { rows, duplicates };
  }

  /** One call (its parts of this run) joined with its stored lines: its row, and how many of its lines were stored already. */
  private mergeOne(id: string, calls: readonly MergeCall[], text: string | undefined): { row: CallRow | null; duplicates: number } {
    let duplicates = 0;
    if (text === undefined && calls.length === 1) {
      // Not stored yet (a new call of an appended or another file): the call as tracked.
      return { row: (calls[0] as MergeCall).row, duplicates };
    }
    const present = new Set<string>();
    const all: string[] = [];
    if (text !== undefined) {
      for (const l of text.split('\n')) {
        if (present.has(l)) continue;
        present.add(l);
        all.push(l);
      }
    }
    let runLines = 0;
    for (const c of calls) {
      let at = 0;
      for (const l of c.lines.split('\n')) {
        const savedByThisRun = at < c.savedLength;
        at += l.length + 1;
        runLines++;
        if (!present.has(l)) {
          present.add(l);
          all.push(l);
        } else if (!savedByThisRun) duplicates++;
      }
    }
    const only = calls.length === 1 ? calls[0] : undefined;
    if (only !== undefined && all.length === runLines) {
      // Nothing stored that this run did not read: the call as tracked is the whole call.
      return { row: only.row, duplicates };
    }
    const { callId, queue } = calls[0] as MergeCall;
    const [record] = callsFromQueueLog(all.map((l) => queueLogEventOfLine(l, callId, queue)));
    return { row: record === undefined ? null : callRow({ record, sourceLines: all.join('\n'), id }, this.now), duplicates };
  }
}

/**
 * (callid, queue) keys that ended in this run, as a blocked Bloom filter (8 MB whatever the
 * file): a false "maybe" only costs a call a read of its row, where a Set of every key would
 * grow by a string per call. Both bits of a key share one 64-byte block: one cache miss a probe.
 */
class SeenKeys {
  /** 2^17 blocks of 16 words. */
  private readonly words = new Uint32Array((1 << 17) * 16);

  /** Whether the key (keyHash) may have been added; adds it when `add`. */
  check(h: number, add: boolean): boolean {
    const block = (h >>> 15) << 4;
    const a = h & 511;
    const b = mix(h ^ 0x9e3779b9) & 511;
    const wa = block + (a >>> 5);
    const wb = block + (b >>> 5);
    const ma = 1 << (a & 31);
    const mb = 1 << (b & 31);
    const words = this.words;
    const seen = ((words[wa] ?? 0) & ma) !== 0 && ((words[wb] ?? 0) & mb) !== 0;
    if (add) {
      words[wa] = (words[wa] ?? 0) | ma;
      words[wb] = (words[wb] ?? 0) | mb;
    }
    return seen;
  }
}

function keyHash(callId: string, queue: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < callId.length; i++) h = Math.imul(h ^ callId.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ 0, 0x01000193);
  for (let i = 0; i < queue.length; i++) h = Math.imul(h ^ queue.charCodeAt(i), 0x01000193);
  return mix(h);
}

/** murmur3's finalizer: spreads every input bit over the whole word. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
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
