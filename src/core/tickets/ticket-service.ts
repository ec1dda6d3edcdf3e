import { AppError, type FieldError } from '../shared/app-error.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import { instantHint, isInstant } from '../shared/instant.js';
import type { Role } from '../users/roles.js';
import { normalizePhone } from '../customers/customer.js';
import { orderedId } from '../customers/ordered-id.js';
import type { Page } from '../customers/ports.js';
import {
  canTransition,
  allowedTransitions,
  ticketActions,
  ticketChannels,
  ticketPriorities,
  type CallSummary,
  type PromiseKind,
  type Ticket,
  type TicketChannel,
  type TicketHistoryAction,
  type TicketHistoryEntry,
  type TicketPriority,
  type TicketPromise,
  type TicketStatus,
} from './ticket.js';
import type { EscalationLevel, TicketSettings } from './ticket-settings.js';
import { approximateMs, missingRequiredFields, vagueDescriptionProblem } from './ticket-rules.js';
import {
  promiseJobQueues,
  type CrmStores,
  type DeadlineFn,
  type DomainEventPublisher,
  type ScheduledJob,
  type ListedTicket,
  type TicketQuery,
  type TicketSettingsSource,
  type UnitOfWork,
} from './ports.js';

export interface TicketActor {
  id: string | null;
  username: string | null;
  role: Role | null;
  team: string | null;
}

/** The job queue's own actor, for changes made by timers. */
export const systemActor: TicketActor = { id: null, username: 'system', role: null, team: null };

export interface PromiseInput {
  /** Typed duration from now on the working calendar: 24h, 2wd, 8bh. */
  within?: string;
  /** Or an explicit time, epoch ms. */
  dueAt?: number;
  kind?: PromiseKind;
  note?: string | null;
}

export interface SummaryInput {
  problemType: string;
  solution: string;
  satisfaction?: number | null;
}

export interface TicketInput {
  type: string;
  complaintClass?: string | null;
  complaintGrade?: string | null;
  problemType?: string | null;
  title?: string | null;
  description?: string;
  customerId?: string | null;
  customerName?: string | null;
  contactPhone?: string | null;
  callId?: string | null;
  visitId?: string | null;
  channel?: TicketChannel;
  priority?: TicketPriority;
  assigneeId?: string | null;
  team?: string | null;
  /** When the call behind the ticket ended, epoch ms (PH-TICKET3 / PH-SUMMARY5). */
  callEndedAt?: number | null;
  summary?: SummaryInput | null;
  promise?: PromiseInput;
}

export type TicketPatch = Partial<Omit<TicketInput, 'promise'>> & { status?: 'in_progress' | 'waiting_customer' };

export interface TicketDetail {
  ticket: Ticket;
  history: TicketHistoryEntry[];
  promises: TicketPromise[];
}

type Changes = Record<string, { from: unknown; to: unknown }>;
type PendingEvent = { type: string; [k: string]: unknown };

const trimOrNull = (s: string | null | undefined): string | null => {
  const t = s?.trim();
  return t ? t : null;
};

/**
 * Tickets (工单) and the promises made on them. Every command runs in one transaction: the
 * ticket, its history, its promises and their timers commit together or not at all; domain
 * events go out after the commit.
 */
export class TicketService {
  constructor(
    private readonly deps: {
      unitOfWork: UnitOfWork;
      /** Reads outside a transaction. */
      read: Pick<CrmStores, 'tickets' | 'history' | 'promises'>;
      clock: Clock;
      settings: TicketSettingsSource;
      deadline: DeadlineFn;
      events: DomainEventPublisher;
    },
  ) {}

  settings(): Promise<TicketSettings> {
    return this.deps.settings.get();
  }

  // ---- reading -------------------------------------------------------------------------------

  /** Team privacy: whether the actor may read this ticket. */
  canRead(t: Ticket, actor: TicketActor, s: TicketSettings): boolean {
    if (!this.isTeamLimited(actor, s)) return true;
    return t.team === null || t.team === actor.team || (actor.id !== null && (t.assigneeId === actor.id || t.createdBy === actor.id));
  }

