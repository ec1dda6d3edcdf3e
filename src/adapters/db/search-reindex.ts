import { sql, type Kysely } from 'kysely';
import { SEARCH_FORM } from '../../core/search/search-text.js';
import type { Clock } from '../../core/shared/clock.js';
import type { Dialect } from './database.js';
import type { DB } from './schema.js';
import { CustomerRepository, customerSearchTokens } from './repositories/customer-repository.js';
import type { SettingsRepository } from './repositories/settings-repository.js';
import { TicketRepository, ticketSearchTokens } from './repositories/ticket-repository.js';

const SETTING = 'search.form';
const PAGE = 500;

/**
 * Brings stored search tokens to the current `SEARCH_FORM` once, after an upgrade changed how text
 * is tokenized (a new fold such as 帐→账 would otherwise leave old tickets unfindable by the new
 * query form). Only the token column changes, and only where it still holds what was read
 * (compare-and-set), so a concurrent edit, which writes its own tokens, always wins. Safe to run
 * in several processes at once: each row converges to the same tokens.
 */
export async function refreshSearchTokens(db: Kysely<DB>, dialect: Dialect, settings: SettingsRepository, clock: Clock): Promise<{ tickets: number; customers: number } | null> {
  if ((await settings.get<number>(SETTING)) === SEARCH_FORM) return null;
  const tickets = new TicketRepository(db, dialect);
  const customers = new CustomerRepository(db, dialect);
  const changed = {
    tickets: await refreshTable(db, dialect, 'tickets', 'ticket_fts', async (id) => {
      const t = await tickets.findById(id);
      return t && ticketSearchTokens(t);
    }),
    customers: await refreshTable(db, dialect, 'customers', 'customer_fts', async (id) => {
      const c = await customers.findById(id);
      return c && customerSearchTokens(c);
    }),
  };
  await settings.put(SETTING, SEARCH_FORM, clock.now());
  return changed;
}

async function refreshTable(
  db: Kysely<DB>,
  dialect: Dialect,
  table: 'tickets' | 'customers',
  fts: 'ticket_fts' | 'customer_fts',
  tokensOf: (id: string) => Promise<string | undefined>,
): Promise<number> {
  let after = '';
  let changed = 0;
  for (;;) {
    const page = await db.selectFrom(table).select(['id', 'search_tokens', 'search_seq']).where('id', '>', after).orderBy('id').limit(PAGE).execute();
    if (page.length === 0) return changed;
    for (const row of page) {
      const tokens = await tokensOf(row.id);
      if (tokens === undefined || tokens === row.search_tokens) continue;
      const done = await db.transaction().execute(async (trx) => {
        const r = await trx.updateTable(table).set({ search_tokens: tokens }).where('id', '=', row.id).where('search_tokens', '=', row.search_tokens).executeTakeFirst();
        if (Number(r.numUpdatedRows) === 0) return false;
        if (dialect === 'sqlite' && row.search_seq !== null) {
          await sql`delete from ${sql.table(fts)} where rowid = ${row.search_seq}`.execute(trx);
          await sql`insert into ${sql.table(fts)}(rowid, tokens) values (${row.search_seq}, ${tokens})`.execute(trx);
        }
        return true;
      });
      if (done) changed++;
    }
    after = page[page.length - 1]!.id;
  }
}
