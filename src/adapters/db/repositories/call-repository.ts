import crypto from 'node:crypto';
import type SQLite from 'better-sqlite3';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { DB } from '../schema.js';
import type { Dialect } from '../database.js';
import type { CallsTable } from '../tables/calls.js';
import type { CallEndDetail, CallOutcomeName, CallRecord, CallSource } from '../../../core/calls/call-record.js';
import type { CallEvent, HangupParty, TransferKind } from '../../../core/interactions/call.js';
import { normalizePhone } from '../../../core/customers/customer.js';
import type { CtiEvent, CtiEventType } from '../../../core/calls/cti-call.js';
import type { CallFilter, CallQualityWrite, CallStore, CtiEventStore, StoredCall } from '../../../core/calls/ports.js';
import type { Transcript } from '../../../core/interactions/transcript.js';
import type { QualityResult } from '../../../core/quality/types.js';

export type { CallFilter, StoredCall } from '../../../core/calls/ports.js';

/** One line / leg / CTI event as stored; `time` in seconds (queue_log) or ms (CDR, CTI). */
export interface SourceEventRow {
  externalId: string;
  queue: string;
  time: number;
  event: string;
  agent: string;
  data: string;
  line: number;
  lineHash: number;
}

export interface StoredSourceEvent {
  external_id: string;
  queue: string;
  time: number;
  event: string;
  agent: string;
  data: string;
  line: number;
}

export interface ImportCursor {
  source: string;
  path: string;
  headHash: string;
  headBytes: number;
  endOffset: number;
  endLine: number;
  totals: ImportTotals;
  updatedAt: number;
}

export interface ImportTotals {
  lines: number;
  records: number;
  skipped: { lines: number; reasons: Record<string, number> };
}

/** A call to write, with (queue_log) the lines it was built from. */
export interface CallWrite {
  record: CallRecord;
  sourceLines: string | null;
  /** callRowId of the record, when the caller already has it. */
  id?: string;
}

/**
 * A call as the values of one `calls` row, in upsertColumns order: what an import buffers
 * between commits (flat strings and numbers, not the record it came from).
 */
export type CallRow = [
  id: string,
  source: string,
  externalId: string,
  queue: string,
  agent: string | null,
  caller: string | null,
  customerId: string | null,
  startedAt: number | null,
  outcome: string,
  measures: string,
  sourceLines: string | null,
  updatedAt: number,
];

/** A 32-bit FNV-1a hash: with the call id and the time in the key, collisions need the same call and second. */
export function lineHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * The row id of a call: stable across re-imports, so an upsert finds the same row. A queue_log
 * call is one (callid, queue); a CTI or CDR call is its call id alone (its queue may be learnt late).
 */
export function callRowId(source: string, externalId: string, queue: string): string {
  if (source !== 'queue_log') queue = '';
  const key = `${source}\u0000${externalId}\u0000${queue}`;
  // crypto.hash (Node ≥ 20.12) is the one-shot form, ~3× faster than a Hash object: an import computes one per call.
  const digest = typeof crypto.hash === 'function' ? crypto.hash('sha1', key, 'base64url') : crypto.createHash('sha1').update(key).digest('base64url');
  // Asterisk call ids (uniqueid, linkedid) begin with the epoch second of the channel. Ids that
  // begin with it keep a log's calls in time order in the primary-key index, so an import adds
  // at its end instead of dirtying (and committing) nearly every page of it in every batch.
  const epoch = leadingEpoch(externalId);
  return epoch === null ? `call_${digest.slice(0, 22)}` : `call_${epoch}_${digest.slice(0, 16)}`;
}

/** The 10-digit epoch an id like `1675584553.13` begins with, else null. */
function leadingEpoch(externalId: string): string | null {
  if (externalId.length < 10 || (externalId.length > 10 && externalId.charCodeAt(10) !== 46)) return null;
  for (let i = 0; i < 10; i++) {
    const c = externalId.charCodeAt(i);
    if (c < 48 || c > 57) return null;
  }
  return externalId.slice(0, 10);
}

