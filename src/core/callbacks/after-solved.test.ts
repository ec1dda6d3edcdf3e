import { describe, expect, it } from 'vitest';
import { officialYears } from '../calendar/data/official-holidays.js';
import { defaultCallbackSettings } from '../standard/callback-schema.js';
import { callbackAfterSolved, type SolvedTicket } from './after-solved.js';
import { createCallbackRules } from './callback-rules.js';

const rules = createCallbackRules(defaultCallbackSettings, officialYears, 'Asia/Shanghai');
const ticket: SolvedTicket = {
  id: 'T100',
  type: 'complaint',
  solvedAt: Date.parse('2025-09-30T16:00:00+08:00'),
  customerId: 'C1',
  customerName: '王先生',
  numbers: [{ number: '0571-88001234', kind: 'work' }],
};

describe('CB-AFTER: a solved complaint or complex ticket schedules its callback', () => {
  it('is due on the 1st–3rd working day after, planned at the first callable instant of its number', () => {
    const d = callbackAfterSolved(ticket, rules);
    expect(d.kind).toBe('schedule');
    if (d.kind !== 'schedule') return;
    expect(d.task).toMatchObject({ key: 'after-solved/C1/T100', status: 'pending', agent: null, due: { first: '2025-10-09', last: '2025-10-11' } });
    // A work number, on the first working day after National Day: from 10:00.
    expect(rules.calendar.formatInstant(d.task.plannedAt!)).toBe('2025-10-09T10:00:00+08:00');
    expect(callbackAfterSolved(ticket, rules)).toEqual(d); // the same ticket, the same task
  });

  it('names the ticket by the number the customer was told, in Chinese and English; never by its internal id', () => {
    const d = callbackAfterSolved({ ...ticket, id: 'tk_01internal', number: 'GD20250930-0012' }, rules);
    if (d.kind !== 'schedule') throw new Error('not scheduled');
    expect(d.task.target).toMatchObject({ ticketId: 'tk_01internal', ticketNumber: 'GD20250930-0012', reason: '投诉工单 GD20250930-0012 已解决，回访确认', reasonEn: 'complaint ticket GD20250930-0012 solved: confirm with the customer' });
    const old = callbackAfterSolved({ ...ticket, id: 'tk_01internal' }, rules);
    if (old.kind !== 'schedule') throw new Error('not scheduled');
    expect(old.task.target.reason).toBe('投诉工单已解决，回访确认');
  });

  it('skips other ticket types and customers who cannot be called, saying why', () => {
    expect(callbackAfterSolved({ ...ticket, type: 'question' }, rules)).toEqual({ kind: 'skip', reason: 'type_not_selected' });
    expect(callbackAfterSolved({ ...ticket, doNotCall: true }, rules)).toEqual({ kind: 'skip', reason: 'do_not_call' });
    expect(callbackAfterSolved({ ...ticket, numbers: [{ number: '0571-88001234', kind: 'work', valid: false }] }, rules)).toEqual({ kind: 'skip', reason: 'no_valid_number' });
    expect(callbackAfterSolved({ ...ticket, doNotCallHours: [{ start: '00:00', end: '23:59' }] }, rules)).toEqual({ kind: 'skip', reason: 'no_callable_time' });
  });
});
