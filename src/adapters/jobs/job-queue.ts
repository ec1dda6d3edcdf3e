import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Dialect } from '../db/database.js';
import type { Clock } from '../../core/shared/clock.js';
import { newId } from '../../core/shared/ids.js';
import { systemRandom } from '../system-random.js';

export interface Job<P = unknown> {
  id: string;
  queue: string;
  payload: P;
  runAt: number;
  /** 1 on the first run. */
  attempt: number;
  uniqueKey: string | null;
}

export type JobHandler<P = unknown> = (job: Job<P>) => Promise<void>;

export interface ScheduleOptions {
  /** When to run, epoch ms. */
  runAt: number;
  /**
   * Business key (e.g. `promise:123:remind`). Scheduling the same key again replaces the pending
   * job instead of adding a second one, and `cancel(key)` removes it.
   */
  key?: string;
  maxAttempts?: number;
}

export interface JobQueueOptions {
  clock: Clock;
  /** How often the worker looks for due jobs, ms. */
  pollMs?: number;
  /**
   * The lease: how long a claim lasts without news from its worker (default 30 s). A live worker
   * renews the lease of every job in hand by a heartbeat; a worker that died stops renewing, so
   * its jobs are due again at most this long after its last heartbeat.
   */
  lockMs?: number;
  /** How often a worker renews the leases of its jobs in hand, ms (default a third of the lease). */
  heartbeatMs?: number;
  /** Jobs claimed per poll. */
  batchSize?: number;
  onError?: (err: unknown, job: Job) => void;
}

/**
 * Durable timers in the database. A job is a row; workers claim due rows with one atomic UPDATE
 * (on PostgreSQL through FOR UPDATE SKIP LOCKED, so several server processes never run the same
 * job twice at once), run the handler, and mark it done, or reschedule it with exponential
 * backoff when the handler throws. A process that dies mid-job leaves a claim that expires after
 * `lockMs` (30 s: a live worker renews its leases by a heartbeat, a dead one cannot), and the job
 * runs again: handlers must be idempotent. Because state lives only in
 * the table, timers survive restarts by construction.
 *
 * One implementation for both databases (rather than pg-boss on PostgreSQL): one contract suite,
 * cancellation by business key, and a fake clock in tests.
 */
