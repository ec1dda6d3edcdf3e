import { sql, type Kysely, type Selectable } from 'kysely';
import type { DB } from '../schema.js';
import type { Dialect } from '../database.js';
import type { TicketHistoryTable, TicketPromisesTable, TicketsTable } from '../tables/customers-tickets.js';
import type { Page } from '../../../core/customers/ports.js';
import type { ListedTicket, PromiseStore, TicketHistoryStore, TicketStore, TicketStoreQuery } from '../../../core/tickets/ports.js';
import {
  settledStatuses,
  type CallSummary,
  type PromiseKind,
  type PromiseStatus,
  type Ticket,
  type TicketChannel,
  type TicketHistoryAction,
  type TicketHistoryEntry,
  type TicketPriority,
  type TicketPromise,
  type TicketStatus,
} from '../../../core/tickets/ticket.js';
import type { EscalationLevel } from '../../../core/tickets/ticket-settings.js';
import { searchTokens } from '../../../core/search/search-text.js';
import { ticketConditionSql } from './ticket-filter-sql.js';
import { decodeCursor, encodeCursor, pgRankMatters, searchClause, tsqueryOf } from './search-sql.js';

const columns = [
  'tickets.id',
  'tickets.number',
  'tickets.type',
  'tickets.complaint_class',
  'tickets.complaint_grade',
  'tickets.problem_type',
  'tickets.title',
  'tickets.description',
  'tickets.customer_id',
  'tickets.customer_name',
  'tickets.contact_phone',
  'tickets.call_id',
  'tickets.visit_id',
  'tickets.channel',
  'tickets.status',
  'tickets.priority',
  'tickets.assignee_id',
  'tickets.team',
  'tickets.escalation_level',
  'tickets.created_by',
  'tickets.created_at',
  'tickets.updated_at',
  'tickets.call_ended_at',
  'tickets.summary',
  'tickets.summary_at',
  'tickets.resolved_at',
  'tickets.closed_at',
  'tickets.reopen_count',
  'tickets.paused_since',
] as const;

type Row = Omit<Selectable<TicketsTable>, 'search_tokens' | 'search_seq'>;

function toTicket(r: Row): Ticket {
  return {
    id: r.id,
    number: r.number,
    type: r.type,
    complaintClass: r.complaint_class,
    complaintGrade: r.complaint_grade,
    problemType: r.problem_type,
    title: r.title,
    description: r.description,
    customerId: r.customer_id,
    customerName: r.customer_name,
    contactPhone: r.contact_phone,
    callId: r.call_id,
    visitId: r.visit_id,
    channel: r.channel as TicketChannel,
    status: r.status as TicketStatus,
    priority: r.priority as TicketPriority,
    assigneeId: r.assignee_id,
    team: r.team,
    escalationLevel: r.escalation_level as EscalationLevel,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    callEndedAt: r.call_ended_at,
    summary: r.summary ? (JSON.parse(r.summary) as CallSummary) : null,
    resolvedAt: r.resolved_at,
    closedAt: r.closed_at,
    reopenCount: r.reopen_count,
    pausedSince: r.paused_since,
  };
}

export function ticketSearchTokens(t: Ticket): string {
  return searchTokens(t.title, t.description, t.customerName, t.problemType, t.summary?.problemType, t.summary?.solution, t.contactPhone, t.callId);
}

function values(t: Ticket) {
  return {
    id: t.id,
    number: t.number,
    type: t.type,
    complaint_class: t.complaintClass,
    complaint_grade: t.complaintGrade,
    problem_type: t.problemType,
    title: t.title,
    description: t.description,
    customer_id: t.customerId,
    customer_name: t.customerName,
    contact_phone: t.contactPhone,
    call_id: t.callId,
    visit_id: t.visitId,
    channel: t.channel,
    status: t.status,
    priority: t.priority,
    assignee_id: t.assigneeId,
    team: t.team,
    escalation_level: t.escalationLevel,
    created_by: t.createdBy,
    created_at: t.createdAt,
    updated_at: t.updatedAt,
    call_ended_at: t.callEndedAt,
    summary: t.summary ? JSON.stringify(t.summary) : null,
    summary_at: t.summary?.writtenAt ?? null,
    resolved_at: t.resolvedAt,
    closed_at: t.closedAt,
    reopen_count: t.reopenCount,
    paused_since: t.pausedSince,
  };
}

