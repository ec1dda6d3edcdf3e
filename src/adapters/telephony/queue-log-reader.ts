import { isAscii } from 'node:buffer';
import { open, type FileHandle } from 'node:fs/promises';
import { AppError } from '../../core/shared/app-error.js';
import {
  QueueLogFields,
  CallIdKey,
  MAX_PACKED_CALLID,
  callIdKeyOfBytes,
  packedCallIdKey,
  hashBytes,
  matchQueueEvent,
  parseCount,
  parseCountAt,
  queueEventInfo,
  queueEventNames,
  type KeyedQueueLogEvent,
  type QueueLogEvent,
} from '../../core/interactions/queue-log-events.js';
import { parseLocalDateTime, type ZoneCalendar } from '../../core/kpi/time-zone.js';
import { callLineOf } from '../../core/interactions/call.js';
import { splitCsvLine } from './csv-line.js';
import { LINE_FLOATS, LINE_INTS, queueLogScanner } from './queue-log-scan.js';

/**
 * Streaming reader of Asterisk queue_log files:
 * - the classic file `epoch|callid|queue|agent|EVENT|data1|…` (/var/log/asterisk/queue_log);
 * - the realtime table exported as CSV with a header (`time,callid,queuename,agent,event,data1..5`,
 *   optionally an `id` column; `time` an epoch or a local `YYYY-MM-DD HH:MM:SS`);
 * - PBXware's derived queue_log table (`…,param1,param2,param3,entpos,expos,htime,ttime,time`),
 *   whose fields are mapped back to the Asterisk data1..5 meaning.
 *
 * Built for 10-million-line files: two read buffers (the next chunk is read while this one is
 * parsed), pipe-format ASCII blocks parsed on the bytes without making strings (fields are decoded
 * only when read; see PipeBytesRecord), and ONE record object reused for every line — copy what
 * you keep. Every record and
 * skip carries its line number and byte offset, so an import can remember where it stopped and
 * resume (or pick up appended lines) with `startOffset`/`startLine`.
 */

export const queueLogFormats = ['pipe', 'csv'] as const;
export type QueueLogFormat = (typeof queueLogFormats)[number];

export const skipReasons = ['no fields', 'non-numeric time', 'unknown event', 'too few fields', 'non-numeric field', 'time out of range'] as const;

/** Epoch seconds of more than 11 digits (past the year 5000) are corrupt lines, not calls: they would break date arithmetic downstream. */
const MAX_EPOCH_DIGITS = 11;
export type SkipReason = (typeof skipReasons)[number];

export interface QueueLogRecord extends QueueLogEvent {
  /** 1-based line number in the file. */
  lineNumber: number;
  /** Byte offset of the line's first byte, and its length including the newline. */
  byteOffset: number;
  byteLength: number;
}

export interface QueueLogSkip {
  lineNumber: number;
  byteOffset: number;
  reason: SkipReason;
  /** The line, cut to 200 characters. */
  text: string;
}

export interface QueueLogReadResult {
  format: QueueLogFormat | null;
  /** Lines read (blank ones included), records handed over, lines skipped by reason. */
  lines: number;
  records: number;
  skipped: { lines: number; reasons: Partial<Record<SkipReason, number>> };
  /**
   * Offset just past the last newline-terminated line. An import stores this (with `lines`) and
   * passes it back as `startOffset` to read only what was appended since; an unterminated last
   * line is still read, but not included, as the PBX may be in the middle of writing it.
   */
  endOffset: number;
  endLine: number;
  /** A last line without its line break was left unread (holdBackTail). */
  heldBackTail: boolean;
}

export interface QueueLogReaderOptions {
  /** Zone of `YYYY-MM-DD HH:MM:SS` times in CSV exports (the PBX's local time). */
  zone: ZoneCalendar;
  /** Resume: byte offset of a line start, and the number of lines before it. */
  startOffset?: number;
  startLine?: number;
  /** Stop here (a line start, or the file's size) instead of at the end of the file: one segment of a file read in parallel. */
  endOffset?: number;
  /** Read buffer size in bytes (default 1 MiB). */
  chunkBytes?: number;
  /** false: every line through the string path (the reference the byte path is tested against). Default true. */
  bytePath?: boolean;
  /**
   * Neither hand over nor skip a last line without its line break (the PBX may be writing it):
   * an import leaves it for its next run. Default false: `kefu kpi` reads it.
   */
  holdBackTail?: boolean;
  /**
   * The file must still be this one (device and inode, and at least this long): a reader of a
   * segment planned earlier fails instead of reading a file rotated or truncated in between.
   */
  expectFile?: { dev: number; ino: number; minSize: number };
}

