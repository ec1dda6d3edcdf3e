import crypto from 'node:crypto';
import type SQLite from 'better-sqlite3';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { DB } from '../schema.js';
import type { Dialect } from '../database.js';
import type { CallsTable } from '../tables/calls.js';
import type { CallEndDetail, CallOutcomeName, CallRecord, CallSource } from '../../../core/calls/call-record.js';
import type { CallEvent, HangupParty, TransferKind } from '../../../core/interactions/call.js';
import { normalizePhone } from '../../../core/customers/customer.js';

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

export interface StoredCall extends CallRecord {
  id: string;
  transcript: unknown;
  quality: unknown;
  qualityScore: number | null;
  qualityFatal: boolean | null;
  /** Rule ids whose check failed (ok: false) in the quality result; [] before a transcript. */
  failedRules: string[];
  standardVersion: string | null;
  updatedAt: number;
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

export interface CallFilter {
  from?: number | undefined;
  to?: number | undefined;
  agent?: string | undefined;
  queue?: string | undefined;
  outcome?: CallOutcomeName | undefined;
  sources?: readonly CallSource[] | undefined;
  /** Only calls whose quality check of this rule failed. */
  failedRule?: string | undefined;
  /** Only calls judged fatal (true) or judged and not fatal (false); unjudged calls match neither. */
  fatal?: boolean | undefined;
}

/** A call to write, with (queue_log) the lines it was built from. */
export interface CallWrite {
  record: CallRecord;
  sourceLines: string | null;
  /** callRowId of the record, when the caller already has it. */
  id?: string;
}

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
  return `call_${digest.slice(0, 22)}`;
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
const summaryColumns = ['id', 'source', 'external_id', 'queue', 'agent', 'caller', 'customer_id', 'started_at', 'outcome', 'measures', 'quality_score', 'quality_fatal', 'failed_rules', 'standard_version', 'updated_at'] as const;
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
export class CallRepository {
  private upsertStatement: SQLite.Statement | undefined;

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

