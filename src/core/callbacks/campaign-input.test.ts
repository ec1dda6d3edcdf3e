import { describe, expect, it } from 'vitest';
import { officialYears } from '../calendar/data/official-holidays.js';
import { isAppError } from '../shared/app-error.js';
import { thrownFieldErrors } from '../shared/thrown-field-errors.test-support.js';
import { defaultCallbackSettings } from '../standard/callback-schema.js';
import { createCallbackRules } from './callback-rules.js';
import { parseCampaign } from './campaign-input.js';
import { firstCallableInWindow } from './check-task-window.js';

function fieldsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (isAppError(e)) return (e.fields ?? []).map((f) => f.path);
    throw e;
  }
  throw new Error('expected a validation error');
}

const errorsOf = thrownFieldErrors;

const valid = {
  id: 'cmp-1',
  name: '十月投诉回访',
  type: 'mediation',
  selection: { kind: 'after-solved', from: '2025-10-01T00:00:00+08:00', to: '2025-11-01T00:00:00+08:00' },
  period: { from: '2025-10-01', to: '2025-11-07' },
  ownerTeam: '投诉组',
};

describe('a campaign: name, type, selection rule, period, owner team, script', () => {
  it('accepts a complete campaign and reads instants with their offset', () => {
    const c = parseCampaign(valid);
    expect(c.selection).toEqual({ kind: 'after-solved', from: Date.parse('2025-10-01T00:00:00+08:00'), to: Date.parse('2025-11-01T00:00:00+08:00') });
  });

  it('names every bad field', () => {
    expect(fieldsOf(() => parseCampaign({ ...valid, name: ' ', type: 'survey', ownerTeam: '' }))).toEqual(['name', 'type', 'ownerTeam']);
    expect(fieldsOf(() => parseCampaign({ ...valid, selection: { kind: 'random', by: 'code', size: 0, seed: 1 } }))).toEqual(['selection.size']);
    expect(fieldsOf(() => parseCampaign({ ...valid, selection: { kind: 'popular' } }))).toEqual(['selection.kind']);
    expect(fieldsOf(() => parseCampaign({ ...valid, period: { from: '2025-10-08', to: '2025-10-01' } }))).toEqual(['period.to']);
    expect(fieldsOf(() => parseCampaign({ ...valid, period: { from: '2025-02-30', to: '2025-10-01' } }))).toEqual(['period.from']);
    expect(fieldsOf(() => parseCampaign({ ...valid, selection: { kind: 'further-service', ticketTypes: [] } }))).toEqual(['selection.ticketTypes']);
  });

  // Issue #21: each says what is wrong as a code the web words in the reader's language.
  it('says what is wrong with each as a code and its params', () => {
    expect(errorsOf(() => parseCampaign({ ...valid, name: ' ', type: 'survey' }))).toEqual([
      { path: 'name', code: 'required' },
      { path: 'type', code: 'one_of', params: { values: expect.stringContaining('mediation') } },
    ]);
    expect(errorsOf(() => parseCampaign({ ...valid, period: { from: '2025-10-08', to: '2025-10-01' } }))).toEqual([{ path: 'period.to', code: 'ends_before_start', params: { start: '2025-10-08' } }]);
    expect(errorsOf(() => parseCampaign({ ...valid, period: { from: '2025-02-30', to: '2025-10-01' } }))).toEqual([{ path: 'period.from', code: 'invalid_format', params: { format: 'date' } }]);
    expect(errorsOf(() => parseCampaign({ ...valid, selection: { kind: 'further-service', ticketTypes: [] } }))).toEqual([{ path: 'selection.ticketTypes', code: 'too_few', params: { minimum: 1 } }]);
  });
});

describe("CB-WINDOW for one task: its due window must hold a callable minute", () => {
  const rules = createCallbackRules(defaultCallbackSettings, officialYears, 'Asia/Shanghai');
  const due = rules.dueWindow(Date.parse('2025-09-26T17:00:00+08:00'));

  it('gives the first callable instant, or refuses the task with the reason', () => {
    expect(rules.calendar.formatInstant(firstCallableInWindow(rules.windows, due, 'work'))).toBe('2025-09-28T10:00:00+08:00');
    const allDay = { doNotCall: [{ start: '08:00', end: '23:00' }] };
    expect(fieldsOf(() => firstCallableInWindow(rules.windows, due, 'home', allDay))).toEqual(['due']);
    expect(errorsOf(() => firstCallableInWindow(rules.windows, due, 'home', allDay))).toEqual([{ path: 'due', code: 'no_callable_time', params: { first: '2025-09-28', last: '2025-09-30' } }]);
    expect(errorsOf(() => rules.windows.prefs({ doNotCall: [{ start: '09:00', end: '09:00' }, { start: '25:00', end: '10:00' }] }))).toEqual([
      { path: 'doNotCall.0', code: 'zero_length' },
      { path: 'doNotCall.1.start', code: 'invalid_format', params: { format: 'HH:MM' } },
    ]);
    expect(() => firstCallableInWindow(rules.windows, due, 'home', allDay)).toThrow('回访期 2025-09-28 至 2025-09-30 内没有可以拨打住宅电话的时间');
  });
});