  private isTeamLimited(actor: TicketActor, s: TicketSettings): boolean {
    return s.teamsPrivate && actor.role !== null && (s.privateTeamRoles as readonly string[]).includes(actor.role);
  }

  async get(id: string, actor: TicketActor): Promise<TicketDetail> {
    const t = await this.deps.read.tickets.findById(id);
    if (!t) throw AppError.notFound('Ticket');
    this.assertReadable(t, actor, await this.settings());
    const [history, promises] = await Promise.all([this.deps.read.history.forTicket(id), this.deps.read.promises.forTicket(id)]);
    return { ticket: t, history, promises };
  }

  async list(q: TicketQuery, actor: TicketActor): Promise<Page<ListedTicket>> {
    const s = await this.settings();
    const visibleTo = this.isTeamLimited(actor, s) && actor.id ? { team: actor.team, userId: actor.id } : undefined;
    return this.deps.read.tickets.list({ ...q, ...(visibleTo && { visibleTo }) });
  }

  private assertReadable(t: Ticket, actor: TicketActor, s: TicketSettings): void {
    if (!this.canRead(t, actor, s)) throw AppError.forbidden('This ticket belongs to another team (teams are private)');
  }

  // ---- commands ------------------------------------------------------------------------------

  async create(input: TicketInput, actor: TicketActor): Promise<TicketDetail> {
    const s = await this.settings();
    const events: PendingEvent[] = [];
    const detail = await this.deps.unitOfWork(async (st) => {
      const now = this.deps.clock.now();
      const fields: FieldError[] = [];
      const type = s.types.find((x) => x.key === input.type);
      if (!type) fields.push({ path: 'type', message: `unknown ticket type "${input.type}" (one of ${s.types.map((x) => x.key).join(', ')})` });
      let customerName = trimOrNull(input.customerName);
      let customerId = trimOrNull(input.customerId);
      let contactPhone: string | null = null;
      if (trimOrNull(input.contactPhone)) {
        contactPhone = normalizePhone(input.contactPhone!) ?? null;
        if (!contactPhone) fields.push({ path: 'contactPhone', message: `"${input.contactPhone}" is not a valid phone number` });
      }
      if (customerId) {
        const c = await st.customers.findById(customerId);
        if (!c) fields.push({ path: 'customerId', message: `no customer with id ${customerId}` });
        else {
          customerName ??= c.name;
          contactPhone ??= c.phones[0]?.number ?? null;
        }
      } else if (contactPhone) {
        // A caller already in the customer database is linked by number (CRM-DB).
        const c = await st.customers.findByPhone(contactPhone);
        if (c) {
          customerId = c.id;
          customerName ??= c.name;
        }
      }
      const description = input.description?.trim() ?? '';
      const isComplaint = input.type === 'complaint';
      const complaintClass = trimOrNull(input.complaintClass);
      const complaintGrade = trimOrNull(input.complaintGrade);
      fields.push(...this.complaintFieldProblems(complaintClass, complaintGrade, s));
      if (type) {
        fields.push(
          ...missingRequiredFields(type.requiredFields, {
            customerName,
            contactPhone,
            description,
            complaintClass,
            complaintGrade,
            callId: input.callId,
            customerId,
          }),
        );
      }
      if (description) {
        const vague = vagueDescriptionProblem(description, s);
        if (vague) fields.push({ path: 'description', message: vague });
      }
      fields.push(...this.enumProblems(input));
      if (fields.length) throw AppError.validation(`Invalid ticket: ${fields.map((f) => `${f.path} ${f.message}`).join('; ')}`, fields);

      const t: Ticket = {
        id: newId(now, 'tk_'),
        type: input.type,
        complaintClass,
        complaintGrade,
        problemType: trimOrNull(input.problemType) ?? trimOrNull(input.summary?.problemType) ?? (isComplaint && complaintClass ? `complaint:${complaintClass}` : null),
        title: trimOrNull(input.title),
        description,
        customerId,
        customerName: customerName ?? '',
        contactPhone,
        callId: trimOrNull(input.callId),
        visitId: trimOrNull(input.visitId),
        channel: input.channel ?? (input.callId ? 'phone' : 'other'),
        status: 'open',
        priority: input.priority ?? 'normal',
        assigneeId: input.assigneeId !== undefined ? trimOrNull(input.assigneeId) : actor.id,
        team: input.team !== undefined ? trimOrNull(input.team) : actor.team,
        escalationLevel: s.escalationChain[0]?.level ?? 'agent',
        createdBy: actor.id,
        createdAt: now,
        updatedAt: now,
        callEndedAt: input.callEndedAt ?? null,
        summary: input.summary ? this.summaryOf(input.summary, now) : null,
        resolvedAt: null,
        closedAt: null,
        reopenCount: 0,
        pausedSince: null,
      };
      await st.tickets.insert(t);
      // A new ticket's history and promises are exactly what this command writes: no read-back.
      const history: TicketHistoryEntry[] = [];
      const promises: TicketPromise[] = [];
      await this.log(st, t.id, 'created', actor, now, null, null, history);
      if (t.summary) await this.log(st, t.id, 'summary_written', actor, now, null, null, history);

      // CP-GRADE / FU-REMIND: the reply time the customer is told becomes a promise with timers.
      const promised: PromiseInput[] = [];
      if (isComplaint && complaintClass && complaintGrade) promised.push({ within: this.complaintLimit(complaintClass, complaintGrade, s), kind: 'reply' });
      else if (type?.followUpWithin) promised.push({ within: type.followUpWithin, kind: 'follow_up' });
      if (input.promise) promised.push(input.promise);
      for (const p of promised) promises.push(await this.makePromise(st, t, p, actor, now, s, history));
      // The entries were collected above: one statement for all of them.
      await st.history.append(...history);
      events.push({ type: 'ticket.created', ticketId: t.id, ticketType: t.type, team: t.team, assigneeId: t.assigneeId, customerId: t.customerId, callId: t.callId });
      return { ticket: t, history, promises };
    });
    await this.emit(events);
    return detail;
  }

