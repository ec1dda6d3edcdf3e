import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Dialect } from '../db/database.js';
import { AppError } from '../../core/shared/app-error.js';
import { searchTokens } from '../../core/search/search-text.js';
import { ERASED, ERASED_CUSTOMER_NAME, erasureNeedles, scrub } from '../../core/customers/erasure.js';
import type { CustomerPhone } from '../../core/customers/customer.js';

/**
 * `kefu customer export <id>` and `kefu customer erase <id>` (PIPL, issue #20).
 *
 * Erasing removes the customer and every copy of their personal data the database holds; their
 * tickets, calls and callback results stay (the centre's figures need them) with the link to the
 * person cut: no customer id, no name, no number. See core/customers/erasure.ts for what counts as
 * theirs; this file finds it. One transaction: an erase that fails half-way changes nothing.
 */

/** Tables whose rows are about the system, not a customer: the name is scrubbed there too. */
const SYSTEM_TABLES = new Set(['audit_log', 'jobs', 'event_log', 'settings']);
/** Bookkeeping no personal data reaches. */
const SKIPPED_TABLES = /^(kysely_migration|kysely_migration_lock|sqlite_.*|.*_fts_(data|idx|docsize|config|content))$/;

export interface CustomerExport {
  exportedAt: number;
  customer: Record<string, unknown>;
  stageHistory: unknown[];
  tickets: Array<Record<string, unknown> & { history: unknown[]; promises: unknown[] }>;
  calls: unknown[];
  callbacks: { tasks: unknown[]; attempts: unknown[]; reports: unknown[] };
}

export interface ErasureSummary {
  customerId: string;
  tickets: number;
  calls: number;
  callbackTasks: number;
  /** Text columns rewritten, by table. */
  rewritten: Record<string, number>;
  /** Rows deleted, by table. */
  deleted: Record<string, number>;
}

const parse = (v: string | null): unknown => {
  if (v === null) return null;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
};

async function loadCustomer(db: Kysely<DB>, id: string) {
  const c = await db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
  if (!c) throw AppError.notFound(`Customer ${id}`);
  const phones = (JSON.parse(c.phones) as CustomerPhone[]).map((p) => p.number);
  const extra = (await db.selectFrom('customer_phones').select('phone').where('customer_id', '=', id).execute()).map((r) => r.phone);
  return { row: c, phones: [...new Set([...phones, ...extra])] };
}

async function linkedTickets(db: Kysely<DB>, id: string, phones: string[]) {
  let q = db.selectFrom('tickets').selectAll();
  q = phones.length ? q.where((eb) => eb.or([eb('customer_id', '=', id), eb('contact_phone', 'in', phones)])) : q.where('customer_id', '=', id);
  return q.orderBy('created_at').execute();
}

async function linkedCalls(db: Kysely<DB>, id: string, phones: string[]) {
  let q = db.selectFrom('calls').selectAll();
  q = phones.length ? q.where((eb) => eb.or([eb('customer_id', '=', id), eb('caller', 'in', phones)])) : q.where('customer_id', '=', id);
  return q.orderBy('started_at').execute();
}