type Db = Kysely<DB>;

const upsertColumns = ['id', 'source', 'external_id', 'queue', 'agent', 'caller', 'customer_id', 'started_at', 'outcome', 'measures', 'source_lines', 'updated_at'] as const;
const bigintColumns = new Set(['started_at', 'updated_at']);
const upsertUpdates = upsertColumns
  .filter((c) => c !== 'id')
  .map((c) =>
    // A known customer is never unlinked; a rebuild without lines (CDR, CTI) keeps what is stored.
    c === 'customer_id' || c === 'source_lines' ? `${c} = coalesce(excluded.${c}, calls.${c})` : `${c} = excluded.${c}`,
  )
  .join(', ');

/** What lists and reports read: everything but the source lines, transcript and quality result. */
const summaryColumns = ['id', 'source', 'external_id', 'queue', 'agent', 'caller', 'customer_id', 'started_at', 'outcome', 'measures', 'quality_score', 'quality_fatal', 'failed_rules', 'standard_version', 'recording', 'updated_at'] as const;
type SummaryRow = Pick<Selectable<CallsTable>, (typeof summaryColumns)[number]> & Partial<Pick<Selectable<CallsTable>, 'transcript' | 'quality'>>;

/** What the `measures` column holds: the record's fields that have no column of their own. */
type CallMeasures = Omit<CallRecord, 'source' | 'externalId' | 'queue' | 'agent' | 'caller' | 'customerId' | 'startedAt' | 'outcome'>;

/**
 * Calls and what they were built from. Bulk writes on PostgreSQL (and SQLite without its raw
 * handle) go through one JSON parameter expanded by the database (json_each /
 * jsonb_array_elements): one statement per batch, no per-row round trip. With the better-sqlite3
 * handle, calls are written by one prepared statement run per row (no round trip to save there,
 * and it beats re-parsing a JSON element per column).
 */
export class CallRepository implements CallStore {
  private upsertStatement: SQLite.Statement | undefined;
  private sourceLinesStatement: SQLite.Statement<[string], string | null> | undefined;

  constructor(
    private readonly db: Db,
    private readonly dialect: Dialect,
    /** SQLite: the handle under `db` (Database.sqlite), for the prepared-statement write path. */
    private readonly sqlite?: SQLite.Database,
  ) {}

  /** Stores source events; returns how many were new (the rest were already there). */
  async insertSourceEvents(source: CallSource, rows: readonly SourceEventRow[], db: Db = this.db): Promise<number> {
    if (rows.length === 0) return 0;
    const json = JSON.stringify(rows.map((r) => [r.externalId, r.queue, r.time, r.event, r.agent, r.data, r.line, r.lineHash]));
    const q =
      this.dialect === 'sqlite'
        ? sql`insert into call_source_events (source, external_id, queue, time, event, agent, data, line, line_hash)
              select ${source}, value->>0, value->>1, value->>2, value->>3, value->>4, value->>5, value->>6, value->>7 from json_each(${json}) where true
              on conflict do nothing`
        : sql`insert into call_source_events (source, external_id, queue, time, event, agent, data, line, line_hash)
              select ${source}, x->>0, x->>1, (x->>2)::bigint, x->>3, x->>4, x->>5, (x->>6)::bigint, (x->>7)::bigint from jsonb_array_elements(${json}::jsonb) as x
              on conflict do nothing`;
    const res = await q.execute(db);
    return Number(res.numAffectedRows ?? 0);
  }

