import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../cli/test-io.js';
import { migrateToLatest, openDatabase, type Database } from '../db/database.js';
import { createThrowawayDatabase } from '../db/test-throwaway-database.js';
import { readManifest } from './backup.js';

const dirs: string[] = [];
const cleanups: Array<() => Promise<void>> = [];
function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-backup-'));
  dirs.push(d);
  return d;
}
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** Writes numbered audit rows one after another until stopped: the server "writing during the backup". */
function startWriter(database: Database, from: number): { stop(): Promise<number> } {
  let n = from;
  let running = true;
  const loop = (async () => {
    while (running) {
      await database.db.insertInto('audit_log').values({ id: `w${String(n).padStart(8, '0')}`, at: n, actor_id: null, actor_name: null, action: 'probe.write', target_type: null, target_id: null, detail: `row ${n}`, ip: null }).execute();
      n++;
      await new Promise((r) => setImmediate(r));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return n;
    },
  };
}

async function seed(database: Database, rows: number): Promise<void> {
  for (let i = 0; i < rows; i += 500) {
    const batch = Array.from({ length: Math.min(500, rows - i) }, (_, k) => {
      const n = i + k;
      return { id: `w${String(n).padStart(8, '0')}`, at: n, actor_id: null, actor_name: null, action: 'probe.write', target_type: null, target_id: null, detail: `row ${n} ${'x'.repeat(200)}`, ip: null };
    });
    await database.db.insertInto('audit_log').values(batch).execute();
  }
}

/** The rows in a copy must be an unbroken prefix 0…n-1 of what the writer wrote: one instant, not a smear. */
async function probeRows(database: Database): Promise<{ count: number; max: number }> {
  const r = await database.db.selectFrom('audit_log').select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('at').as('m')]).where('action', '=', 'probe.write').executeTakeFirstOrThrow();
  return { count: Number(r.n), max: Number(r.m) };
}

describe('kefu backup / kefu restore', () => {
  it('SQLite: a backup taken while the server writes restores to identical counts', async () => {
    const live = tempDir();
    const database = await openDatabase({ dataDir: live });
    await migrateToLatest(database);
    // ~600 pages: copied in several steps, which the writer's commits restart.
    await seed(database, 10_000);
    const writer = startWriter(database, 10_000);
    const file = path.join(tempDir(), 'kefu-backup.sqlite');
    const env = { KEFU_DATA_DIR: live, DATABASE_URL: '', LOG_LEVEL: 'silent' };
    const backup = await runCli(['backup', file], { env });
    const written = await writer.stop();
    expect(backup.stderr).toMatch(/copying pages/);
    expect(backup.code).toBe(0);
    expect(backup.stdout).toMatch(/backup written/);
    const manifest = readManifest(file)!;
    expect(manifest.dialect).toBe('sqlite');
    // The server kept writing after the instant of the copy.
    expect(written).toBeGreaterThan(10_000);

    const target = tempDir();
    const restore = await runCli(['restore', file], { env: { ...env, KEFU_DATA_DIR: target } });
    expect(restore.stderr.replace(/restoring pages.*\n/g, '')).toBe('');
    expect(restore.code).toBe(0);
    expect(restore.stdout).toMatch(/restored and checked/);
    const restored = await openDatabase({ dataDir: target });
    try {
      const probe = await probeRows(restored);
      expect(probe.count).toBe(manifest.counts.audit_log);
      expect(probe.max).toBe(probe.count - 1);
      expect((await restored.db.selectFrom('kysely_migration' as never).selectAll().execute()).length).toBeGreaterThan(5);
    } finally {
      await restored.close();
      await database.close();
    }

    // A second restore over a database that holds data needs --force, and keeps the old file.
    const again = await runCli(['restore', file], { env: { ...env, KEFU_DATA_DIR: target } });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/--force/);
    const forced = await runCli(['restore', file, '--force'], { env: { ...env, KEFU_DATA_DIR: target } });
    expect(forced.code).toBe(0);
    expect(fs.readdirSync(target).some((f) => f.startsWith('kefu.sqlite.before-restore-'))).toBe(true);
  });

  it('--help explains both commands', async () => {
    const b = await runCli(['backup', '--help']);
    expect(b.code).toBe(0);
    expect(b.stdout).toMatch(/online backup API/);
    const r = await runCli(['restore', '--help']);
    expect(r.stdout).toMatch(/--force/);
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)('PostgreSQL: pg_dump of one snapshot while the server writes; pg_restore gives identical counts', async () => {
    const source = await createThrowawayDatabase('kefu_bk');
    cleanups.push(source.drop);
    const database = await openDatabase({ databaseUrl: source.url });
    cleanups.push(() => database.close());
    await migrateToLatest(database);
    await seed(database, 3000);
    const writer = startWriter(database, 3000);
    const file = path.join(tempDir(), 'kefu-backup.dump');
    const backup = await runCli(['backup', file], { env: { DATABASE_URL: source.url, LOG_LEVEL: 'silent' } });
    const written = await writer.stop();
    expect(backup.stderr).toMatch(/dumping tables/);
    expect(backup.code).toBe(0);
    const manifest = readManifest(file)!;
    expect(manifest.dialect).toBe('postgres');
    expect(written).toBeGreaterThan(3000);

    const target = await createThrowawayDatabase('kefu_rs');
    cleanups.push(target.drop);
    const restore = await runCli(['restore', file], { env: { DATABASE_URL: target.url, LOG_LEVEL: 'silent' } });
    expect(restore.stderr.replace(/restoring tables.*\n/g, '')).toBe('');
    expect(restore.code).toBe(0);
    expect(restore.stdout).toMatch(/restored and checked/);
    const restored = await openDatabase({ databaseUrl: target.url });
    try {
      const probe = await probeRows(restored);
      expect(probe.count).toBe(manifest.counts.audit_log);
      expect(probe.max).toBe(probe.count - 1);
      // The restored database is a working Kefu database: migrations see themselves as done.
      expect(await migrateToLatest(restored)).toEqual([]);
    } finally {
      await restored.close();
    }
    const again = await runCli(['restore', file], { env: { DATABASE_URL: target.url, LOG_LEVEL: 'silent' } });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/--force/);
  });
});
