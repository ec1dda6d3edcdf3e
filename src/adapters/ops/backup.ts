import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import pkg from '../../../package.json' with { type: 'json' };

/**
 * `kefu backup` / `kefu restore` (issue #20).
 *
 * SQLite: the online backup API copies the database page by page while the server keeps writing;
 * the copy is one consistent instant. (A write by another connection restarts a step-wise copy, so
 * after a restart the rest goes in one step, holding a read snapshot only: WAL readers never block
 * the writer.) The copy is a plain self-contained SQLite file.
 *
 * PostgreSQL: `pg_dump --format=custom` of the schema in use, run on a snapshot exported by a
 * REPEATABLE READ transaction that counts every table at the same instant. The counts go beside
 * the dump (`<file>.json`), and `kefu restore` (`pg_restore --clean --single-transaction`) checks
 * the restored database against them.
 *
 * Both end with the restore check: every table's row count in the restored database equals the
 * count taken at the backup's instant, or the command fails naming the tables that differ.
 */
export interface BackupManifest {
  kefu: string;
  dialect: 'sqlite' | 'postgres';
  createdAt: string;
  /** PostgreSQL: the schema dumped. */
  schema?: string;
  /** Rows per table at the backup's instant. */
  counts: Record<string, number>;
}

export type Progress = (message: string, done?: number, total?: number) => void;

export class BackupError extends Error {}

export function manifestPathOf(file: string): string {
  return `${file}.json`;
}

// ---------- SQLite ----------

function sqliteTables(db: SQLite.Database): string[] {
  // FTS5 shadow tables are rebuilt with their table; the virtual tables are counted instead.
  const rows = db.prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not glob '*_fts_*' order by name`).all() as { name: string }[];
  return rows.map((r) => r.name);
}

export function sqliteCounts(db: SQLite.Database): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const t of sqliteTables(db)) counts[t] = (db.prepare(`select count(*) as n from "${t.replace(/"/g, '""')}"`).get() as { n: number }).n;
  return counts;
}

export async function backupSqlite(source: string, target: string, progress: Progress): Promise<BackupManifest> {
  if (!fs.existsSync(source)) throw new BackupError(`没有数据库文件 ${source} (no database at ${source})`);
  const tmp = `${target}.partial`;
  fs.rmSync(tmp, { force: true });
  const db = new SQLite(source, { fileMustExist: true });
  db.pragma('busy_timeout = 10000');
  try {
    let last = Number.POSITIVE_INFINITY;
    let oneStep = false;
    await db.backup(tmp, {
      progress: ({ totalPages, remainingPages }) => {
        // The server wrote meanwhile and the copy started over: finish in one step.
        if (remainingPages > last) oneStep = true;
        last = remainingPages;
        progress('copying pages', totalPages - remainingPages, totalPages);
        return oneStep ? 0x7fffffff : 256;
      },
    });
  } finally {
    db.close();
  }
  const copy = new SQLite(tmp);
  try {
    // A standalone file: no -wal beside it to lose when it is moved.
    copy.pragma('journal_mode = DELETE');
    const check = copy.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new BackupError(`备份文件校验失败 (integrity check of the copy: ${String(check)})`);
    const manifest: BackupManifest = { kefu: pkg.version, dialect: 'sqlite', createdAt: new Date().toISOString(), counts: sqliteCounts(copy) };
    copy.close();
    fs.renameSync(tmp, target);
    fs.writeFileSync(manifestPathOf(target), `${JSON.stringify(manifest, null, 2)}\n`);
    return manifest;
  } catch (e) {
    if (copy.open) copy.close();
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

/** Replaces the SQLite database with the backup (the server must be stopped). Returns the restored counts. */
export async function restoreSqlite(backup: string, target: string, progress: Progress): Promise<{ counts: Record<string, number>; expected: Record<string, number>; previous: string | null }> {
  const src = new SQLite(backup, { readonly: true, fileMustExist: true });
  let expected: Record<string, number>;
  try {
    if (src.pragma('integrity_check', { simple: true }) !== 'ok') throw new BackupError(`${backup} 不是完好的 SQLite 备份 (integrity check failed)`);
    if (!sqliteTables(src).includes('kysely_migration')) throw new BackupError(`${backup} 不是 Kefu 的备份 (no kysely_migration table)`);
    expected = readManifest(backup)?.counts ?? sqliteCounts(src);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const tmp = `${target}.restoring`;
    fs.rmSync(tmp, { force: true });
    await src.backup(tmp, { progress: ({ totalPages, remainingPages }) => (progress('restoring pages', totalPages - remainingPages, totalPages), 1024) });
  } finally {
    src.close();
  }
  // The old database is kept beside, never deleted; its WAL goes with it (a stale WAL beside the
  // restored file would be replayed into it).
  let previous: string | null = null;
  if (fs.existsSync(target)) {
    previous = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    fs.renameSync(target, previous);
    for (const suffix of ['-wal', '-shm']) if (fs.existsSync(target + suffix)) fs.renameSync(target + suffix, previous + suffix);
  }
  fs.renameSync(`${target}.restoring`, target);
  const restored = new SQLite(target);
  try {
    restored.pragma('journal_mode = WAL');
    return { counts: sqliteCounts(restored), expected, previous };
  } finally {
    restored.close();
  }
}

// ---------- PostgreSQL ----------

function pgTool(name: 'pg_dump' | 'pg_restore'): string {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const p = path.join(dir, name);
    if (dir && fs.existsSync(p)) return p;
  }
  throw new BackupError(`PostgreSQL 备份需要 ${name}（apt-get install postgresql-client） (${name} not found on PATH: install the PostgreSQL client of the server's major version)`);
}

async function pgCounts(client: pg.ClientBase, schema: string): Promise<Record<string, number>> {
  // Partitions are counted through their parent.
  const tables = await client.query<{ name: string }>(
    `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = $1 and c.relkind in ('r', 'p') and not c.relispartition order by c.relname`,
    [schema],
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables.rows) {
    const r = await client.query<{ n: string }>(`select count(*) as n from "${schema.replace(/"/g, '""')}"."${name.replace(/"/g, '""')}"`);
    counts[name] = Number(r.rows[0]!.n);
  }
  return counts;
}

function run(cmd: string, args: string[], onLine: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let buf = '';
    const errors: string[] = [];
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => {
      buf += d;
      let i: number;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        if (/error|fatal/i.test(line)) errors.push(line);
        onLine(line);
      }
    });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new BackupError(`${path.basename(cmd)} exited with ${code}: ${errors.slice(-3).join(' | ') || buf.trim()}`))));
  });
}

