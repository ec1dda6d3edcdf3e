import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterEach, beforeEach, describe } from 'vitest';
import { migrateToLatest, openDatabase, type Database, type Dialect } from './database.js';

/**
 * Runs one suite against every database Kefu supports: SQLite always, PostgreSQL when
 * TEST_DATABASE_URL is set (each test gets its own fresh schema there, dropped afterwards).
 * Repositories are tested against real databases, never mocks.
 */
export function describeEachDatabase(name: string, suite: (getDb: () => Database, dialect: Dialect) => void): void {
  const targets: Dialect[] = ['sqlite'];
  if (process.env.TEST_DATABASE_URL) targets.push('postgres');
  for (const dialect of targets) {
    describe(`${name} [${dialect}]`, () => {
      let database: Database | undefined;
      beforeEach(async () => {
        database = await openTestDatabase(dialect);
      });
      afterEach(async () => {
        if (database) await closeTestDatabase(database);
      });
      suite(() => {
        if (!database) throw new Error('database not open yet');
        return database;
      }, dialect);
    });
  }
}

const schemas = new WeakMap<Database, string>();

/** Closes a database from openTestDatabase and drops its PostgreSQL schema. */
export async function closeTestDatabase(d: Database): Promise<void> {
  await d.close();
  const schema = schemas.get(d);
  if (schema) await dropSchema(schema);
}

/** A migrated, empty database of the given dialect. */
export async function openTestDatabase(dialect: Dialect, opts: { dataDir?: string } = {}): Promise<Database> {
  if (dialect === 'sqlite') {
    const d = await openDatabase(opts.dataDir ? { dataDir: opts.dataDir } : { memory: true });
    await migrateToLatest(d);
    return d;
  }
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  const schema = `kefu_test_${randomBytes(6).toString('hex')}`;
  const d = await openDatabase({ databaseUrl: url, pgSchema: schema });
  schemas.set(d, schema);
  await migrateToLatest(d);
  return d;
}

export async function dropSchema(schema: string): Promise<void> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return;
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await c.end();
  }
}
