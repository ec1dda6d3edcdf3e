import { createReadStream } from 'node:fs';
import { AppError } from '../../core/shared/app-error.js';
import { parseLocalDateTime, type ZoneCalendar } from '../../core/kpi/time-zone.js';
import { splitCsvLine } from './csv-line.js';

/**
 * Reader of Asterisk CDR CSV files (Master.csv of cdr_csv, cdr_custom, realtime/PBXware table
 * exports). The layout comes from, in order: the `columns` option, a header line, or the known
 * cdr_csv/cdr_custom layouts, picked by field count and by which one makes the row's dates, numbers
 * and disposition fall in place. Bytes that are not UTF-8 (latin-1 caller names) are decoded as
 * latin-1 instead of turning into U+FFFD. Bad rows are reported with their line number, never fatal.
 */

export const cdrColumns = [
  'accountcode', 'src', 'dst', 'dcontext', 'clid', 'channel', 'dstchannel', 'lastapp', 'lastdata',
  'start', 'answer', 'end', 'duration', 'billsec', 'disposition', 'amaflags', 'uniqueid', 'userfield',
  'peeraccount', 'linkedid', 'sequence', 'calldate',
] as const;
export type CdrColumn = (typeof cdrColumns)[number];

/** Layouts Asterisk writes without a header (asterisk-docs/CDR-Specification.md, cdr_csv.c). */
export const knownCdrLayouts: Record<string, readonly CdrColumn[]> = {
  // cdr_csv, Asterisk 12+ (loguniqueid + loguserfield on): 21 fields.
  cdrCsv: ['accountcode', 'src', 'dst', 'dcontext', 'clid', 'channel', 'dstchannel', 'lastapp', 'lastdata', 'start', 'answer', 'end', 'duration', 'billsec', 'disposition', 'amaflags', 'uniqueid', 'userfield', 'peeraccount', 'linkedid', 'sequence'],
  // cdr_csv, Asterisk 1.x–11 with loguniqueid + loguserfield: 18 fields.
  cdrCsv11: ['accountcode', 'src', 'dst', 'dcontext', 'clid', 'channel', 'dstchannel', 'lastapp', 'lastdata', 'start', 'answer', 'end', 'duration', 'billsec', 'disposition', 'amaflags', 'uniqueid', 'userfield'],
  // cdr_csv without uniqueid/userfield: 16 fields.
  cdrCsvShort: ['accountcode', 'src', 'dst', 'dcontext', 'clid', 'channel', 'dstchannel', 'lastapp', 'lastdata', 'start', 'answer', 'end', 'duration', 'billsec', 'disposition', 'amaflags'],
  // cdr_custom.conf sample template (clid first): 19 fields.
  cdrCustom: ['clid', 'src', 'dst', 'dcontext', 'channel', 'dstchannel', 'lastapp', 'lastdata', 'start', 'answer', 'end', 'duration', 'billsec', 'disposition', 'amaflags', 'accountcode', 'uniqueid', 'userfield', 'sequence'],
};

export const cdrDispositions = ['ANSWERED', 'NO ANSWER', 'BUSY', 'FAILED', 'CONGESTION'] as const;
export type CdrDisposition = (typeof cdrDispositions)[number];

export interface CdrRecord {
  lineNumber: number;
  byteOffset: number;
  byteLength: number;
  accountcode: string;
  src: string;
  dst: string;
  dcontext: string;
  /** The raw caller id, and its parts when it has the `"Name" <number>` shape. */
  clid: string;
  callerName: string | null;
  callerNumber: string | null;
  channel: string;
  dstchannel: string;
  lastapp: string;
  lastdata: string;
  /** Unix ms; answer null when the leg was never answered. */
  start: number;
  answer: number | null;
  end: number;
  durationSeconds: number;
  billSeconds: number;
  disposition: CdrDisposition | string;
  amaflags: string;
  uniqueid: string;
  /** linkedid when the layout has it, else uniqueid: legs sharing it are one call. */
  linkedid: string;
  userfield: string;
  sequence: number | null;
}

export const cdrSkipReasons = ['wrong field count', 'bad date', 'bad duration', 'empty row'] as const;
export type CdrSkipReason = (typeof cdrSkipReasons)[number];

export interface CdrSkip {
  lineNumber: number;
  byteOffset: number;
  reason: CdrSkipReason;
  text: string;
}

export interface CdrReadResult {
  layout: readonly string[];
  layoutName: string;
  lines: number;
  records: number;
  skipped: { lines: number; reasons: Partial<Record<CdrSkipReason, number>> };
  endOffset: number;
}

