import { describe, expect, it } from 'vitest';
import { officialYears } from '../calendar/data/official-holidays.js';
import { isAppError } from '../shared/app-error.js';
import { fixedClock } from '../shared/clock.js';
import { defaultCallbackSettings } from '../standard/callback-schema.js';
import { createCallbackRules } from './callback-rules.js';
import type { CallbackTask } from './model.js';
import { recordAttempt, type AttemptInput } from './record-attempt.js';

const rules = createCallbackRules(defaultCallbackSettings, officialYears, 'Asia/Shanghai');
const at = (iso: string): number => Date.parse(iso);
const iso = (ms: number | null | undefined) => (ms === null || ms === undefined ? ms : rules.calendar.formatInstant(ms));
const clock = fixedClock('2025-09-28T10:00:00+08:00');
const ctx = { settings: defaultCallbackSettings, windows: rules.windows, clock };

function task(kind: 'home' | 'work' = 'home'): CallbackTask {
  const solvedAt = at('2025-09-26T17:00:00+08:00');
  return {
    key: 'c1/C001/T9',
    campaignId: 'c1',
    target: { customerId: 'C001', customerName: '王先生', number: '13800000001', numberKind: kind, ticketId: 'T9', solvedAt, reason: '投诉已解决' },
    due: rules.dueWindow(solvedAt), // 2025-09-28 .. 2025-09-30
    agent: 'A01',
    plannedAt: at('2025-09-28T10:00:00+08:00'),
    attempts: [],
    status: 'pending',
    closeReason: null,
    closedAt: null,
  };
}

const report = {
  customerName: '王先生',
  contact: '13800000001',
  at: '2025-09-28T10:05:00+08:00',
  type: 'mediation',
  content: '确认账单问题已处理',
  opinions: '希望短信提醒',
  satisfaction: 4,
  solved: true,
  followUpNeeded: false,
  agent: 'A01',
};

function fieldsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (isAppError(e)) return (e.fields ?? []).map((f) => f.path);
    throw e;
  }
  throw new Error('expected a validation error');
}

