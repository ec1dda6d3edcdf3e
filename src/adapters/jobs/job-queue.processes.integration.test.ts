import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeTestDatabase, openTestDatabase } from '../db/test-databases.js';
import type { Database } from '../db/database.js';
import { JobQueue } from './job-queue.js';
import { systemClock } from '../system-clock.js';

/**
 * Timers across real server processes on one PostgreSQL (issue #12): two Node processes run the
 * job worker against the same schema; every timer fires exactly once, and a timer whose worker is
 * killed with SIGKILL mid-job fires on the other within the lease.
 */
const url = process.env.TEST_DATABASE_URL;
if (!url) console.warn('job-queue.processes: skipped — TEST_DATABASE_URL is not set (two real worker processes need PostgreSQL)');

const fixture = path.join(path.dirname(fileURLToPath(import.meta.url)), 'job-worker-process.fixture.ts');

describe.skipIf(!url)('job timers in two real processes on PostgreSQL', () => {
  let database: Database;
  let schema: string;
  const children: ChildProcess[] = [];

  beforeEach(async () => {
    database = await openTestDatabase('postgres');
    schema = (await sql<{ s: string }>`select current_schema() as s`.execute(database.db)).rows[0]!.s;
    await sql`create table timer_fires (n integer not null, worker text not null)`.execute(database.db);
  });
  afterEach(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await Promise.all(children.map((c) => (c.exitCode === null && c.signalCode === null ? new Promise((r) => c.once('exit', r)) : undefined)));
    children.length = 0;
    await closeTestDatabase(database);
  });

  /** Starts a worker process and resolves once it polls; `lines` collects what it prints. */
  function startWorker(name: string, lockMs: number): Promise<{ child: ChildProcess; lines: string[] }> {
    const child = spawn(process.execPath, ['--import', 'tsx', fixture], {
      env: { ...process.env, DATABASE_URL: url, PG_SCHEMA: schema, WORKER: name, LOCK_MS: String(lockMs) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(child);
    const lines: string[] = [];
    return new Promise((resolve, reject) => {
      child.stdout!.setEncoding('utf8').on('data', (d: string) => {
        lines.push(...d.split('\n').filter(Boolean));
        if (lines.includes('ready')) resolve({ child, lines });
      });
      child.once('exit', (code) => reject(new Error(`worker ${name} exited (${code}) before it was ready`)));
    });
  }

  async function fires(): Promise<Array<{ n: number; worker: string }>> {
    return (await sql<{ n: number; worker: string }>`select n, worker from timer_fires order by n`.execute(database.db)).rows;
  }

  /** Waits (up to a minute) until `done` holds; the assertions come after, on what was written. */
  async function until(done: () => Promise<boolean>): Promise<void> {
    for (let i = 0; i < 1200 && !(await done()); i++) await new Promise((r) => setTimeout(r, 50));
  }

  it('two worker processes fire each of 150 timers exactly once', async () => {
    await Promise.all([startWorker('A', 30_000), startWorker('B', 30_000)]);
    const q = new JobQueue(database.db, 'postgres', { clock: systemClock });
    const now = Date.now();
    for (let n = 0; n < 150; n++) await q.schedule('test.timer', { n }, { runAt: now + (n % 10) * 20, key: `timer:${n}` });
    await until(async () => (await q.stats()).done === 150);
    // Whatever a late duplicate would write is in by now: both workers are still polling.
    await new Promise((r) => setTimeout(r, 200));
    const rows = await fires();
    expect(rows).toHaveLength(150);
    expect(new Set(rows.map((r) => r.n)).size).toBe(150);
    expect(await q.stats()).toEqual({ done: 150 });
  });

  it('a timer whose worker was killed with SIGKILL mid-job fires once, on the other worker, after the lease', async () => {
    const a = await startWorker('A', 1000);
    const q = new JobQueue(database.db, 'postgres', { clock: systemClock });
    await q.schedule('test.timer', { n: 1, hangOn: 'A' }, { runAt: Date.now(), key: 'timer:reminder' });
    await until(async () => a.lines.includes('hanging 1'));
    expect(a.lines).toContain('hanging 1');
    a.child.kill('SIGKILL');
    await new Promise((r) => a.child.once('exit', r));
    await startWorker('B', 1000);
    await until(async () => (await fires()).length > 0);
    expect(await fires()).toEqual([{ n: 1, worker: 'B' }]);
    expect(await q.stats()).toEqual({ done: 1 });
  });
});
