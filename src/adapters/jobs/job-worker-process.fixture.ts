/**
 * A job worker in a process of its own, for the two-process timer test
 * (job-queue.processes.integration.test.ts): the real JobQueue against a PostgreSQL schema, on the
 * wall clock. Each fired timer is written to `timer_fires` with this worker's name. A job with
 * `hangOn` equal to this worker's name never finishes here: the test kills the process meanwhile.
 *
 * Environment: DATABASE_URL, PG_SCHEMA, WORKER (a name), LOCK_MS (the lease).
 */
import { sql } from 'kysely';
import { openDatabase } from '../db/database.js';
import { systemClock } from '../system-clock.js';
import { JobQueue } from './job-queue.js';

const worker = process.env.WORKER ?? 'worker';
const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, pgSchema: process.env.PG_SCHEMA });
const queue = new JobQueue(database.db, database.dialect, { clock: systemClock, pollMs: 20, lockMs: Number(process.env.LOCK_MS ?? 30_000), batchSize: 5 });

queue.handle<{ n: number; hangOn?: string }>('test.timer', async (job) => {
  if (job.payload.hangOn === worker) {
    process.stdout.write(`hanging ${job.payload.n}\n`);
    await new Promise<void>(() => undefined);
  }
  await sql`insert into timer_fires (n, worker) values (${job.payload.n}, ${worker})`.execute(database.db);
});
queue.start();
process.stdout.write('ready\n');

process.on('SIGTERM', () => {
  void queue
    .stop()
    .then(() => database.close())
    .finally(() => process.exit(0));
});