describe('callback attempts: outcomes, retries and closing (task state machine)', () => {
  it('closes the task when the customer is reached, with the CB-REPORT form', () => {
    const r = recordAttempt(task(), { agent: 'A01', outcome: 'reached', at: at('2025-09-28T10:05:00+08:00'), report }, ctx);
    expect(r.decision).toEqual({ kind: 'closed', reason: 'reached' });
    expect(r.task).toMatchObject({ status: 'closed', closeReason: 'reached', plannedAt: null });
    expect(r.task.attempts[0]?.report).toMatchObject({ satisfaction: 4, solved: true, type: 'mediation', at: at('2025-09-28T10:05:00+08:00') });
    expect(r.reopen).toBeNull();
    expect(r.followUp).toBeNull();
  });

  it('CB-REOPEN: "not solved" decides that the ticket must be reopened; FU-REMIND when follow-up is needed', () => {
    const r = recordAttempt(task(), { agent: 'A01', outcome: 'reached', report: { ...report, solved: false, followUpNeeded: true, content: '账单仍然多扣了 20 元' } }, ctx);
    expect(r.reopen).toEqual({ requirement: 'CB-REOPEN', ticketId: 'T9', reason: '回访时客户表示问题未解决：账单仍然多扣了 20 元' });
    expect(r.followUp).toMatchObject({ requirement: 'FU-REMIND', ticketId: 'T9', customerId: 'C001' });
    expect(r.task.attempts[0]?.at).toBe(clock.now()); // no time given: the clock's now
  });

  it('CB-REPORT: a reached callback without a complete report names every missing field', () => {
    expect(fieldsOf(() => recordAttempt(task(), { agent: 'A01', outcome: 'reached' }, ctx))).toEqual(['report']);
    const paths = fieldsOf(() => recordAttempt(task(), { agent: 'A01', outcome: 'reached', report: { ...report, satisfaction: 6, solved: 'yes', type: 'survey', at: 'yesterday', content: ' ' } }, ctx));
    expect(paths).toEqual(['report.at', 'report.type', 'report.content', 'report.satisfaction', 'report.solved']);
  });

  it('CB-ABSENT: absent needs who took the message (name, relation), what was left, and when to call again or another contact', () => {
    const paths = fieldsOf(() => recordAttempt(task(), { agent: 'A01', outcome: 'absent', message: { takenBy: { name: '' }, left: '' } }, ctx));
    expect(paths).toEqual(['message.takenBy.name', 'message.takenBy.relation', 'message.left', 'message.callAgainAt']);
    expect(fieldsOf(() => recordAttempt(task(), { agent: 'A01', outcome: 'absent' }, ctx))).toEqual(['message']);
  });

  it('CB-ABSENT: the next attempt is planned when the message says to call again, inside the windows', () => {
    const input: AttemptInput = {
      agent: 'A01',
      outcome: 'absent',
      at: at('2025-09-28T10:00:00+08:00'),
      message: { takenBy: { name: '李女士', relation: '妻子' }, left: '请王先生回电 400-800-1234，关于账单', callAgainAt: '2025-09-28T12:30:00+08:00' },
    };
    const r = recordAttempt(task(), input, ctx);
    // 12:30 is the home number's lunch and rest: the first callable instant after it.
    expect(r.decision.kind === 'retry' && iso(r.decision.nextAt)).toBe('2025-09-28T14:00:00+08:00');
    expect(r.task).toMatchObject({ status: 'retry', closeReason: null });
    expect(r.task.attempts[0]?.message?.takenBy).toEqual({ name: '李女士', relation: '妻子' });
    // Asked to call after the due window: called then all the same (late for KPI-CB), not closed unheard.
    const later = recordAttempt(task(), { ...input, message: { ...(input.message as object), callAgainAt: '2025-10-09T09:00:00+08:00' } }, ctx);
    expect(later.decision.kind === 'retry' && iso(later.decision.nextAt)).toBe('2025-10-09T09:00:00+08:00');
  });

  it('spaces retries by outcome and closes after the outcome\'s last attempt, with its reason', () => {
    const first = recordAttempt(task('work'), { agent: 'A01', outcome: 'busy', at: at('2025-09-29T11:00:00+08:00') }, ctx);
    expect(first.decision.kind === 'retry' && iso(first.decision.nextAt)).toBe('2025-09-29T11:15:00+08:00'); // busy: 15 minutes
    const second = recordAttempt(first.task, { agent: 'A01', outcome: 'no_answer', at: at('2025-09-29T11:15:00+08:00') }, ctx);
    // no answer: 120 minutes and not before the next day, at the first callable time of a work number
    expect(second.decision.kind === 'retry' && iso(second.decision.nextAt)).toBe('2025-09-30T09:00:00+08:00');
    const third = recordAttempt(second.task, { agent: 'A01', outcome: 'no_answer', at: at('2025-09-30T09:00:00+08:00') }, ctx);
    expect(third.decision).toEqual({ kind: 'closed', reason: 'attempts_exhausted' });
    expect(third.task.attempts).toHaveLength(3);
    expect(() => recordAttempt(third.task, { agent: 'A01', outcome: 'busy' }, ctx)).toThrow(/回访任务已结束/);
  });

  it('closes at once on a wrong number or a refusal, and when no callable time is left in the due window', () => {
    expect(recordAttempt(task(), { agent: 'A01', outcome: 'wrong_number' }, ctx).decision).toEqual({ kind: 'closed', reason: 'wrong_number' });
    expect(recordAttempt(task(), { agent: 'A01', outcome: 'refused' }, ctx).task.closeReason).toBe('refused');
    const late = recordAttempt(task(), { agent: 'A01', outcome: 'no_answer', at: at('2025-09-30T20:00:00+08:00') }, ctx);
    expect(late.decision).toEqual({ kind: 'closed', reason: 'window_passed' });
  });

  it('names a bad outcome or a missing agent', () => {
    expect(fieldsOf(() => recordAttempt(task(), { agent: 'A01', outcome: 'voicemail' as never }, ctx))).toEqual(['outcome']);
    expect(fieldsOf(() => recordAttempt(task(), { agent: ' ', outcome: 'busy' }, ctx))).toEqual(['agent']);
  });
});
