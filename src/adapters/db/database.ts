import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely';
import { configDefaults } from '../../config.js';
import { WriteBehindPostgresDialect } from './write-behind-postgres.js';
import type { DB } from './schema.js';
import { migrationProvider } from './migrations/index.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  dialect: Dialect;
  /** Where the data lives, for messages: a file path or the URL without its password. */
  location: string;
  /**
   * SQLite only: the better-sqlite3 handle under `db`, for hot bulk paths that reuse prepared
   * statements (Kysely prepares every query anew). Used inside a Kysely transaction it runs on
   * the same connection, so it joins that transaction.
   */
  sqlite?: SQLite.Database;
  /** PostgreSQL: the schema everything lives in, when not the default search path (tests). */
  pgSchema?: string;
  /** PostgreSQL: the connection URL (with its password: never for messages), for the one listening connection. */
  url?: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres://… ; when absent the embedded SQLite file in `dataDir` is used. */
  databaseUrl?: string | undefined;
  dataDir?: string;
  /** Use an in-memory SQLite database (tests). */
  memory?: boolean;
  /** Create a private schema in PostgreSQL and use it (tests that share one server). */
  pgSchema?: string;
}

// PostgreSQL returns bigint (int8) and numeric as strings; every bigint we store is epoch ms or a
// count, far inside Number's exact range, so parse them as numbers once, here.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.pgSchema);
  return openSqlite(opts);
}

function openSqlite(opts: OpenOptions): Database {
  let file = ':memory:';
  if (!opts.memory) {
    const dir = opts.dataDir ?? configDefaults.dataDir;
    fs.mkdirSync(dir, { recursive: true });
    file = path.join(dir, 'kefu.sqlite');
  }
  const raw = new SQLite(file);
  // WAL lets the CLI write while the server reads and writes; busy_timeout makes the second
  // writer wait for the lock instead of failing. synchronous=NORMAL in WAL mode is durable
  // against a crashed process (the case we promise); only a power loss can drop the last commits.
  raw.pragma('journal_mode = WAL');
  raw.pragma('busy_timeout = 10000');
  raw.pragma('synchronous = NORMAL');
  raw.pragma('foreign_keys = ON');
  // The default page cache is 2 MB: at 100,000 tickets the indexes a write touches no longer
  // fit, and every insert re-reads pages through the OS. 64 MB keeps them in memory.
  raw.pragma('cache_size = -65536');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(raw) }) });
  return {
    db,
    dialect: 'sqlite',
    location: file,
    sqlite: raw,
    close: async () => {
      await db.destroy();
    },
  };
}

/**
 * Kysely prepares every statement anew, and on SQLite preparing costs as much as running a
 * small insert. The same SQL text reuses its prepared statement; one still being iterated (a
 * stream) is busy, so that caller gets a fresh one. Bounded: SQL with varying IN-list lengths
 * produces many texts.
 */
function withStatementCache(raw: SQLite.Database): Pick<SQLite.Database, 'prepare' | 'close'> {
  const cache = new Map<string, SQLite.Statement>();
  return {
    prepare: (source: string) => {
      const hit = cache.get(source);
      if (hit && !hit.busy) return hit;
      const stmt = raw.prepare(source);
      if (!hit) {
        if (cache.size >= 500) cache.clear();
        cache.set(source, stmt);
      }
      return stmt;
    },
    close: () => raw.close(),
  } as Pick<SQLite.Database, 'prepare' | 'close'>;
}