  async update(id: string, patch: TicketPatch, actor: TicketActor): Promise<TicketDetail> {
    const s = await this.settings();
    const events: PendingEvent[] = [];
    const detail = await this.deps.unitOfWork(async (st) => {
      const before = await this.load(st, id, actor, s);
      const now = this.deps.clock.now();
      const t: Ticket = { ...before };
      const fields: FieldError[] = [...this.enumProblems(patch)];
      if (patch.type !== undefined && patch.type !== before.type) {
        if (!s.types.some((x) => x.key === patch.type)) fields.push({ path: 'type', message: `unknown ticket type "${patch.type}"` });
        t.type = patch.type;
      }
      for (const k of ['title', 'problemType', 'callId', 'visitId', 'team', 'assigneeId', 'complaintClass', 'complaintGrade'] as const) {
        if (patch[k] !== undefined) t[k] = trimOrNull(patch[k]);
      }
      if (patch.customerName !== undefined) t.customerName = patch.customerName?.trim() ?? '';
      if (patch.description !== undefined) {
        t.description = patch.description.trim();
        const vague = t.description ? vagueDescriptionProblem(t.description, s) : null;
        if (vague) fields.push({ path: 'description', message: vague });
      }
      if (patch.contactPhone !== undefined) {
        t.contactPhone = trimOrNull(patch.contactPhone) ? normalizePhone(patch.contactPhone!) ?? null : null;
        if (trimOrNull(patch.contactPhone) && !t.contactPhone) fields.push({ path: 'contactPhone', message: `"${patch.contactPhone}" is not a valid phone number` });
      }
      if (patch.customerId !== undefined) {
        t.customerId = trimOrNull(patch.customerId);
        if (t.customerId && !(await st.customers.findById(t.customerId))) fields.push({ path: 'customerId', message: `no customer with id ${t.customerId}` });
      }
      if (patch.channel) t.channel = patch.channel;
      if (patch.priority) t.priority = patch.priority;
      if (patch.callEndedAt !== undefined) t.callEndedAt = patch.callEndedAt;
      fields.push(...this.complaintFieldProblems(t.complaintClass, t.complaintGrade, s));
      const type = s.types.find((x) => x.key === t.type);
      if (type) fields.push(...missingRequiredFields(type.requiredFields, { ...t, description: t.description }));
      if (fields.length) throw AppError.validation(`Invalid change: ${fields.map((f) => `${f.path} ${f.message}`).join('; ')}`, fields);

      const changes: Changes = {};
      for (const k of Object.keys(t) as Array<keyof Ticket>) {
        if (k === 'updatedAt' || k === 'summary') continue;
        if (JSON.stringify(t[k]) !== JSON.stringify(before[k])) changes[k] = { from: before[k], to: t[k] };
      }
      let summaryWritten = false;
      if (patch.summary) {
        t.summary = this.summaryOf(patch.summary, now);
        t.problemType ??= t.summary.problemType;
        summaryWritten = true;
      }
      if (patch.status && patch.status !== before.status) {
        this.assertTransition(before.status, patch.status);
        await this.changeStatus(st, t, patch.status, now, s);
        changes.status = { from: before.status, to: patch.status };
      }
      if (Object.keys(changes).length === 0 && !summaryWritten) return this.detailIn(st, before);
      t.updatedAt = now;
      await st.tickets.update(t);
      const { status, assigneeId, ...rest } = changes;
      if (status) await this.log(st, id, 'status_changed', actor, now, { status }, null);
      if (assigneeId) await this.log(st, id, 'assigned', actor, now, { assigneeId }, null);
      if (Object.keys(rest).length) await this.log(st, id, 'updated', actor, now, rest, null);
      if (summaryWritten) await this.log(st, id, 'summary_written', actor, now, { summary: { from: before.summary, to: t.summary } }, null);
      events.push({ type: 'ticket.updated', ticketId: id, changed: Object.keys(changes) });
      return this.detailIn(st, t);
    });
    await this.emit(events);
    return detail;
  }

