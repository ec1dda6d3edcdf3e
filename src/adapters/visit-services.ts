import type { Random } from '../core/shared/random.js';
import type { Kysely } from 'kysely';
import type { DB } from './db/schema.js';
import type { Dialect } from './db/database.js';
import { VisitRepository } from './db/repositories/visit-repository.js';
import { CallbackRepository } from './db/repositories/callback-repository.js';
import { CustomerRepository } from './db/repositories/customer-repository.js';
import { JobQueue } from './jobs/job-queue.js';
import { uniqueViolationColumn } from './db/db-errors.js';
import type { Clock } from '../core/shared/clock.js';
import type { DomainEventPublisher } from '../core/tickets/ports.js';
import { timeZone } from '../core/calendar/time-zone.js';
import { newId } from '../core/shared/ids.js';
import { periodWindow } from '../core/callbacks/due-window.js';
import { scheduleTaskTimers } from '../core/callbacks/callback-context.js';
import type { StoredTask } from '../core/callbacks/ports.js';
import type { CallbackRules } from '../core/callbacks/callback-rules.js';
import type { CallbackServices } from './callback-services.js';
import type { CrmServices } from './crm-services.js';
import type { User } from '../core/users/user.js';
import type { LostCallPort, VisitContext } from '../core/visits/ports.js';
import type { FileComplaintPort } from '../core/visits/file-visit-complaint.js';
import { defaultVisitRules, visitRulesFrom, type VisitRules } from '../core/visits/visit-rules.js';
import type { StandardService } from '../core/standard/standard-service.js';

const RULES_REFRESH_MS = 30_000;
import type { IdCopyContext } from '../core/visits/id-copy.js';
import type { AuditLog } from '../core/users/ports.js';
import { IdCopyRepository } from './db/repositories/id-copy-repository.js';
import { aesGcmIdCopyCipher } from './privacy/id-copy-cipher.js';

/** The callback campaign of calls lost while a staff member handed a visitor over (VS-BUSY2). */
export const LOST_CALL_CAMPAIGN = 'walk-in-lost-call';

export interface VisitServices {
  ctx: VisitContext;
  /** VS-PRIVACY: ID copies, sealed with the configured key. */
  idCopies: IdCopyContext;
  repo: VisitRepository;
  /** CP-VISIT: the complaint room files its tickets through the ticket service, as this user. */
  fileComplaint(user: User): FileComplaintPort;
  /** Reads the pack's `visits:` section again if it may have changed (at most every 30 s, or after `forgetRules`). */
  refreshRules(): Promise<void>;
  /** The pack changed (maybe in another process): the next command reads the rules again. */
  forgetRules(): void;
}

export interface VisitDeps {
  db: Kysely<DB>;
  dialect: Dialect;
  clock: Clock;
  random: Random;
  timeZone: string;
  events: DomainEventPublisher;
  callbacks: CallbackServices;
  crm: () => CrmServices;
  audit: AuditLog;
  /** The pack in force carries the walk-in limits (`visits:`). */
  standard: Pick<StandardService, 'active'>;
  /** `KEFU_ID_COPY_KEY`; undefined: ID copies cannot be kept. */
  idCopyKey: string | undefined;
}

/**
 * VS-BUSY2: the lost call's number becomes a callback task for the staff member who promised to
 * call back (马上给您回电话): planned at once, due today or the next working day, with the callbacks
 * module's timers (due, remind, overdue). One task per visit (its key): settling twice adds nothing.
 */
function lostCallPort(trx: Kysely<DB>, dialect: Dialect, clock: Clock, random: Random, rules: CallbackRules): LostCallPort {
  return {
    async callbackForLostCall({ visitId, number, staff, at }) {
      const callbacks = new CallbackRepository(trx, dialect);
      const key = `${LOST_CALL_CAMPAIGN}/${visitId}`;
      const existing = await callbacks.findTaskByKey(key);
      if (existing) return existing.id;
      const customer = await new CustomerRepository(trx, dialect).findByPhone(number);
      const today = rules.calendar.localOrdinal(at);
      const task: StoredTask = {
        id: newId(random, at, 'cb_'),
        key,
        campaignId: LOST_CALL_CAMPAIGN,
        target: {
          customerId: customer?.id ?? `phone:${number}`,
          customerName: customer?.name ?? '来电客户',
          number,
          numberKind: 'home',
          ticketId: null,
          reason: `来访接待时保持的来电已断线（来访 ${visitId}），客户同意回电`,
        },
        due: periodWindow(rules.calendar, today, rules.calendar.addWorkdaysOrdinal(today, 1)),
        agent: staff,
        plannedAt: at,
        attempts: [],
        status: 'pending',
        closeReason: null,
        closedAt: null,
        createdAt: at,
        updatedAt: at,
      };
      await callbacks.insertTasks([task]);
      await scheduleTaskTimers(new JobQueue(trx, dialect, { clock }), [task], at);
      return task.id;
    },
  };
}