  /** Every stored event of these calls, in time then file order. */
  async sourceEventsOf(source: CallSource, externalIds: readonly string[], db: Db = this.db): Promise<StoredSourceEvent[]> {
    if (externalIds.length === 0) return [];
    const json = JSON.stringify(externalIds);
    const ids = this.dialect === 'sqlite' ? sql`(select value from json_each(${json}))` : sql`(select jsonb_array_elements_text(${json}::jsonb))`;
    const res = await sql<StoredSourceEvent>`select external_id, queue, time, event, agent, data, line from call_source_events
      where source = ${source} and external_id in ${ids} order by external_id, time, line`.execute(db);
    return res.rows.map((r) => ({ ...r, time: Number(r.time), line: Number(r.line) }));
  }

  /**
   * Inserts or refreshes calls; never touches transcript, quality or a known customer. Returns the
   * customer each record was linked to by its caller's number (null if none), in order.
   */
  async upsertCalls(records: readonly CallRecord[], now: number, db: Db = this.db): Promise<Array<string | null>> {
    return this.writeCalls(
      records.map((record) => ({ record, sourceLines: null })),
      now,
      db,
    );
  }

  /**
   * Inserts or refreshes calls with their source lines. Calls without a customer whose caller
   * number is a customer's phone are linked to that customer (one lookup for the whole batch).
   * With the raw SQLite handle, call this inside `transaction` (or with nothing else running).
   */
  async writeCalls(calls: readonly CallWrite[], now: number, db: Db = this.db): Promise<Array<string | null>> {
    const rows = calls.map((c) => callRow(c, now));
    await this.writeCallRows(rows, db);
    return rows.map((r) => r[6]);
  }

  /**
   * Inserts or refreshes calls given as rows (callRow). Rows without a customer whose caller
   * number is a customer's phone are linked to that customer first (in place).
   * With the raw SQLite handle, call this inside `transaction` (or with nothing else running).
   */
  async writeCallRows(rows: CallRow[], db: Db = this.db): Promise<void> {
    if (rows.length === 0) return;
    await this.linkCustomers(rows, db);
    if (this.dialect === 'sqlite' && this.sqlite) {
      const statement = this.upsertStatementOf(this.sqlite);
      for (const r of rows) statement.run(r);
      return;
    }
    const cols = sql.raw(upsertColumns.join(', '));
    const picks = sql.raw(
      upsertColumns.map((c, i) => (this.dialect === 'sqlite' ? `value->>${i}` : bigintColumns.has(c) ? `(x->>${i})::bigint` : `x->>${i}`)).join(', '),
    );
    const updates = sql.raw(upsertUpdates);
    // PostgreSQL takes one JSON parameter of any size; chunks keep each statement's memory bounded.
    for (let i = 0; i < rows.length; i += 20_000) {
      const json = JSON.stringify(rows.slice(i, i + 20_000));
      const q =
        this.dialect === 'sqlite'
          ? sql`insert into calls (${cols}) select ${picks} from json_each(${json}) where true on conflict (id) do update set ${updates}`
          : sql`insert into calls (${cols}) select ${picks} from jsonb_array_elements(${json}::jsonb) as x on conflict (id) do update set ${updates}`;
      await q.execute(db);
    }
  }

  /**
   * A synchronous writer of call rows (customer linked as in writeCallRows), for an import that
   * writes each call the moment it has it: only on SQLite with the raw handle, inside
   * `transaction` (`db` is the transaction). Null elsewhere: use writeCallRows.
   */
  async callRowWriter(db: Db = this.db): Promise<((row: CallRow) => void) | null> {
    const raw = this.sqlite;
    if (this.dialect !== 'sqlite' || raw === undefined) return null;
    const statement = this.upsertStatementOf(raw);
    if ((await db.selectFrom('customer_phones').select('phone').limit(1).executeTakeFirst()) === undefined) {
      return (row) => {
        statement.run(row);
      };
    }
    const owner = raw.prepare<[string], { customer_id: string }>('select customer_id from customer_phones where phone = ?');
    return (row) => {
      const caller = row[5];
      if (row[6] === null && caller !== null && caller !== '') {
        const phone = normalizePhone(caller);
        if (phone !== undefined) row[6] = owner.get(phone)?.customer_id ?? null;
      }
      statement.run(row);
    };
  }

