import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Dialect } from '../db/database.js';
import type { DomainEvent } from '../../core/shared/event-bus.js';
import type { PgNotifications } from './pg-notifications.js';

export interface LoggedEvent {
  seq: number;
  type: string;
  at: number;
  /** The event as streams send it (masked). */
  data: Record<string, unknown>;
}

interface EventRow {
  type: string;
  at: number;
  payload: string;
  customer_id: string | null;
  dedupe_key: string | null;
}

export interface EventLogSubscriber {
  /** Called for each new event in sequence order, once per event per process. */
  deliver(e: LoggedEvent): void;
}

/**
 * One real-world event, one key: a CTI event (call, type, instant) posted again by a connector
 * retrying after a lost answer is logged once. Other events are unique by construction.
 */
export function dedupeKeyOf(e: DomainEvent): string | null {
  if (e.type.startsWith('call.') && e.type !== 'call.quality' && typeof e.callId === 'string') return `${e.type}:${e.callId}:${e.at}`;
  return null;
}

/** Which events the live streams carry. */
export function isStreamEvent(type: string): boolean {
  return type.startsWith('call.') || type.startsWith('ticket.') || type.startsWith('callback.') || type.startsWith('visit.') || type.startsWith('agent.');
}

/**
 * The live events of every server process in one ordered log (issue #20). An event is appended
 * with the next sequence id; each process tails the log and hands every new row, in order, to its
 * open streams. So a desk connected to process B sees the CTI event posted to process A, and a
 * stream that reconnects anywhere with `Last-Event-ID: n` is given the rows after n, then the live
 * ones, none twice.
 *
 * Order without gaps: on PostgreSQL a sequence hands out ids before commit, so id 11 can become
 * visible before id 10 and a tail that moved past 11 would never see 10. Appends therefore take a
 * transaction-scoped advisory lock before drawing their id and hold it to commit: ids become
 * visible in order. (One short transaction at a time, cluster-wide; ~1 ms each, far above the
 * event rate of a centre. See docs/scaling.md.) SQLite has one writer anyway.
 *
 * Waking the tail: on PostgreSQL a `NOTIFY <channel>, '<seq>'` sent in the appending transaction
 * (delivered at commit; ids only, never data) wakes every process's tail through its one
 * listening connection; a 1 s poll and every reconnect of that connection cover lost notices.
 */
