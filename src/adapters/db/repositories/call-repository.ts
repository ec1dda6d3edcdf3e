import { createHash } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { DB } from '../schema.js';
import type { Dialect } from '../database.js';
import type { CallsTable } from '../tables/calls.js';
import type { CallEndDetail, CallOutcomeName, CallRecord, CallSource } from '../../../core/calls/call-record.js';
import type { CallEvent, HangupParty, TransferKind } from '../../../core/interactions/call.js';

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
  return `call_${createHash('sha1').update(`${source}\u0000${externalId}\u0000${queue}`).digest('base64url').slice(0, 22)}`;
}

type Db = Kysely<DB>;

const upsertColumns = [
  'id', 'source', 'external_id', 'queue', 'agent', 'caller', 'customer_id', 'vip', 'started_at', 'entered_queue_at', 'offered_at', 'answered_at', 'ended_at',
  'wait_ms', 'ring_ms', 'talk_ms', 'hold_ms', 'missed_rings', 'missed_ring_agents', 'outcome', 'end_detail', 'ended_by', 'transferred', 'transfer_kind',
  'transfer_to', 'events', 'updated_at',
] as const;
const bigintColumns = new Set(['vip', 'started_at', 'entered_queue_at', 'offered_at', 'answered_at', 'ended_at', 'wait_ms', 'ring_ms', 'talk_ms', 'hold_ms', 'missed_rings', 'transferred', 'updated_at']);

/**
 * Calls and what they were built from. Bulk writes go through one JSON parameter expanded by the
 * database (json_each / jsonb_array_elements): one statement per batch of thousands of rows, the
 * same SQL shape on SQLite and PostgreSQL, no per-row round trip.
 */
export class CallRepository {
  constructor(
    private readonly db: Db,
    private readonly dialect: Dialect,
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
    if (records.length === 0) return;
    const json = JSON.stringify(records.map((r) => callRow(r, now)));
    const cols = sql.raw(upsertColumns.join(', '));
    const picks = sql.raw(
      upsertColumns
        .map((c, i) => (this.dialect === 'sqlite' ? `value->>${i}` : bigintColumns.has(c) ? `(x->>${i})::bigint` : `x->>${i}`))
        .join(', '),
    );
    const updates = sql.raw(
      upsertColumns
        .filter((c) => c !== 'id')
        .map((c) => (c === 'customer_id' ? 'customer_id = coalesce(excluded.customer_id, calls.customer_id)' : `${c} = excluded.${c}`))
        .join(', '),
    );
    const q =
      this.dialect === 'sqlite'
        ? sql`insert into calls (${cols}) select ${picks} from json_each(${json}) where true on conflict (id) do update set ${updates}`
        : sql`insert into calls (${cols}) select ${picks} from jsonb_array_elements(${json}::jsonb) as x on conflict (id) do update set ${updates}`;
    await q.execute(db);
  }

  async get(id: string): Promise<StoredCall | undefined> {
    const r = await this.db.selectFrom('calls').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toStored(r, true);
  }

  /** Newest first; `cursor` is the last item of the previous page. */
  async list(filter: CallFilter & { limit: number; cursor?: string | undefined }): Promise<{ items: StoredCall[]; nextCursor: string | null }> {
    let q = this.filtered(filter);
    if (filter.cursor) {
      const c = decodeCursor(filter.cursor);
      q = q.where((eb) => eb.or([eb('started_at', '<', c.startedAt), eb.and([eb('started_at', '=', c.startedAt), eb('id', '<', c.id)])]));
    }
    const rows = await q.selectAll().orderBy('started_at', 'desc').orderBy('id', 'desc').limit(filter.limit + 1).execute();
    const items = rows.slice(0, filter.limit).map((r) => toStored(r, false));
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > filter.limit && last ? encodeCursor(last.startedAt ?? 0, last.id) : null };
  }

  /** Calls page by page, for reports: memory stays flat whatever the period. */
  async eachCall(filter: CallFilter, onCall: (c: StoredCall) => void, pageSize = 5000): Promise<void> {
    let after = '';
    for (;;) {
      const rows = await this.filtered(filter).selectAll().where('id', '>', after).orderBy('id').limit(pageSize).execute();
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
      .set({ transcript: JSON.stringify(q.transcript), quality: JSON.stringify(q.quality), quality_score: q.score, quality_fatal: q.fatal ? 1 : 0, standard_version: q.standardVersion, updated_at: now })
      .where('id', '=', id)
      .execute();
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
    return q;
  }
}

function callRow(r: CallRecord, now: number): unknown[] {
  const values: Record<(typeof upsertColumns)[number], unknown> = {
    id: callRowId(r.source, r.externalId, r.queue),
    source: r.source,
    external_id: r.externalId,
    queue: r.queue,
    agent: r.agent,
    caller: r.caller,
    customer_id: r.customerId,
    vip: r.vip ? 1 : 0,
    started_at: r.startedAt,
    entered_queue_at: r.enteredQueueAt,
    offered_at: r.offeredAt,
    answered_at: r.answeredAt,
    ended_at: r.endedAt,
    wait_ms: r.waitMs,
    ring_ms: r.ringMs,
    talk_ms: r.talkMs,
    hold_ms: r.holdMs,
    missed_rings: r.missedRings,
    missed_ring_agents: r.missedRingAgents ? JSON.stringify(r.missedRingAgents) : null,
    outcome: r.outcome,
    end_detail: r.endDetail,
    ended_by: r.endedBy,
    transferred: r.transferred ? 1 : 0,
    transfer_kind: r.transferKind,
    transfer_to: r.transferTo,
    events: JSON.stringify(r.events),
    updated_at: now,
  };
  return upsertColumns.map((c) => values[c]);
}

const num = (v: number | string | null): number | null => (v === null ? null : Number(v));

function toStored(r: Selectable<CallsTable>, full: boolean): StoredCall {
  return {
    id: r.id,
    source: r.source as CallSource,
    externalId: r.external_id,
    queue: r.queue,
    agent: r.agent,
    caller: r.caller,
    customerId: r.customer_id,
    vip: Number(r.vip) === 1,
    startedAt: num(r.started_at),
    enteredQueueAt: num(r.entered_queue_at),
    offeredAt: num(r.offered_at),
    answeredAt: num(r.answered_at),
    endedAt: num(r.ended_at),
    waitMs: num(r.wait_ms),
    ringMs: num(r.ring_ms),
    talkMs: num(r.talk_ms),
    holdMs: num(r.hold_ms),
    missedRings: Number(r.missed_rings),
    missedRingAgents: r.missed_ring_agents === null ? null : (JSON.parse(r.missed_ring_agents) as string[]),
    outcome: r.outcome as CallOutcomeName,
    endDetail: r.end_detail as CallEndDetail,
    endedBy: r.ended_by as HangupParty | null,
    transferred: Number(r.transferred) === 1,
    transferKind: r.transfer_kind as TransferKind | null,
    transferTo: r.transfer_to,
    events: JSON.parse(r.events) as CallEvent[],
    transcript: full && r.transcript !== null ? (JSON.parse(r.transcript) as unknown) : null,
    quality: full && r.quality !== null ? (JSON.parse(r.quality) as unknown) : null,
    qualityScore: r.quality_score === null ? null : Number(r.quality_score),
    qualityFatal: r.quality_fatal === null ? null : Number(r.quality_fatal) === 1,
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
