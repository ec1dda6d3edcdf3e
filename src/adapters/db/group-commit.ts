import type { Kysely } from 'kysely';
import type { DB } from './schema.js';
import type { Dialect } from './database.js';

/** Runs `fn` in one transaction on the database: on SQLite through the group commit below, on PostgreSQL as it is. */
export type TransactionRunner = <T>(fn: (trx: Kysely<DB>) => Promise<T>) => Promise<T>;

/** The transaction runner for commands on this database (tickets' commands share it). */
export function commandTransactions(db: Kysely<DB>, dialect: Dialect): TransactionRunner {
  return dialect === 'sqlite' ? groupCommit(db) : (fn) => db.transaction().execute(fn);
}

type Work = { fn: (trx: Kysely<DB>) => Promise<unknown>; resolve: (v: unknown) => void; reject: (e: unknown) => void };

/**
 * Group commit for SQLite. Its one connection runs one transaction at a time, and each commit
 * writes every page the command touched (the ticket, eight indexes, the search index, history,
 * promises, timers) to the WAL: with 50 clients waiting, the commits are the work. So the
 * commands that queued while one transaction ran share the next one, each inside its own
 * savepoint: a command that fails rolls back to its savepoint and fails alone (nothing of it is
 * written), the others' results are handed out only after the shared COMMIT succeeded, and a
 * failed COMMIT fails all of them. Commands run one after another, never interleaved, so each
 * sees the one before it exactly as it would after a commit.
 */
export function groupCommit(db: Kysely<DB>, maxBatch = 64): TransactionRunner {
  const queue: Work[] = [];
  let scheduled = false;

  async function runBatch(batch: Work[]): Promise<void> {
    const trx = await db.startTransaction().execute();
    const done: Array<{ work: Work; value: unknown }> = [];
    let next = 0;
    try {
      for (; next < batch.length; next++) {
        const work = batch[next]!;
        const name = `cmd${next}`;
        const sp = await trx.savepoint(name).execute();
        try {
          done.push({ work, value: await work.fn(sp) });
          await sp.releaseSavepoint(name).execute();
        } catch (e) {
          if (done[done.length - 1]?.work === work) done.pop();
          // Rejected now, but its caller cannot look before the rollback: the connection is ours.
          work.reject(e);
          await sp.rollbackToSavepoint(name).execute();
          await sp.releaseSavepoint(name).execute();
        }
      }
      await trx.commit().execute();
    } catch (e) {
      await trx.rollback().execute().catch(() => undefined);
      for (const { work } of done) work.reject(e);
      // The command that was running when the transaction broke (rejecting twice is a no-op).
      batch[next]?.reject(e);
      // Commands not yet started lose nothing: they go first into the next transaction.
      queue.unshift(...batch.slice(next + 1));
      return;
    }
    for (const { work, value } of done) work.resolve(value);
  }

  // One batch per turn of the event loop, started from setImmediate: better-sqlite3 is
  // synchronous, so a transaction started at once would run to its COMMIT inside the request that
  // asked for it, before the loop even reads the next request. Waiting for the check phase lets
  // every request that arrived in this turn join, and costs a lone request nothing measurable.
  async function drainOne(): Promise<void> {
    const batch = queue.splice(0, maxBatch);
    await runBatch(batch).catch((e: unknown) => {
      // BEGIN itself failed (database locked by another process past busy_timeout).
      for (const w of batch) w.reject(e);
    });
    if (queue.length > 0) setImmediate(() => void drainOne());
    else scheduled = false;
  }

  return <T>(fn: (trx: Kysely<DB>) => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      queue.push({ fn, resolve: resolve as (v: unknown) => void, reject });
      if (!scheduled) {
        scheduled = true;
        setImmediate(() => void drainOne());
      }
    });
}
