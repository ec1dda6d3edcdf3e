import type { Kysely } from 'kysely';
import type { DB } from './db/schema.js';
import type { Dialect } from './db/database.js';
import { CallbackRepository } from './db/repositories/callback-repository.js';
import { CustomerRepository } from './db/repositories/customer-repository.js';
import { JobQueue } from './jobs/job-queue.js';
import type { Clock } from '../core/shared/clock.js';
import type { Random } from '../core/shared/random.js';
import type { StandardService } from '../core/standard/standard-service.js';
import type { CalendarService } from '../core/calendar/calendar-service.js';
import type { CrmServices } from './crm-services.js';
import { createCallbackRules, type CallbackRules } from '../core/callbacks/callback-rules.js';
import { callbackJobQueues, type CallbackContext } from '../core/callbacks/callback-context.js';
import type { CandidateRow, PoolRow } from '../core/callbacks/select-targets.js';
import type { SelectionRule } from '../core/callbacks/model.js';
import { callbackNumbers, scheduleCallbackAfterSolved } from '../core/callbacks/schedule-after-solved.js';
import { withdrawAfterSolved } from '../core/callbacks/withdraw-after-solved.js';
import type { ReopenTicketPort } from '../core/callbacks/record-task-attempt.js';
import type { Ticket } from '../core/tickets/ticket.js';
import type { Customer } from '../core/customers/customer.js';
import { callbackKpi } from '../core/callbacks/callback-kpi.js';
import { linkOutboundCalls } from '../core/callbacks/link-outbound-calls.js';
import { normalizePhone } from '../core/customers/customer.js';
import type { CallStore } from '../core/calls/ports.js';
import type { OutboundCallPort } from '../core/calls/call-context.js';
import type { TicketMeasuresProvider } from '../core/kpi/ticket-measures-provider.js';

export interface CallbackServices {
  ctx: CallbackContext & { reopenTicket: ReopenTicketPort };
  /** The calls' port for outbound calls: linked to their task, judged as callbacks. */
  outbound: OutboundCallPort;
  repo: CallbackRepository;
  /** The rules of the pack in force, built once per pack version and holiday data. */
  rules(): Promise<CallbackRules>;
  /** The last rules built (synchronous, for code inside a transaction); refreshed by `rules()`. */
  currentRules(): CallbackRules | undefined;
  /** Refreshes `currentRules` before a ticket command's transaction (at most every 30 s). */
  refreshForCommands(): Promise<void>;
  /** The pack or the calendars changed (maybe in another process): the next command reads the rules again. */
  forgetRules(): void;
  /** The ticket hook (CB-AFTER), run inside the resolve's transaction. */
  afterResolved(trx: Kysely<DB>, ticket: Ticket, at: number): Promise<void>;
  /** The ticket reopen hook: withdraws the pending after-solved callback of the solve it undoes. */
  afterReopened(trx: Kysely<DB>, ticket: Ticket, at: number): Promise<void>;
}

export interface CallbackDeps {
  db: Kysely<DB>;
  dialect: Dialect;
  clock: Clock;
  random: Random;
  standard: StandardService;
  calendars: CalendarService;
  timeZone: string;
  /** Late-bound: the ticket service is built with the hook that needs these services. */
  crm: () => CrmServices;
  jobs: JobQueue;
  /** Late-bound: the one call store (a linked call's figures; built after these services). */
  calls: () => CallStore;
}

const RULES_REFRESH_MS = 30_000;
/** Customers read per batch by a selection: memory holds one batch, whatever the number of customers. */
const CANDIDATE_BATCH = 1000;
/** How long the centre gives itself to follow up a callback that found the problem unsolved (working days). */
const FOLLOW_UP_WITHIN = '2wd';

const toCandidateStatus = (s: string): NonNullable<CandidateRow['tickets']>[number]['status'] => s as NonNullable<CandidateRow['tickets']>[number]['status'];