  /** One step up the escalation chain (agent → supervisor → management office). */
  async escalate(id: string, input: { reason?: string | null }, actor: TicketActor): Promise<TicketDetail> {
    const s = await this.settings();
    const events: PendingEvent[] = [];
    const detail = await this.deps.unitOfWork(async (st) => {
      const t = await this.load(st, id, actor, s);
      if (!ticketActions(t.status).escalate) throw AppError.conflict(`A ${t.status} ticket cannot be escalated; reopen it first`, [{ path: 'status', message: `is ${t.status}` }]);
      const idx = s.escalationChain.findIndex((l) => l.level === t.escalationLevel);
      const next = s.escalationChain[idx + 1];
      if (!next) throw AppError.conflict(`Already at the top of the escalation chain (${s.escalationChain[idx]?.label ?? t.escalationLevel})`, [{ path: 'escalationLevel', message: 'no higher level' }]);
      const now = this.deps.clock.now();
      await this.raiseTo(st, t, next.level, now, actor, trimOrNull(input.reason), events);
      return this.detailIn(st, t);
    });
    await this.emit(events);
    return detail;
  }

  async resolve(id: string, input: { solution?: string | null }, actor: TicketActor): Promise<TicketDetail> {
    return this.transition(id, 'resolved', actor, trimOrNull(input.solution));
  }

  async close(id: string, input: { note?: string | null }, actor: TicketActor): Promise<TicketDetail> {
    return this.transition(id, 'closed', actor, trimOrNull(input.note));
  }

  /**
   * CB-REOPEN: a callback found the problem unsolved. The history stays; the reopen count makes
   * the ticket count against first-contact resolution; a new promise may be given.
   */
  async reopen(id: string, input: { reason?: string | null; promise?: PromiseInput }, actor: TicketActor): Promise<TicketDetail> {
    return this.transition(id, 'reopened', actor, trimOrNull(input.reason), input.promise);
  }