export interface CdrReaderOptions {
  /** Zone the CDR times are written in (the PBX's local time). */
  zone: ZoneCalendar;
  /** Column names in file order, overriding header and guessing (`--columns a,b,c`). */
  columns?: readonly string[];
  startOffset?: number;
  startLine?: number;
}

const headerHints = new Set(['disposition', 'billsec', 'uniqueid', 'calldate', 'dcontext', 'lastapp']);

export class CdrReader {
  constructor(private readonly options: CdrReaderOptions) {}

  async read(path: string, onRecord: (r: CdrRecord) => void, onSkip: (s: CdrSkip) => void = () => undefined): Promise<CdrReadResult> {
    const { zone } = this.options;
    let layout: readonly string[] | null = this.options.columns ?? null;
    let layoutName = layout ? 'columns option' : '';
    let lineNumber = this.options.startLine ?? 0;
    let offset = this.options.startOffset ?? 0;
    let records = 0;
    const reasons: Partial<Record<CdrSkipReason, number>> = {};
    let skipped = 0;
    const skip = (reason: CdrSkipReason, at: number, text: string, line: number): void => {
      skipped++;
      reasons[reason] = (reasons[reason] ?? 0) + 1;
      onSkip({ lineNumber: line, byteOffset: at, reason, text: text.slice(0, 200) });
    };

    const handle = (bytes: Buffer, at: number): void => {
      lineNumber++;
      let end = bytes.length;
      if (end > 0 && bytes[end - 1] === 13) end--;
      const text = decode(bytes.subarray(0, end));
      if (text.trim() === '') return;
      const fields = splitCsvLine(text);
      if (layout === null) {
        const lower = fields.map((f) => f.trim().toLowerCase());
        if (lower.some((f) => headerHints.has(f))) {
          layout = lower;
          layoutName = 'header line';
          return;
        }
        const guess = guessLayout(fields);
        if (guess === null) {
          skip('wrong field count', at, text, lineNumber);
          return;
        }
        layout = guess.columns;
        layoutName = guess.name;
      } else if (lineNumber === 1 && this.options.columns && fields.some((f) => headerHints.has(f.trim().toLowerCase()))) {
        return; // a header line under an explicit --columns
      }
      if (fields.length !== layout.length) {
        skip('wrong field count', at, text, lineNumber);
        return;
      }
      const r = toRecord(fields, layout, zone);
      if (typeof r === 'string') {
        skip(r, at, text, lineNumber);
        return;
      }
      r.lineNumber = lineNumber;
      r.byteOffset = at;
      r.byteLength = bytes.length + 1;
      records++;
      onRecord(r);
    };

    let carry: Buffer | null = null;
    let carryAt = offset;
    try {
      for await (const chunk of createReadStream(path, { start: offset, highWaterMark: 1 << 16 }) as AsyncIterable<Buffer>) {
        let data: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
        let pos = 0;
        for (;;) {
          const nl = data.indexOf(10, pos);
          if (nl === -1) break;
          handle(data.subarray(pos, nl), carryAt + pos);
          pos = nl + 1;
        }
        carryAt += pos;
        data = data.subarray(pos);
        carry = data.length > 0 ? Buffer.from(data) : null;
      }
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw AppError.validation(`cannot read CDR file "${path}": no such file`);
      throw e;
    }
    offset = carryAt;
    if (carry !== null) handle(carry, carryAt);
    return { layout: layout ?? [], layoutName, lines: lineNumber - (this.options.startLine ?? 0), records, skipped: { lines: skipped, reasons }, endOffset: offset };
  }
}

/** UTF-8 when the bytes are valid UTF-8, else latin-1 (every byte is a character). */
function decode(bytes: Buffer): string {
  const text = bytes.toString('utf8');
  return text.includes('\uFFFD') && !bytes.includes(Buffer.from('\uFFFD', 'utf8')) ? bytes.toString('latin1') : text;
}

const DATE = /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d/;

/** Picks the known layout whose dates, numbers and disposition land where they should. */
function guessLayout(fields: string[]): { name: string; columns: readonly CdrColumn[] } | null {
  let best: { name: string; columns: readonly CdrColumn[]; score: number } | null = null;
  for (const [name, columns] of Object.entries(knownCdrLayouts)) {
    if (columns.length !== fields.length) continue;
    const get = (c: CdrColumn): string => (fields[columns.indexOf(c)] ?? '').trim();
    let score = 0;
    if (DATE.test(get('start'))) score += 2;
    if (get('answer') === '' || DATE.test(get('answer'))) score++;
    if (DATE.test(get('end'))) score++;
    if (/^\d+$/.test(get('duration'))) score++;
    if (/^\d+$/.test(get('billsec'))) score++;
    if ((cdrDispositions as readonly string[]).includes(get('disposition').toUpperCase())) score += 2;
    if (best === null || score > best.score) best = { name, columns, score };
  }
  return best !== null && best.score >= 5 ? best : null;
}

