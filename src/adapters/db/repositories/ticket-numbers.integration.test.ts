import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../test-databases.js';
import { TicketRepository } from './ticket-repository.js';
import { numberOldTickets } from '../ticket-number-backfill.js';
import { formatTicketNumber } from '../../../core/tickets/ticket-number.js';
import type { Ticket } from '../../../core/tickets/ticket.js';

const T0 = Date.parse('2025-10-09T10:00:00+08:00');
const shanghaiDay = (at: number) => new Date(at + 8 * 3600_000).toISOString().slice(0, 10).replaceAll('-', '');

function ticket(id: string, createdAt: number, number: string | null): Ticket {
  return {
    id, number, type: 'inquiry', complaintClass: null, complaintGrade: null, problemType: null, title: null, description: '宽带报修，光猫红灯闪烁',
    customerId: null, customerName: '李四', contactPhone: null, callId: null, visitId: null, channel: 'phone', status: 'open', priority: 'normal',
    assigneeId: null, team: null, escalationLevel: 'agent', createdBy: null, createdAt, updatedAt: createdAt, callEndedAt: null, summary: null,
    resolvedAt: null, closedAt: null, reopenCount: 0, pausedSince: null,
  };
}

describeEachDatabase('ticket numbers', (getDb, dialect) => {
  it('gives 30 tickets created at once on one day 30 different numbers, 0001 to 0030, and starts again the next day', async () => {
    const { db } = getDb();
    // Each create in its own transaction, all started together, as parallel requests would.
    const made = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        db.transaction().execute(async (trx) => {
          const repo = new TicketRepository(trx, dialect);
          const number = formatTicketNumber('GD20251009', await repo.nextNumber('GD20251009'));
          await repo.insert(ticket(`tk_${String(i).padStart(3, '0')}`, T0 + i, number));
          return number;
        }),
      ),
    );
    expect(new Set(made).size).toBe(30);
    expect([...made].sort()).toEqual(Array.from({ length: 30 }, (_, i) => `GD20251009-${String(i + 1).padStart(4, '0')}`));
    const repo = new TicketRepository(db, dialect);
    expect(await repo.nextNumber('GD20251010')).toBe(1);
    expect(await repo.nextNumber('HZ20251009')).toBe(1);
    expect((await repo.findByNumber('GD20251009-0007'))?.number).toBe('GD20251009-0007');
    expect((await repo.list({ number: 'GD20251009-0030', limit: 10 })).items.map((t) => t.number)).toEqual(['GD20251009-0030']);
  });

  it('refuses a second ticket with a number already given (the unique index is the last word)', async () => {
    const repo = new TicketRepository(getDb().db, dialect);
    await repo.insert(ticket('tk_a', T0, 'GD20251009-0001'));
    await expect(repo.insert(ticket('tk_b', T0, 'GD20251009-0001'))).rejects.toThrow();
  });

  it('numbers tickets stored before numbers existed by their day in the centre’s zone, in creation order, once', async () => {
    const { db } = getDb();
    const repo = new TicketRepository(db, dialect);
    // 23:30 and 00:30 Shanghai time: the second is the next local day though the same UTC day.
    await repo.insert(ticket('tk_1', Date.parse('2025-10-09T23:30:00+08:00'), null));
    await repo.insert(ticket('tk_2', Date.parse('2025-10-10T00:30:00+08:00'), null));
    await repo.insert(ticket('tk_0', Date.parse('2025-10-09T09:00:00+08:00'), null));
    expect(await numberOldTickets(db, dialect, 'GD', shanghaiDay)).toBe(3);
    const numbers = await db.selectFrom('tickets').select(['id', 'number']).orderBy('id').execute();
    expect(numbers).toEqual([
      { id: 'tk_0', number: 'GD20251009-0001' },
      { id: 'tk_1', number: 'GD20251009-0002' },
      { id: 'tk_2', number: 'GD20251010-0001' },
    ]);
    expect(await numberOldTickets(db, dialect, 'GD', shanghaiDay)).toBe(0);
    const counters = await sql<{ day_key: string; last_seq: number }>`select day_key, last_seq from ticket_number_days order by day_key`.execute(db);
    expect(counters.rows.map((r) => [r.day_key, Number(r.last_seq)])).toEqual([['GD20251009', 2], ['GD20251010', 1]]);
  });
});