/**
 * A pipe-format line, cut lazily: callid and queue are sliced (every consumer keys on them), the
 * agent and data fields only when read, numbers parsed in place. Valid only during the callback.
 */
class PipeRecord implements QueueLogRecord {
  lineNumber = 0;
  byteOffset = 0;
  byteLength = 0;
  time = 0;
  event = '';
  callId = '';
  queue = '';
  src = '';
  agentFrom = 0;
  agentTo = 0;
  lineFrom = 0;
  lineTo = 0;
  /** End of the epoch (its `|`). */
  timeTo = 0;
  /** Start and end of data field k at [2k] and [2k+1] (k = 1..5). */
  readonly bounds: number[] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];

  callLineText(): string {
    return this.src.slice(this.lineFrom, this.timeTo + 1) + this.src.slice(this.agentFrom, this.lineTo);
  }

  get agent(): string {
    return this.src.slice(this.agentFrom, this.agentTo);
  }
  get data1(): string {
    return this.data(1);
  }
  get data2(): string {
    return this.data(2);
  }
  get data3(): string {
    return this.data(3);
  }
  get data4(): string {
    return this.data(4);
  }
  get data5(): string {
    return this.data(5);
  }
  data(k: number): string {
    return this.src.slice(this.bounds[2 * k] ?? 0, this.bounds[2 * k + 1] ?? 0);
  }
  dataNumber(k: number): number {
    return parseCountAt(this.src, this.bounds[2 * k] ?? 0, this.bounds[2 * k + 1] ?? 0);
  }
}

/**
 * A pipe-format line read straight from the bytes of an all-ASCII block: nothing is decoded until
 * a field is read, queue and agent names are interned (a log has few of them), and the call
 * tracker can match the line to a pending call by callid hash and in-place comparison
 * (KeyedQueueLogEvent), so most lines make no string at all. Valid only during the callback.
 */
class PipeBytesRecord implements QueueLogRecord, KeyedQueueLogEvent {
  lineNumber = 0;
  byteOffset = 0;
  byteLength = 0;
  time = 0;
  event = '';
  eventCode = 0;
  buf: Buffer = Buffer.alloc(0);
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
  L: Int32Array = new Int32Array(LINE_INTS);
  at = 0;
  F: Float64Array = new Float64Array(LINE_FLOATS);
  f = 0;
  readonly callKey = new CallIdKey();
  private readonly names = new InternedNames();
  private scratch = Buffer.allocUnsafe(256);

  get callId(): string {
    return this.buf.toString('latin1', this.p1 + 1, this.p2);
  }
  /** The scan's queue names by id (QueueLogScanner.queueNames): slot 20 of the line, 0 for none. */
  queueNames: (string | undefined)[] = [];
  get queue(): string {
    const id = this.L[this.at + 20] as number;
    if (id === 0) return this.names.get(this.buf, this.p2 + 1, this.p3);
    return this.queueNames[id] ?? (this.queueNames[id] = this.names.get(this.buf, this.p2 + 1, this.p3));
  }
  get agent(): string {
    return this.names.get(this.buf, this.p3 + 1, this.p4);
  }
  callLineText(): string {
    // `epoch|` then `agent|EVENT|data…`, copied side by side so that one string is made (a byte
    // loop: Buffer#copy costs more than it copies for a few dozen bytes).
    const buf = this.buf;
    const tail = this.p3 + 1;
    const n = this.p1 + 1 - this.lineFrom + this.lineTo - tail;
    if (this.scratch.length < n) this.scratch = Buffer.allocUnsafe(Math.max(n, 2 * this.scratch.length));
    const out = this.scratch;
    let j = 0;
    for (let i = this.lineFrom; i <= this.p1; i++) out[j++] = buf[i] as number;
    for (let i = tail; i < this.lineTo; i++) out[j++] = buf[i] as number;
    return latin1(out, 0, n);
  }
  hasCallId(callId: string): boolean {
    return sameAscii(this.buf, this.p1 + 1, this.p2, callId);
  }
  hasQueue(queue: string): boolean {
    // By the scan's id, a string made once: the tracker matches a line to its call on every line,
    // and comparing the name's bytes there (with making it for each new call) was ~10% of a
    // one-thread `kefu kpi` (measured).
    if ((this.L[this.at + 20] as number) === 0) return sameAscii(this.buf, this.p2 + 1, this.p3, queue);
    return this.queue === queue;
  }
  get data1(): string {
    return this.data(1);
  }
  get data2(): string {
    return this.data(2);
  }
  get data3(): string {
    return this.data(3);
  }
  get data4(): string {
    return this.data(4);
  }
  get data5(): string {
    return this.data(5);
  }
  data(k: number): string {
    const at = this.at + 8 + 2 * k;
    return this.buf.toString('latin1', this.L[at], this.L[at + 1]);
  }
  dataNumber(k: number): number {
    // Numeric fields were parsed by the scan; -1 marks one that was not.
    const known = this.F[this.f + 3 + k] ?? -1;
    if (known !== -1) return known;
    const at = this.at + 8 + 2 * k;
    return parseDigits(this.buf, this.L[at] ?? 0, this.L[at + 1] ?? 0);
  }
}

