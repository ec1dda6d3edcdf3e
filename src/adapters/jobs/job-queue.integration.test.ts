import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { describeEachDatabase, openTestDatabase } from '../db/test-databases.js';
import { openDatabase } from '../db/database.js';
import { JobQueue, type Job } from './job-queue.js';
import { fixedClock } from '../../core/shared/clock.js';

const T0 = Date.parse('2025-09-30T16:00:00+08:00');

describeEachDatabase('JobQueue', (getDb, dialect) => {
  it('runs a job once, at its time, not before', async () => {
    const clock = fixedClock(T0);
    const q = new JobQueue(getDb().db, dialect, { clock });
    const seen: Job[] = [];
    q.handle('remind', async (j) => void seen.push(j));
    await q.schedule('remind', { ticket: 't1' }, { runAt: T0 + 60_000 });
    expect(await q.runDue()).toBe(0);
    clock.advance(60_000);
    expect(await q.runDue()).toBe(1);
    expect(await q.runDue()).toBe(0);
    expect(seen.map((j) => j.payload)).toEqual([{ ticket: 't1' }]);
    expect(await q.stats()).toEqual({ done: 1 });
  });

  it('fires after a restart: a new queue on the same database runs what the old one scheduled', async () => {
    const clock = fixedClock(T0);
    const before = new JobQueue(getDb().db, dialect, { clock });
    await before.schedule('escalate', { promise: 'p1' }, { runAt: T0 + 1000 });
    await before.stop();
    const after = new JobQueue(getDb().db, dialect, { clock });
    const seen: unknown[] = [];
    after.handle('escalate', async (j) => void seen.push(j.payload));
    clock.advance(5000);
    await after.runDue();
    expect(seen).toEqual([{ promise: 'p1' }]);
  });

  it('retries a failing handler with growing delays, then gives up', async () => {
    const clock = fixedClock(T0);
    const q = new JobQueue(getDb().db, dialect, { clock });
    let calls = 0;
    q.handle('flaky', async () => {
      calls++;
      throw new Error('PBX not answering');
    });
    await q.schedule('flaky', {}, { runAt: T0, maxAttempts: 3 });
    await q.runDue();
    expect(calls).toBe(1);
    clock.advance(9_000);
    await q.runDue();
    expect(calls).toBe(1); // first backoff is 10 s
    clock.advance(1_000);
    await q.runDue();
    expect(calls).toBe(2);
    clock.advance(40_000);
    await q.runDue();
    expect(calls).toBe(3);
    clock.advance(3600_000);
    await q.runDue();
    expect(calls).toBe(3);
    expect(await q.stats()).toEqual({ failed: 1 });
  });

  it('a business key replaces the pending job and can cancel it', async () => {
    const clock = fixedClock(T0);
    const q = new JobQueue(getDb().db, dialect, { clock });
    const seen: unknown[] = [];
    q.handle('remind', async (j) => void seen.push(j.payload));
    await q.schedule('remind', { v: 1 }, { runAt: T0 + 10, key: 'promise:p1:remind' });
    await q.schedule('remind', { v: 2 }, { runAt: T0 + 20, key: 'promise:p1:remind' });
    await q.schedule('remind', { v: 3 }, { runAt: T0 + 30, key: 'promise:p2:remind' });
    expect(await q.cancel('promise:p2:remind')).toBe(true);
    clock.advance(100);
    await q.runDue();
    expect(seen).toEqual([{ v: 2 }]);
  });

  it('schedules several keyed jobs at once, each replacing the pending job with its key', async () => {
    const clock = fixedClock(T0);
    const q = new JobQueue(getDb().db, dialect, { clock });
    const seen: unknown[] = [];
    q.handle('remind', async (j) => void seen.push(j.payload));
    q.handle('escalate', async (j) => void seen.push(j.payload));
    await q.schedule('remind', { v: 1 }, { runAt: T0 + 10, key: 'promise:p1:remind' });
    await q.scheduleAll([
      { queue: 'remind', payload: { v: 2 }, runAt: T0 + 20, key: 'promise:p1:remind' },
      { queue: 'escalate', payload: { v: 3 }, runAt: T0 + 30, key: 'promise:p1:escalate' },
    ]);
    clock.advance(100);
    expect(await q.runDue()).toBe(2);
    expect(seen).toEqual([{ v: 2 }, { v: 3 }]);
    expect(await q.cancel('promise:p1:escalate')).toBe(false);
  });

  it('a job whose worker was killed runs again within 30 s by default, not after minutes', async () => {
    const clock = fixedClock(T0);
    // The "killed" worker: its handler never returns and its heartbeat never comes.
    const dead = new JobQueue(getDb().db, dialect, { clock, heartbeatMs: 3_600_000 });
    dead.handle('remind', () => new Promise<void>(() => undefined));
    await dead.schedule('remind', { promise: 'p1' }, { runAt: T0 });
    void dead.runDue();
    const alive = new JobQueue(getDb().db, dialect, { clock });
    const ran: unknown[] = [];
    alive.handle('remind', async (j) => void ran.push(j.payload));
    // Claimed by the dead worker once it is visible as running.
    for (let i = 0; i < 200 && (await alive.stats()).running !== 1; i++) await new Promise((r) => setTimeout(r, 5));
    expect(await alive.runDue()).toBe(0);
    clock.advance(30_001);
    expect(await alive.runDue()).toBe(1);
    expect(ran).toEqual([{ promise: 'p1' }]);
  });

  it("a live worker's heartbeat keeps a long job its own past the lease", async () => {
    const clock = fixedClock(T0);
    const slow = new JobQueue(getDb().db, dialect, { clock, heartbeatMs: 3_600_000 });
    let finish: () => void = () => undefined;
    let runs = 0;
    slow.handle('export', () => {
      runs++;
      return new Promise<void>((r) => (finish = r));
    });
    await slow.schedule('export', {}, { runAt: T0 });
    const running = slow.runDue();
    const other = new JobQueue(getDb().db, dialect, { clock });
    other.handle('export', async () => void runs++);
    for (let i = 0; i < 200 && runs === 0; i++) await new Promise((r) => setTimeout(r, 5));
    for (let beat = 0; beat < 4; beat++) {
      clock.advance(20_000);
      await slow.heartbeat();
      expect(await other.runDue()).toBe(0);
    }
    finish();
    expect(await running).toBe(1);
    expect(runs).toBe(1);
    expect(await other.stats()).toEqual({ done: 1 });
  });

  it('a job whose worker died is picked up again after its claim expires', async () => {
    const clock = fixedClock(T0);
    const dead = new JobQueue(getDb().db, dialect, { clock, lockMs: 60_000 });
    dead.handle('x', () => new Promise<void>(() => undefined)); // never finishes: the "crash"
    await dead.schedule('x', {}, { runAt: T0 });
    void dead.runDue();
    await new Promise((r) => setTimeout(r, 50));
    const alive = new JobQueue(getDb().db, dialect, { clock });
    let ran = 0;
    alive.handle('x', async () => void ran++);
    expect(await alive.runDue()).toBe(0);
    clock.advance(61_000);
    expect(await alive.runDue()).toBe(1);
    expect(ran).toBe(1);
  });
});

