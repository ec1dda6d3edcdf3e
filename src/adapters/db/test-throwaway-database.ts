import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * A whole PostgreSQL database of its own for a test that needs more than a schema (pg_dump and
 * pg_restore, several server processes): created on the TEST_DATABASE_URL server with a random
 * name, so engineers' test runs side by side on one server never meet, and dropped afterwards.
 */
export async function createThrowawayDatabase(prefix: string): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('TEST_DATABASE_URL is not set');
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  await admin(base, `create database "${name}"`);
  const u = new URL(base);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    name,
    drop: () => admin(base, `drop database if exists "${name}" with (force)`),
  };
}

async function admin(base: string, statement: string): Promise<void> {
  const c = new pg.Client({ connectionString: base });
  await c.connect();
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
}