export class EventLog {
  private readonly subscribers = new Set<EventLogSubscriber>();
  /** The highest sequence id handed to subscribers. */
  private head = 0;
  private started = false;
  private tailing: Promise<void> | undefined;
  private again = false;
  private poll: NodeJS.Timeout | undefined;
  private readonly lockKey: number;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly dialect: Dialect,
    private readonly opts: {
      /** PostgreSQL: the NOTIFY channel of this database (and schema). */
      channel?: string;
      notifications?: PgNotifications;
      pollMs?: number;
      onError?: (e: unknown) => void;
      /** When an event is logged (retention counts from it, not from the event's own time). */
      now?: () => number;
    } = {},
  ) {
    this.lockKey = hash32(opts.channel ?? 'kefu_events');
    if (opts.notifications && opts.channel) {
      opts.notifications.on(opts.channel, () => this.wake());
      opts.notifications.onResync(() => this.wake());
    }
  }

  /** Reads the current head, then tails. Events appended before start are history, not news. */
  async start(): Promise<void> {
    if (this.started) return;
    this.head = await this.lastSeq();
    this.started = true;
    this.startPolling();
  }

  // The 1 s poll runs only while a stream is open: an idle process leaves its pool idle.
  private startPolling(): void {
    if (!this.started || this.poll || this.subscribers.size === 0) return;
    this.poll = setInterval(() => this.wake(), this.opts.pollMs ?? 1000);
    this.poll.unref();
  }

  stop(): void {
    if (this.poll) clearInterval(this.poll);
    this.poll = undefined;
    this.started = false;
  }

  /** The highest sequence id this process has delivered. */
  get delivered(): number {
    return this.head;
  }

  /**
   * Appends one event; resolves to its sequence id (undefined when it was a duplicate of a logged
   * one) once committed. Appends arriving while a write is under way go together in the next
   * transaction (group commit): one lock, one commit, one notice for the lot, so the cluster-wide
   * order costs one commit per batch rather than one per event.
   */
  append(e: DomainEvent, payload: Record<string, unknown>, dedupeKey: string | null = null): Promise<number | undefined> {
    const row: EventRow = {
      type: e.type,
      // Logged now: a CTI event may carry an instant of hours ago, yet its retention window starts when it was streamed.
      at: this.opts.now?.() ?? Date.now(),
      payload: JSON.stringify(payload),
      customer_id: typeof e.customerId === 'string' ? e.customerId : null,
      dedupe_key: dedupeKey,
    };
    this.enqueued++;
    return new Promise((resolve, reject) => {
      this.queue.push({ row, resolve, reject });
      this.flush();
    });
  }

  /**
   * Resolves once every append queued so far is committed (or failed). A write request awaits it
   * before its answer leaves (http/server.ts), so an acknowledged write's events are in the log,
   * while the events of one request (a CTI post's offered/answered/ended) share one commit.
   */
  drain(): Promise<void> {
    // Only what is queued now: under steady load the writer never idles, and a request must not
    // wait for the events of requests that came after it.
    const target = this.enqueued;
    if (this.settled >= target) return Promise.resolve();
    return new Promise((resolve) => this.drainers.push({ target, resolve }));
  }

  /** Appends queued, and appends committed or failed, since start: drain() compares them. */
  private enqueued = 0;
  private settled = 0;
  private drainers: Array<{ target: number; resolve: () => void }> = [];

  private markSettled(n: number): void {
    this.settled += n;
    const still: typeof this.drainers = [];
    for (const d of this.drainers) {
      if (this.settled >= d.target) d.resolve();
      else still.push(d);
    }
    this.drainers = still;
  }

  private readonly queue: Array<{ row: EventRow; resolve: (seq: number | undefined) => void; reject: (e: unknown) => void }> = [];
  private flushing: Promise<void> | undefined;

  private flush(): void {
    if (this.flushing) return;
    this.flushing = (async () => {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, 500);
        try {
          const seqs = await this.write(batch.map((b) => b.row));
          batch.forEach((b, i) => b.resolve(seqs[i]));
        } catch (e) {
          for (const b of batch) b.reject(e);
        }
        this.markSettled(batch.length);
      }
    })().finally(() => {
      this.flushing = undefined;
      if (this.queue.length > 0) this.flush();
    });
  }

  private async write(rows: EventRow[]): Promise<Array<number | undefined>> {
    const seqs = await this.db.transaction().execute(async (trx) => {
      if (this.dialect === 'postgres') await sql`select pg_advisory_xact_lock(${this.lockKey})`.execute(trx);
      const out: Array<number | undefined> = [];
      for (const row of rows) {
        const r = await trx.insertInto('event_log').values(row).onConflict((oc) => oc.column('dedupe_key').doNothing()).returning('seq').executeTakeFirst();
        out.push(r?.seq === undefined ? undefined : Number(r.seq));
      }
      const last = out.filter((x) => x !== undefined).at(-1);
      if (this.dialect === 'postgres' && last !== undefined && this.opts.channel) await sql`select pg_notify(${this.opts.channel}, ${String(last)})`.execute(trx);
      return out;
    });
    // This process's own streams need no notice.
    this.wake();
    return seqs;
  }

  subscribe(s: EventLogSubscriber): () => void {
    this.subscribers.add(s);
    this.startPolling();
    return () => {
      this.subscribers.delete(s);
      if (this.subscribers.size === 0 && this.poll) {
        clearInterval(this.poll);
        this.poll = undefined;
      }
    };
  }

  /** Rows after `after` up to and including `upTo`, in order (a page at a time). */
  async readRange(after: number, upTo: number, limit = 1000): Promise<LoggedEvent[]> {
    const rows = await this.db.selectFrom('event_log').select(['seq', 'type', 'at', 'payload']).where('seq', '>', after).where('seq', '<=', upTo).orderBy('seq').limit(limit).execute();
    return rows.map(toLogged);
  }

  /** The oldest sequence id still kept (retention prunes older ones); undefined when empty. */
  async oldestSeq(): Promise<number | undefined> {
    const r = await this.db.selectFrom('event_log').select((eb) => eb.fn.min('seq').as('s')).executeTakeFirst();
    return r?.s == null ? undefined : Number(r.s);
  }

  async lastSeq(): Promise<number> {
    if (this.dialect === 'sqlite') {
      // AUTOINCREMENT's counter survives pruning; max(seq) would not.
      const r = await sql<{ seq: number }>`select seq from sqlite_sequence where name = 'event_log'`.execute(this.db);
      return Number(r.rows[0]?.seq ?? 0);
    }
    const r = await this.db.selectFrom('event_log').select((eb) => eb.fn.max('seq').as('s')).executeTakeFirst();
    return r?.s == null ? 0 : Number(r.s);
  }

  /** Deletes events older than `before`; returns how many. */
  async prune(before: number): Promise<number> {
    const r = await this.db.deleteFrom('event_log').where('at', '<', before).executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  /** Asks for a tail read now (coalesced: one read at a time, one more if woken meanwhile). */
  wake(): void {
    if (!this.started) return;
    if (this.tailing) {
      this.again = true;
      return;
    }
    this.tailing = this.tail()
      .catch((e) => this.opts.onError?.(e))
      .finally(() => {
        this.tailing = undefined;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  /** Resolves when the tail has read everything committed up to now (tests, shutdown). */
  async settle(): Promise<void> {
    this.wake();
    while (this.tailing) await this.tailing;
  }

  private async tail(): Promise<void> {
    for (;;) {
      const rows = await this.db.selectFrom('event_log').select(['seq', 'type', 'at', 'payload']).where('seq', '>', this.head).orderBy('seq').limit(500).execute();
      for (const r of rows) {
        const e = toLogged(r);
        this.head = e.seq;
        for (const s of this.subscribers) {
          try {
            s.deliver(e);
          } catch (err) {
            this.opts.onError?.(err);
          }
        }
      }
      if (rows.length < 500) return;
    }
  }
}

function toLogged(r: { seq: number; type: string; at: number; payload: string }): LoggedEvent {
  return { seq: Number(r.seq), type: r.type, at: Number(r.at), data: JSON.parse(r.payload) as Record<string, unknown> };
}

/** A stable 32-bit advisory lock key from the channel name (one lock per database and schema). */
function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h | 0;
}