/**
 * Read buffers a finished read left for the next one in this thread. A file read in segments
 * starts a reader per 32 MiB segment: two fresh 1 MiB buffers each made garbage outside the
 * JavaScript heap faster than the collector (which runs by heap use) returned it, and a
 * two-thread report of a 760 MB log peaked at 241 MB where one pass took 93 MB (measured).
 */
const idleReadBuffers: Buffer[] = [];
/** A read buffer larger than this was grown for a long line: it is not kept. */
const MAX_KEPT_READ_BUFFER = 4 << 20;

function takeReadBuffer(bytes: number): Buffer {
  const i = idleReadBuffers.findIndex((b) => b.length >= bytes);
  return i === -1 ? Buffer.allocUnsafe(bytes) : (idleReadBuffers.splice(i, 1)[0] as Buffer);
}

function returnReadBuffer(buf: Buffer): void {
  // Two readers at once in a thread keep at most four; a buffer grown for one long line goes.
  if (idleReadBuffers.length < 4 && buf.length <= MAX_KEPT_READ_BUFFER) idleReadBuffers.push(buf);
}

/** bytes[from, to) as a latin-1 string, without Buffer#toString's argument handling when the runtime has latin1Slice. */
function latin1(bytes: Buffer, from: number, to: number): string {
  const b = bytes as Buffer & { latin1Slice?: (start: number, end: number) => string };
  return b.latin1Slice !== undefined ? b.latin1Slice(from, to) : bytes.toString('latin1', from, to);
}

/** bytes[from, to) (ASCII) equals `s`. */
function sameAscii(bytes: Buffer, from: number, to: number, s: string): boolean {
  if (to - from !== s.length) return false;
  for (let i = 0; i < s.length; i++) if (bytes[from + i] !== s.charCodeAt(i)) return false;
  return true;
}

/** parseCountAt on bytes: an unsigned integer of at most 15 digits, else NaN. */
function parseDigits(bytes: Buffer, from: number, to: number): number {
  if (to <= from || to - from > 15) return Number.NaN;
  let v = 0;
  for (let i = from; i < to; i++) {
    const c = (bytes[i] ?? 0) - 48;
    if (c < 0 || c > 9) return Number.NaN;
    v = v * 10 + c;
  }
  return v;
}

/**
 * One string per distinct queue/agent name, found by a hash of its bytes: later lookups (Map keys,
 * `===`) then hit a string whose hash V8 has already computed, and no garbage is made per line.
 */
class InternedNames {
  private readonly byHash = new Map<number, string>();
  /** Direct-mapped on length and end bytes: most lookups compare one string and hash nothing. */
  private readonly recent: (string | undefined)[] = new Array<string | undefined>(256).fill(undefined);

  get(bytes: Buffer, from: number, to: number): string {
    const n = to - from;
    const slot = n < 2 ? n : (n * 31 + (bytes[from] as number) * 7 + (bytes[to - 2] as number) * 17 + (bytes[to - 1] as number)) & 255;
    const recent = this.recent[slot];
    if (recent !== undefined && sameAscii(bytes, from, to, recent)) return recent;
    const hash = hashBytes(bytes, from, to);
    let name = this.byHash.get(hash);
    if (name === undefined || !sameAscii(bytes, from, to, name)) {
      name = bytes.toString('latin1', from, to);
      // Names are few; a log that puts something unique here must not grow this without bound.
      if (this.byHash.size >= 4096) this.byHash.clear();
      this.byHash.set(hash, name);
    }
    this.recent[slot] = name;
    return name;
  }
}

class CsvRecord extends QueueLogFields implements QueueLogRecord {
  lineNumber = 0;
  byteOffset = 0;
  byteLength = 0;

  callLineText(): string {
    return callLineOf(this);
  }
}

export type RecordHandler = (record: QueueLogRecord) => void;
export type SkipHandler = (skip: QueueLogSkip) => void;