/** Tickets with their full-text index. Data access only: rules live in src/core/tickets. */
export class TicketRepository implements TicketStore {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly dialect: Dialect,
  ) {}

  async insert(t: Ticket): Promise<void> {
    const tokens = ticketSearchTokens(t);
    await this.db
      .insertInto('tickets')
      .values({
        ...values(t),
        search_tokens: tokens,
        // SQLite writers are serialized, so max()+1 is a safe key for the FTS row.
        search_seq: this.dialect === 'sqlite' ? sql<number>`(select coalesce(max(search_seq), 0) + 1 from tickets)` : null,
      })
      .execute();
    if (this.dialect === 'sqlite') await sql`insert into ticket_fts(rowid, tokens) select search_seq, ${tokens} from tickets where id = ${t.id}`.execute(this.db);
  }

  async update(t: Ticket): Promise<void> {
    const tokens = ticketSearchTokens(t);
    const before = await this.db.selectFrom('tickets').select(['search_tokens', 'search_seq']).where('id', '=', t.id).executeTakeFirst();
    const { id: _id, created_at: _c, ...rest } = values(t);
    await this.db.updateTable('tickets').set({ ...rest, search_tokens: tokens }).where('id', '=', t.id).execute();
    if (this.dialect === 'sqlite' && before && before.search_tokens !== tokens && before.search_seq !== null) {
      await sql`delete from ticket_fts where rowid = ${before.search_seq}`.execute(this.db);
      await sql`insert into ticket_fts(rowid, tokens) values (${before.search_seq}, ${tokens})`.execute(this.db);
    }
  }

  async findById(id: string): Promise<Ticket | undefined> {
    const r = await this.db.selectFrom('tickets').select(columns).where('id', '=', id).executeTakeFirst();
    return r && toTicket(r);
  }

  async findByNumber(number: string): Promise<Ticket | undefined> {
    const r = await this.db.selectFrom('tickets').select(columns).where('number', '=', number).executeTakeFirst();
    return r && toTicket(r);
  }

  /**
   * The next sequence of a day (`GD20251009` → 1, 2, …): one upsert inside the creating
   * transaction. PostgreSQL holds the day's row locked until the commit, so a parallel create waits
   * and gets the next value; SQLite runs one writer at a time. A rolled-back create gives its
   * number back with its transaction.
   */
  async nextNumber(dayKey: string): Promise<number> {
    const r = await this.db
      .insertInto('ticket_number_days')
      .values({ day_key: dayKey, last_seq: 1 })
      .onConflict((oc) => oc.column('day_key').doUpdateSet({ last_seq: sql<number>`ticket_number_days.last_seq + 1` }))
      .returning('last_seq')
      .executeTakeFirstOrThrow();
    return Number(r.last_seq);
  }

  async findForUpdate(id: string): Promise<Ticket | undefined> {
    let q = this.db.selectFrom('tickets').select(columns).where('id', '=', id);
    // SQLite has no row locks and needs none: its one writer runs transactions one at a time.
    if (this.dialect === 'postgres') q = q.forUpdate();
    const r = await q.executeTakeFirst();
    return r && toTicket(r);
  }

  async list(q: TicketStoreQuery): Promise<Page<ListedTicket>> {
    if (q.promiseDueBetween) return this.listPromisesDue(q, q.promiseDueBetween);
    const cursor = decodeCursor(q.cursor);
    const search = searchClause(q.q, this.dialect, q.numbers);
    let query = this.filtered(q);
    if (search) {
      const offset = cursor && 'offset' in cursor ? cursor.offset : 0;
      const filtered = Object.entries(q).some(([k, v]) => v !== undefined && !['q', 'limit', 'cursor'].includes(k));
      if (this.dialect === 'sqlite' && !filtered) {
        // Search alone: rank and cut the page inside FTS5 first, then fetch only those tickets.
        const rows = await this.db
          .selectFrom((eb) =>
            eb
              .selectFrom('ticket_fts')
              .select(['ticket_fts.rowid', 'ticket_fts.rank'])
              .where(sql<boolean>`ticket_fts match ${search.text}`)
              .orderBy('ticket_fts.rank')
              .orderBy('ticket_fts.rowid', 'desc')
              .limit(q.limit + 1)
              .offset(offset)
              .as('f'),
          )
          .innerJoin('tickets', 'tickets.search_seq', 'f.rowid')
          .select(columns)
          .orderBy('f.rank')
          .orderBy('f.rowid', 'desc')
          .execute();
        return { items: rows.slice(0, q.limit).map(toTicket), nextCursor: rows.length > q.limit ? encodeCursor({ offset: offset + q.limit }) : null };
      }
      if (this.dialect === 'sqlite') {
        query = query
          .innerJoin('ticket_fts', 'ticket_fts.rowid', 'tickets.search_seq')
          .where(sql<boolean>`ticket_fts match ${search.text}`)
          .orderBy(sql`ticket_fts.rank`)
          .orderBy('tickets.id', 'desc');
      } else {
        const tsq = tsqueryOf(search.text);
        query = query.where(sql<boolean>`tickets.search_vector @@ ${tsq}`);
        if (pgRankMatters(search)) query = query.orderBy(sql`ts_rank(tickets.search_vector, ${tsq})`, 'desc');
        query = query.orderBy('tickets.id', 'desc');
      }
      const rows = await query.limit(q.limit + 1).offset(offset).execute();
      return { items: rows.slice(0, q.limit).map(toTicket), nextCursor: rows.length > q.limit ? encodeCursor({ offset: offset + q.limit }) : null };
    }
    if (cursor && 'id' in cursor) query = query.where('tickets.id', '<', cursor.id);
    const rows = await query.orderBy('tickets.id', 'desc').limit(q.limit + 1).execute();
    const items = rows.slice(0, q.limit).map(toTicket);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > q.limit && last ? encodeCursor({ id: last.id }) : null };
  }

  /** The filters every listing shares: status, type, people, dates, and the core's conditions. */
  private filtered(q: TicketStoreQuery) {
    let query = this.db.selectFrom('tickets').select(columns);
    if (q.status?.length) query = query.where('tickets.status', 'in', q.status);
    if (q.type) query = query.where('tickets.type', '=', q.type);
    if (q.number) query = query.where('tickets.number', '=', q.number);
    if (q.assigneeId) query = query.where('tickets.assignee_id', '=', q.assigneeId);
    if (q.team) query = query.where('tickets.team', '=', q.team);
    if (q.customerId) query = query.where('tickets.customer_id', '=', q.customerId);
    if (q.callId) query = query.where('tickets.call_id', '=', q.callId);
    if (q.citingArticle) {
      const articleId = q.citingArticle;
      query = query.where((eb) => eb.exists(eb.selectFrom('ticket_articles').select('ticket_articles.ticket_id').whereRef('ticket_articles.ticket_id', '=', 'tickets.id').where('ticket_articles.article_id', '=', articleId)));
    }
    if (q.createdFrom !== undefined) query = query.where('tickets.created_at', '>=', q.createdFrom);
    if (q.createdTo !== undefined) query = query.where('tickets.created_at', '<', q.createdTo);
    // The core's rules (team privacy, overdue), applied as they are.
    for (const c of q.where ?? []) query = query.where((eb) => ticketConditionSql(eb, c));
    return query;
  }

  /**
   * Tickets, not yet resolved, with an open promise due in [from, to], soonest first, each with
   * that due time. Paged by offset: the order is by due time, not by id.
   */
  private async listPromisesDue(q: TicketStoreQuery, due: { from: number; to: number }): Promise<Page<ListedTicket>> {
    const cursor = decodeCursor(q.cursor);
    const offset = cursor && 'offset' in cursor ? cursor.offset : 0;
    const search = searchClause(q.q, this.dialect, q.numbers);
    const dueSoon = this.db
      .selectFrom('ticket_promises')
      .select(['ticket_promises.ticket_id', (eb) => eb.fn.min('ticket_promises.due_at').as('due_at')])
      .where('ticket_promises.status', '=', 'open')
      .where('ticket_promises.kept_at', 'is', null)
      .where('ticket_promises.replaced_by_id', 'is', null)
      .where('ticket_promises.due_at', '>=', due.from)
      .where('ticket_promises.due_at', '<=', due.to)
      .groupBy('ticket_promises.ticket_id')
      .as('due');
    let query = this.filtered(q)
      .innerJoin(dueSoon, 'due.ticket_id', 'tickets.id')
      .select('due.due_at as promise_due_at')
      .where('tickets.status', 'not in', [...settledStatuses]);
    if (search) {
      query =
        this.dialect === 'sqlite'
          ? query.innerJoin('ticket_fts', 'ticket_fts.rowid', 'tickets.search_seq').where(sql<boolean>`ticket_fts match ${search.text}`)
          : query.where(sql<boolean>`tickets.search_vector @@ ${tsqueryOf(search.text)}`);
    }
    const rows = await query.orderBy('promise_due_at').orderBy('tickets.id').limit(q.limit + 1).offset(offset).execute();
    return {
      items: rows.slice(0, q.limit).map((r) => ({ ...toTicket(r), promiseDueAt: Number(r.promise_due_at) })),
      nextCursor: rows.length > q.limit ? encodeCursor({ offset: offset + q.limit }) : null,
    };
  }

  /** Tickets created in [from, to), for the measures. */
  async createdBetween(from: number, to: number): Promise<Ticket[]> {
    const rows = await this.db.selectFrom('tickets').select(columns).where('created_at', '>=', from).where('created_at', '<', to).orderBy('created_at').execute();
    return rows.map(toTicket);
  }

  async count(q: Omit<TicketStoreQuery, 'limit' | 'cursor'> = {}): Promise<number> {
    let query = this.filtered({ ...q, limit: 0 }).clearSelect().select((eb) => eb.fn.countAll<number>().as('n'));
    const search = searchClause(q.q, this.dialect, q.numbers);
    if (search) {
      query =
        this.dialect === 'sqlite'
          ? query.innerJoin('ticket_fts', 'ticket_fts.rowid', 'tickets.search_seq').where(sql<boolean>`ticket_fts match ${search.text}`)
          : query.where(sql<boolean>`tickets.search_vector @@ ${tsqueryOf(search.text)}`);
    }
    const r = await query.executeTakeFirstOrThrow();
    return Number(r.n);
  }
}

