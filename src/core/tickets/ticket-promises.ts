import { AppError } from '../shared/app-error.js';
import { newId } from '../shared/ids.js';
import { instantHint, isInstant } from '../shared/instant.js';
import type { Ticket, TicketHistoryEntry, TicketPromise } from './ticket.js';
import { approximateMs } from './ticket-rules.js';
import { trimOrNull, type PromiseInput } from './ticket-input.js';
import { writeHistory, type TicketCommand } from './ticket-context.js';
import { promiseJobQueues, type CrmStores, type ScheduledJob } from './ports.js';

/**
 * FU-REMIND / CP-PROMISE: a promise made to the customer, due after a typed duration on the working
 * calendar (or at a given time), with its reminder and escalation timers in the same transaction.
 */
export async function makePromise(cmd: TicketCommand, t: Ticket, input: PromiseInput, deferTo?: TicketHistoryEntry[], replaces?: TicketPromise): Promise<TicketPromise> {
  const { now } = cmd;
  let dueAt: number;
  if (input.within) {
    try {
      dueAt = cmd.ctx.deadline(now, input.within);
    } catch (e) {
      if (e instanceof AppError) throw AppError.validation(e.message, [{ path: 'promise.within', message: e.message }]);
      throw e;
    }
  } else if (input.dueAt !== undefined) {
    dueAt = input.dueAt;
    if (!isInstant(dueAt)) throw AppError.validation('promise.dueAt is not a time', [{ path: 'promise.dueAt', message: instantHint, code: 'invalid_format', params: { format: 'instant' } }]);
    if (dueAt <= now) throw AppError.validation('承诺的答复时间必须晚于现在', [{ path: 'promise.dueAt', message: '必须晚于现在', code: 'not_in_future' }]);
  } else {
    throw AppError.validation('请填写答复时限（如 24h、2wd、8bh）或具体的答复时间', [{ path: 'promise.within', message: '必填', code: 'required' }]);
  }
  const lead = approximateMs(cmd.settings.reminderLeadTime);
  // A window shorter than the lead time still gets its reminder, half-way.
  const remindAt = dueAt - lead > now ? dueAt - lead : now + Math.floor((dueAt - now) / 2);
  const p: TicketPromise = {
    id: newId(cmd.ctx.random, now, 'pr_'),
    ticketId: t.id,
    kind: input.kind ?? replaces?.kind ?? 'reply',
    duration: input.within ?? null,
    startedAt: now,
    dueAt,
    remindAt,
    status: 'open',
    keptAt: null,
    brokenAt: null,
    escalationStep: 0,
    createdAt: now,
    createdBy: cmd.actor.id,
    note: trimOrNull(input.note),
    replacesId: replaces?.id ?? null,
    replacedById: null,
  };
  await cmd.st.promises.insert(p);
  await schedulePromiseTimers(cmd.st, p, now);
  // A renegotiated time is written as such by the renegotiation, with the old time beside it.
  if (!replaces) await writeHistory(cmd, t.id, { action: 'promise_made', changes: { promise: { from: null, to: { id: p.id, kind: p.kind, duration: p.duration, dueAt: p.dueAt } } }, note: p.note }, deferTo);
  return p;
}

/** The reminder (while still ahead) and the first escalation at the due time; the same keys replace earlier timers. */
export async function schedulePromiseTimers(st: CrmStores, p: TicketPromise, now: number): Promise<void> {
  const timers: ScheduledJob[] = [];
  if (p.remindAt !== null && p.remindAt > now) timers.push({ queue: promiseJobQueues.remind, payload: { promiseId: p.id }, runAt: p.remindAt, key: `promise:${p.id}:remind` });
  timers.push({ queue: promiseJobQueues.escalate, payload: { promiseId: p.id, step: 1 }, runAt: p.dueAt, key: `promise:${p.id}:escalate` });
  await st.scheduler.scheduleAll(timers);
}

/** The customer got the answer: kept when on time, otherwise broken (answered late); its timers go. */
export async function settlePromise(cmd: TicketCommand, t: Ticket, p: TicketPromise): Promise<void> {
  const { now } = cmd;
  const onTime = p.status === 'open' && now <= p.dueAt;
  const updated: TicketPromise = { ...p, keptAt: now, status: onTime ? 'kept' : 'broken', brokenAt: onTime ? null : p.brokenAt ?? now };
  await cmd.st.promises.update(updated);
  await cmd.st.scheduler.cancel(`promise:${p.id}:remind`);
  await cmd.st.scheduler.cancel(`promise:${p.id}:escalate`);
  // Machine facts go in `changes` (the screens word them in the reader's language); `note` is for what people write.
  await writeHistory(cmd, t.id, { action: onTime ? 'promise_kept' : 'promise_broken', changes: { promise: { from: p.status, to: updated.status }, dueAt: { from: null, to: p.dueAt }, keptAt: { from: null, to: now } } });
  cmd.events.push({ type: onTime ? 'promise.kept' : 'promise.kept_late', ticketId: t.id, promiseId: p.id });
}

/**
 * A promise read for a timer's change: its ticket is locked first (the lock every command on
 * the ticket takes), then the promise is read again, so a timer and a resolve never interleave.
 */
export async function lockedPromise(cmd: TicketCommand, promiseId: string): Promise<TicketPromise | undefined> {
  const { st } = cmd;
  const first = await st.promises.findById(promiseId);
  if (!first) return undefined;
  await st.tickets.findForUpdate(first.ticketId);
  // As in `loadForChange`: the timer's time is taken once the ticket is locked.
  cmd.now = cmd.ctx.clock.now();
  return st.promises.findById(promiseId);
}