  /** A synchronous sourceLinesOf for one call, on SQLite with the raw handle (use inside `transaction`); null elsewhere. */
  sourceLinesReader(): ((id: string) => string | undefined) | null {
    const raw = this.sqlite;
    if (this.dialect !== 'sqlite' || raw === undefined) return null;
    const statement = (this.sourceLinesStatement ??= raw.prepare<[string], string | null>('select source_lines from calls where id = ?').pluck());
    return (id) => statement.get(id) ?? undefined;
  }

  private upsertStatementOf(raw: SQLite.Database): SQLite.Statement {
    return (this.upsertStatement ??= raw.prepare(
      `insert into calls (${upsertColumns.join(', ')}) values (${upsertColumns.map(() => '?').join(', ')}) on conflict (id) do update set ${upsertUpdates}`,
    ));
  }

  /** The stored source lines of these calls (by row id); calls without lines are left out. */
  async sourceLinesOf(ids: readonly string[], db: Db = this.db): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (let i = 0; i < ids.length; i += 20_000) {
      const json = JSON.stringify(ids.slice(i, i + 20_000));
      const list = this.dialect === 'sqlite' ? sql`(select value from json_each(${json}))` : sql`(select jsonb_array_elements_text(${json}::jsonb))`;
      const res = await sql<{ id: string; source_lines: string }>`select id, source_lines from calls where id in ${list} and source_lines is not null`.execute(db);
      for (const r of res.rows) out.set(r.id, r.source_lines);
    }
    return out;
  }

  /** Whether any call from this source is stored (an import into an empty table need not look up its calls). */
  async hasCalls(source: CallSource, db: Db = this.db): Promise<boolean> {
    const r = await db.selectFrom('calls').select('id').where('source', '=', source).limit(1).executeTakeFirst();
    return r !== undefined;
  }

  /** Sets the customer of rows that have none and whose caller number is a customer's phone (one lookup for all). */
  private async linkCustomers(rows: CallRow[], db: Db): Promise<void> {
    // Most imports run before any customer has a phone on file: then there is nothing to normalize.
    if ((await db.selectFrom('customer_phones').select('phone').limit(1).executeTakeFirst()) === undefined) return;
    const phoneOf = new Map<CallRow, string>();
    for (const r of rows) {
      const caller = r[5];
      if (r[6] !== null || caller === null || caller === '') continue;
      const p = normalizePhone(caller);
      if (p !== undefined) phoneOf.set(r, p);
    }
    if (phoneOf.size === 0) return;
    const json = JSON.stringify([...new Set(phoneOf.values())]);
    const list = this.dialect === 'sqlite' ? sql`(select value from json_each(${json}))` : sql`(select jsonb_array_elements_text(${json}::jsonb))`;
    const res = await sql<{ phone: string; customer_id: string }>`select phone, customer_id from customer_phones where phone in ${list}`.execute(db);
    const customers = new Map<string, string>();
    for (const r of res.rows) customers.set(r.phone, r.customer_id);
    for (const [r, phone] of phoneOf) r[6] = customers.get(phone) ?? null;
  }

  /**
   * The caller's number of a call known by its PBX id (the newest leg with a number). A ticket filed
   * on the desk names its call: agents see the number masked, so the server fills it in.
   */
  async callerOf(externalId: string): Promise<string | null> {
    const r = await this.db
      .selectFrom('calls')
      .select('caller')
      .where('external_id', '=', externalId)
      .where('caller', 'is not', null)
      .orderBy('started_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    return r?.caller ?? null;
  }

  async get(id: string): Promise<StoredCall | undefined> {
    const r = await this.db.selectFrom('calls').select([...summaryColumns, 'transcript', 'quality']).where('id', '=', id).executeTakeFirst();
    return r && toStored(r, true);
  }

  /** Newest first; `cursor` is the last item of the previous page. */
  async list(filter: CallFilter & { limit: number; cursor?: string | undefined }): Promise<{ items: StoredCall[]; nextCursor: string | null }> {
    let q = this.filtered(filter);
    if (filter.cursor) {
      const c = decodeCursor(filter.cursor);
      q = q.where((eb) => eb.or([eb('started_at', '<', c.startedAt), eb.and([eb('started_at', '=', c.startedAt), eb('id', '<', c.id)])]));
    }
    const rows = await q.select(summaryColumns).orderBy('started_at', 'desc').orderBy('id', 'desc').limit(filter.limit + 1).execute();
    const items = rows.slice(0, filter.limit).map((r) => toStored(r, false));
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > filter.limit && last ? encodeCursor(last.startedAt ?? 0, last.id) : null };
  }

  /** Calls page by page, for reports: memory stays flat whatever the period. */
  async eachCall(filter: CallFilter, onCall: (c: StoredCall) => void, pageSize = 5000): Promise<void> {
    let after = '';
    for (;;) {
      const rows = await this.filtered(filter).select(summaryColumns).where('id', '>', after).orderBy('id').limit(pageSize).execute();
      for (const r of rows) onCall(toStored(r, false));
      const last = rows[rows.length - 1];
      if (!last || rows.length < pageSize) return;
      after = last.id;
    }
  }

  /**
   * The live (CTI) calls an agent answered that started at or after `since`, open or ended: what the
   * agent-status board reads. A call open since before then is a stale leg the PBX never closed.
   */
  async agentCalls(since: number): Promise<StoredCall[]> {
    const rows = await this.db
      .selectFrom('calls')
      .select(summaryColumns)
      .where('started_at', '>=', since)
      .where('source', '=', 'cti')
      .where('agent', 'is not', null)
      .orderBy('started_at')
      .execute();
    return rows.map((r) => toStored(r, false));
  }

  async count(filter: CallFilter = {}): Promise<number> {
    const r = await this.filtered(filter).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    return Number(r?.n ?? 0);
  }

  async countSourceEvents(source: CallSource): Promise<number> {
    const r = await this.db.selectFrom('call_source_events').where('source', '=', source).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    return Number(r?.n ?? 0);
  }

  async setRecording(id: string, reference: string | null, now: number): Promise<void> {
    await this.db.updateTable('calls').set({ recording: reference, updated_at: now }).where('id', '=', id).execute();
  }

  async setQuality(id: string, q: CallQualityWrite, now: number): Promise<void> {
    await this.db
      .updateTable('calls')
      .set({
        transcript: JSON.stringify(q.transcript),
        quality: JSON.stringify(q.quality),
        quality_score: q.score,
        quality_fatal: q.fatal ? 1 : 0,
        failed_rules: JSON.stringify(failedRulesOf(q.quality)),
        standard_version: q.standardVersion,
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
    // A customer created after the call was stored is linked when the call is reviewed.
    const call = await this.db.selectFrom('calls').select(['caller', 'customer_id']).where('id', '=', id).executeTakeFirst();
    const phone = call && call.customer_id === null && call.caller ? normalizePhone(call.caller) : undefined;
    if (phone === undefined) return;
    const owner = await this.db.selectFrom('customer_phones').select('customer_id').where('phone', '=', phone).executeTakeFirst();
    if (owner) await this.db.updateTable('calls').set({ customer_id: owner.customer_id }).where('id', '=', id).where('customer_id', 'is', null).execute();
  }

  async cursor(source: string, path: string, db: Db = this.db): Promise<ImportCursor | undefined> {
    const r = await db.selectFrom('import_cursors').selectAll().where('source', '=', source).where('path', '=', path).executeTakeFirst();
    return (
      r && {
        source: r.source,
        path: r.path,
        headHash: r.head_hash,
        headBytes: Number(r.head_bytes),
        endOffset: Number(r.end_offset),
        endLine: Number(r.end_line),
        totals: JSON.parse(r.totals) as ImportTotals,
        updatedAt: Number(r.updated_at),
      }
    );
  }

  async saveCursor(c: ImportCursor, db: Db = this.db): Promise<void> {
    const row = { source: c.source, path: c.path, head_hash: c.headHash, head_bytes: c.headBytes, end_offset: c.endOffset, end_line: c.endLine, totals: JSON.stringify(c.totals), updated_at: c.updatedAt };
    await db
      .insertInto('import_cursors')
      .values(row)
      .onConflict((oc) => oc.columns(['source', 'path']).doUpdateSet({ head_hash: row.head_hash, head_bytes: row.head_bytes, end_offset: row.end_offset, end_line: row.end_line, totals: row.totals, updated_at: row.updated_at }))
      .execute();
  }

  /** Runs `fn` in one transaction: events, rebuilt calls and the cursor commit together or not at all. */
  async transaction<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(fn);
  }

  /** The CTI side of the store (core/calls/ingest-cti-events.ts): events kept once each, calls rebuilt, in one transaction. */
  async ctiWrites<T>(fn: (st: CtiEventStore) => Promise<T>): Promise<T> {
    return this.transaction((trx) =>
      fn({
        addEvents: (events) => this.insertSourceEvents('cti', events.map(ctiEventRow), trx),
        eventsOf: async (callIds) => (await this.sourceEventsOf('cti', callIds, trx)).map(ctiEventOf),
        saveCalls: async (records, now) => {
          const customers = await this.upsertCalls(records, now, trx);
          const ids = records.map((r) => callRowId(r.source, r.externalId, r.queue));
          // The recording is not among the upsert's columns (imports never know one): a record that
          // names one sets it here; one that names none keeps what is stored (set by hand, or earlier).
          for (const [i, r] of records.entries()) {
            if (typeof r.recording === 'string') await trx.updateTable('calls').set({ recording: r.recording }).where('id', '=', ids[i]!).execute();
          }
          return records.map((_r, i) => ({ id: ids[i]!, customerId: customers[i] ?? null }));
        },
      }),
    );
  }

  private filtered(f: CallFilter) {
    let q = this.db.selectFrom('calls');
    if (f.from !== undefined) q = q.where('started_at', '>=', f.from);
    if (f.to !== undefined) q = q.where('started_at', '<', f.to);
    if (f.agent !== undefined) q = q.where('agent', '=', f.agent);
    if (f.queue !== undefined) q = q.where('queue', '=', f.queue);
    if (f.customerId !== undefined) q = q.where('customer_id', '=', f.customerId);
    if (f.outcome !== undefined) q = q.where('outcome', '=', f.outcome);
    if (f.sources !== undefined) q = q.where('source', 'in', f.sources.length > 0 ? [...f.sources] : ['-']);
    if (f.fatal !== undefined) q = q.where('quality_fatal', '=', f.fatal ? 1 : 0);
    if (f.queueLogWins === true) {
      // The index calls_source_external_id (migration 011) answers the lookup.
      q = q.where((eb) =>
        eb.or([eb('source', '!=', 'cti'), eb.not(eb.exists(eb.selectFrom('calls as logged').select('logged.id').where('logged.source', '=', 'queue_log').whereRef('logged.external_id', '=', 'calls.external_id')))]),
      );
    }
    if (f.failedRule !== undefined) {
      // failed_rules is a JSON array of strings: the quoted id is found as a whole element.
      const needle = JSON.stringify(f.failedRule);
      q = q.where(this.dialect === 'sqlite' ? sql<boolean>`instr(failed_rules, ${needle}) > 0` : sql<boolean>`strpos(failed_rules, ${needle}) > 0`);
    }
    return q;
  }
}

