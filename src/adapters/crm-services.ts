import type { Kysely } from 'kysely';
import type { DB } from './db/schema.js';
import type { Dialect } from './db/database.js';
import { CustomerRepository } from './db/repositories/customer-repository.js';
import { PromiseRepository, TicketHistoryRepository, TicketRepository } from './db/repositories/ticket-repository.js';
import type { SettingsRepository } from './db/repositories/settings-repository.js';
import { JobQueue } from './jobs/job-queue.js';
import type { Clock } from '../core/shared/clock.js';
import type { AuditLog } from '../core/users/ports.js';
import { CustomerService } from '../core/customers/customer-service.js';
import { TicketService } from '../core/tickets/ticket-service.js';
import type { Ticket } from '../core/tickets/ticket.js';
import type { CrmStores, DeadlineFn, DomainEventPublisher, TicketSettingsSource } from '../core/tickets/ports.js';
import { defaultTicketSettings, parseTicketSettings, type TicketSettings } from '../core/tickets/ticket-settings.js';
import { ticketMeasures, type MeasureGrouping, type TicketMeasureGroup } from '../core/tickets/measures.js';
import { approximateMs } from '../core/tickets/ticket-rules.js';
import { createCalendar, officeCalendarSpec, type WorkingCalendar } from '../core/calendar/calendar.js';
import { officialYears } from '../core/calendar/data/official-holidays.js';
import type { FigureWithReason, TicketMeasuresProvider } from '../core/kpi/ticket-measures-provider.js';

export const TICKET_SETTINGS_KEY = 'tickets.settings';

/**
 * Ticket settings stored in the settings table (editable by admins), with the pack defaults
 * for anything missing. Cached in the process: every ticket request reads them.
 */
export class StoredTicketSettings implements TicketSettingsSource {
  private cached: TicketSettings | undefined;
  constructor(
    private readonly settings: SettingsRepository,
    private readonly clock: Clock,
  ) {}

  async get(): Promise<TicketSettings> {
    this.cached ??= parseTicketSettings(await this.settings.get<unknown>(TICKET_SETTINGS_KEY));
    return this.cached;
  }

  async put(input: unknown): Promise<TicketSettings> {
    const parsed = parseTicketSettings(input);
    await this.settings.put(TICKET_SETTINGS_KEY, parsed, this.clock.now());
    this.cached = parsed;
    return parsed;
  }

  /**
   * Teams became private by default (issue #12). An install that already has tickets but never
   * stored its ticket settings has worked with open teams: that is written down as its setting,
   * so an upgrade changes nothing under its users (an admin closes the teams with one setting).
   * A new install stores nothing here and gets the private default.
   */
  async keepOpenTeamsOfExistingInstall(hasTickets: () => Promise<boolean>): Promise<void> {
    if ((await this.settings.get<unknown>(TICKET_SETTINGS_KEY)) !== undefined || !(await hasTickets())) return;
    await this.put({ ...defaultTicketSettings, teamsPrivate: false });
  }

  /** Forget the cache (another process changed the settings). */
  invalidate(): void {
    this.cached = undefined;
  }
}

export interface CrmServices {
  customers: CustomerService;
  tickets: TicketService;
  ticketSettings: StoredTicketSettings;
  /** PH-TICKET3, PH-SUMMARY5, KPI-CRESP, KPI-FCR and promises kept for tickets created in [from, to). */
  measures(q: { from: number; to: number; by: MeasureGrouping }): Promise<TicketMeasureGroup[]>;
}

export interface CrmDeps {
  db: Kysely<DB>;
  dialect: Dialect;
  clock: Clock;
  audit: AuditLog;
  settings: SettingsRepository;
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
  /** Refreshes what `afterResolved` reads synchronously, before a command's transaction opens. */
  beforeCommand?: () => Promise<unknown>;
}

function storesOn(db: Kysely<DB>, dialect: Dialect, clock: Clock, afterResolved?: CrmDeps['afterResolved']): CrmStores {
  return {
    ...(afterResolved ? { afterResolved: (t: Ticket, at: number) => afterResolved(db, t, at) } : {}),
    customers: new CustomerRepository(db, dialect),
    tickets: new TicketRepository(db, dialect),
    history: new TicketHistoryRepository(db),
    promises: new PromiseRepository(db),
    // Timers are rows: scheduled in the command's transaction, they exist exactly when it commits.
    scheduler: new JobQueue(db, dialect, { clock }),
  };
}

type Work = { fn: (trx: Kysely<DB>) => Promise<unknown>; resolve: (v: unknown) => void; reject: (e: unknown) => void };

/**
 * Group commit for SQLite. Its one connection runs one transaction at a time, and each commit
 * writes every page the command touched (the ticket, eight indexes, the search index, history,
 * promises, timers) to the WAL: with 50 clients waiting, the commits are the work. So the
 * commands that queued while one transaction ran share the next one, each inside its own
 * savepoint: a command that fails rolls back to its savepoint and fails alone (nothing of it is
 * written), the others' results are handed out only after the shared COMMIT succeeded, and a
 * failed COMMIT fails all of them. Commands run one after another, never interleaved, so each
 * sees the one before it exactly as it would after a commit.
 */
