import { randomBytes } from 'node:crypto';
import type { Config } from './config.js';
import type { Clock } from './core/shared/clock.js';
import { systemClock } from './adapters/system-clock.js';
import { systemRandom } from './adapters/system-random.js';
import { nodeSecrets } from './adapters/secrets.js';
import type { Random } from './core/shared/random.js';
import { migrateToLatest, openDatabase, pingDatabase, type Database } from './adapters/db/database.js';
import { UserRepository } from './adapters/db/repositories/user-repository.js';
import { SessionRepository } from './adapters/db/repositories/session-repository.js';
import { ApiTokenRepository } from './adapters/db/repositories/api-token-repository.js';
import { AuditRepository } from './adapters/db/repositories/audit-repository.js';
import { SettingsRepository } from './adapters/db/repositories/settings-repository.js';
import { refreshSearchTokens } from './adapters/db/search-reindex.js';
import { databaseAuditLog } from './adapters/db/repositories/audit-log.js';
import { UserService } from './core/users/user-service.js';
import { JobQueue } from './adapters/jobs/job-queue.js';
import { EventBus } from './core/shared/event-bus.js';
import { CalendarService } from './core/calendar/calendar-service.js';
import { CalendarRepository } from './adapters/db/repositories/calendar-repository.js';
import { DatabaseHolidayStore } from './adapters/db/repositories/database-holiday-store.js';
import { readFileSync } from 'node:fs';
import { StandardService } from './core/standard/standard-service.js';
import { StandardVersionRepository } from './adapters/db/repositories/standard-version-repository.js';
import { defaultPackUrl, loadDefaultPack } from './adapters/standard-files.js';
import { createCrmServices, type CrmServices } from './adapters/crm-services.js';
import { TicketSettingsRepository } from './adapters/db/repositories/ticket-settings-repository.js';
import { ticketKpiProvider } from './core/tickets/ticket-kpi.js';
import { createCallbackServices, withCallbackKpi, type CallbackServices } from './adapters/callback-services.js';
import { createVisitServices, type VisitServices } from './adapters/visit-services.js';
import type { TicketMeasuresProvider } from './core/kpi/ticket-measures-provider.js';
import type { AuditLog } from './core/users/ports.js';
import { createReviewServices, type ReviewServices } from './adapters/review-services.js';
import { createKnowledgeServices, type KnowledgeServices } from './adapters/knowledge-services.js';
import { CallRepository } from './adapters/db/repositories/call-repository.js';
import type { CallContext } from './core/calls/call-context.js';
import type { AgentBoardContext } from './core/calls/agent-board.js';
import type { PeopleFiguresContext } from './core/kpi/people-figures.js';
import { kpiTargetsFromSettings } from './core/kpi/pack-targets.js';
import { AgentBoardRepository } from './adapters/db/repositories/agent-board-repository.js';
import { ZoneCalendar } from './core/kpi/time-zone.js';
import { PgNotifications } from './adapters/cluster/pg-notifications.js';
import { ChangeSignals } from './adapters/cluster/change-signals.js';
import { EventLog, dedupeKeyOf, isStreamEvent } from './adapters/cluster/event-log.js';
import { streamEventView } from './adapters/http/personal-data-views.js';

/**
 * The composition root: the one place that builds the object graph. HTTP routes, CLI commands
 * and jobs receive this context and call services on it; nothing else constructs adapters.
 */
export interface AppContext {
  config: Config;
  clock: Clock;
  /** Randomness for the core (ids, tokens, sampling seeds): the system's CSPRNG, or a seeded one in tests. */
  random: Random;
  database: Database;
  users: UserService;
  auditRepo: AuditRepository;
  /** Records audit events (e.g. each audited reveal of personal data). */
  audit: AuditLog;
  settings: SettingsRepository;
  jobs: JobQueue;
  /** The standard pack in force and its versions (quality inspection judges by it). */
  standard: StandardService;
  /** Domain events inside this process (ticket created, call ended, …). */
  events: EventBus;
  /** Working calendars (`office` default, `hotline` 7×24): `await ctx.calendars.get()` then `.deadline(start, '2wd')`. */
  calendars: CalendarService;
  /** Customers, tickets, promises and their measures (issue 6). */
  crm: CrmServices;
  /** The ticket figures of `GET /api/kpi` (complaint response, FCR, tickets within 3 min, promises kept). */
  ticketMeasures: TicketMeasuresProvider;
  /** Callbacks (回访, issue #14): campaigns, tasks, attempts, reports, the ticket loop. */
  callbacks: CallbackServices;
  /** The quality review cycle (issue #15): the month's sample, reviews, appeals, agreement, scorecards, drills. */
  reviews: ReviewServices;
  /** Knowledge base and shift bulletins (issue #17): articles with versions, bulletins to acknowledge before going ready. */
  knowledge: KnowledgeServices;
  /** The walk-in service centre (issue #16): visits, desks, messages, observation cards. */
  visits: VisitServices;
  /** Calls: what the call use cases (core/calls) get — the store, the clock, the bus, the pack in force, the zone, the ticket figures. */
  calls: CallContext;
  /** The week's and month's figures per agent and team (core/kpi/people-figures.ts). */
  peopleFigures: PeopleFiguresContext;
  /** The supervisor's agent-status board (core/calls/agent-board.ts). */
  agentBoard: AgentBoardContext;
  /** The same store with its import paths (`kefu import`): the one call repository of the process. */
  callRepository: CallRepository;
  /** Live events of every server process in one ordered log; the SSE streams read it (issue #20). */
  eventLog: EventLog;
  /** Cross-process "this cached thing changed" signals (LISTEN/NOTIFY on PostgreSQL). */
  changes: ChangeSignals;
  /** PostgreSQL: the one listening connection (undefined on SQLite, or when not live). */
  notifications: PgNotifications | undefined;
  close(): Promise<void>;
}