/** The `calls` row of a call; its customer is linked on write (writeCallRows) when it has none. */
export function callRow({ record: r, sourceLines, id }: CallWrite, now: number): CallRow {
  // Same order as upsertColumns.
  return [id ?? callRowId(r.source, r.externalId, r.queue), r.source, r.externalId, r.queue, r.agent, r.caller, r.customerId, r.startedAt, r.outcome, encodeMeasures(r), sourceLines, now];
}

const num = (v: number | null): string => (v === null || !Number.isFinite(v) ? 'null' : String(v));
const since = (t: number | null, base: number | null): string => (t === null ? 'null' : num(base === null ? t : t - base));
const text = (v: string | null): string => (v === null ? 'null' : JSON.stringify(v));

/**
 * The `measures` column: a JSON array in a fixed order (see measureOrder), instants as ms after
 * started_at, events as [type, at] / [type, at, by|to]. An import writes one per call, and the
 * positional form is about a third of an object's size (less to write, to commit, to scan) and
 * is built without an intermediate object.
 */
export function encodeMeasures(r: CallRecord): string {
  const b = r.startedAt;
  let events = '';
  for (const e of r.events) {
    const extra = e.type === 'hangup' ? `,"${e.by}"` : e.type === 'transfer' && e.to !== undefined ? `,${JSON.stringify(e.to)}` : '';
    events += `${events === '' ? '' : ','}["${e.type}",${num(e.at)}${extra}]`;
  }
  const agents = r.missedRingAgents === null ? 'null' : JSON.stringify(r.missedRingAgents);
  return (
    `[${r.vip ? 1 : 0},${since(r.enteredQueueAt, b)},${since(r.offeredAt, b)},${since(r.answeredAt, b)},${since(r.endedAt, b)},` +
    `${num(r.waitMs)},${num(r.ringMs)},${num(r.talkMs)},${num(r.holdMs)},${r.missedRings},${agents},"${r.endDetail}",${text(r.endedBy)},` +
    `${r.transferred ? 1 : 0},${text(r.transferKind)},${text(r.transferTo)},[${events}]]`
  );
}