export async function backupPostgres(url: string, target: string, progress: Progress): Promise<BackupManifest> {
  const pgDump = pgTool('pg_dump');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const tmp = `${target}.partial`;
  try {
    // Everything counted and dumped is the same instant: pg_dump runs on this transaction's snapshot.
    await client.query('begin isolation level repeatable read, read only');
    const snap = await client.query<{ id: string; schema: string }>('select pg_export_snapshot() as id, current_schema() as schema');
    const { id, schema } = snap.rows[0]!;
    const counts = await pgCounts(client, schema);
    const total = Object.keys(counts).length;
    let done = 0;
    progress('dumping tables', 0, total);
    await run(pgDump, ['--format=custom', '--no-owner', '--no-privileges', `--snapshot=${id}`, `--schema=${schema}`, '--verbose', `--file=${tmp}`, `--dbname=${url}`], (line) => {
      if (/dumping contents of table/.test(line)) progress('dumping tables', ++done, total);
    });
    await client.query('commit');
    const manifest: BackupManifest = { kefu: pkg.version, dialect: 'postgres', createdAt: new Date().toISOString(), schema, counts };
    fs.renameSync(tmp, target);
    fs.writeFileSync(manifestPathOf(target), `${JSON.stringify(manifest, null, 2)}\n`);
    return manifest;
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function restorePostgres(url: string, backup: string, progress: Progress): Promise<{ counts: Record<string, number>; expected: Record<string, number> | undefined }> {
  const pgRestore = pgTool('pg_restore');
  const manifest = readManifest(backup);
  let done = 0;
  const total = manifest ? Object.keys(manifest.counts).length : undefined;
  // One transaction: a restore that fails half-way leaves the database as it was.
  await run(pgRestore, ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', '--verbose', `--dbname=${url}`, backup], (line) => {
    if (/processing data for table/.test(line)) progress('restoring tables', ++done, total);
  });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const schema = manifest?.schema ?? (await client.query<{ s: string }>('select current_schema() as s')).rows[0]!.s;
    return { counts: await pgCounts(client, schema), expected: manifest?.counts };
  } finally {
    await client.end();
  }
}

export function readManifest(backup: string): BackupManifest | undefined {
  const p = manifestPathOf(backup);
  if (!fs.existsSync(p)) return undefined;
  return JSON.parse(fs.readFileSync(p, 'utf8')) as BackupManifest;
}

/** Tables whose restored count differs from the count at the backup's instant. */
export function countDifferences(expected: Record<string, number>, actual: Record<string, number>): string[] {
  const names = new Set([...Object.keys(expected), ...Object.keys(actual)]);
  return [...names].filter((t) => expected[t] !== actual[t]).map((t) => `${t}: ${expected[t] ?? 'absent'} at backup, ${actual[t] ?? 'absent'} restored`);
}

/** Whether the target already holds a Kefu database (restore then needs --force). */
export async function postgresHasKefu(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const r = await client.query(`select 1 from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = current_schema() and c.relname = 'kysely_migration'`);
    return r.rowCount !== null && r.rowCount > 0;
  } finally {
    await client.end();
  }
}