function toHistory(r: Selectable<TicketHistoryTable>): TicketHistoryEntry {
  return {
    id: r.id,
    ticketId: r.ticket_id,
    at: r.at,
    actorId: r.actor_id,
    actorName: r.actor_name,
    action: r.action as TicketHistoryAction,
    changes: r.changes ? (JSON.parse(r.changes) as TicketHistoryEntry['changes']) : null,
    note: r.note,
  };
}

export class TicketHistoryRepository implements TicketHistoryStore {
  constructor(private readonly db: Kysely<DB>) {}

  async append(...entries: TicketHistoryEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.db
      .insertInto('ticket_history')
      .values(entries.map((e) => ({ id: e.id, ticket_id: e.ticketId, at: e.at, actor_id: e.actorId, actor_name: e.actorName, action: e.action, changes: e.changes ? JSON.stringify(e.changes) : null, note: e.note })))
      .execute();
  }

  async forTicket(ticketId: string): Promise<TicketHistoryEntry[]> {
    const rows = await this.db.selectFrom('ticket_history').selectAll().where('ticket_id', '=', ticketId).orderBy('id').execute();
    return rows.map(toHistory);
  }
}

function toPromise(r: Selectable<TicketPromisesTable>): TicketPromise {
  return {
    id: r.id,
    ticketId: r.ticket_id,
    kind: r.kind as PromiseKind,
    duration: r.duration,
    startedAt: r.started_at,
    dueAt: r.due_at,
    remindAt: r.remind_at,
    status: r.status as PromiseStatus,
    keptAt: r.kept_at,
    brokenAt: r.broken_at,
    escalationStep: r.escalation_step,
    createdAt: r.created_at,
    createdBy: r.created_by,
    note: r.note,
    replacesId: r.replaces_id,
    replacedById: r.replaced_by_id,
  };
}

