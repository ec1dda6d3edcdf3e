import type { Random } from '../core/shared/random.js';
import type { Kysely } from 'kysely';
import type { DB } from './db/schema.js';
import type { Dialect } from './db/database.js';
import { VisitRepository } from './db/repositories/visit-repository.js';
import { CallbackRepository } from './db/repositories/callback-repository.js';
import { CustomerRepository } from './db/repositories/customer-repository.js';
import { JobQueue } from './jobs/job-queue.js';
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
import { defaultVisitRules } from '../core/visits/visit-rules.js';

/** The callback campaign of calls lost while a staff member handed a visitor over (VS-BUSY2). */
export const LOST_CALL_CAMPAIGN = 'walk-in-lost-call';

export interface VisitServices {
  ctx: VisitContext;
  repo: VisitRepository;
  /** CP-VISIT: the complaint room files its tickets through the ticket service, as this user. */
  fileComplaint(user: User): FileComplaintPort;
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
  const ctx: VisitContext = {
    clock: d.clock,
    random: d.random,
    zone,
    rules: defaultVisitRules,
    read: repo,
    async unitOfWork(fn) {
      // The callback rules are read before the transaction (a lost call needs them inside it).
      await d.callbacks.refreshForCommands();
      const rules = d.callbacks.currentRules() ?? (await d.callbacks.rules());
      return d.db.transaction().execute((trx) =>
        fn({ visits: new VisitRepository(trx, d.dialect), scheduler: new JobQueue(trx, d.dialect, { clock: d.clock }), lostCalls: lostCallPort(trx, d.dialect, d.clock, d.random, rules) }),
      );
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