/** Lines without a single valid record before the reader gives up on the file. */
const SNIFF_LINES = 50;
const SKIP_TEXT_MAX = 200;

const binaryMagic: { name: string; bytes: number[] }[] = [
  { name: 'a PNG image', bytes: [0x89, 0x50, 0x4e, 0x47] },
  { name: 'a JPEG image', bytes: [0xff, 0xd8, 0xff] },
  { name: 'a GIF image', bytes: [0x47, 0x49, 0x46, 0x38] },
  { name: 'a PDF document', bytes: [0x25, 0x50, 0x44, 0x46] },
  { name: 'a ZIP archive (or .xlsx/.docx)', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { name: 'a gzip archive (decompress it first: zcat queue_log.gz > queue_log)', bytes: [0x1f, 0x8b] },
];

interface CsvLayout {
  columns: number;
  time: number[];
  callId: number;
  queue: number;
  agent: number;
  event: number;
  data: number[];
  /** A single `data` column holding `a|b|c` (some realtime setups). */
  packedData: boolean;
  pbxware: { param1: number; param2: number; param3: number; entpos: number; expos: number; htime: number; ttime: number } | null;
}

export class QueueLogReader {
  private readonly zone: ZoneCalendar;
  private readonly chunkBytes: number;
  private readonly startOffset: number;
  private readonly startLine: number;
  private readonly holdBackTail: boolean;
  private readonly endOffset: number;
  private readonly expectFile: QueueLogReaderOptions['expectFile'];
  private readonly bytePath: boolean;

  // Per-read state, kept on the instance so the hot loop touches no closures.
  private format: QueueLogFormat | null = null;
  private csv: CsvLayout | null = null;
  private lineNumber = 0;
  private records = 0;
  private skippedLines = 0;
  private reasons: Partial<Record<SkipReason, number>> = {};
  private nonEmptyLines = 0;
  private path = '';
  private onRecord: RecordHandler = () => undefined;
  private onSkip: SkipHandler = () => undefined;
  private readonly pipeRec = new PipeRecord();
  private readonly bytesRec = new PipeBytesRecord();
  private readonly pipes: number[] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
  private readonly csvRec = new CsvRecord();

  constructor(options: QueueLogReaderOptions) {
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
  async read(path: string, onRecord: RecordHandler, onSkip: SkipHandler = () => undefined): Promise<QueueLogReadResult> {
    this.format = null;
    this.csv = null;
    this.lineNumber = this.startLine;
    this.records = 0;
    this.skippedLines = 0;
    this.reasons = {};
    this.nonEmptyLines = 0;
    this.path = path;
    this.onRecord = onRecord;
    this.onSkip = onSkip;

    let fh: FileHandle;
    try {
      fh = await open(path, 'r');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw AppError.validation(`cannot read queue log "${path}": ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : String((e as Error).message)}`);
    }
    try {
      if (this.expectFile) {
        const st = await fh.stat();
        const e = this.expectFile;
        if (st.dev !== e.dev || st.ino !== e.ino || st.size < e.minSize) {
          throw AppError.validation(`"${path}" was replaced or truncated while it was read (log rotation?): run the report again`);
        }
      }
      if (this.startOffset > 0) await this.primeFromHead(fh);
      return await this.readHandle(fh, path);
    } finally {
      await fh.close();
    }
  }

  private async readHandle(fh: FileHandle, path: string): Promise<QueueLogReadResult> {
    let buf = takeReadBuffer(this.chunkBytes);
    let spare = takeReadBuffer(this.chunkBytes);
    let filled = 0;
    let position = this.startOffset;
    let base = this.startOffset;
    let { bytesRead } = await this.readAt(fh, buf, 0, buf.length, position);
    // What a file is shows at its start; a later part (resumed, or a parallel segment) is read as lines.
    if (bytesRead > 0 && this.startOffset === 0) this.sniffBinary(buf.subarray(0, Math.min(bytesRead, 8192)), path);
    let heldBackTail = false;
    for (;;) {
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
          // One line longer than the buffer: grow rather than cut it.
          const bigger = Buffer.allocUnsafe(buf.length * 2);
          buf.copy(bigger, 0, 0, filled);
          buf = bigger;
        }
        ({ bytesRead } = await this.readAt(fh, buf, filled, buf.length - filled, position));
        continue;
      }
      const cut = lastNl + 1;
      const tail = filled - cut;
      // The next buffer holds the tail and room to read after it. Once a long line is behind (the
      // tail fits a normal buffer), buffers grown for it are dropped instead of being read into to
      // the end of the file: one 20 MiB line kept two 32 MiB buffers for the rest of the read.
      const want = tail < this.chunkBytes ? this.chunkBytes : buf.length;
      if (spare.length < want || spare.length > Math.max(want, MAX_KEPT_READ_BUFFER)) spare = Buffer.allocUnsafe(want);
      buf.copy(spare, 0, cut, filled);
      // Read the next chunk into the other buffer while this one is parsed: the kernel's copy
      // then overlaps the parsing instead of adding to it. (If parsing throws, close() waits for
      // the read; the catch keeps its outcome from surfacing as an unhandled rejection.)
      const next = this.readAt(fh, spare, tail, spare.length - tail, position);
      next.catch(() => undefined);
      this.block(buf, 0, cut, base);
      base += cut;
      const parsed = buf;
      buf = spare;
      spare = parsed;
      filled = tail;
      ({ bytesRead } = await next);
    }
    // No read is in flight here (the last one returned 0 bytes): both buffers can serve the next reader.
    returnReadBuffer(buf);
    returnReadBuffer(spare);
    // A segment that ends before the file does cannot tell: what follows may have the records.
    if (this.endOffset === Number.POSITIVE_INFINITY) this.checkLooksLikeQueueLog(path, true);
    // `base` is past the last newline: the unterminated tail (if any) is not committed.
    return {
      format: this.format,
      lines: this.lineNumber - this.startLine,
      records: this.records,
      skipped: { lines: this.skippedLines, reasons: this.reasons },
      endOffset: base,
      endLine: this.lineNumber - (filled > 0 && !heldBackTail ? 1 : 0),
      heldBackTail,
    };
  }

  /** fh.read, but never past endOffset. */
  private readAt(fh: FileHandle, buf: Buffer, offset: number, length: number, position: number): Promise<{ bytesRead: number }> {
    const n = Math.min(length, this.endOffset - position);
    return n > 0 ? fh.read(buf, offset, n, position) : Promise.resolve({ bytesRead: 0 });
  }

  /** On resume, learn the format (and the CSV header) from the file's first line. */
  private async primeFromHead(fh: FileHandle): Promise<void> {
    const head = Buffer.allocUnsafe(Math.min(65_536, this.startOffset));
    const { bytesRead } = await fh.read(head, 0, head.length, 0);
    const text = head.toString('utf8', 0, bytesRead);
    // As a read from the start decides: by the first line that is not blank and has a separator.
    for (const raw of text.split('\n')) {
      const line = raw.replace(/\r$/, '');
      if (line.includes('|')) {
        this.format = 'pipe';
        return;
      }
      if (line.includes(',')) {
        this.format = 'csv';
        this.csvHeader(line);
        return;
      }
    }
  }

  private sniffBinary(head: Buffer, path: string): void {
    for (const m of binaryMagic) {
      if (m.bytes.every((b, i) => head[i] === b)) throw notQueueLog(path, `it is ${m.name}`);
    }
    if (head.includes(0)) throw notQueueLog(path, 'it contains binary data (NUL bytes)');
  }

  /** Fails fast on text that is not a queue_log at all, instead of skipping a million lines. */
  private checkLooksLikeQueueLog(path: string, atEnd: boolean): void {
    if (this.records > 0 || this.startOffset > 0) return;
    if (this.nonEmptyLines >= SNIFF_LINES || (atEnd && this.nonEmptyLines > 0)) {
      if (this.format === null || this.records === 0) {
        throw notQueueLog(path, `none of its first ${this.nonEmptyLines} line(s) is a queue_log line (epoch|callid|queue|agent|EVENT|… or a CSV export with a header)`);
      }
    }
  }

  /** Processes complete lines in buf[start, end); `base` is the file offset of buf[0]. */
  private block(buf: Buffer, start: number, end: number, base: number): void {
    // Once the file is known to be a queue_log, the byte path takes every block: a line with
    // non-ASCII bytes (a Chinese pause reason or queue name) leaves it for line() in UTF-8 on its own,
    // so one such line no longer sends its whole block down the string path.
    if (this.format === 'pipe' && this.records > 0 && this.bytePath) {
      this.pipeBytes(buf, start, end, base);
      return;
    }
    if (isAscii(buf.subarray(start, end))) {
      // ASCII (the normal case): bytes are characters, so the pipe format is parsed on the bytes.
      let pos = start;
      while (pos < end) {
        // Once the file is known to be a queue_log, the byte path takes over (the sniffing and
        // format detection of the first lines stay in line()).
        if (this.format === 'pipe' && this.records > 0 && this.bytePath) {
          this.pipeBytes(buf, pos, end, base);
          return;
        }
        let nl = buf.indexOf(10, pos);
        if (nl === -1 || nl >= end) nl = end;
        const line = buf.toString('latin1', pos, nl);
        this.line(line, 0, line.length, base + pos, nl - pos + (nl < end ? 1 : 0));
        pos = nl + 1;
      }
      return;
    }
    // Non-ASCII (caller names, or latin-1 bytes): find lines in bytes so offsets stay exact.
    let pos = start;
    while (pos < end) {
      // The byte path takes over here too (it leaves non-ASCII lines to line()): a segment whose
      // first block had one such byte read all of that block's lines as strings, ~5% of a
      // two-thread `kefu kpi` on a log with a few (measured).
      if (this.format === 'pipe' && this.records > 0 && this.bytePath) {
        this.pipeBytes(buf, pos, end, base);
        return;
      }
      let nl = buf.indexOf(10, pos);
      if (nl === -1 || nl >= end) nl = end;
      const line = buf.toString('utf8', pos, nl);
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
  private pipeBytes(buf: Buffer, from: number, end: number, base: number): void {
    // Lines here end with a newline, except perhaps the file's last: that one goes to line().
    const last = buf.lastIndexOf(10, end - 1);
    const stop = last < from ? from : last + 1;
    if (stop > from) {
      const scanner = queueLogScanner(stop - from);
      this.bytesRec.queueNames = scanner.queueNames;
      scanner.load(buf, from, stop);
      for (let n = scanner.scan(); n > 0; n = scanner.scan()) {
        // The views of this scan's output (load() above may have grown the memory, and with it new views).
        const L = scanner.lines32;
        const F = scanner.lines64;
        for (let j = 0; j < n; j++) this.scannedLine(buf, L, F, j * LINE_INTS, j * LINE_FLOATS, base);
      }
    }
    if (stop < end) {
      const text = buf.toString('utf8', stop, end);
      this.line(text, 0, text.length, base + stop, end - stop);
    }
  }

  /** One scanned line: L[at…] and F[f…] as wasm/queue-log-scan.ts lays them out. */
  private scannedLine(buf: Buffer, L: Int32Array, F: Float64Array, at: number, f: number, base: number): void {
    const lineStart = L[at] as number;
    const nl = L[at + 1] as number;
    // Flagged: not a clean, valid record (the scan applied the event table); line() says why.
    if (L[at + 3] !== 0) {
      this.slowLine(buf, lineStart, nl, base);
      return;
    }
    const rec = this.bytesRec;
    const code = L[at + 4] as number;
    const n = L[at + 9] as number;
    rec.buf = buf;
    rec.L = L;
    rec.at = at;
    rec.F = F;
    rec.f = f;
    rec.time = F[f] as number;
    rec.eventCode = code;
    rec.event = queueEventNames[code] ?? '';
    rec.p1 = L[at + 5] as number;
    rec.p2 = L[at + 6] as number;
    rec.p3 = L[at + 7] as number;
    rec.p4 = L[at + 8] as number;
    rec.lineFrom = lineStart;
    rec.lineTo = L[at + 2] as number;
    if (n <= MAX_PACKED_CALLID) packedCallIdKey(rec.callKey, F[f + 1] as number, F[f + 2] as number, F[f + 3] as number, n);
    else callIdKeyOfBytes(buf, rec.p1 + 1, rec.p2, rec.callKey);
    rec.lineNumber = ++this.lineNumber;
    rec.byteOffset = base + lineStart;
    rec.byteLength = nl + 1 - lineStart;
    this.records++;
    this.onRecord(rec);
  }

  /** A line the byte path does not take: decided (and skipped, with its reason) by line(). */
  private slowLine(buf: Buffer, lineStart: number, nl: number, base: number): number {
    // UTF-8: the same as latin-1 for an ASCII line, and right for one with Chinese in it.
    const text = buf.toString('utf8', lineStart, nl);
    this.line(text, 0, text.length, base + lineStart, nl + 1 - lineStart);
    return nl + 1;
  }

  private line(s: string, start: number, end: number, byteOffset: number, byteLength: number): void {
    const lineNumber = ++this.lineNumber;
    if (end > start && s.charCodeAt(end - 1) === 13) end--;
    if (end === start) return;
    if (this.records === 0 && ++this.nonEmptyLines >= SNIFF_LINES) this.checkLooksLikeQueueLog(this.path, false);
    if (this.format === null) {
      const line = s.slice(start, end);
      if (line.includes('|')) this.format = 'pipe';
      else if (line.includes(',')) this.format = 'csv';
    }
    if (this.format === 'csv' && this.csv === null && this.csvHeader(s.slice(start, end))) return;
    const reason =
      this.format === 'pipe' ? this.pipeLine(s, start, end) : this.format === 'csv' && this.csv !== null ? this.csvLine(s.slice(start, end), this.csv) : this.format === 'csv' ? 'unknown event' : 'no fields';
    if (reason === null) {
      const rec = this.format === 'pipe' ? this.pipeRec : this.csvRec;
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
  private pipeLine(s: string, start: number, end: number): SkipReason | null {
    // One pass over the characters: the epoch's digits, then the position of every `|` (at most
    // ten matter). Cheaper than ten indexOf calls, and no substring is made until a field is used.
    let i = start;
    let time = 0;
    for (; i < end; i++) {
      const d = s.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      time = time * 10 + d;
    }
    const intDigits = i - start;
    if (i === end || s.charCodeAt(i) !== 124) {
      const pipe = s.indexOf('|', start);
      if (pipe === -1 || pipe >= end) return 'no fields';
      // Some PBXs write fractional epochs (1366720340.123): keep whole seconds.
      if (i === start || s.charCodeAt(i) !== 46) return 'non-numeric time';
      for (i++; i < pipe; i++) {
        const d = s.charCodeAt(i) - 48;
        if (d < 0 || d > 9) return 'non-numeric time';
      }
    } else if (i === start) return 'non-numeric time';
    if (intDigits > MAX_EPOCH_DIGITS) return 'time out of range';
    const P = this.pipes;
    P[0] = i;
    let np = 1;
    for (i++; i < end; i++) {
      if (s.charCodeAt(i) === 124) {
        P[np++] = i;
        if (np === 10) break;
      }
    }
    if (np < 4) return 'too few fields';
    const p1 = P[0] ?? 0;
    const p2 = P[1] ?? 0;
    const p3 = P[2] ?? 0;
    const p4 = P[3] ?? 0;
    const p5 = np > 4 ? (P[4] ?? end) : end;
    const event = matchQueueEvent(s, p4 + 1, p5);
    if (event === undefined) return p5 === p4 + 1 ? 'too few fields' : 'unknown event';
    const info = queueEventInfo(event);
    if (info === undefined) return 'unknown event';
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
    // Up to five data fields; count only up to the last non-empty one (trailing `|` is common).
    const b = rec.bounds;
    let count = 0;
    for (let k = 1; k <= 5; k++) {
      const sep = 3 + k;
      let from = end;
      let to = end;
      if (sep < np) {
        from = (P[sep] ?? end) + 1;
        to = sep + 1 < np ? (P[sep + 1] ?? end) : end;
      }
      b[2 * k] = from;
      b[2 * k + 1] = to;
      if (to > from) count = k;
    }
    if (count < info.minData) return 'too few fields';
    for (const k of info.numeric) {
      if (k > count) break;
      const f = b[2 * k] ?? 0;
      const t = b[2 * k + 1] ?? 0;
      if (t > f && Number.isNaN(parseCountAt(s, f, t))) return 'non-numeric field';
    }
    return null;
  }

  /** Reads a header line; true when it was one (and set the layout). */
  private csvHeader(line: string): boolean {
    const names = splitCsvLine(line).map((n) => n.trim().toLowerCase().replace(/^"|"$/g, ''));
    const find = (...candidates: string[]): number => {
      for (const c of candidates) {
        const i = names.indexOf(c);
        if (i !== -1) return i;
      }
      return -1;
    };
    const event = find('event', 'verb');
    if (event === -1) {
      // No header: guess the realtime column order from where the event name sits.
      const fields = splitCsvLine(line);
      const at = queueEventInfo(fields[4] ?? '') !== undefined ? 0 : queueEventInfo(fields[5] ?? '') !== undefined ? 1 : -1;
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
        pbxware: null,
      };
      return false;
    }
    const htime = find('htime');
    const ttime = find('ttime');
    const pbxware =
      htime !== -1 && ttime !== -1
        ? { param1: find('param1'), param2: find('param2'), param3: find('param3'), entpos: find('entpos'), expos: find('expos'), htime, ttime }
        : null;
    const dataCols = ['data1', 'data2', 'data3', 'data4', 'data5'].map((c) => names.indexOf(c)).filter((i) => i !== -1);
    const paramCols = ['param1', 'param2', 'param3'].map((c) => names.indexOf(c)).filter((i) => i !== -1);
    const packed = find('data');
    this.csv = {
      columns: names.length,
      // An epoch column beats a local-time string: it needs no zone.
      time: ['date_time', 'time', 'timestamp', 'datetime', 'calldate'].map((c) => names.indexOf(c)).filter((i) => i !== -1),
      callId: find('callid', 'call_id', 'uniqueid'),
      queue: find('queuename', 'queue_name', 'queue'),
      agent: find('agent', 'membername', 'member', 'type'),
      event,
      data: dataCols.length > 0 ? dataCols : paramCols,
      packedData: dataCols.length === 0 && paramCols.length === 0 && packed !== -1,
      pbxware,
    };
    if (this.csv.packedData) this.csv.data = [packed];
    return true;
  }

  private csvLine(line: string, layout: CsvLayout): SkipReason | null {
    const f = splitCsvLine(line);
    if (f.length <= layout.event) return 'too few fields';
    const rec = this.csvRec;
    rec.event = (f[layout.event] ?? '').trim();
    const info = queueEventInfo(rec.event);
    if (info === undefined) return rec.event === '' ? 'too few fields' : 'unknown event';
    let time = Number.NaN;
    for (const col of layout.time) {
      time = parseTime(f[col] ?? '', this.zone);
      if (!Number.isNaN(time)) break;
    }
    if (Number.isNaN(time)) return 'non-numeric time';
    if (time < 0 || time >= 10 ** MAX_EPOCH_DIGITS) return 'time out of range';
    rec.time = time;
    rec.callId = f[layout.callId] ?? '';
    rec.queue = f[layout.queue] ?? '';
    rec.agent = f[layout.agent] ?? '';
    const data = layout.pbxware !== null ? pbxwareData(rec.event, f, layout.pbxware) : layout.packedData ? (f[layout.data[0] ?? -1] ?? '').split('|') : layout.data.map((c) => f[c] ?? '');
    let count = 0;
    for (let k = 1; k <= 5; k++) {
      const value = clean(data[k - 1]);
      if (value !== '') count = k;
      setData(rec, k, value);
    }
    if (count < info.minData) return 'too few fields';
    for (const k of info.numeric) {
      if (k > count) break;
      const v = rec.data(k);
      if (v !== '' && Number.isNaN(parseCount(v))) return 'non-numeric field';
    }
    return null;
  }
}

function clean(v: string | undefined): string {
  if (v === undefined) return '';
  const t = v.trim();
  return t === 'NULL' ? '' : t;
}

function parseTime(text: string, zone: ZoneCalendar): number {
  const t = text.trim();
  if (t === '') return Number.NaN;
  if (/^\d{9,11}(\.\d+)?$/.test(t)) return Math.floor(Number(t));
  const ms = parseLocalDateTime(t, zone);
  return Number.isNaN(ms) ? ms : Math.floor(ms / 1000);
}

/**
 * PBXware stores the numbers Asterisk writes in data1..5 in named columns (htime, ttime, entpos,
 * expos) and moves the caller id to param1; put each back where the Asterisk event has it.
 */
function pbxwareData(event: string, f: string[], c: NonNullable<CsvLayout['pbxware']>): string[] {
  const g = (i: number): string => (i === -1 ? '' : (f[i] ?? ''));
  switch (event) {
    case 'ENTERQUEUE':
      return ['', g(c.param1), g(c.entpos)];
    case 'CONNECT':
      return [g(c.htime), g(c.param2), g(c.param3)];
    case 'COMPLETECALLER':
    case 'COMPLETEAGENT':
      return [g(c.htime), g(c.ttime), g(c.entpos)];
    case 'ABANDON':
    case 'EXITWITHTIMEOUT':
    case 'EXITEMPTY':
      return [g(c.expos), g(c.entpos), g(c.htime)];
    case 'EXITWITHKEY':
      return [g(c.param2) || g(c.param1), g(c.expos), g(c.entpos), g(c.htime)];
    case 'RINGNOANSWER':
    case 'RINGCANCELED':
      return [g(c.htime)];
    case 'BLINDTRANSFER':
    case 'ATTENDEDTRANSFER':
    case 'TRANSFER':
      return [g(c.param2), g(c.param3), g(c.htime), g(c.ttime), g(c.entpos)];
    default:
      return [g(c.param1), g(c.param2), g(c.param3)];
  }
}

function setData(rec: CsvRecord, k: number, value: string): void {
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

function notQueueLog(path: string, why: string): AppError {
  return AppError.validation(`${path === '' ? 'the file' : `"${path}"`} is not an Asterisk queue_log: ${why}`);
}