/** The positions of encodeMeasures, for whoever reads the column by hand. */
export const measureOrder = ['vip', 'enteredQueueAt', 'offeredAt', 'answeredAt', 'endedAt', 'waitMs', 'ringMs', 'talkMs', 'holdMs', 'missedRings', 'missedRingAgents', 'endDetail', 'endedBy', 'transferred', 'transferKind', 'transferTo', 'events'] as const;

type StoredEvent = [CallEvent['type'], number, string?];

export function decodeMeasures(json: string, startedAt: number | null): CallMeasures {
  const m = JSON.parse(json) as unknown[];
  const at = (i: number): number | null => {
    const v = m[i] as number | null;
    return v === null ? null : startedAt === null ? v : startedAt + v;
  };
  const events = (m[16] as StoredEvent[]).map(([type, t, extra]): CallEvent => {
    if (type === 'hangup') return { type, at: t, by: extra as HangupParty };
    if (type === 'transfer') return extra === undefined ? { type, at: t } : { type, at: t, to: extra };
    return { type, at: t };
  });
  return {
    vip: m[0] === 1,
    enteredQueueAt: at(1),
    offeredAt: at(2),
    answeredAt: at(3),
    endedAt: at(4),
    waitMs: m[5] as number | null,
    ringMs: m[6] as number | null,
    talkMs: m[7] as number | null,
    holdMs: m[8] as number | null,
    missedRings: m[9] as number,
    missedRingAgents: m[10] as string[] | null,
    endDetail: m[11] as CallEndDetail,
    endedBy: m[12] as HangupParty | null,
    transferred: m[13] === 1,
    transferKind: m[14] as TransferKind | null,
    transferTo: m[15] as string | null,
    events,
  };
}