export function createVisitServices(d: VisitDeps): VisitServices {
  const repo = new VisitRepository(d.db, d.dialect);
  const zone = timeZone(d.timeZone);
  // The pack's walk-in limits, read again when the pack version changes; like the callbacks' rules,
  // checked at most every RULES_REFRESH_MS (a command would otherwise read the whole pack each time).
  let cached: { version: number; rules: VisitRules; checkedAt: number } | undefined;
  let refreshing: Promise<void> | undefined;
  const refreshRules = async (): Promise<void> => {
    if (cached && d.clock.now() - cached.checkedAt < RULES_REFRESH_MS) return;
    refreshing ??= (async () => {
      const active = await d.standard.active();
      if (!cached || cached.version !== active.version) cached = { version: active.version, rules: visitRulesFrom(active.pack.visits), checkedAt: d.clock.now() };
      else cached.checkedAt = d.clock.now();
    })().finally(() => {
      refreshing = undefined;
    });
    await refreshing;
  };
  const ctx: VisitContext = {
    clock: d.clock,
    random: d.random,
    zone,
    get rules() {
      return cached?.rules ?? defaultVisitRules;
    },
    read: repo,
    async unitOfWork(fn, opts) {
      await refreshRules();
      // The callback rules are read before the transaction (a lost call needs them inside it).
      await d.callbacks.refreshForCommands();
      const rules = d.callbacks.currentRules() ?? (await d.callbacks.rules());
      const run = () =>
        d.db.transaction().execute((trx) =>
          fn({ visits: new VisitRepository(trx, d.dialect), scheduler: new JobQueue(trx, d.dialect, { clock: d.clock }), lostCalls: lostCallPort(trx, d.dialect, d.clock, d.random, rules) }),
        );
      for (let attempt = 0; ; attempt++) {
        try {
          return await run();
        } catch (e) {
          // PostgreSQL's write-behind sends the INSERT at COMMIT, so the violation surfaces here, after the rollback.
          if (attempt >= (opts?.retryOnDuplicate ?? 0) || uniqueViolationColumn(e) === undefined) throw e;
        }
      }
    },
    events: d.events,
    async customerByPhone(phone) {
      return (await new CustomerRepository(d.db, d.dialect).findByPhone(phone))?.id ?? null;
    },
    async isStaff(username) {
      const r = await d.db.selectFrom('users').select('id').where('username', '=', username).where('active', '=', 1).executeTakeFirst();
      return r !== undefined;
    },
  };
  return {
    ctx,
    refreshRules,
    forgetRules: () => {
      if (cached) cached.checkedAt = Number.NEGATIVE_INFINITY;
    },
    idCopies: {
      clock: d.clock,
      random: d.random,
      zone,
      cipher: d.idCopyKey ? aesGcmIdCopyCipher(d.idCopyKey) : null,
      store: new IdCopyRepository(d.db),
      audit: d.audit,
      findVisit: (id) => repo.findVisit(id),
    },
    repo,
    fileComplaint: (user) => async (input) => {
      const detail = await d.crm().tickets.create(
        {
          type: 'complaint',
          channel: 'visit',
          visitId: input.visitId,
          customerId: input.customerId,
          customerName: input.customerName,
          contactPhone: input.contactPhone,
          complaintClass: input.complaintClass,
          complaintGrade: input.complaintGrade,
          description: input.description,
        },
        { id: user.id, username: user.username, role: user.role, team: user.team },
      );
      return { ticketId: detail.ticket.id };
    },
  };
}
