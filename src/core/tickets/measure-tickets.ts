import type { Clock } from '../shared/clock.js';
import { ticketMeasures, type MeasureGrouping, type TicketMeasureGroup } from './measures.js';
import { approximateMs } from './ticket-rules.js';
import type { TicketMeasureStore, TicketSettingsSource } from './ports.js';

export interface TicketMeasuresContext {
  clock: Clock;
  settings: TicketSettingsSource;
  store: TicketMeasureStore;
  /** The centre's local day of an instant (YYYY-MM-DD), for grouping by day. */
  dayOf(): Promise<(at: number) => string>;
}

/**
 * PH-TICKET3, PH-SUMMARY5, KPI-CRESP, KPI-FCR and promises kept for the tickets created in
 * [from, to). Tickets created up to the FCR repeat window after the period count as later contacts
 * on the same problem.
 */
export async function measureTickets(ctx: TicketMeasuresContext, q: { from: number; to: number; by: MeasureGrouping }): Promise<TicketMeasureGroup[]> {
  const settings = await ctx.settings.get();
  const [later, promises] = await Promise.all([
    ctx.store.createdBetween(q.from, q.to + approximateMs(settings.fcrRepeatWindow)),
    ctx.store.promisesOfTicketsCreatedBetween(q.from, q.to),
  ]);
  const inPeriod = later.filter((t) => t.createdAt < q.to);
  return ticketMeasures({ tickets: inPeriod, laterTickets: later, promises, now: ctx.clock.now(), settings, by: q.by, dayOf: await ctx.dayOf() });
}