  private async transition(id: string, to: 'resolved' | 'closed' | 'reopened', actor: TicketActor, note: string | null, promise?: PromiseInput): Promise<TicketDetail> {
    const s = await this.settings();
    const events: PendingEvent[] = [];
    const detail = await this.deps.unitOfWork(async (st) => {
      const t = await this.load(st, id, actor, s);
      this.assertTransition(t.status, to);
      const now = this.deps.clock.now();
      const from = t.status;
      await this.changeStatus(st, t, to, now, s);
      if (to === 'resolved') {
        t.resolvedAt = now;
        // Answering the customer keeps every promise still open on the ticket.
        for (const p of await st.promises.forTicket(id)) if (p.status === 'open') await this.settlePromise(st, t, p, now, actor, events);
      }
      if (to === 'closed') t.closedAt = now;
      if (to === 'reopened') {
        t.reopenCount += 1;
        t.resolvedAt = null;
        t.closedAt = null;
      }
      t.updatedAt = now;
      await st.tickets.update(t);
      const action: TicketHistoryAction = to;
      await this.log(st, id, action, actor, now, { status: { from, to } }, note);
      if (to === 'reopened' && promise) await this.makePromise(st, t, promise, actor, now, s);
      if (to === 'resolved') await st.afterResolved?.(t, now);
      if (to === 'resolved') events.push({ type: 'ticket.resolved', ticketId: id, team: t.team, assigneeId: t.assigneeId });
      if (to === 'reopened') events.push({ type: 'ticket.reopened', ticketId: id, team: t.team, assigneeId: t.assigneeId, reopenCount: t.reopenCount, reason: note });
      if (to === 'closed') events.push({ type: 'ticket.closed', ticketId: id });
      return this.detailIn(st, t);
    });
    await this.emit(events);
    return detail;
  }

  async addPromise(id: string, input: PromiseInput, actor: TicketActor): Promise<TicketDetail> {
    const s = await this.settings();
    return this.deps.unitOfWork(async (st) => {
      const t = await this.load(st, id, actor, s);
      if (t.status === 'resolved' || t.status === 'closed') throw AppError.conflict(`A ${t.status} ticket takes no new promises; reopen it first`);
      await this.makePromise(st, t, input, actor, this.deps.clock.now(), s);
      return this.detailIn(st, t);
    });
  }

  /** The customer got the promised answer (without resolving the ticket). */
  async keepPromise(id: string, promiseId: string, actor: TicketActor): Promise<TicketDetail> {
    const s = await this.settings();
    const events: PendingEvent[] = [];
    const detail = await this.deps.unitOfWork(async (st) => {
      const t = await this.load(st, id, actor, s);
      const p = await st.promises.findById(promiseId);
      if (!p || p.ticketId !== id) throw AppError.notFound('Promise');
      if (p.keptAt !== null) throw AppError.conflict('This promise is already kept');
      await this.settlePromise(st, t, p, this.deps.clock.now(), actor, events);
      return this.detailIn(st, t);
    });
    await this.emit(events);
    return detail;
  }

  // ---- timers (called by the job queue; idempotent) -----------------------------------------

  /** FU-REMIND: the promise is due soon and not kept: remind the owner. */
  async remindPromise(promiseId: string): Promise<void> {
    const events: PendingEvent[] = [];
    await this.deps.unitOfWork(async (st) => {
      const p = await this.lockedPromise(st, promiseId);
      if (!p || p.status !== 'open') return;
      const t = await st.tickets.findById(p.ticketId);
      if (!t) return;
      // The job runs at least once, not exactly once (a worker killed after this commit runs it
      // again): one reminder per promise and due time. A pause moves the due time on, and the
      // reminder for the new time is a new one. The ticket is locked, so two runs cannot both miss it.
      const reminder = { promiseId: p.id, dueAt: p.dueAt };
      const history = await st.history.forTicket(t.id);
      if (history.some((h) => h.action === 'promise_reminded' && JSON.stringify(h.changes?.reminder?.to) === JSON.stringify(reminder))) return;
      const now = this.deps.clock.now();
      await this.log(st, t.id, 'promise_reminded', systemActor, now, { reminder: { from: null, to: reminder } }, `promise ${p.id} due ${new Date(p.dueAt).toISOString()}`);
      events.push({ type: 'promise.reminder', ticketId: t.id, promiseId: p.id, dueAt: p.dueAt, assigneeId: t.assigneeId, team: t.team });
    });
    await this.emit(events);
  }

