import { describe, expect, it } from 'vitest';
import { officialYears } from '../calendar/data/official-holidays.js';
import { defaultCallbackSettings } from '../standard/callback-schema.js';
import { createCallbackRules } from './callback-rules.js';

const rules = createCallbackRules(defaultCallbackSettings, officialYears, 'Asia/Shanghai');
const window = (iso: string) => rules.dueWindow(Date.parse(iso));

describe('CB-AFTER: the due window runs from the 1st to the 3rd working day after the problem is solved', () => {
  it('counts make-up working days (调休) and skips the National Day holiday', () => {
    expect(window('2025-09-26T17:00:00+08:00')).toMatchObject({ first: '2025-09-28', last: '2025-09-30', covered: true });
    expect(window('2025-09-30T10:00:00+08:00')).toMatchObject({ first: '2025-10-09', last: '2025-10-11' });
    // Solved at 08:00 on a working day: that day does not count.
    expect(window('2025-10-09T08:00:00+08:00')).toMatchObject({ first: '2025-10-10', last: '2025-10-13' });
  });

  it('gives the window as instants: from the first day 00:00 to the day after the last, local time', () => {
    const w = window('2025-09-26T17:00:00+08:00');
    expect(rules.calendar.formatInstant(w.startsAt)).toBe('2025-09-28T00:00:00+08:00');
    expect(rules.calendar.formatInstant(w.endsAt)).toBe('2025-10-01T00:00:00+08:00');
  });

  it('is counted on the calendar of the centre zone: the solved instant is read there', () => {
    // 2025-09-26T23:30 in Berlin is already Saturday 27th 05:30 in Shanghai.
    expect(window('2025-09-26T23:30:00+02:00')).toMatchObject({ first: '2025-09-28', last: '2025-09-30' });
  });

  it('follows the pack: a 2nd–5th working day window', () => {
    const custom = createCallbackRules({ ...defaultCallbackSettings, dueWindow: { firstWorkday: 2, lastWorkday: 5 } }, officialYears, 'Asia/Shanghai');
    expect(custom.dueWindow(Date.parse('2025-09-26T17:00:00+08:00'))).toMatchObject({ first: '2025-09-29', last: '2025-10-10' });
  });
});
