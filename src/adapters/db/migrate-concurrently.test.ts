import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type Database } from './database.js';
import { migrationNames } from './migrations/index.js';
import { dropSchema } from './test-databases.js';

// Issue #20, "two processes start migrations at once: one runs them, the other waits". Every
// process of a cluster migrates at start-up (deploy.md: no separate migration step), so after an
// upgrade three processes starting together meet on the same pending migrations. Each Database
// here is a process's own pool; Kysely's migration lock is what makes them take turns.
async function raceOn(open: () => Promise<Database>): Promise<{ ran: string[][]; recorded: string[] }> {
  const processes = await Promise.all([open(), open(), open()]);
  try {
    const ran = await Promise.all(processes.map((p) => migrateToLatest(p)));
    const rows = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(processes[0]!.db);
    return { ran, recorded: rows.rows.map((r) => r.name) };
  } finally {
    for (const p of processes) await p.close();
  }
}

function expectRanOnce(result: { ran: string[][]; recorded: string[] }): void {
  // Every migration ran in exactly one process; the others found nothing left to do.
  const all = result.ran.flat();
  expect([...all].sort()).toEqual([...migrationNames].sort());
  expect(new Set(all).size).toBe(all.length);
  expect(result.recorded).toEqual([...migrationNames].sort());
}

describe('migrations started by several processes at once', () => {
  // better-sqlite3 waits for a lock synchronously, so three connections in one thread would wait on
  // each other forever: SQLite's race is run as three real `kefu db migrate` processes.
  it('SQLite: three `kefu db migrate` processes on one new file: each migration runs once, all three succeed', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-migrate-race-'));
    try {
      const bin = path.resolve(import.meta.dirname, '../../../bin/kefu.js');
      const runs = await Promise.all(
        [1, 2, 3].map(
          () =>
            new Promise<{ code: number | null; out: string }>((resolve) => {
              const child = spawn(process.execPath, [bin, 'db', 'migrate'], { env: { ...process.env, KEFU_DATA_DIR: dir, DATABASE_URL: '', LOG_LEVEL: 'silent' } });
              let out = '';
              child.stdout.on('data', (b: Buffer) => (out += b.toString()));
              child.stderr.on('data', (b: Buffer) => (out += b.toString()));
              child.on('exit', (code) => resolve({ code, out }));
            }),
        ),
      );
      expect(runs.map((r) => r.code), runs.map((r) => r.out).join('\n')).toEqual([0, 0, 0]);
      // "applied: 001-…, 002-…" from the one that ran them; "up to date" from the others (or a share each).
      const ran = runs.map((r) => (/^applied: (.*)$/m.exec(r.out)?.[1] ?? '').split(', ').filter(Boolean));
      const database = await openDatabase({ dataDir: dir });
      try {
        const rows = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(database.db);
        expectRanOnce({ ran, recorded: rows.rows.map((r) => r.name) });
      } finally {
        await database.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)('PostgreSQL: three pools on one empty schema: each migration runs once, the others wait', async () => {
    const schema = `kefu_test_race_${randomBytes(5).toString('hex')}`;
    try {
      expectRanOnce(await raceOn(() => openDatabase({ databaseUrl: process.env.TEST_DATABASE_URL!, pgSchema: schema })));
    } finally {
      await dropSchema(schema);
    }
  });
});