  /** Inserts or refreshes calls; never touches transcript, quality or a known customer. */
  async upsertCalls(records: readonly CallRecord[], now: number, db: Db = this.db): Promise<void> {
    await this.writeCalls(
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
  async writeCalls(calls: readonly CallWrite[], now: number, db: Db = this.db): Promise<void> {
    if (calls.length === 0) return;
    const customers = await this.customersByCaller(calls, db);
    const rows = calls.map((c) => callRow(c, customers, now));
    if (this.dialect === 'sqlite' && this.sqlite) {
      this.upsertStatement ??= this.sqlite.prepare(
        `insert into calls (${upsertColumns.join(', ')}) values (${upsertColumns.map(() => '?').join(', ')}) on conflict (id) do update set ${upsertUpdates}`,
      );
      for (const r of rows) this.upsertStatement.run(r);
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

  /** Customer ids by normalized caller number, for the calls of a batch that have none yet. */
  private async customersByCaller(calls: readonly CallWrite[], db: Db): Promise<Map<string, string>> {
    const phones = new Set<string>();
    for (const { record } of calls) {
      if (record.customerId !== null || record.caller === null || record.caller === '') continue;
      const p = normalizePhone(record.caller);
      if (p !== undefined) phones.add(p);
    }
    const out = new Map<string, string>();
    if (phones.size === 0) return out;
    const json = JSON.stringify([...phones]);
    const list = this.dialect === 'sqlite' ? sql`(select value from json_each(${json}))` : sql`(select jsonb_array_elements_text(${json}::jsonb))`;
    const res = await sql<{ phone: string; customer_id: string }>`select phone, customer_id from customer_phones where phone in ${list}`.execute(db);
    for (const r of res.rows) out.set(r.phone, r.customer_id);
    return out;
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

  async count(filter: CallFilter = {}): Promise<number> {
    const r = await this.filtered(filter).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    return Number(r?.n ?? 0);
  }

  async countSourceEvents(source: CallSource): Promise<number> {
    const r = await this.db.selectFrom('call_source_events').where('source', '=', source).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    return Number(r?.n ?? 0);
  }

  async setQuality(id: string, q: { transcript: unknown; quality: unknown; score: number; fatal: boolean; standardVersion: string }, now: number): Promise<void> {
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

  private filtered(f: CallFilter) {
    let q = this.db.selectFrom('calls');
    if (f.from !== undefined) q = q.where('started_at', '>=', f.from);
    if (f.to !== undefined) q = q.where('started_at', '<', f.to);
    if (f.agent !== undefined) q = q.where('agent', '=', f.agent);
    if (f.queue !== undefined) q = q.where('queue', '=', f.queue);
    if (f.outcome !== undefined) q = q.where('outcome', '=', f.outcome);
    if (f.sources !== undefined) q = q.where('source', 'in', f.sources.length > 0 ? [...f.sources] : ['-']);
    if (f.fatal !== undefined) q = q.where('quality_fatal', '=', f.fatal ? 1 : 0);
    if (f.failedRule !== undefined) {
      // failed_rules is a JSON array of strings: the quoted id is found as a whole element.
      const needle = JSON.stringify(f.failedRule);
      q = q.where(this.dialect === 'sqlite' ? sql<boolean>`instr(failed_rules, ${needle}) > 0` : sql<boolean>`strpos(failed_rules, ${needle}) > 0`);
    }
    return q;
  }
}

function callRow({ record: r, sourceLines, id }: CallWrite, customers: ReadonlyMap<string, string>, now: number): unknown[] {
  const measures: CallMeasures = {
    vip: r.vip,
    enteredQueueAt: r.enteredQueueAt,
    offeredAt: r.offeredAt,
    answeredAt: r.answeredAt,
    endedAt: r.endedAt,
    waitMs: r.waitMs,
    ringMs: r.ringMs,
    talkMs: r.talkMs,
    holdMs: r.holdMs,
    missedRings: r.missedRings,
    missedRingAgents: r.missedRingAgents,
    endDetail: r.endDetail,
    endedBy: r.endedBy,
    transferred: r.transferred,
    transferKind: r.transferKind,
    transferTo: r.transferTo,
    events: r.events,
  };
  const phone = r.customerId === null && r.caller ? normalizePhone(r.caller) : undefined;
  const customerId = r.customerId ?? (phone !== undefined ? (customers.get(phone) ?? null) : null);
  // Same order as upsertColumns.
  return [id ?? callRowId(r.source, r.externalId, r.queue), r.source, r.externalId, r.queue, r.agent, r.caller, customerId, r.startedAt, r.outcome, JSON.stringify(measures), sourceLines, now];
}

/** Rule ids with `ok: false` in a quality result (QualityResult.checks). */
function failedRulesOf(quality: unknown): string[] {
  const checks = (quality as { checks?: unknown } | null)?.checks;
  if (!Array.isArray(checks)) return [];
  return checks.filter((c): c is { rule: string; ok: false } => (c as { ok?: unknown }).ok === false && typeof (c as { rule?: unknown }).rule === 'string').map((c) => c.rule);
}

const num = (v: number | string | null): number | null => (v === null ? null : Number(v));

function toStored(r: SummaryRow, full: boolean): StoredCall {
  const m = JSON.parse(r.measures) as CallMeasures;
  return {
    id: r.id,
    source: r.source as CallSource,
    externalId: r.external_id,
    queue: r.queue,
    agent: r.agent,
    caller: r.caller,
    customerId: r.customer_id,
    vip: m.vip,
    startedAt: num(r.started_at),
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
    transcript: full && r.transcript != null ? (JSON.parse(r.transcript) as unknown) : null,
    quality: full && r.quality != null ? (JSON.parse(r.quality) as unknown) : null,
    qualityScore: r.quality_score === null ? null : Number(r.quality_score),
    qualityFatal: r.quality_fatal === null ? null : Number(r.quality_fatal) === 1,
    failedRules: r.failed_rules === null ? [] : (JSON.parse(r.failed_rules) as string[]),
    standardVersion: r.standard_version,
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