/** Rule ids with `ok: false` in a quality result (QualityResult.checks). */
function failedRulesOf(quality: unknown): string[] {
  const checks = (quality as { checks?: unknown } | null)?.checks;
  if (!Array.isArray(checks)) return [];
  return checks.filter((c): c is { rule: string; ok: false } => (c as { ok?: unknown }).ok === false && typeof (c as { rule?: unknown }).rule === 'string').map((c) => c.rule);
}

const toNumber = (v: number | string | null): number | null => (v === null ? null : Number(v));

function toStored(r: SummaryRow, full: boolean): StoredCall {
  const startedAt = toNumber(r.started_at);
  const m = decodeMeasures(r.measures, startedAt);
  return {
    id: r.id,
    source: r.source as CallSource,
    externalId: r.external_id,
    queue: r.queue,
    agent: r.agent,
    caller: r.caller,
    customerId: r.customer_id,
    vip: m.vip,
    startedAt,
    enteredQueueAt: m.enteredQueueAt,
    offeredAt: m.offeredAt,
    answeredAt: m.answeredAt,
    endedAt: m.endedAt,
    waitMs: m.waitMs,
    ringMs: m.ringMs,
    talkMs: m.talkMs,
    holdMs: m.holdMs,
    missedRings: m.missedRings,
    missedRingAgents: m.missedRingAgents,
    outcome: r.outcome as CallOutcomeName,
    endDetail: m.endDetail as CallEndDetail,
    endedBy: m.endedBy as HangupParty | null,
    transferred: m.transferred,
    transferKind: m.transferKind as TransferKind | null,
    transferTo: m.transferTo,
    events: m.events as CallEvent[],
    // Written by this code from a parsed transcript and the engine's result (setQuality).
    transcript: full && r.transcript != null ? (JSON.parse(r.transcript) as Transcript) : null,
    quality: full && r.quality != null ? (JSON.parse(r.quality) as QualityResult) : null,
    qualityScore: r.quality_score === null ? null : Number(r.quality_score),
    qualityFatal: r.quality_fatal === null ? null : Number(r.quality_fatal) === 1,
    failedRules: r.failed_rules === null ? [] : (JSON.parse(r.failed_rules) as string[]),
    standardVersion: r.standard_version,
    recording: r.recording,
    updatedAt: Number(r.updated_at),
  };
}