/** Everything the centre holds about the customer, unmasked: the data subject's copy. */
export async function exportCustomer(db: Kysely<DB>, id: string, now: number): Promise<CustomerExport> {
  const { row, phones } = await loadCustomer(db, id);
  const tickets = await linkedTickets(db, id, phones);
  const ticketIds = tickets.map((t) => t.id);
  const history = ticketIds.length ? await db.selectFrom('ticket_history').selectAll().where('ticket_id', 'in', ticketIds).orderBy('at').execute() : [];
  const promises = ticketIds.length ? await db.selectFrom('ticket_promises').selectAll().where('ticket_id', 'in', ticketIds).execute() : [];
  const calls = await linkedCalls(db, id, phones);
  const tasks = await db.selectFrom('callback_tasks').selectAll().where('customer_id', '=', id).execute();
  const taskIds = tasks.map((t) => t.id);
  const attempts = taskIds.length ? await db.selectFrom('callback_attempts').selectAll().where('task_id', 'in', taskIds).execute() : [];
  const reports = await db.selectFrom('callback_reports').selectAll().where('customer_id', '=', id).execute();
  const { search_tokens: _t, search_seq: _s, ...customer } = row;
  return {
    exportedAt: now,
    customer: { ...customer, tags: parse(customer.tags), phones: parse(customer.phones), contact_preferences: parse(customer.contact_preferences) },
    stageHistory: await db.selectFrom('customer_stage_history').selectAll().where('customer_id', '=', id).orderBy('at').execute(),
    tickets: tickets.map(({ search_tokens: _a, search_seq: _b, ...t }) => ({
      ...t,
      summary: parse(t.summary),
      history: history.filter((h) => h.ticket_id === t.id).map((h) => ({ ...h, changes: parse(h.changes) })),
      promises: promises.filter((p) => p.ticket_id === t.id),
    })),
    calls: calls.map((c) => ({ ...c, measures: parse(c.measures), transcript: parse(c.transcript), quality: parse(c.quality), failed_rules: parse(c.failed_rules) })),
    callbacks: { tasks: tasks.map((t) => ({ ...t, target: parse(t.target) })), attempts: attempts.map((a) => ({ ...a, report: parse(a.report) })), reports: reports.map((r) => ({ ...r, report: parse(r.report) })) },
  };
}

/** Every text column of every table (the catalogue, so a table added later is covered too). */
async function textColumns(trx: Transaction<DB>, dialect: Dialect): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (dialect === 'sqlite') {
    const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(trx);
    for (const { name } of tables.rows) {
      if (SKIPPED_TABLES.test(name)) continue;
      const cols = await sql<{ name: string; type: string }>`select name, type from pragma_table_info(${name})`.execute(trx);
      const text = cols.rows.filter((c) => c.type === '' || /TEXT|CHAR|CLOB/i.test(c.type)).map((c) => c.name);
      if (text.length) out.set(name, text);
    }
  } else {
    const cols = await sql<{ table_name: string; column_name: string }>`
      select c.table_name, c.column_name from information_schema.columns c
        join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
       where c.table_schema = current_schema() and t.table_type = 'BASE TABLE' and c.data_type in ('text', 'character varying')
         and c.is_generated = 'NEVER'
       order by c.table_name, c.ordinal_position`.execute(trx);
    for (const r of cols.rows) {
      if (SKIPPED_TABLES.test(r.table_name)) continue;
      out.set(r.table_name, [...(out.get(r.table_name) ?? []), r.column_name]);
    }
  }
  return out;
}

/** `update t set c = replace(replace(c, n1, '[已删除]'), n2, …) where c like '%n1%' or …`; returns rows changed. */
async function replaceIn(trx: Transaction<DB>, table: string, column: string, needles: readonly string[]): Promise<number> {
  if (needles.length === 0) return 0;
  const col = sql.ref(column);
  let expr = sql`${col}`;
  for (const n of needles) expr = sql`replace(${expr}, ${n}, ${ERASED})`;
  const where = sql.join(needles.map((n) => sql`${col} like ${`%${n}%`}`), sql` or `);
  const r = await sql`update ${sql.table(table)} set ${col} = ${expr} where ${where}`.execute(trx);
  return Number(r.numAffectedRows ?? 0);
}

