import { createHash } from 'node:crypto';
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Clock } from '../../core/shared/clock.js';
import { AppError } from '../../core/shared/app-error.js';
import type { ZoneCalendar } from '../../core/kpi/time-zone.js';
import { queueEventInfo } from '../../core/interactions/queue-log-events.js';
import type { CallEvent } from '../../core/interactions/call.js';
import { callsFromQueueLog, joinQueueLogData, queueLogEventOf, type CallRecord } from '../../core/calls/call-record.js';
import type { CallRepository} from '../db/repositories/call-repository.js';
import { lineHash, type ImportCursor, type ImportTotals, type SourceEventRow, type StoredSourceEvent } from '../db/repositories/call-repository.js';
import { QueueLogReader } from './queue-log-reader.js';
import { CdrReader, groupCdrLegs, type CdrRecord } from './cdr-reader.js';
import { splitCsvLine } from './csv-line.js';

/**
 * `kefu import queue-log|cdr`: a file into the database, idempotent and resumable.
 *
 * The file is read in batches of whole lines. Each batch commits in ONE transaction: its lines
 * (as source events, unique per call and content, so nothing is stored twice), the calls those
 * lines touch rebuilt from all of their stored events, and the import cursor (byte offset and line
 * number after the batch). A crash loses only the uncommitted batch; the next run resumes at the
 * cursor. An appended file is read from the cursor on; a replaced or rotated one (its head no
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
  /** Lines per transaction (default 20,000). */
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
  const batchLines = o.batchLines ?? 20_000;
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
    const { added, calls } = await repo.transaction(async (trx) => {
      const added = await repo.insertSourceEvents(source, b.rows, trx);
      let calls = 0;
      if (added > 0) {
        const ids = [...new Set(b.rows.map((r) => r.externalId))];
        const stored = await repo.sourceEventsOf(source, ids, trx);
        const records = source === 'queue_log' ? callsFromQueueLog(stored.map(queueLogEventOf)) : cdrCalls(stored);
        await repo.upsertCalls(records, now, trx);
        calls = records.length;
      }
      await repo.saveCursor(cursor, trx);
      return { added, calls };
    });
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
    const batch: Batch = { rows: [], records: 0, skips: [], endOffset: offset, endLine: line };
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
              const data = joinQueueLogData(rec);
              const agent = rec.agent;
              batch.rows.push({ externalId: rec.callId, queue: rec.queue, time: rec.time, event: rec.event, agent, data, line: rec.lineNumber, lineHash: lineHash(`${rec.queue}|${rec.event}|${agent}|${data}`) });
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
      batch.records--;
    }
    if (batch.skips.some((s) => s.byteOffset >= end)) heldBackTail = true;
    batch.skips = batch.skips.filter((s) => s.byteOffset < end);
    batch.endOffset = Math.max(end, offset);
    batch.endLine = Math.max(endLine, line);
    if (batch.endOffset > offset || batch.rows.length > 0 || !previous) await commit(batch);
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
