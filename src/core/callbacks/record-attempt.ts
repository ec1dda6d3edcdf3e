import { AppError } from '../shared/app-error.js';
import type { Clock } from '../shared/clock.js';
import { attemptOutcomes, type AttemptOutcome, type CallbackSettings } from '../standard/callback-schema.js';
import type { CallingWindows } from './calling-windows.js';
import type { CallbackAttempt, CallbackTask, CloseReason } from './model.js';
import { validateAbsentMessage, validateCallbackReport } from './record-forms.js';
import { MS_PER_DAY, MS_PER_MINUTE } from '../calendar/local-date.js';

/** What an agent reports after dialling: the outcome and, where the standard asks for them, its forms. */
export interface AttemptInput {
  /** When the attempt was made, epoch ms; default: the clock's now. */
  at?: number;
  agent: string;
  outcome: AttemptOutcome;
  note?: string;
  /** CB-ABSENT: required when the outcome is `absent`. */
  message?: unknown;
  /** CB-REPORT: required when the outcome is `reached`. */
  report?: unknown;
}

export interface AttemptContext {
  settings: Pick<CallbackSettings, 'retry'>;
  windows: CallingWindows;
  clock: Clock;
}

export type AttemptDecision =
  /** Try again at `nextAt`: the first callable instant after the outcome's spacing, inside the due window. */
  | { kind: 'retry'; nextAt: number }
  | { kind: 'closed'; reason: CloseReason };

/** CB-REOPEN: the callback found the problem not solved; phase 2 reopens the ticket with this reason. */
export interface ReopenDecision {
  requirement: 'CB-REOPEN';
  ticketId: string | null;
  reason: string;
}

/** FU-REMIND: the report says follow-up is needed; phase 2 creates the reminder. */
export interface FollowUpDecision {
  requirement: 'FU-REMIND';
  ticketId: string | null;
  customerId: string;
  reason: string;
}

export interface AttemptResult {
  task: CallbackTask;
  attempt: CallbackAttempt;
  decision: AttemptDecision;
  reopen: ReopenDecision | null;
  followUp: FollowUpDecision | null;
}

const closeReasonOf: Record<Exclude<AttemptOutcome, 'reached'>, CloseReason> = {
  no_answer: 'attempts_exhausted',
  busy: 'attempts_exhausted',
  absent: 'attempts_exhausted',
  wrong_number: 'wrong_number',
  refused: 'refused',
};

/**
 * The task's state machine: pending → (retry → …) → closed. A task closes when the customer is
 * reached, when an outcome's attempts run out (its `maxAttempts` in the pack), or when no callable
 * time is left in the due window; each close names its reason. Returns the new task and the
 * decisions phase 2 applies (reopen the ticket, remind to follow up); the input task is not changed.
 */
export function recordAttempt(task: CallbackTask, input: AttemptInput, ctx: AttemptContext): AttemptResult {
  if (task.status === 'closed') {
    throw AppError.conflict(`回访任务已结束（${task.closeReason ?? ''}），不能再登记拨打 / the callback task is closed`, [{ path: 'status', message: '任务已结束 / task is closed', code: 'task_closed' }]);
  }
  if (!(attemptOutcomes as readonly string[]).includes(input.outcome)) {
    const message = `拨打结果应为 ${attemptOutcomes.join('、')} 之一 / outcome must be one of ${attemptOutcomes.join(', ')}`;
    throw AppError.validation(message, [{ path: 'outcome', message, code: 'one_of', params: { values: attemptOutcomes.join(', ') } }]);
  }
  if (typeof input.agent !== 'string' || input.agent.trim() === '') {
    const message = '请填写拨打的坐席 / agent is required';
    throw AppError.validation(message, [{ path: 'agent', message, code: 'required' }]);
  }
  const at = input.at ?? ctx.clock.now();
  const attempt: CallbackAttempt = { at, agent: input.agent, outcome: input.outcome };
  if (input.note !== undefined) attempt.note = input.note;
  if (input.outcome === 'absent') attempt.message = validateAbsentMessage(input.message);
  if (input.outcome === 'reached') attempt.report = validateCallbackReport(input.report);

  const attempts = [...task.attempts, attempt];
  const close = (reason: CloseReason): AttemptResult['task'] => ({ ...task, attempts, status: 'closed', closeReason: reason, closedAt: at, plannedAt: null });
  const ticketId = task.target.ticketId ?? null;

  switch (input.outcome) {
    case 'reached': {
      const report = attempt.report!;
      const reopen: ReopenDecision | null = report.solved
        ? null
        : { requirement: 'CB-REOPEN', ticketId, reason: `回访时客户表示问题未解决：${report.content}` };
      const followUp: FollowUpDecision | null = report.followUpNeeded
        ? { requirement: 'FU-REMIND', ticketId, customerId: task.target.customerId, reason: `回访需要跟进：${report.opinions || report.content}` }
        : null;
      return { task: close('reached'), attempt, decision: { kind: 'closed', reason: 'reached' }, reopen, followUp };
    }
    case 'no_answer':
    case 'busy':
    case 'absent':
    case 'wrong_number':
    case 'refused': {
      const policy = ctx.settings.retry[input.outcome];
      if (attempts.length >= policy.maxAttempts) {
        const reason = closeReasonOf[input.outcome];
        return { task: close(reason), attempt, decision: { kind: 'closed', reason }, reopen: null, followUp: null };
      }
      const prefs = ctx.windows.prefs(task.target);
      let earliest = at + policy.spacingMinutes * MS_PER_MINUTE;
      if (policy.nextWindow === 'next-day') {
        // Another day means another time of the customer's day: tomorrow 00:00 in their zone.
        const zone = prefs.calendar.zone;
        earliest = Math.max(earliest, zone.toInstant((Math.floor(zone.toLocalMs(at) / MS_PER_DAY) + 1) * MS_PER_DAY));
      }
      // CB-ABSENT: "请问我什么时候再打来比较合适" — the time the message gives wins over the spacing.
      // A time the customer's side asked for is kept even past the due window (the task then counts
      // as late for KPI-CB): calling when asked beats closing the task unheard.
      const callAgainAt = attempt.message?.callAgainAt;
      const asked = callAgainAt !== undefined && callAgainAt !== null && callAgainAt > at;
      if (asked) earliest = callAgainAt;
      const nextAt = ctx.windows.next(Math.max(earliest, task.due.startsAt), task.target.numberKind, prefs, asked ? Infinity : task.due.endsAt);
      if (nextAt === undefined) {
        return { task: close('window_passed'), attempt, decision: { kind: 'closed', reason: 'window_passed' }, reopen: null, followUp: null };
      }
      return { task: { ...task, attempts, status: 'retry', plannedAt: nextAt }, attempt, decision: { kind: 'retry', nextAt }, reopen: null, followUp: null };
    }
    default: {
      const never: never = input.outcome;
      throw new Error(`unhandled outcome ${String(never)}`);
    }
  }
}