export class JobQueue {
  private readonly handlers = new Map<string, JobHandler>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private stopped = true;
  private readonly pollMs: number;
  private readonly lockMs: number;
  private readonly heartbeatMs: number;
  private readonly batchSize: number;
  /** Jobs claimed by this worker and not finished: id → attempt (the claim's identity). */
  private readonly inHand = new Map<string, number>();
  private heartbeatTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly dialect: Dialect,
    private readonly opts: JobQueueOptions,
  ) {
    this.pollMs = opts.pollMs ?? 1000;
    // 30 s, not minutes: a reminder due at 16:00 whose worker was killed must not wait long.
    this.lockMs = opts.lockMs ?? 30_000;
    this.heartbeatMs = opts.heartbeatMs ?? Math.max(1, Math.floor(this.lockMs / 3));
    this.batchSize = opts.batchSize ?? 20;
  }

  async schedule(queue: string, payload: unknown, o: ScheduleOptions): Promise<string> {
    const now = this.opts.clock.now();
    const id = newId(systemRandom, now, 'job_');
    const row = {
      id,
      queue,
      payload: JSON.stringify(payload ?? null),
      run_at: o.runAt,
      locked_until: null,
      attempts: 0,
      max_attempts: o.maxAttempts ?? 5,
      status: 'pending',
      last_error: null,
      unique_key: o.key ?? null,
      created_at: now,
      updated_at: now,
    };
    if (!o.key) {
      await this.db.insertInto('jobs').values(row).execute();
      return id;
    }
    const r = await this.db
      .insertInto('jobs')
      .values(row)
      .onConflict((oc) =>
        oc.column('unique_key').doUpdateSet({
          queue,
          payload: row.payload,
          run_at: o.runAt,
          locked_until: null,
          attempts: 0,
          max_attempts: row.max_attempts,
          status: 'pending',
          last_error: null,
          updated_at: now,
        }),
      )
      .returning('id')
      .executeTakeFirstOrThrow();
    return r.id;
  }

  /**
   * Several keyed jobs in one statement, each replacing a pending job with its key as `schedule`
   * does (a command scheduling a promise's reminder and escalation writes one row set, not two).
   */
  async scheduleAll(jobs: ReadonlyArray<{ queue: string; payload: unknown; runAt: number; key: string; maxAttempts?: number }>): Promise<void> {
    if (jobs.length === 0) return;
    const now = this.opts.clock.now();
    // One statement may not upsert the same key twice: the last one wins, as with `schedule`.
    const byKey = new Map(jobs.map((j) => [j.key, j]));
    const rows = [...byKey.values()].map((j) => ({
      id: newId(systemRandom, now, 'job_'),
      queue: j.queue,
      payload: JSON.stringify(j.payload ?? null),
      run_at: j.runAt,
      locked_until: null,
      attempts: 0,
      max_attempts: j.maxAttempts ?? 5,
      status: 'pending',
      last_error: null,
      unique_key: j.key,
      created_at: now,
      updated_at: now,
    }));
    await this.db
      .insertInto('jobs')
      .values(rows)
      .onConflict((oc) =>
        oc.column('unique_key').doUpdateSet((eb) => ({
          queue: eb.ref('excluded.queue'),
          payload: eb.ref('excluded.payload'),
          run_at: eb.ref('excluded.run_at'),
          locked_until: null,
          attempts: 0,
          max_attempts: eb.ref('excluded.max_attempts'),
          status: 'pending',
          last_error: null,
          updated_at: now,
        })),
      )
      .execute();
  }

  /**
   * Schedules a keyed job only if no job with that key exists yet, pending or done: a timer that
   * several processes each schedule at start (the daily retention run, keyed by its day) exists,
   * and fires, once. Answers whether this call added it.
   */
  async scheduleOnce(queue: string, payload: unknown, o: ScheduleOptions & { key: string }): Promise<boolean> {
    const now = this.opts.clock.now();
    const r = await this.db
      .insertInto('jobs')
      .values({ id: newId(systemRandom, now, 'job_'), queue, payload: JSON.stringify(payload ?? null), run_at: o.runAt, locked_until: null, attempts: 0, max_attempts: o.maxAttempts ?? 5, status: 'pending', last_error: null, unique_key: o.key, created_at: now, updated_at: now })
      .onConflict((oc) => oc.column('unique_key').doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async cancel(key: string): Promise<boolean> {
    const r = await this.db.deleteFrom('jobs').where('unique_key', '=', key).where('status', '=', 'pending').executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  handle<P>(queue: string, handler: JobHandler<P>): void {
    this.handlers.set(queue, handler as JobHandler);
  }

  start(): void {
    this.stopped = false;
    const tick = (): void => {
      if (this.stopped) return;
      this.running = this.runDue().catch(() => 0);
      void this.running.finally(() => {
        if (!this.stopped) this.timer = setTimeout(tick, this.pollMs);
      });
    };
    tick();
  }

  /** Stops polling and waits for the jobs in hand to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Claims and runs every due job once; returns how many ran. Tests call this with a fake clock. */
  async runDue(): Promise<number> {
    let total = 0;
    for (;;) {
      const jobs = await this.claim();
      if (jobs.length === 0) return total;
      for (const job of jobs) this.inHand.set(job.id, job.attempt);
      this.startHeartbeat();
      try {
        for (const job of jobs) {
          try {
            await this.runOne(job);
          } finally {
            this.inHand.delete(job.id);
          }
        }
      } finally {
        if (this.inHand.size === 0) this.stopHeartbeat();
      }
      total += jobs.length;
      if (jobs.length < this.batchSize) return total;
    }
  }

  /**
   * Renews the lease of every job this worker holds (running, or claimed and waiting its turn in
   * the batch). Guarded by attempt: a job another worker has since claimed is not touched.
   * Runs on a timer while jobs are in hand; tests call it with a fake clock.
   */
  async heartbeat(): Promise<void> {
    if (this.inHand.size === 0) return;
    const lockedUntil = this.opts.clock.now() + this.lockMs;
    const held = [...this.inHand];
    await this.db
      .updateTable('jobs')
      .set({ locked_until: lockedUntil })
      .where('status', '=', 'running')
      .where((eb) => eb.or(held.map(([id, attempt]) => eb.and([eb('id', '=', id), eb('attempts', '=', attempt)]))))
      .execute();
  }

  private startHeartbeat(): void {
    if (this.heartbeatTimer) return;
    this.heartbeatTimer = setInterval(() => void this.heartbeat().catch(() => undefined), this.heartbeatMs);
    // A heartbeat alone never keeps the process alive.
    this.heartbeatTimer.unref();
  }

  private stopHeartbeat(): void {
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = undefined;
  }

  private async claim(): Promise<Job[]> {
    const queues = [...this.handlers.keys()];
    if (queues.length === 0) return [];
    const now = this.opts.clock.now();
    let due = this.db
      .selectFrom('jobs')
      .select('id')
      .where('queue', 'in', queues)
      .where('run_at', '<=', now)
      .where((eb) => eb.or([eb('status', '=', 'pending'), eb.and([eb('status', '=', 'running'), eb('locked_until', '<', now)])]))
      .orderBy('run_at')
      .limit(this.batchSize);
    if (this.dialect === 'postgres') due = due.forUpdate().skipLocked();
    const rows = await this.db
      .updateTable('jobs')
      .set((eb) => ({ status: 'running', locked_until: now + this.lockMs, attempts: eb('attempts', '+', 1), updated_at: now }))
      .where('id', 'in', due)
      .returningAll()
      .execute();
    return rows
      .sort((a, b) => a.run_at - b.run_at)
      .map((r) => ({ id: r.id, queue: r.queue, payload: JSON.parse(r.payload) as unknown, runAt: r.run_at, attempt: r.attempts, uniqueKey: r.unique_key }));
  }

  private async runOne(job: Job): Promise<void> {
    const handler = this.handlers.get(job.queue);
    try {
      if (!handler) throw new Error(`no handler for queue ${job.queue}`);
      await handler(job);
      // Guarded by attempt: if the job was rescheduled (same key) while it ran, keep the new run.
      await this.db
        .updateTable('jobs')
        .set({ status: 'done', locked_until: null, updated_at: this.opts.clock.now() })
        .where('id', '=', job.id)
        .where('status', '=', 'running')
        .where('attempts', '=', job.attempt)
        .execute();
    } catch (err) {
      this.opts.onError?.(err, job);
      const now = this.opts.clock.now();
      const row = await this.db.selectFrom('jobs').select('max_attempts').where('id', '=', job.id).executeTakeFirst();
      const exhausted = !row || job.attempt >= row.max_attempts;
      // 10 s, 40 s, 160 s, … capped at an hour.
      const backoff = Math.min(3600_000, 10_000 * 4 ** (job.attempt - 1));
      await this.db
        .updateTable('jobs')
        .set({
          status: exhausted ? 'failed' : 'pending',
          run_at: exhausted ? job.runAt : now + backoff,
          locked_until: null,
          last_error: String(err instanceof Error ? err.message : err).slice(0, 2000),
          updated_at: now,
        })
        .where('id', '=', job.id)
        .where('status', '=', 'running')
        .where('attempts', '=', job.attempt)
        .execute();
    }
  }

  async stats(): Promise<Record<string, number>> {
    const rows = await this.db.selectFrom('jobs').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }
}