function toRecord(fields: string[], layout: readonly string[], zone: ZoneCalendar): CdrRecord | CdrSkipReason {
  const get = (c: string): string => {
    const i = layout.indexOf(c);
    const v = i === -1 ? '' : (fields[i] ?? '').trim();
    return v === 'NULL' ? '' : v;
  };
  const start = parseLocalDateTime(get('start') || get('calldate'), zone);
  if (Number.isNaN(start)) return 'bad date';
  const answerText = get('answer');
  const answer = answerText === '' ? null : parseLocalDateTime(answerText, zone);
  if (answer !== null && Number.isNaN(answer)) return 'bad date';
  const duration = Number(get('duration'));
  const billsec = get('billsec') === '' ? 0 : Number(get('billsec'));
  if (get('duration') === '' || !Number.isInteger(duration) || duration < 0 || !Number.isInteger(billsec) || billsec < 0) return 'bad duration';
  const endText = get('end');
  const end = endText === '' ? start + duration * 1000 : parseLocalDateTime(endText, zone);
  if (Number.isNaN(end)) return 'bad date';
  const clid = get('clid');
  const m = /^\s*"?(.*?)"?\s*<([^>]*)>\s*$/.exec(clid);
  const uniqueid = get('uniqueid');
  const sequence = get('sequence');
  return {
    lineNumber: 0,
    byteOffset: 0,
    byteLength: 0,
    accountcode: get('accountcode'),
    src: get('src'),
    dst: get('dst'),
    dcontext: get('dcontext'),
    clid,
    callerName: m ? (m[1] ?? '').replace(/"/g, '').trim() || null : null,
    callerNumber: m ? (m[2] ?? '').trim() || null : clid || null,
    channel: get('channel'),
    dstchannel: get('dstchannel'),
    lastapp: get('lastapp'),
    lastdata: get('lastdata'),
    start,
    // cdr_csv writes answer = start for unanswered legs in some versions; billsec 0 says "never".
    answer: answer !== null && billsec === 0 && get('disposition').toUpperCase() !== 'ANSWERED' ? null : answer,
    end,
    durationSeconds: duration,
    billSeconds: billsec,
    disposition: get('disposition').toUpperCase(),
    amaflags: get('amaflags'),
    uniqueid,
    linkedid: get('linkedid') || uniqueid,
    userfield: get('userfield'),
    sequence: sequence === '' || !/^\d+$/.test(sequence) ? null : Number(sequence),
  };
}

/** One call assembled from its CDR legs (same linkedid). */
export interface CdrCall {
  linkedid: string;
  legs: number;
  start: number;
  end: number;
  src: string;
  dst: string;
  answered: boolean;
  /** The call's outcome: ANSWERED if any leg was, else the most telling leg disposition. */
  disposition: string;
  billSeconds: number;
}

const dispositionRank: Record<string, number> = { ANSWERED: 5, BUSY: 4, 'NO ANSWER': 3, CONGESTION: 2, FAILED: 1 };

/** A leg "answered" with 0 s billed is Asterisk answering itself (Hangup, IVR): not a person. */
function legRank(r: CdrRecord): number {
  return r.disposition === 'ANSWERED' && r.billSeconds === 0 ? 0 : (dispositionRank[r.disposition] ?? 0);
}

/** Groups legs into calls by linkedid (legs of one call may be far apart in the file). */
export function groupCdrLegs(records: Iterable<CdrRecord>): CdrCall[] {
  const calls = new Map<string, CdrCall>();
  const ranks = new Map<string, number>();
  for (const r of records) {
    const c = calls.get(r.linkedid);
    if (c === undefined) {
      calls.set(r.linkedid, { linkedid: r.linkedid, legs: 1, start: r.start, end: r.end, src: r.src, dst: r.dst, answered: r.disposition === 'ANSWERED' && r.billSeconds > 0, disposition: r.disposition, billSeconds: r.billSeconds });
      ranks.set(r.linkedid, legRank(r));
      continue;
    }
    c.legs++;
    if (r.start < c.start) {
      c.start = r.start;
      c.src = r.src;
      c.dst = r.dst;
    }
    if (r.end > c.end) c.end = r.end;
    c.answered ||= r.disposition === 'ANSWERED' && r.billSeconds > 0;
    const rank = legRank(r);
    if (rank > (ranks.get(r.linkedid) ?? 0)) {
      c.disposition = r.disposition;
      ranks.set(r.linkedid, rank);
    }
    c.billSeconds += r.billSeconds;
  }
  return [...calls.values()];
}
