import type { Kysely } from 'kysely';
import type { DB } from './schema.js';
import type { Dialect } from './database.js';
import { TicketRepository } from './repositories/ticket-repository.js';
import { formatTicketNumber, ticketNumberDayKey } from '../../core/tickets/ticket-number.js';

class AlreadyNumbered extends Error {}

/**
 * Tickets stored before ticket numbers existed (migration 019) get theirs once, at start-up, in
 * the order they were created and by their day in the centre's zone, from the same day counters
 * new tickets use. Each in its own transaction; a ticket another process numbered meanwhile is left
 * as it is (the counter's step is rolled back with it). Returns how many it numbered.
 */
export async function numberOldTickets(db: Kysely<DB>, dialect: Dialect, prefix: string, localDay: (at: number) => string): Promise<number> {
  const old = await db.selectFrom('tickets').select(['id', 'created_at']).where('number', 'is', null).orderBy('created_at').orderBy('id').execute();
  let numbered = 0;
  for (const t of old) {
    try {
      await db.transaction().execute(async (trx) => {
        const dayKey = ticketNumberDayKey(prefix, localDay(Number(t.created_at)));
        const number = formatTicketNumber(dayKey, await new TicketRepository(trx, dialect).nextNumber(dayKey));
        const r = await trx.updateTable('tickets').set({ number }).where('id', '=', t.id).where('number', 'is', null).executeTakeFirst();
        if (Number(r.numUpdatedRows) === 0) throw new AlreadyNumbered();
      });
      numbered++;
    } catch (e) {
      if (!(e instanceof AlreadyNumbered)) throw e;
    }
  }
  return numbered;
}
