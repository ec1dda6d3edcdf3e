import type { Kysely } from 'kysely';
import type { DB } from './db/schema.js';
import type { Dialect } from './db/database.js';
import { commandTransactions } from './db/group-commit.js';
import { CustomerRepository } from './db/repositories/customer-repository.js';
import { PromiseRepository, TicketHistoryRepository, TicketRepository } from './db/repositories/ticket-repository.js';
import { TicketArticleRepository } from './db/repositories/ticket-article-repository.js';
import type { TicketSettingsRepository } from './db/repositories/ticket-settings-repository.js';
import { TicketPeopleRepository } from './db/repositories/ticket-people-repository.js';
import { numberOldTickets } from './db/ticket-number-backfill.js';
import { JobQueue } from './jobs/job-queue.js';
import type { Clock } from '../core/shared/clock.js';
import type { Random } from '../core/shared/random.js';
import type { AuditLog } from '../core/users/ports.js';
import { CustomerService } from '../core/customers/customer-service.js';
import { TicketService } from '../core/tickets/ticket-service.js';
import type { Ticket } from '../core/tickets/ticket.js';
import type { CrmStores, DeadlineFn, DomainEventPublisher } from '../core/tickets/ports.js';
import type { MeasureGrouping, TicketMeasureGroup } from '../core/tickets/measures.js';
import { measureTickets } from '../core/tickets/measure-tickets.js';
import { keepOpenTeamsOfExistingInstall } from '../core/tickets/open-teams-on-upgrade.js';
import { createCalendar, officeCalendarSpec, type WorkingCalendar } from '../core/calendar/calendar.js';
import { officialYears } from '../core/calendar/data/official-holidays.js';

// Wiring only: binds the customers' and tickets' use cases (src/core) to their repositories, the
// transaction runner and the calendar. The rules live in the core, the SQL in adapters/db.

export interface CrmServices {
  customers: CustomerService;
  tickets: TicketService;
  ticketSettings: TicketSettingsRepository;
  /** The users as assignees: display names for the screens, the picker's list. */
  people: TicketPeopleRepository;
  /** PH-TICKET3, PH-SUMMARY5, KPI-CRESP, KPI-FCR and promises kept for tickets created in [from, to) (`core/tickets/measure-tickets.ts`). */
  measures(q: { from: number; to: number; by: MeasureGrouping }): Promise<TicketMeasureGroup[]>;
}

export interface CrmDeps {
  db: Kysely<DB>;
  dialect: Dialect;
  clock: Clock;
  random: Random;
  audit: AuditLog;
  /** The one ticket settings repository of the process (its cache is what `PUT /api/ticket-settings` refreshes). */
  ticketSettings: TicketSettingsRepository;
  events: DomainEventPublisher;
  timeZone: string;
  /**
   * The working calendar for promise deadlines: the centre's default calendar from the database
   * (so imported holiday years and edited hours count); default: office hours with the shipped
   * official holidays.
   */
  calendar?: () => Promise<WorkingCalendar>;
  /** Work attached to a resolve inside its transaction (the callbacks' CB-AFTER hook). */
  afterResolved?: (trx: Kysely<DB>, t: Ticket, at: number) => Promise<void>;
  /** Work attached to a reopen inside its transaction (the callbacks withdraw the pending after-solved task). */
  afterReopened?: (trx: Kysely<DB>, t: Ticket, at: number) => Promise<void>;
  /** Refreshes what `afterResolved` reads synchronously, before a command's transaction opens. */
  beforeCommand?: () => Promise<unknown>;
}

function storesOn(db: Kysely<DB>, d: CrmDeps, inCommand: boolean): CrmStores {
  return {
    ...(inCommand && d.afterResolved ? { afterResolved: (t: Ticket, at: number) => d.afterResolved!(db, t, at) } : {}),
    ...(inCommand && d.afterReopened ? { afterReopened: (t: Ticket, at: number) => d.afterReopened!(db, t, at) } : {}),
    customers: new CustomerRepository(db, d.dialect),
    tickets: new TicketRepository(db, d.dialect),
    history: new TicketHistoryRepository(db),
    promises: new PromiseRepository(db),
    articles: new TicketArticleRepository(db),
    people: new TicketPeopleRepository(db),
    // Timers are rows: scheduled in the command's transaction, they exist exactly when it commits.
    scheduler: new JobQueue(db, d.dialect, { clock: d.clock }),
  };
}

export async function createCrmServices(d: CrmDeps): Promise<CrmServices> {
  const fallback = createCalendar(officeCalendarSpec(d.timeZone), officialYears);
  const calendar = d.calendar ?? (async () => fallback);
  // Deadlines are computed inside a command's transaction, where reading the calendars table
  // would wait on the transaction's own connection (SQLite has one). So each command refreshes
  // this snapshot just before its transaction opens (a cache hit, normally) and the deadline
  // function reads the snapshot synchronously.
  let snapshot: WorkingCalendar = fallback;
  const deadline: DeadlineFn = (start, duration) => snapshot.deadline(start, duration).at;
  // The centre's day for ticket numbers: the calendar's zone (`formatInstant` gives YYYY-MM-DD HH:MM).
  const localDay = (at: number) => snapshot.formatInstant(at).slice(0, 10).replaceAll('-', '');
  const people = new TicketPeopleRepository(d.db);
  const transaction = commandTransactions(d.db, d.dialect);
  const inTransaction = async <T>(fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> => {
    snapshot = await calendar();
    await d.beforeCommand?.();
    return transaction(fn);
  };
  await keepOpenTeamsOfExistingInstall(d.ticketSettings, async () => (await d.db.selectFrom('tickets').select('id').limit(1).executeTakeFirst()) !== undefined);
  snapshot = await calendar();
  await numberOldTickets(d.db, d.dialect, (await d.ticketSettings.get()).numberPrefix, localDay);
  const read = storesOn(d.db, d, false);
  const customers = new CustomerService({
    unitOfWork: (fn) => d.db.transaction().execute((trx) => fn(new CustomerRepository(trx, d.dialect))),
    store: read.customers,
    clock: d.clock,
    random: d.random,
    audit: d.audit,
  });
  const tickets = new TicketService({
    unitOfWork: (fn) => inTransaction((trx) => fn(storesOn(trx, d, true))),
    read,
    clock: d.clock,
    random: d.random,
    settings: d.ticketSettings,
    deadline,
    localDay,
    events: d.events,
  });
  const ticketRepo = new TicketRepository(d.db, d.dialect);
  const promiseRepo = new PromiseRepository(d.db);
  const measureContext = {
    clock: d.clock,
    settings: d.ticketSettings,
    store: { createdBetween: (from: number, to: number) => ticketRepo.createdBetween(from, to), promisesOfTicketsCreatedBetween: (from: number, to: number) => promiseRepo.ofTicketsCreatedBetween(from, to) },
    dayOf: async () => {
      const cal = await calendar();
      return (at: number) => cal.formatInstant(at).slice(0, 10);
    },
  };
  return { customers, tickets, ticketSettings: d.ticketSettings, people, measures: (q) => measureTickets(measureContext, q) };
}