async function openPostgres(url: string, schema?: string): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: 5000,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle client losing its connection (server restart) must not crash the process: the pool
  // drops it and the next query reconnects.
  pool.on('error', () => undefined);
  if (schema) {
    const c = await pool.connect();
    try {
      // IF NOT EXISTS is not atomic: two pools creating the schema at once (processes starting
      // together) can both pass the check, and the loser fails on the catalogue's unique index.
      await c.query(`CREATE SCHEMA IF NOT EXISTS "${schema.replace(/"/g, '')}"`).catch((e: { code?: string }) => {
        if (e.code !== '23505' && e.code !== '42P06') throw e;
      });
    } finally {
      c.release();
    }
  }
  // Plain INSERTs inside a transaction are sent together (see WriteBehindPostgresDialect).
  const db = new Kysely<DB>({ dialect: new WriteBehindPostgresDialect({ pool }) });
  const u = new URL(url);
  u.password = '';
  return {
    db,
    dialect: 'postgres',
    location: u.toString(),
    url,
    ...(schema && { pgSchema: schema }),
    close: async () => {
      await db.destroy();
    },
  };
}

/** Brings the schema up to date. Safe to run from several processes: each migration runs once. */
export async function migrateToLatest(database: Database): Promise<string[]> {
  // Name the schema of Kysely's own bookkeeping tables: left unnamed, its "does the lock table
  // exist" check sees the table in any schema, so a database beside another Kysely schema (tests
  // run side by side on one server) would skip creating its own and fail.
  const migrator = new Migrator({ db: database.db, provider: migrationProvider(database.dialect), ...(database.pgSchema && { migrationTableSchema: database.pgSchema }) });
  if (database.sqlite) return migrateSqliteExclusively(database.sqlite, migrator);
  for (let attempt = 1; ; attempt++) {
    const { error, results } = await migrator.migrateToLatest();
    if (!error) return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
    // Kysely's table check reads the catalogue of every schema: a schema dropped meanwhile by
    // someone else (test runs side by side on one server) fails it with 3F000 naming that other
    // schema. Nothing was migrated; the check simply runs again.
    // The same check describes every table of every schema: a table or column of another schema
    // dropped between its two catalogue reads fails it with 42P01/42703 (seen in full runs beside
    // other engineers' tests). Also nothing migrated: Kysely runs migrations in a transaction.
    const e = error as { code?: unknown; message?: unknown };
    const otherSchemaVanished =
      (e.code === '3F000' || e.code === '42P01' || e.code === '42703') && !(database.pgSchema && String(e.message).includes(`"${database.pgSchema}"`));
    if (!otherSchemaVanished || attempt >= 5) throw error instanceof Error ? error : new Error(String(error));
  }
}

/**
 * SQLite: Kysely's migration lock is a no-op there ("one connection"), yet a second process may
 * open the same file at the same moment (the CLI beside a starting server): both saw migration 001
 * pending and the second failed with `table "users" already exists`. Holding the file's write lock
 * (BEGIN IMMEDIATE, which waits out the busy timeout) around the whole run makes the later one wait
 * and then find nothing to do; and a migration that fails leaves no half-made schema behind.
 * Kysely itself opens no transaction on SQLite (no transactional DDL in its adapter), so the
 * migrations' statements run inside this one on the same connection.
 */
async function migrateSqliteExclusively(raw: SQLite.Database, migrator: Migrator): Promise<string[]> {
  raw.exec('BEGIN IMMEDIATE');
  try {
    const { error, results } = await migrator.migrateToLatest();
    if (error) throw error instanceof Error ? error : new Error(String(error));
    raw.exec('COMMIT');
    return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  } catch (e) {
    if (raw.inTransaction) raw.exec('ROLLBACK');
    throw e;
  }
}

/** A cheap round trip; throws when the database does not answer. */
export async function pingDatabase(database: Database): Promise<void> {
  await sql`select 1`.execute(database.db);
}

/** True for errors that mean "the database is not reachable right now" rather than a bad query. */
export function isUnavailableError(e: unknown): boolean {
  const err = e as { code?: string; message?: string } | undefined;
  const code = err?.code ?? '';
  return (
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08006', 'SQLITE_BUSY', 'SQLITE_CANTOPEN'].includes(code) ||
    /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(err?.message ?? '')
  );
}