  /**
   * CP-PROMISE: the promise passed its time unkept. The first run marks it broken and sends the
   * ticket to the next level; each later run (after `nextEscalationAfter`) one more, up the chain.
   */
  async escalatePromise(promiseId: string, step: number): Promise<void> {
    const s = await this.settings();
    const events: PendingEvent[] = [];
    await this.deps.unitOfWork(async (st) => {
      const p = await this.lockedPromise(st, promiseId);
      if (!p || p.keptAt !== null || p.escalationStep >= step) return;
      const t = await st.tickets.findById(p.ticketId);
      if (!t || t.status === 'resolved' || t.status === 'closed') return;
      const now = this.deps.clock.now();
      // A paused clock moved the deadline on: a timer from before the pause has nothing to do.
      if (p.dueAt > now || t.pausedSince !== null) return;
      const updated: TicketPromise = { ...p, escalationStep: step };
      if (p.status === 'open') {
        updated.status = 'broken';
        updated.brokenAt = now;
        await this.log(st, t.id, 'promise_broken', systemActor, now, { promise: { from: 'open', to: 'broken' } }, `promise ${p.id} due ${new Date(p.dueAt).toISOString()} not kept`);
        events.push({ type: 'promise.broken', ticketId: t.id, promiseId: p.id, dueAt: p.dueAt, assigneeId: t.assigneeId, team: t.team });
      }
      await st.promises.update(updated);
      const target = s.escalationChain[Math.min(step, s.escalationChain.length - 1)];
      const currentIdx = s.escalationChain.findIndex((l) => l.level === t.escalationLevel);
      if (target && s.escalationChain.indexOf(target) > currentIdx) {
        await this.raiseTo(st, t, target.level, now, systemActor, `promise ${p.id} broken`, events);
      }
      if (step + 1 < s.escalationChain.length) {
        await st.scheduler.schedule(promiseJobQueues.escalate, { promiseId: p.id, step: step + 1 }, { runAt: this.deps.deadline(now, s.nextEscalationAfter), key: `promise:${p.id}:escalate` });
      }
    });
    await this.emit(events);
  }

  // ---- internals -----------------------------------------------------------------------------

  /**
   * A promise read for a timer's change: its ticket is locked first (the lock every command on
   * the ticket takes), then the promise is read again, so a timer and a resolve never interleave.
   */
  private async lockedPromise(st: CrmStores, promiseId: string): Promise<TicketPromise | undefined> {
    const first = await st.promises.findById(promiseId);
    if (!first) return undefined;
    await st.tickets.findForUpdate(first.ticketId);
    return st.promises.findById(promiseId);
  }

  /** The ticket a command changes, locked until its commit: every state change goes through here. */
  private async load(st: CrmStores, id: string, actor: TicketActor, s: TicketSettings): Promise<Ticket> {
    const t = await st.tickets.findForUpdate(id);
    if (!t) throw AppError.notFound('Ticket');
    this.assertReadable(t, actor, s);
    return t;
  }

  private assertTransition(from: TicketStatus, to: TicketStatus): void {
    if (!canTransition(from, to)) {
      const allowed = allowedTransitions[from];
      throw AppError.conflict(`A ${from} ticket cannot become ${to} (allowed: ${allowed.join(', ') || 'none'})`, [{ path: 'status', message: `${from} → ${to} is not allowed` }]);
    }
  }

