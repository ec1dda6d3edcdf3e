import { describe, expect, it } from 'vitest';
import { officialYears } from '../calendar/data/official-holidays.js';
import { defaultCallbackSettings, type CallbackSettings } from '../standard/callback-schema.js';
import { createCallbackRules } from './callback-rules.js';
import { CallingWindows } from './calling-windows.js';
import { officeCalendars } from './office-calendars.js';

const rules = createCallbackRules(defaultCallbackSettings, officialYears, 'Asia/Shanghai');
const at = (iso: string): number => Date.parse(iso);
const iso = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : rules.calendar.formatInstant(ms));
const rule = (text: string, kind: 'home' | 'work', prefs = rules.windows.prefs(undefined)): string => {
  const v = rules.windows.check(at(text), kind, prefs);
  return v.callable ? 'callable' : v.rule;
};

describe('CB-WINDOW: may this number be called now, and if not why', () => {
  it('home number: any day 08:00–22:00 except lunch and midday rest (12:00–14:00) and dinner (18:00–19:00)', () => {
    expect(rule('2025-10-04T07:59:00+08:00', 'home')).toBe('before-hours'); // a holiday is still a day for a home number
    expect(rule('2025-10-04T08:00:00+08:00', 'home')).toBe('callable');
    expect(rule('2025-10-04T11:59:59+08:00', 'home')).toBe('callable');
    expect(rule('2025-10-04T12:00:00+08:00', 'home')).toBe('lunch');
    expect(rule('2025-10-04T13:59:00+08:00', 'home')).toBe('lunch');
    expect(rule('2025-10-04T14:00:00+08:00', 'home')).toBe('callable');
    expect(rule('2025-10-04T18:30:00+08:00', 'home')).toBe('dinner');
    expect(rule('2025-10-04T21:59:00+08:00', 'home')).toBe('callable');
    expect(rule('2025-10-04T22:00:00+08:00', 'home')).toBe('after-hours');
  });

  it('work number: working days (调休 included) in business hours, not from 17:45, not before 10:00 after days off', () => {
    expect(rule('2025-10-04T10:30:00+08:00', 'work')).toBe('not-working-day'); // National Day holiday
    expect(rule('2025-10-09T09:30:00+08:00', 'work')).toBe('after-days-off'); // Thursday, first working day after the holiday
    expect(rule('2025-10-09T10:00:00+08:00', 'work')).toBe('callable');
    expect(rule('2025-10-09T12:30:00+08:00', 'work')).toBe('outside-hours');
    expect(rule('2025-10-09T17:44:00+08:00', 'work')).toBe('callable');
    expect(rule('2025-10-09T17:50:00+08:00', 'work')).toBe('end-of-day');
    expect(rule('2025-10-09T18:00:00+08:00', 'work')).toBe('after-hours');
    expect(rule('2025-10-09T08:59:00+08:00', 'work')).toBe('before-hours');
    // Sunday 28 September 2025 is a make-up working day after a Saturday off: its morning is "Monday morning"…
    expect(rule('2025-09-28T09:30:00+08:00', 'work')).toBe('after-days-off');
    // …and the Monday after it is an ordinary working day.
    expect(rule('2025-09-29T09:30:00+08:00', 'work')).toBe('callable');
    // Saturday 11 October 2025 is a make-up working day after a working Friday.
    expect(rule('2025-10-11T09:30:00+08:00', 'work')).toBe('callable');
  });

  it('says why in Chinese and in English', () => {
    const v = rules.windows.check(at('2025-10-09T09:30:00+08:00'), 'work');
    expect(v).toEqual({
      callable: false,
      requirement: 'CB-WINDOW',
      rule: 'after-days-off',
      reason: '休息日后的第一个工作日 10:00 之前不打单位电话',
      reasonEn: 'before 10:00 on the first working day after days off',
    });
    const lunch = rules.windows.check(at('2025-10-09T12:30:00+08:00'), 'home');
    expect(lunch.callable === false && [lunch.reason, lunch.reasonEn]).toEqual(['午餐和午休时间（12:00–14:00）', 'lunch and midday rest (12:00–14:00)']);
  });

  it('finds the next callable instant (the contract examples and the rules around them)', () => {
    const next = (text: string, kind: 'home' | 'work') => iso(rules.windows.next(at(text), kind));
    expect(next('2025-10-09T08:00:00+08:00', 'work')).toBe('2025-10-09T10:00:00+08:00');
    expect(next('2025-10-09T08:00:00+08:00', 'home')).toBe('2025-10-09T08:00:00+08:00');
    expect(next('2025-10-01T09:00:00+08:00', 'work')).toBe('2025-10-09T10:00:00+08:00');
    expect(next('2025-10-09T12:10:00+08:00', 'home')).toBe('2025-10-09T14:00:00+08:00');
    expect(next('2025-10-09T17:50:00+08:00', 'work')).toBe('2025-10-10T09:00:00+08:00');
    expect(next('2025-10-10T17:50:00+08:00', 'work')).toBe('2025-10-11T09:00:00+08:00'); // make-up Saturday
    expect(next('2025-10-10T22:00:00+08:00', 'home')).toBe('2025-10-11T08:00:00+08:00');
    expect(next('2025-10-10T11:15:30+08:00', 'home')).toBe('2025-10-10T11:15:30+08:00');
    // No callable time before the limit: undefined, never a time past it.
    expect(rules.windows.next(at('2025-10-01T09:00:00+08:00'), 'work', undefined, at('2025-10-08T00:00:00+08:00'))).toBeUndefined();
  });

  it("narrows the windows by the customer's do-not-call hours and reads them in the customer's zone", () => {
    const late = rules.windows.prefs({ doNotCall: [{ start: '20:00', end: '09:30' }] });
    expect(rule('2025-10-10T20:30:00+08:00', 'home', late)).toBe('do-not-call');
    expect(rule('2025-10-10T09:00:00+08:00', 'home', late)).toBe('do-not-call');
    expect(rule('2025-10-10T19:30:00+08:00', 'home', late)).toBe('callable');
    expect(iso(rules.windows.next(at('2025-10-10T19:45:00+08:00'), 'home', late))).toBe('2025-10-10T19:45:00+08:00');
    expect(iso(rules.windows.next(at('2025-10-10T20:00:00+08:00'), 'home', late))).toBe('2025-10-11T09:30:00+08:00');
    const v = rules.windows.check(at('2025-10-10T21:00:00+08:00'), 'home', late);
    expect(v.callable === false && v.reason).toBe('客户要求的勿扰时段（20:00–09:30）');

    // A customer in Berlin: 08:00 there is 14:00 in Shanghai (CEST, UTC+2 on 10 October 2025).
    const berlin = rules.windows.prefs({ timeZone: 'Europe/Berlin' });
    expect(rule('2025-10-10T13:30:00+08:00', 'home', berlin)).toBe('before-hours');
    expect(iso(rules.windows.next(at('2025-10-10T13:30:00+08:00'), 'home', berlin))).toBe('2025-10-10T14:00:00+08:00');
    expect(() => rules.windows.prefs({ timeZone: 'Mars/Base' })).toThrow(/unknown time zone "Mars\/Base"/);
    expect(() => rules.windows.prefs({ doNotCall: [{ start: '25:00', end: '08:00' }] })).toThrow(/doNotCall\.0\.start/);
  });

  it('check and next agree on every minute of a fortnight around National Day (both numbers, with do-not-call hours)', () => {
    const prefsList = [rules.windows.prefs(undefined), rules.windows.prefs({ doNotCall: [{ start: '21:00', end: '08:30' }, { start: '15:00', end: '15:20' }] })];
    const start = at('2025-09-26T00:00:00+08:00');
    for (const prefs of prefsList) {
      for (const kind of ['home', 'work'] as const) {
        let mismatches = 0;
        let nextCallable = rules.windows.next(start, kind, prefs)!;
        for (let t = start; t < start + 16 * 86_400_000; t += 60_000) {
          if (t > nextCallable) nextCallable = rules.windows.next(t, kind, prefs)!;
          const callable = rules.windows.check(t, kind, prefs).callable;
          // callable ⇔ the next callable instant is this one; and the next one is itself callable.
          if (callable !== (nextCallable === t) || !rules.windows.check(nextCallable, kind, prefs).callable) mismatches++;
        }
        expect(mismatches, `${kind} ${prefs.key}`).toBe(0);
      }
    }
  });

  it('rejects windows that are not valid data, naming the field', () => {
    const bad: CallbackSettings['windows'] = {
      ...defaultCallbackSettings.windows,
      home: { ...defaultCallbackSettings.windows.home, hours: [{ start: '10:00', end: '09:00' }] },
    };
    expect(() => new CallingWindows(bad, officeCalendars(officialYears), 'Asia/Shanghai')).toThrow(/callbacks\.windows\.home\.hours\.0/);
  });
});