export function groupCommit(db: Kysely<DB>, maxBatch = 64): <T>(fn: (trx: Kysely<DB>) => Promise<T>) => Promise<T> {
  const queue: Work[] = [];
  let scheduled = false;

  async function runBatch(batch: Work[]): Promise<void> {
    const trx = await db.startTransaction().execute();
    const done: Array<{ work: Work; value: unknown }> = [];
    let next = 0;
    try {
      for (; next < batch.length; next++) {
        const work = batch[next]!;
        const name = `cmd${next}`;
        const sp = await trx.savepoint(name).execute();
        try {
          done.push({ work, value: await work.fn(sp) });
          await sp.releaseSavepoint(name).execute();
        } catch (e) {
          if (done[done.length - 1]?.work === work) done.pop();
          // Rejected now, but its caller cannot look before the rollback: the connection is ours.
          work.reject(e);
          await sp.rollbackToSavepoint(name).execute();
          await sp.releaseSavepoint(name).execute();
        }
      }
      await trx.commit().execute();
    } catch (e) {
      await trx.rollback().execute().catch(() => undefined);
      for (const { work } of done) work.reject(e);
      // The command that was running when the transaction broke (rejecting twice is a no-op).
      batch[next]?.reject(e);
      // Commands not yet started lose nothing: they go first into the next transaction.
      queue.unshift(...batch.slice(next + 1));
      return;
    }
    for (const { work, value } of done) work.resolve(value);
  }

  // One batch per turn of the event loop, started from setImmediate: better-sqlite3 is
  // synchronous, so a transaction started at once would run to its COMMIT inside the request that
  // asked for it, before the loop even reads the next request. Waiting for the check phase lets
  // every request that arrived in this turn join, and costs a lone request nothing measurable.
  async function drainOne(): Promise<void> {
    const batch = queue.splice(0, maxBatch);
    await runBatch(batch).catch((e: unknown) => {
      // BEGIN itself failed (database locked by another process past busy_timeout).
      for (const w of batch) w.reject(e);
    });
    if (queue.length > 0) setImmediate(() => void drainOne());
    else scheduled = false;
  }

  return <T>(fn: (trx: Kysely<DB>) => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      queue.push({ fn, resolve: resolve as (v: unknown) => void, reject });
      if (!scheduled) {
        scheduled = true;
        setImmediate(() => void drainOne());
      }
    });
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
  const transaction = d.dialect === 'sqlite' ? groupCommit(d.db) : <T>(fn: (trx: Kysely<DB>) => Promise<T>) => d.db.transaction().execute(fn);
  const inTransaction = async <T>(fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> => {
    snapshot = await calendar();
    await d.beforeCommand?.();
    return transaction(fn);
  };
  const ticketSettings = new StoredTicketSettings(d.settings, d.clock);
  await ticketSettings.keepOpenTeamsOfExistingInstall(async () => (await d.db.selectFrom('tickets').select('id').limit(1).executeTakeFirst()) !== undefined);
  const read = storesOn(d.db, d.dialect, d.clock);
  const customers = new CustomerService({
    unitOfWork: (fn) => d.db.transaction().execute((trx) => fn(new CustomerRepository(trx, d.dialect))),
    store: read.customers,
    clock: d.clock,
    audit: d.audit,
  });
  const tickets = new TicketService({
    unitOfWork: (fn) => inTransaction((trx) => fn(storesOn(trx, d.dialect, d.clock, d.afterResolved))),
    read,
    clock: d.clock,
    settings: ticketSettings,
    deadline,
    events: d.events,
  });
  const ticketRepo = new TicketRepository(d.db, d.dialect);
  const promiseRepo = new PromiseRepository(d.db);
  return {
    customers,
    tickets,
    ticketSettings,
    async measures({ from, to, by }) {
      const settings = await ticketSettings.get();
      const [later, promises] = await Promise.all([
        ticketRepo.createdBetween(from, to + approximateMs(settings.fcrRepeatWindow)),
        promiseRepo.ofTicketsCreatedBetween(from, to),
      ]);
      const inPeriod = later.filter((t) => t.createdAt < to);
      const cal = await calendar();
      return ticketMeasures({ tickets: inPeriod, laterTickets: later, promises, now: d.clock.now(), settings, by, dayOf: (at) => cal.formatInstant(at).slice(0, 10) });
    },
  };
}

/**
 * The tickets' side of `GET /api/kpi`: complaint response, first-contact resolution, tickets
 * within 3 minutes and promises kept, each with why it is null when there is nothing to measure.
 * Satisfaction is the mean of the 1–5 answers recorded in call summaries, as a 0–100 score.
 */
export function ticketKpiProvider(crm: CrmServices, clock: Clock): TicketMeasuresProvider {
  const figure = (value: number | null, denominator: number, what: string): FigureWithReason =>
    value === null ? { value: null, reason: denominator === 0 ? `no ${what} in the period` : null } : { value, reason: null };
  return {
    async measures({ from, to }) {
      const [g] = await crm.measures({ from: from ?? 0, to: to ?? clock.now() + 1, by: 'total' });
      if (!g) {
        const none = { value: null, reason: 'no tickets in the period' };
        return { complaintResponseRate: none, firstContactResolution: none, ticketWithin3MinRate: none, promisesKeptRate: none, satisfaction: none };
      }
      return {
        complaintResponseRate: figure(g.complaintResponseRate, g.complaints, 'complaints with a decided reply time'),
        firstContactResolution: figure(g.firstContactResolutionRate, g.resolved, 'resolved tickets'),
        ticketWithin3MinRate: figure(g.ticketWithinLimitRate, g.ticketsFromCalls, 'tickets created from calls'),
        promisesKeptRate: figure(g.promiseKeptRate, g.promisesDecided, 'promises with a known outcome'),
        satisfaction: figure(g.satisfactionScore, g.satisfactionAnswers, 'satisfaction answers in call summaries'),
      };
    },
  };
}