  /** Moves the status, pausing or resuming the promise clocks where the pack says (waiting on the customer). */
  private async changeStatus(st: CrmStores, t: Ticket, to: TicketStatus, now: number, s: TicketSettings): Promise<void> {
    const pausedBefore = (s.slaPausedStatuses as readonly string[]).includes(t.status);
    const pausedAfter = (s.slaPausedStatuses as readonly string[]).includes(to);
    t.status = to;
    if (!pausedBefore && pausedAfter) t.pausedSince = now;
    if (pausedBefore && !pausedAfter && t.pausedSince !== null) {
      const pausedFor = now - t.pausedSince;
      t.pausedSince = null;
      if (pausedFor > 0) {
        for (const p of await st.promises.forTicket(t.id)) {
          if (p.status !== 'open') continue;
          const moved: TicketPromise = { ...p, dueAt: p.dueAt + pausedFor, remindAt: p.remindAt === null ? null : p.remindAt + pausedFor };
          await st.promises.update(moved);
          await this.scheduleTimers(st, moved, now);
        }
      }
    }
  }

  private async raiseTo(st: CrmStores, t: Ticket, level: EscalationLevel, now: number, actor: TicketActor, reason: string | null, events: PendingEvent[]): Promise<void> {
    const from = t.escalationLevel;
    t.escalationLevel = level;
    t.updatedAt = now;
    await st.tickets.update(t);
    await this.log(st, t.id, 'escalated', actor, now, { escalationLevel: { from, to: level } }, reason);
    events.push({ type: 'ticket.escalated', ticketId: t.id, from, to: level, reason, team: t.team, assigneeId: t.assigneeId });
  }

  private async makePromise(st: CrmStores, t: Ticket, input: PromiseInput, actor: TicketActor, now: number, s: TicketSettings, deferTo?: TicketHistoryEntry[]): Promise<TicketPromise> {
    let dueAt: number;
    if (input.within) {
      try {
        dueAt = this.deps.deadline(now, input.within);
      } catch (e) {
        if (e instanceof AppError) throw AppError.validation(e.message, [{ path: 'promise.within', message: e.message }]);
        throw e;
      }
    } else if (input.dueAt !== undefined) {
      dueAt = input.dueAt;
      if (!isInstant(dueAt)) throw AppError.validation('promise.dueAt is not a time', [{ path: 'promise.dueAt', message: instantHint }]);
      if (dueAt <= now) throw AppError.validation('A promise must be due in the future', [{ path: 'promise.dueAt', message: 'must be later than now' }]);
    } else {
      throw AppError.validation('A promise needs `within` (24h, 2wd, 8bh) or `dueAt`', [{ path: 'promise.within', message: 'required' }]);
    }
    const lead = approximateMs(s.reminderLeadTime);
    // A window shorter than the lead time still gets its reminder, half-way.
    const remindAt = dueAt - lead > now ? dueAt - lead : now + Math.floor((dueAt - now) / 2);
    const p: TicketPromise = {
      id: newId(now, 'pr_'),
      ticketId: t.id,
      kind: input.kind ?? 'reply',
      duration: input.within ?? null,
      startedAt: now,
      dueAt,
      remindAt,
      status: 'open',
      keptAt: null,
      brokenAt: null,
      escalationStep: 0,
      createdAt: now,
      createdBy: actor.id,
      note: trimOrNull(input.note),
    };
    await st.promises.insert(p);
    await this.scheduleTimers(st, p, now);
    await this.log(st, t.id, 'promise_made', actor, now, { promise: { from: null, to: { id: p.id, kind: p.kind, duration: p.duration, dueAt: p.dueAt } } }, p.note, deferTo);
    return p;
  }

  private async scheduleTimers(st: CrmStores, p: TicketPromise, now: number): Promise<void> {
    const timers: ScheduledJob[] = [];
    if (p.remindAt !== null && p.remindAt > now) timers.push({ queue: promiseJobQueues.remind, payload: { promiseId: p.id }, runAt: p.remindAt, key: `promise:${p.id}:remind` });
    timers.push({ queue: promiseJobQueues.escalate, payload: { promiseId: p.id, step: 1 }, runAt: p.dueAt, key: `promise:${p.id}:escalate` });
    await st.scheduler.scheduleAll(timers);
  }