export class PromiseRepository implements PromiseStore {
  constructor(private readonly db: Kysely<DB>) {}

  private values(p: TicketPromise) {
    return {
      id: p.id,
      ticket_id: p.ticketId,
      kind: p.kind,
      duration: p.duration,
      started_at: p.startedAt,
      due_at: p.dueAt,
      remind_at: p.remindAt,
      status: p.status,
      kept_at: p.keptAt,
      broken_at: p.brokenAt,
      escalation_step: p.escalationStep,
      created_at: p.createdAt,
      created_by: p.createdBy,
      note: p.note,
      replaces_id: p.replacesId,
      replaced_by_id: p.replacedById,
    };
  }

  async insert(p: TicketPromise): Promise<void> {
    await this.db.insertInto('ticket_promises').values(this.values(p)).execute();
  }

  async update(p: TicketPromise): Promise<void> {
    const { id: _id, ...rest } = this.values(p);
    await this.db.updateTable('ticket_promises').set(rest).where('id', '=', p.id).execute();
  }

  async findById(id: string): Promise<TicketPromise | undefined> {
    const r = await this.db.selectFrom('ticket_promises').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toPromise(r);
  }

  async forTicket(ticketId: string): Promise<TicketPromise[]> {
    const rows = await this.db.selectFrom('ticket_promises').selectAll().where('ticket_id', '=', ticketId).orderBy('created_at').orderBy('id').execute();
    return rows.map(toPromise);
  }

  /** Promises of the tickets created in [from, to), for the measures. */
  async ofTicketsCreatedBetween(from: number, to: number): Promise<TicketPromise[]> {
    const rows = await this.db
      .selectFrom('ticket_promises')
      .innerJoin('tickets', 'tickets.id', 'ticket_promises.ticket_id')
      .selectAll('ticket_promises')
      .where('tickets.created_at', '>=', from)
      .where('tickets.created_at', '<', to)
      .execute();
    return rows.map(toPromise);
  }
}