export async function eraseCustomer(db: Kysely<DB>, dialect: Dialect, id: string, now: number): Promise<ErasureSummary> {
  return db.transaction().execute(async (trx) => {
    const { row, phones } = await loadCustomer(trx, id);
    const tickets = await linkedTickets(trx, id, phones);
    const calls = await linkedCalls(trx, id, phones);
    const customer = { name: row.name, code: row.code, email: row.email, note: row.note, tags: JSON.parse(row.tags) as string[], phones: phones.map((number) => ({ number, kind: 'other' as const })) };
    const needles = erasureNeedles(customer, phones, [...tickets.flatMap((t) => [t.title, t.description, t.summary]), ...calls.map((c) => c.transcript)]);
    const summary: ErasureSummary = { customerId: id, tickets: tickets.length, calls: calls.length, callbackTasks: 0, rewritten: {}, deleted: {} };
    const count = (into: Record<string, number>, table: string, n: number) => {
      if (n > 0) into[table] = (into[table] ?? 0) + n;
    };

    // 1. Their own records, kept with the link cut: the name too is scrubbed here.
    const ticketIds = tickets.map((t) => t.id);
    for (const t of tickets) {
      const title = t.title === null ? null : scrub(t.title, needles.linked);
      const description = scrub(t.description, needles.linked);
      const summaryText = t.summary === null ? null : scrub(t.summary, needles.linked);
      const parsed = summaryText ? (JSON.parse(summaryText) as { problemType?: string; solution?: string }) : null;
      // The ticket's search tokens as ticket-repository's ticketSearchTokens builds them, from the scrubbed text.
      const tokens = searchTokens(title, description, ERASED_CUSTOMER_NAME, t.problem_type, parsed?.problemType, parsed?.solution, null, t.call_id);
      await trx.updateTable('tickets').set({ customer_id: null, customer_name: ERASED_CUSTOMER_NAME, contact_phone: null, title, description, summary: summaryText, search_tokens: tokens }).where('id', '=', t.id).execute();
      if (dialect === 'sqlite' && t.search_seq !== null) await sql`update ticket_fts set tokens = ${tokens} where rowid = ${t.search_seq}`.execute(trx);
    }
    if (ticketIds.length) {
      for (const column of ['changes', 'note'] as const) count(summary.rewritten, 'ticket_history', await replaceInWhere(trx, 'ticket_history', column, needles.linked, sql`ticket_id in (${sql.join(ticketIds)})`));
      count(summary.rewritten, 'ticket_promises', await replaceInWhere(trx, 'ticket_promises', 'note', needles.linked, sql`ticket_id in (${sql.join(ticketIds)})`));
    }
    for (const c of calls) {
      await trx
        .updateTable('calls')
        .set({
          customer_id: null,
          caller: null,
          transcript: c.transcript === null ? null : scrub(c.transcript, needles.linked),
          quality: c.quality === null ? null : scrub(c.quality, needles.linked),
          source_lines: c.source_lines === null ? null : scrub(c.source_lines, needles.linked),
          // The recording is their voice: Kefu holds no audio, and no longer points at it either
          // (deleting the file is the PBX's side; `kefu customer export` listed the reference).
          recording: null,
        })
        .where('id', '=', c.id)
        .execute();
      count(summary.rewritten, 'call_source_events', await replaceInWhere(trx, 'call_source_events', 'data', needles.linked, sql`source = ${c.source} and external_id = ${c.external_id}`));
      count(summary.rewritten, 'call_source_events', await dropRecordingReferences(trx, c.source, c.external_id));
    }
    const tasks = await trx.selectFrom('callback_tasks').select(['id', 'status']).where('customer_id', '=', id).execute();
    summary.callbackTasks = tasks.length;
    if (tasks.length) {
      const taskIds = tasks.map((t) => t.id);
      for (const column of ['note', 'message', 'report'] as const) count(summary.rewritten, 'callback_attempts', await replaceInWhere(trx, 'callback_attempts', column, needles.linked, sql`task_id in (${sql.join(taskIds)})`));
      count(summary.rewritten, 'callback_tasks', await replaceInWhere(trx, 'callback_tasks', 'target', needles.linked, sql`customer_id = ${id}`));
      // Nobody is to call them again: open tasks close as refused.
      await trx.updateTable('callback_tasks').set({ status: 'closed', close_reason: 'refused', closed_at: now, updated_at: now }).where('customer_id', '=', id).where('status', '!=', 'closed').execute();
      await trx.updateTable('callback_tasks').set({ customer_id: 'erased' }).where('customer_id', '=', id).execute();
    }
    count(summary.rewritten, 'callback_reports', await replaceInWhere(trx, 'callback_reports', 'report', needles.linked, sql`customer_id = ${id}`));
    await trx.updateTable('callback_reports').set({ customer_id: 'erased' }).where('customer_id', '=', id).execute();

    // 2. The customer themself, and copies that exist only for them.
    const del = async (table: 'customer_stage_history' | 'customer_phones' | 'event_log', n: Promise<{ numDeletedRows: bigint }>) => count(summary.deleted, table, Number((await n).numDeletedRows));
    await del('customer_stage_history', trx.deleteFrom('customer_stage_history').where('customer_id', '=', id).executeTakeFirst());
    await del('customer_phones', trx.deleteFrom('customer_phones').where('customer_id', '=', id).executeTakeFirst());
    await del('event_log', trx.deleteFrom('event_log').where('customer_id', '=', id).executeTakeFirst());
    if (dialect === 'sqlite' && row.search_seq !== null) await sql`delete from customer_fts where rowid = ${row.search_seq}`.execute(trx);
    await trx.deleteFrom('customers').where('id', '=', id).execute();
    count(summary.deleted, 'customers', 1);
    // A stored answer to a retried request may hold them (a created ticket or customer): dropped, not rewritten.
    const idem = await trx.deleteFrom('idempotency_keys').where((eb) => eb.or(needles.linked.map((n) => eb('response_body', 'like', `%${n}%`)))).executeTakeFirst();
    count(summary.deleted, 'idempotency_keys', Number(idem.numDeletedRows));

    // 3. Every text column of every table: numbers and ID numbers everywhere, the name in system tables.
    for (const [table, columns] of await textColumns(trx, dialect)) {
      for (const column of columns) {
        const n = await replaceIn(trx, table, column, SYSTEM_TABLES.has(table) ? needles.linked : needles.everywhere);
        count(summary.rewritten, table, n);
      }
    }
    // FTS5 keeps old index segments until merged: merge them so no deleted token lingers in the file.
    if (dialect === 'sqlite') for (const fts of ['ticket_fts', 'customer_fts']) await sql`insert into ${sql.table(fts)}(${sql.table(fts)}) values ('optimize')`.execute(trx);
    return summary;
  });
}

