import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { createAppContext, type AppContext } from '../../app.js';
import { closeTestDatabase, openTestDatabase } from '../db/test-databases.js';
import { openDatabase, type Database } from '../db/database.js';

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 250 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
  if (!check()) throw new Error(`not within 5 s: ${what}`);
}

/** Two server processes' contexts on one PostgreSQL schema, each with its LISTEN connection. */
describe.skipIf(!process.env.TEST_DATABASE_URL)('change signals and events across processes (PostgreSQL LISTEN/NOTIFY)', () => {
  const open: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const close of open.splice(0).reverse()) await close();
  });

  it('a change signalled on A reaches B; after B\'s listening connection is killed it reconnects, forgets everything once, and hears A again', async () => {
    const first = await openTestDatabase('postgres');
    const schema = first.pgSchema!;
    const second: Database = await openDatabase({ databaseUrl: process.env.TEST_DATABASE_URL!, pgSchema: schema });
    const config = loadConfig({ LOG_LEVEL: 'silent' });
    const a: AppContext = await createAppContext(config, { database: first, listen: true });
    const b: AppContext = await createAppContext(config, { database: second, listen: true });
    open.push(() => closeTestDatabase(first), async () => {
      await a.close().catch(() => undefined);
    }, async () => {
      await b.close();
    });
    const heard: Array<string | undefined> = [];
    b.changes.on('ticket-settings', (detail) => heard.push(detail ?? 'all'));
    await until(() => Boolean(b.notifications?.connected), 'B listening');

    await a.changes.signal('ticket-settings');
    await until(() => heard.length === 1, 'B heard A');

    // A ticket-settings change made through A is in force on B (its cache forgot).
    const before = await b.crm.ticketSettings.get();
    await a.crm.ticketSettings.put({ ...before, teamsPrivate: !before.teamsPrivate });
    await a.changes.signal('ticket-settings');
    await until(() => heard.length === 2, 'B heard the settings change');
    expect((await b.crm.ticketSettings.get()).teamsPrivate).toBe(!before.teamsPrivate);

    // The database drops B's listening connection (a restart, a failover): B reconnects by itself.
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where query ilike 'LISTEN "kefu_changes_${schema}"%' or query ilike 'LISTEN "kefu_events_${schema}"%'`);
    await admin.end();
    await until(() => b.notifications?.connected === false || heard.length === 3, 'B noticed');
    await until(() => Boolean(b.notifications?.connected) && heard.length >= 3, 'B reconnected and resynced');
    const afterResync = heard.length;
    await a.changes.signal('ticket-settings');
    await until(() => heard.length === afterResync + 1, 'B hears A again');

    // And a live event logged through A is delivered by B's tail.
    const got: string[] = [];
    const unsubscribe = b.eventLog.subscribe({ deliver: (e) => got.push(`${e.type}:${String(e.data.callId)}`) });
    await a.events.publish({ type: 'call.answered', at: Date.now(), callId: 'x1', agent: 'ana' });
    await a.eventLog.drain();
    await until(() => got.includes('call.answered:x1'), 'B delivered A\'s event');
    unsubscribe();
  }, 30_000);
});