export interface AppContextOptions {
  clock?: Clock;
  /** Randomness for ids and tokens; tests pass a seeded one. */
  random?: Random;
  database?: Database;
  /** Whether this process tails the event log for live streams (default true). CLI commands pass false: they only write. */
  live?: boolean;
  /**
   * PostgreSQL: open the one listening connection (LISTEN/NOTIFY) that brings other processes'
   * events and change signals at once (the server, `kefu start`). Without it the tail still polls
   * every second and this process's own changes reach it at once.
   */
  listen?: boolean;
}

export class DatabaseUnavailableError extends Error {}

export async function createAppContext(config: Config, opts: AppContextOptions = {}): Promise<AppContext> {
  const clock = opts.clock ?? systemClock;
  const random = opts.random ?? systemRandom;
  const database = opts.database ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  try {
    await pingDatabase(database);
  } catch (e) {
    await database.close().catch(() => undefined);
    throw new DatabaseUnavailableError(`Cannot reach the database at ${database.location}: ${e instanceof Error ? e.message : String(e)}`);
  }
  await migrateToLatest(database);
  const db = database.db;
  // One settings repository for the process (ticket settings, search-form marker …).
  const settings = new SettingsRepository(db);
  const auditRepo = new AuditRepository(db);
  const auditLog = databaseAuditLog(auditRepo, clock);
  const users = new UserService({
    users: new UserRepository(db),
    sessions: new SessionRepository(db),
    tokens: new ApiTokenRepository(db),
    audit: auditLog,
    clock,
    random,
    secrets: nodeSecrets,
    sessionTtlMs: config.sessionTtlMs,
    passwordPolicy: config.passwordPolicy,
  });
  const jobs = new JobQueue(db, database.dialect, { clock });
  const events = new EventBus((err, e) => process.stderr.write(`${JSON.stringify({ level: 50, msg: 'event subscriber failed', event: e.type, err: err instanceof Error ? err.message : String(err) })}\n`));
  // Channels are per database and schema (tests share one server with a schema each).
  const channelSuffix = database.pgSchema ? `_${database.pgSchema}` : '';
  const live = opts.live !== false;
  const listenUrl = config.listenDatabaseUrl ?? database.url;
  const notifications = database.dialect === 'postgres' && listenUrl && live && opts.listen ? new PgNotifications(listenUrl) : undefined;
  const changes = new ChangeSignals(db, database.dialect === 'postgres' ? `kefu_changes${channelSuffix}` : undefined, notifications);
  const eventLog = new EventLog(db, database.dialect, { now: () => clock.now(), ...(database.dialect === 'postgres' && { channel: `kefu_events${channelSuffix}` }), ...(notifications && { notifications }) });
  // Every event a live stream carries goes to the log, masked as streams send it. Not awaited
  // here: the events of one request go in one commit, and the request awaits `eventLog.drain()`
  // before it answers (http/server.ts), so what is acknowledged is logged.
  events.on('*', (e) => {
    if (isStreamEvent(e.type)) void eventLog.append(e, streamEventView(e), dedupeKeyOf(e)).catch((err: unknown) => process.stderr.write(`${JSON.stringify({ level: 50, msg: 'event log append failed', event: e.type, err: err instanceof Error ? err.message : String(err) })}\n`));
  });
  const calendars = new CalendarService({ calendars: new CalendarRepository(db), holidays: new DatabaseHolidayStore(db), audit: auditLog, clock, timeZone: config.timeZone });
  const standard = new StandardService({
    store: new StandardVersionRepository(db),
    audit: auditLog,
    clock,
    defaultPack: loadDefaultPack,
    defaultSource: () => readFileSync(defaultPackUrl, 'utf8'),
  });
  // Callbacks hang on the ticket service (CB-AFTER in the resolve's transaction) and reopen
  // tickets through it (CB-REOPEN): built first, handed the tickets once they exist.
  const callbacks = createCallbackServices({ db, dialect: database.dialect, clock, random, standard, calendars, timeZone: config.timeZone, crm: () => crm, jobs, calls: () => callRepository });
  const crm = await createCrmServices({
    db,
    dialect: database.dialect,
    clock,
    random,
    audit: auditLog,
    ticketSettings: new TicketSettingsRepository(settings, clock),
    events,
    timeZone: config.timeZone,
    calendar: () => calendars.get(),
    afterResolved: (trx, t, at) => callbacks.afterResolved(trx, t, at),
    afterReopened: (trx, t, at) => callbacks.afterReopened(trx, t, at),
    beforeCommand: () => callbacks.refreshForCommands(),
  });
  const callRepository = new CallRepository(db, database.dialect, database.sqlite);
  const ticketMeasures = withCallbackKpi(ticketKpiProvider(crm.measures, clock), crm, callbacks, clock);
  const ctx: AppContext = {
    config,
    clock,
    random,
    database,
    users,
    auditRepo,
    audit: auditLog,
    settings,
    jobs,
    events,
    standard,
    calendars,
    crm,
    callbacks,
    reviews: createReviewServices({ db, dialect: database.dialect, clock, random, standard, settings, timeZone: config.timeZone }),
    visits: createVisitServices({ db, dialect: database.dialect, clock, random, timeZone: config.timeZone, events, callbacks, crm: () => crm, audit: auditLog, standard, idCopyKey: config.idCopyKey }),
    knowledge: createKnowledgeServices({ db, dialect: database.dialect, clock, random, timeZone: config.timeZone, audit: auditLog, settings }),
    ticketMeasures,
    calls: {
      clock,
      store: callRepository,
      publish: (e) => events.publish(e),
      standard: () => standard.active(),
      standardByLabel: (label) => standard.compiledByLabel(label),
      zone: new ZoneCalendar(config.timeZone),
      ticketMeasures,
      outbound: callbacks.outbound,
      recordingsBase: config.recordingsUrl ?? null,
      audit: auditLog,
    },
    peopleFigures: {
      people: async () => (await users.list()).filter((u) => u.active).map((u) => ({ userId: u.id, username: u.username, name: u.displayName, team: u.team, role: u.role })),
      ticketMeasures: (q) => crm.measures(q),
      eachCall: (q, on) => callRepository.eachCall({ from: q.from, to: q.to, queueLogWins: true }, on),
      targets: async () => {
        const active = await standard.active();
        return { tickets: kpiTargetsFromSettings(active.pack.settings).tickets, standard: active.label };
      },
    },
    agentBoard: {
      clock,
      reads: new AgentBoardRepository(db, callRepository),
      summaryWithinMinutes: async () => (await crm.ticketSettings.get()).summaryWithinMinutes,
    },
    callRepository,
    eventLog,
    changes,
    notifications,
    close: async () => {
      eventLog.stop();
      await notifications?.close();
      await jobs.stop();
      await database.close();
    },
  };
  // What other processes change, this one forgets (the hooks of cluster/change-signals.ts).
  changes.on('ticket-settings', () => crm.ticketSettings.invalidate());
  changes.on('calendars', () => {
    calendars.invalidate();
    callbacks.forgetRules();
  });
  changes.on('standard', () => {
    callbacks.forgetRules();
    ctx.visits.forgetRules();
  });
  changes.on('users', (userId) => users.forgetCachedTokens(userId));
  if (live) {
    await eventLog.start();
    await notifications?.start();
  }
  // An upgrade that changed how text is tokenized re-tokenizes stored rows once (no-op otherwise).
  await refreshSearchTokens(db, database.dialect, ctx.settings, clock);
  return ctx;
}

/**
 * First start: create `admin` with KEFU_ADMIN_PASSWORD, or a random password that is returned
 * (and printed once by the caller). Does nothing when any user exists.
 */
export async function ensureFirstAdmin(ctx: AppContext): Promise<{ username: string; generatedPassword: string | null } | null> {
  if ((await ctx.users.count()) > 0) return null;
  // 16 characters, or more when the configured minimum asks for more.
  const generated = ctx.config.adminPassword ? null : randomBytes(Math.max(12, Math.ceil((ctx.config.passwordPolicy.minLength * 3) / 4))).toString('base64url');
  try {
    await ctx.users.createUser({ username: 'admin', password: ctx.config.adminPassword ?? generated!, role: 'admin', displayName: '系统管理员' });
  } catch (e) {
    // Several server processes starting at once on one PostgreSQL database: another one created it.
    if ((await ctx.users.count()) > 0) return null;
    throw e;
  }
  return { username: 'admin', generatedPassword: generated };
}