/** A CTI event of the call that named its recording keeps the event, without the reference. */
async function dropRecordingReferences(trx: Transaction<DB>, source: string, externalId: string): Promise<number> {
  const rows = await trx
    .selectFrom('call_source_events')
    .select(['time', 'line_hash', 'data'])
    .where('source', '=', source)
    .where('external_id', '=', externalId)
    .where('data', 'like', '%"recording"%')
    .execute();
  let n = 0;
  for (const r of rows) {
    const data = JSON.parse(r.data) as Record<string, unknown>;
    if (!('recording' in data)) continue;
    delete data.recording;
    await trx
      .updateTable('call_source_events')
      .set({ data: JSON.stringify(data) })
      .where('source', '=', source)
      .where('external_id', '=', externalId)
      .where('time', '=', r.time)
      .where('line_hash', '=', r.line_hash)
      .execute();
    n++;
  }
  return n;
}

async function replaceInWhere(trx: Transaction<DB>, table: string, column: string, needles: readonly string[], where: ReturnType<typeof sql>): Promise<number> {
  if (needles.length === 0) return 0;
  const col = sql.ref(column);
  let expr = sql`${col}`;
  for (const n of needles) expr = sql`replace(${expr}, ${n}, ${ERASED})`;
  const r = await sql`update ${sql.table(table)} set ${col} = ${expr} where (${where}) and ${col} is not null`.execute(trx);
  return Number(r.numAffectedRows ?? 0);
}