export function createCallbackServices(d: CallbackDeps): CallbackServices {
  const repo = new CallbackRepository(d.db, d.dialect);
  let cached: { version: number; years: unknown; rules: CallbackRules; checkedAt: number } | undefined;
  const rules = async (): Promise<CallbackRules> => {
    const [active, years] = await Promise.all([d.standard.active(), d.calendars.officialYears()]);
    if (!cached || cached.version !== active.version || cached.years !== years) {
      cached = { version: active.version, years, rules: createCallbackRules(active.pack.callbacks, years, d.timeZone), checkedAt: d.clock.now() };
    }
    cached.checkedAt = d.clock.now();
    return cached.rules;
  };
  // Every ticket command refreshes the rules its resolve hook reads; reading the pack in force
  // each time would cost each command a query of the whole pack, so within RULES_REFRESH_MS the
  // last rules serve (as the calendars do). A callbacks request always reads them fresh.
  // One refresh at a time: the commands that arrive while it runs wait for it instead of each
  // reading the pack (under load hundreds arrive within one read).
  let refreshing: Promise<unknown> | undefined;
  const rulesForCommands = async (): Promise<void> => {
    if (cached && d.clock.now() - cached.checkedAt < RULES_REFRESH_MS) return;
    refreshing ??= rules().finally(() => {
      refreshing = undefined;
    });
    await refreshing;
  };

  type CustomerRow = { id: string; code: string | null; name: string; category: string | null; phones: string; contact_preferences: string; created_at: number };
  const customerColumns = ['id', 'code', 'name', 'category', 'phones', 'contact_preferences', 'created_at'] as const;

  /** One batch of customers as candidate rows, with their tickets and callback reports when the rule reads them. */
  async function candidateRows(customers: readonly CustomerRow[], rule: SelectionRule): Promise<CandidateRow[]> {
    const byId = new Map<string, CandidateRow>();
    for (const c of customers) {
      const prefs = JSON.parse(c.contact_preferences) as Partial<Customer['contactPreferences']>;
      const phones = JSON.parse(c.phones) as Customer['phones'];
      byId.set(c.id, {
        customerId: c.id,
        code: c.code,
        name: c.name,
        category: c.category,
        numbers: callbackNumbers({ phones }, null),
        doNotCall: prefs.consentToCallbacks === false,
        doNotCallHours: prefs.doNotCall ?? null,
        timeZone: prefs.timeZone ?? null,
        marketingConsent: prefs.consentToMarketing === true,
        satisfaction: [],
        lastContactAt: null,
        tickets: [],
      });
    }
    if (rule.kind !== 'random' && byId.size > 0) {
      const ids = [...byId.keys()];
      const tickets = await d.db.selectFrom('tickets').select(['id', 'number', 'customer_id', 'type', 'status', 'resolved_at', 'created_at', 'summary', 'summary_at']).where('customer_id', 'in', ids).execute();
      for (const t of tickets) {
        const row = byId.get(t.customer_id!);
        if (!row) continue;
        row.tickets!.push({ id: t.id, number: t.number, type: t.type, status: toCandidateStatus(t.status), solvedAt: t.resolved_at });
        row.lastContactAt = Math.max(row.lastContactAt ?? 0, t.created_at);
        const sat = t.summary ? (JSON.parse(t.summary) as { satisfaction?: number | null }).satisfaction : null;
        if (typeof sat === 'number') row.satisfaction!.push({ score: sat, at: t.summary_at ?? t.created_at });
      }
      for (const r of await repo.reportsOfCustomers(ids)) {
        const row = byId.get(r.customerId);
        if (!row) continue;
        row.satisfaction!.push({ score: r.score, at: r.at });
        row.lastContactAt = Math.max(row.lastContactAt ?? 0, r.at);
      }
    }
    return [...byId.values()];
  }

  /** Customers in batches of CANDIDATE_BATCH by id (keyset), or the given ids in their order. */
  async function* candidates(rule: SelectionRule, ids?: readonly string[]): AsyncGenerator<CandidateRow[]> {
    if (ids) {
      for (let i = 0; i < ids.length; i += CANDIDATE_BATCH) {
        const chunk = ids.slice(i, i + CANDIDATE_BATCH);
        const rows = await d.db.selectFrom('customers').select([...customerColumns]).where('id', 'in', chunk).execute();
        const byId = new Map((await candidateRows(rows, rule)).map((r) => [r.customerId, r]));
        yield chunk.flatMap((id) => byId.get(id) ?? []);
      }
      return;
    }
    let after: string | undefined;
    for (;;) {
      let q = d.db.selectFrom('customers').select([...customerColumns]).orderBy('id').limit(CANDIDATE_BATCH);
      if (after !== undefined) q = q.where('id', '>', after);
      const rows = await q.execute();
      if (rows.length === 0) return;
      yield await candidateRows(rows, rule);
      after = rows[rows.length - 1]!.id;
      if (rows.length < CANDIDATE_BATCH) return;
    }
  }

  async function randomPool(): Promise<PoolRow[]> {
    const rows = await d.db.selectFrom('customers').select(['id', 'code', 'category']).execute();
    return rows.map((r) => ({ customerId: r.id, code: r.code, category: r.category }));
  }

  const transaction = <T>(fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> => d.db.transaction().execute(fn);
  const ctx: CallbackServices['ctx'] = {
    clock: d.clock,
    random: d.random,
    rules,
    read: repo,
    unitOfWork: (fn) => transaction((trx) => fn({ callbacks: new CallbackRepository(trx, d.dialect), scheduler: new JobQueue(trx, d.dialect, { clock: d.clock }) })),
    candidates,
    randomPool,
    async customerIdByPhone(number) {
      const normalized = normalizePhone(number);
      return normalized ? ((await new CustomerRepository(d.db, d.dialect).findByPhone(normalized))?.id ?? null) : null;
    },
    async callFigures(callId) {
      const call = await d.calls().get(callId);
      if (!call) return undefined;
      return { id: call.id, answered: call.answeredAt !== null, talkSeconds: call.talkMs === null ? null : Math.round(call.talkMs / 1000), endedBy: call.endedAt === null ? null : (call.endedBy ?? 'system') };
    },
    async agentsOf(team) {
      const rows = await d.db.selectFrom('users').select('username').where('team', '=', team).where('role', '=', 'agent').where('active', '=', 1).orderBy('username').execute();
      return rows.map((r) => r.username);
    },
    reopenTicket: async (taskId) => {
      const key = `callback:${taskId}:reopen`;
      const task = await repo.findTask(taskId);
      const attempt = task ? [...task.attempts].reverse().find((a) => a.report && !a.report.solved) : undefined;
      const ticketId = task?.target.ticketId;
      if (task && attempt?.report && ticketId) {
        const crm = d.crm();
        const system = { id: null, username: 'system', role: null, team: null };
        const marker = `回访任务 ${task.id}`;
        const detail = await crm.tickets.get(ticketId, system).catch(() => undefined);
        const done = detail?.history.some((h) => h.action === 'reopened' && (h.note ?? '').includes(marker));
        if (detail && !done && (detail.ticket.status === 'resolved' || detail.ticket.status === 'closed')) {
          const reason = `回访时客户表示问题未解决：${attempt.report.content}（${marker}，回访报告 /api/callbacks/${task.id}，满意度 ${attempt.report.satisfaction}）`;
          // FU-REMIND: a report asking for follow-up gives the reopened ticket a follow-up promise,
          // whose reminder and escalation timers the ticket service keeps like any other promise.
          const promise = attempt.report.followUpNeeded ? { within: FOLLOW_UP_WITHIN, kind: 'follow_up' as const, note: `回访跟进：${attempt.report.opinions || attempt.report.content}` } : undefined;
          await crm.tickets.reopen(ticketId, { reason, ...(promise && { promise }) }, { id: null, username: attempt.agent, role: null, team: null });
        }
      }
      await d.jobs.cancel(key);
    },
  };

  const outbound: OutboundCallPort = {
    async linkOutbound(calls) {
      await linkOutboundCalls(ctx, calls);
    },
    async isCallback(callId) {
      return (await repo.taskOfCall(callId)) !== undefined;
    },
  };

  return {
    ctx,
    outbound,
    repo,
    rules,
    currentRules: () => cached?.rules,
    refreshForCommands: rulesForCommands,
    forgetRules: () => {
      // Stale, not gone: a command already past its refresh still reads the rules it refreshed.
      if (cached) cached.checkedAt = Number.NEGATIVE_INFINITY;
    },
    async afterResolved(trx, ticket, at) {
      const r = cached?.rules;
      if (!r) return;
      const customer = ticket.customerId ? await new CustomerRepository(trx, d.dialect).findById(ticket.customerId) : undefined;
      await scheduleCallbackAfterSolved({ callbacks: new CallbackRepository(trx, d.dialect), scheduler: new JobQueue(trx, d.dialect, { clock: d.clock }) }, { rules: r, random: d.random }, ticket, customer, at);
    },
    async afterReopened(trx, ticket, at) {
      await withdrawAfterSolved({ callbacks: new CallbackRepository(trx, d.dialect), scheduler: new JobQueue(trx, d.dialect, { clock: d.clock }) }, ticket, at);
    },
  };
}

/** The job queue's handlers for callbacks are in `jobs/callback-jobs.ts`; the queue names are the core's. */
export { callbackJobQueues };

/**
 * KPI-CB beside the ticket figures of `GET /api/kpi`, and KPI-CSAT pooled over call summaries and
 * callback reports (both 1–5, shown 0–100).
 */
export function withCallbackKpi(base: TicketMeasuresProvider, crm: CrmServices, callbacks: CallbackServices, clock: Clock): TicketMeasuresProvider {
  return {
    async measures(period) {
      const from = period.from ?? 0;
      const to = period.to ?? clock.now() + 1;
      const [figures, tasks, reports] = await Promise.all([base.measures(period), callbacks.repo.tasksForKpi(from, to), callbacks.repo.reportSatisfaction(from, to)]);
      const kpi = callbackKpi(tasks, clock.now());
      const out = { ...figures };
      out.callbackWithinWindowRate = kpi.rate === null ? { value: null, reason: 'no callbacks due or closed in the period' } : { value: kpi.rate, reason: null };
      if (reports.length > 0) {
        const [g] = await crm.measures({ from, to, by: 'total' });
        const answers = g?.satisfactionAnswers ?? 0;
        const summarySum = g && g.satisfactionScore !== null ? (g.satisfactionScore / 20) * answers : 0;
        const mean = (summarySum + reports.reduce((s, r) => s + r.score, 0)) / (answers + reports.length);
        out.satisfaction = { value: Math.round(mean * 20 * 10) / 10, reason: `${answers} call summaries and ${reports.length} callback reports` };
      }
      return out;
    },
  };
}