function encodeCursor(startedAt: number, id: string): string {
  return Buffer.from(`${startedAt}:${id}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): { startedAt: number; id: string } {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const colon = text.indexOf(':');
  const startedAt = Number(text.slice(0, colon));
  if (colon < 1 || !Number.isFinite(startedAt)) return { startedAt: Number.MAX_SAFE_INTEGER, id: '' };
  return { startedAt, id: text.slice(colon + 1) };
}

/** What a CTI event keeps beside its call id and time (the `data` of its source-event row). */
interface StoredCti {
  type: CtiEventType;
  queue?: string;
  agent?: string;
  caller?: string;
  vip?: boolean;
  by?: CtiEvent['by'];
  to?: string;
  direction?: 'inbound' | 'outbound';
  reference?: string;
  recording?: string;
  missed?: boolean;
}

function ctiEventRow(e: CtiEvent): SourceEventRow {
  const stored: StoredCti = { type: e.type, ...(e.queue !== undefined && { queue: e.queue }), ...(e.agent !== undefined && { agent: e.agent }), ...(e.caller !== undefined && { caller: e.caller }), ...(e.vip !== undefined && { vip: e.vip }), ...(e.by !== undefined && { by: e.by }), ...(e.to !== undefined && { to: e.to }), ...(e.direction !== undefined && { direction: e.direction }), ...(e.reference !== undefined && { reference: e.reference }), ...(e.recording !== undefined && { recording: e.recording }), ...(e.missed === true && { missed: true }) };
  const data = JSON.stringify(stored);
  // The hash of what the event says, with its call id and time, makes the idempotence key.
  return { externalId: e.callId, queue: '', time: e.at, event: e.type, agent: e.agent ?? '', data, line: 0, lineHash: lineHash(data) };
}

function ctiEventOf(s: StoredSourceEvent): CtiEvent {
  return { ...(JSON.parse(s.data) as StoredCti), callId: s.external_id, at: s.time };
}