  private async settlePromise(st: CrmStores, t: Ticket, p: TicketPromise, now: number, actor: TicketActor, events: PendingEvent[]): Promise<void> {
    const onTime = p.status === 'open' && now <= p.dueAt;
    const updated: TicketPromise = { ...p, keptAt: now, status: onTime ? 'kept' : 'broken', brokenAt: onTime ? null : p.brokenAt ?? now };
    await st.promises.update(updated);
    await st.scheduler.cancel(`promise:${p.id}:remind`);
    await st.scheduler.cancel(`promise:${p.id}:escalate`);
    await this.log(st, t.id, onTime ? 'promise_kept' : 'promise_broken', actor, now, { promise: { from: p.status, to: updated.status } }, onTime ? null : `answered after the promised time`);
    events.push({ type: onTime ? 'promise.kept' : 'promise.kept_late', ticketId: t.id, promiseId: p.id });
  }

  private complaintFieldProblems(cls: string | null, grade: string | null, s: TicketSettings): FieldError[] {
    const out: FieldError[] = [];
    if (cls && !s.complaintClasses.some((c) => c.key === cls)) out.push({ path: 'complaintClass', message: `unknown complaint class "${cls}" (one of ${s.complaintClasses.map((c) => c.key).join(', ')})` });
    if (grade && !s.complaintGrades.some((g) => g.key === grade)) out.push({ path: 'complaintGrade', message: `unknown complaint grade "${grade}" (one of ${s.complaintGrades.map((g) => g.key).join(', ')})` });
    return out;
  }

  private enumProblems(input: Partial<TicketInput>): FieldError[] {
    const out: FieldError[] = [];
    if (input.callEndedAt !== undefined && input.callEndedAt !== null && !isInstant(input.callEndedAt)) out.push({ path: 'callEndedAt', message: instantHint });
    if (input.channel !== undefined && !(ticketChannels as readonly string[]).includes(input.channel)) out.push({ path: 'channel', message: `one of ${ticketChannels.join(', ')}` });
    if (input.priority !== undefined && !(ticketPriorities as readonly string[]).includes(input.priority)) out.push({ path: 'priority', message: `one of ${ticketPriorities.join(', ')}` });
    if (input.summary) {
      if (!input.summary.problemType?.trim()) out.push({ path: 'summary.problemType', message: 'required' });
      if (!input.summary.solution?.trim()) out.push({ path: 'summary.solution', message: 'required' });
      const sat = input.summary.satisfaction;
      if (sat !== undefined && sat !== null && !(Number.isInteger(sat) && sat >= 1 && sat <= 5)) out.push({ path: 'summary.satisfaction', message: '1 (very dissatisfied) to 5 (very satisfied)' });
    }
    return out;
  }

  /** CP-GRADE: the class may override its grade's reply limit. */
  complaintLimit(cls: string, grade: string, s: TicketSettings): string {
    const byClass = s.complaintClasses.find((c) => c.key === cls)?.replyLimits?.[grade];
    return byClass ?? s.complaintGrades.find((g) => g.key === grade)?.replyLimit ?? '2wd';
  }

  private summaryOf(x: SummaryInput, now: number): CallSummary {
    return { problemType: x.problemType.trim(), solution: x.solution.trim(), satisfaction: x.satisfaction ?? null, writtenAt: now };
  }

  /** Writes the entry, or with `deferTo` collects it for the caller to write (in order, in one statement). */
  private async log(st: CrmStores, ticketId: string, action: TicketHistoryAction, actor: TicketActor, at: number, changes: Changes | null, note: string | null, deferTo?: TicketHistoryEntry[]): Promise<void> {
    const entry: TicketHistoryEntry = { id: orderedId(at, 'th_'), ticketId, at, actorId: actor.id, actorName: actor.username, action, changes, note };
    if (deferTo) deferTo.push(entry);
    else await st.history.append(entry);
  }

  private async detailIn(st: CrmStores, t: Ticket): Promise<TicketDetail> {
    const [history, promises] = await Promise.all([st.history.forTicket(t.id), st.promises.forTicket(t.id)]);
    return { ticket: t, history, promises };
  }

  private async emit(events: PendingEvent[]): Promise<void> {
    const at = this.deps.clock.now();
    for (const e of events) await this.deps.events.publish({ ...e, at });
  }
}