describe('JobQueue with several processes', () => {
  it('on SQLite (two connections to one file), every job runs exactly once', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-jobs-'));
    const a = await openTestDatabase('sqlite', { dataDir: dir });
    const b = await openDatabase({ dataDir: dir });
    await assertEachJobOnce(a.db, b.db, 'sqlite');
    await a.close();
    await b.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)('on PostgreSQL (two pools), every job runs exactly once', async () => {
    const a = await openTestDatabase('postgres');
    // Same schema, second pool: search_path is per connection, so reuse the first pool's schema name.
    const { rows } = await sql<{ s: string }>`select current_schema() as s`.execute(a.db);
    const schema = rows[0]!.s;
    const b = await openDatabase({ databaseUrl: process.env.TEST_DATABASE_URL, pgSchema: schema });
    await assertEachJobOnce(a.db, b.db, 'postgres');
    await a.close();
    await b.close();
    const { dropSchema } = await import('../db/test-databases.js');
    await dropSchema(schema);
  });
});

async function assertEachJobOnce(dbA: Parameters<typeof makeQueue>[0], dbB: Parameters<typeof makeQueue>[0], dialect: 'sqlite' | 'postgres'): Promise<void> {
  const clock = fixedClock(T0);
  const counts = new Map<string, number>();
  const qa = makeQueue(dbA, dialect, clock, counts);
  const qb = makeQueue(dbB, dialect, clock, counts);
  for (let i = 0; i < 200; i++) await qa.schedule('cb', { n: i }, { runAt: T0 });
  await Promise.all([qa.runDue(), qb.runDue(), qa.runDue(), qb.runDue()]);
  expect(counts.size).toBe(200);
  expect([...counts.values()].every((c) => c === 1)).toBe(true);
}

function makeQueue(db: ConstructorParameters<typeof JobQueue>[0], dialect: 'sqlite' | 'postgres', clock: ReturnType<typeof fixedClock>, counts: Map<string, number>): JobQueue {
  const q = new JobQueue(db, dialect, { clock, batchSize: 7 });
  q.handle<{ n: number }>('cb', async (j) => {
    await new Promise((r) => setTimeout(r, 1));
    counts.set(String(j.payload.n), (counts.get(String(j.payload.n)) ?? 0) + 1);
  });
  return q;
}
