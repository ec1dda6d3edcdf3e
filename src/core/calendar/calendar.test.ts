import { describe, expect, it } from 'vitest';
import { createCalendar, homeCallingWindow, officeCalendarSpec, roundTheClockCalendarSpec, type CalendarSpec } from './calendar.js';
import { officialYears } from './data/official-holidays.js';
import type { AppError, FieldError } from '../shared/app-error.js';

const HOUR = 3_600_000;
const office = createCalendar(officeCalendarSpec('Asia/Shanghai'), officialYears);
const at = (iso: string): number => office.parseInstant(iso);

describe('working days with Chinese holidays and make-up days', () => {
  it('counts through National Day week onto the make-up Saturday', () => {
    expect(office.addWorkdays('2025-09-30', 3)).toEqual({ date: '2025-10-11', covered: true, uncoveredYears: [] });
    expect(office.addWorkdays('2025-09-30', 1).date).toBe('2025-10-09');
    expect(office.addWorkdays('2025-09-30', 0).date).toBe('2025-09-30');
  });

  it('knows a make-up Saturday is a working day and a holiday Monday is not', () => {
    expect(office.isWorkday('2026-02-14')).toMatchObject({ workday: true, covered: true, name: '春节' });
    expect(office.isWorkday('2026-02-16').workday).toBe(false);
    expect(office.isWorkday('2026-03-02').workday).toBe(true);
    expect(office.isWorkday('2026-03-07').workday).toBe(false);
  });

  it('flags answers that rely on a year without official data', () => {
    expect(office.isWorkday('2027-01-04')).toEqual({ date: '2027-01-04', workday: true, covered: false, uncoveredYears: [2027] });
    expect(office.addWorkdays('2026-12-30', 3)).toMatchObject({ date: '2027-01-04', covered: false, uncoveredYears: [2027] });
    expect(office.coveredYears).toEqual([2020, 2021, 2022, 2023, 2024, 2025, 2026]);
  });

  it('adds many working days across years without losing count', () => {
    const a = office.addWorkdays('2020-01-01', 1000);
    let d = '2020-01-01';
    for (let i = 0; i < 1000; i++) d = office.addWorkdays(d, 1).date;
    expect(a.date).toBe(d);
    expect(a.covered).toBe(true);
  });

  it('rejects a negative or fractional count', () => {
    expect(() => office.addWorkdays('2026-01-05', -1)).toThrow('invalid number of working days -1');
    expect(() => office.addWorkdays('2026-01-05', 1.5)).toThrow('invalid number of working days 1.5');
    expect(() => office.addWorkdays('2026-02-30', 1)).toThrow('invalid date "2026-02-30"');
  });
});

describe('deadlines from typed durations', () => {
  it('2wd keeps the clock time on the second working day after', () => {
    expect(office.deadline(at('2025-09-30T16:00:00+08:00'), '2wd').iso).toBe('2025-10-10T16:00:00+08:00');
  });

  it('24h is elapsed clock time, holidays or not', () => {
    expect(office.deadline(at('2025-09-30T16:00:00+08:00'), '24h').iso).toBe('2025-10-01T16:00:00+08:00');
  });

  it('8bh skips the lunch break, the evening and the National Day holiday', () => {
    // 16:00–18:00 (2 h), then 9 Oct 09:00–12:00 (3 h) and 13:00–16:00 (3 h).
    expect(office.deadline(at('2025-09-30T16:00:00+08:00'), '8bh').iso).toBe('2025-10-09T16:00:00+08:00');
    // Starting at lunch counts from 13:00.
    expect(office.deadline(at('2026-03-02T12:30:00+08:00'), '2bh').iso).toBe('2026-03-02T15:00:00+08:00');
    // An interval that ends exactly at closing time answers closing time, not next morning.
    expect(office.deadline(at('2026-03-02T09:00:00+08:00'), '8bh').iso).toBe('2026-03-02T18:00:00+08:00');
    // Friday afternoon runs into Monday, not Saturday.
    expect(office.deadline(at('2026-03-06T17:00:00+08:00'), '2bh').iso).toBe('2026-03-09T10:00:00+08:00');
    // A long span crosses years: 2000 business hours = 250 office days.
    const far = office.deadline(at('2025-01-02T09:00:00+08:00'), '2000bh');
    expect(office.businessTimeBetween(at('2025-01-02T09:00:00+08:00'), far.at).ms).toBe(2000 * HOUR);
  });

  it('stays correct across the Berlin daylight-saving switches', () => {
    const berlin = createCalendar(officeCalendarSpec('Europe/Berlin'), officialYears);
    const b = (iso: string): number => berlin.parseInstant(iso);
    // Spring: Friday 27 March 2026 (CET) + 2 working days = Tuesday 31 March, same wall time, CEST.
    expect(berlin.deadline(b('2026-03-27T10:00:00+01:00'), '2wd').iso).toBe('2026-03-31T10:00:00+02:00');
    // 24 clock hours across the switch night move the wall clock by 25.
    expect(berlin.deadline(b('2026-03-28T12:00:00+01:00'), '24h').iso).toBe('2026-03-29T13:00:00+02:00');
    // Business hours: Friday 10:00–18:00 gives 7 h (lunch off); 9 more on Monday and Tuesday.
    expect(berlin.deadline(b('2026-03-27T10:00:00+01:00'), '16bh').iso).toBe('2026-03-31T10:00:00+02:00');
    // Autumn: Friday 23 October (CEST) + 1wd = Monday 26 October, CET.
    expect(berlin.deadline(b('2026-10-23T17:30:00+02:00'), '1wd').iso).toBe('2026-10-26T17:30:00+01:00');
    expect(berlin.deadline(b('2026-10-24T12:00:00+02:00'), '24h').iso).toBe('2026-10-25T11:00:00+01:00');
  });

  it('treats every day alike on a 7×24 hotline, and counts DST days at their real length', () => {
    const hotline = createCalendar(roundTheClockCalendarSpec('Europe/Berlin'), officialYears);
    const h = (iso: string): number => hotline.parseInstant(iso);
    expect(hotline.addWorkdays('2025-09-30', 3).date).toBe('2025-10-03');
    expect(hotline.deadline(h('2026-03-28T12:00:00+01:00'), '24bh').iso).toBe('2026-03-29T13:00:00+02:00');
    expect(hotline.businessTimeBetween(h('2026-03-29T00:00'), h('2026-03-30T00:00')).ms).toBe(23 * HOUR);
    expect(hotline.businessTimeBetween(h('2026-10-25T00:00'), h('2026-10-26T00:00')).ms).toBe(25 * HOUR);
  });

  it('rejects an unknown unit', () => {
    expect(() => office.deadline(at('2026-03-02T09:00:00+08:00'), '3x')).toThrow('invalid duration "3x"');
  });
});

describe('business time, opening and calling windows', () => {
  it('measures business time across lunch, weekends and holidays', () => {
    expect(office.businessTimeBetween(at('2026-03-02T11:00:00+08:00'), at('2026-03-02T14:00:00+08:00')).ms).toBe(2 * HOUR);
    expect(office.businessTimeBetween(at('2026-03-06T17:00:00+08:00'), at('2026-03-09T10:00:00+08:00')).ms).toBe(2 * HOUR);
    expect(office.businessTimeBetween(at('2025-09-30T17:00:00+08:00'), at('2025-10-09T10:00:00+08:00')).ms).toBe(2 * HOUR);
    expect(office.businessTimeBetween(at('2026-03-09T10:00:00+08:00'), at('2026-03-06T17:00:00+08:00')).ms).toBe(-2 * HOUR);
  });

  it('finds the next open instant', () => {
    expect(office.nextOpenInstant(at('2026-03-02T10:00:00+08:00')).iso).toBe('2026-03-02T10:00:00+08:00');
    expect(office.nextOpenInstant(at('2026-03-02T12:10:00+08:00')).iso).toBe('2026-03-02T13:00:00+08:00');
    expect(office.nextOpenInstant(at('2026-03-06T18:00:00+08:00')).iso).toBe('2026-03-09T09:00:00+08:00');
    expect(office.nextOpenInstant(at('2025-09-30T19:00:00+08:00')).iso).toBe('2025-10-09T09:00:00+08:00');
  });

  it('keeps callbacks inside 08:00–22:00 (CB-WINDOW)', () => {
    expect(office.isInsideWindow(at('2026-03-07T08:00:00+08:00'), homeCallingWindow)).toBe(true);
    expect(office.isInsideWindow(at('2026-03-07T07:59:00+08:00'), homeCallingWindow)).toBe(false);
    expect(office.isInsideWindow(at('2026-03-07T22:00:00+08:00'), homeCallingWindow)).toBe(false);
    expect(office.nextInsideWindow(at('2026-03-07T22:30:00+08:00'), homeCallingWindow).iso).toBe('2026-03-08T08:00:00+08:00');
    const workWindow = { start: '09:30', end: '17:30', days: 'working-days' } as const;
    expect(office.isInsideWindow(at('2026-03-07T10:00:00+08:00'), workWindow)).toBe(false);
    expect(office.nextInsideWindow(at('2026-03-06T18:00:00+08:00'), workWindow).iso).toBe('2026-03-09T09:30:00+08:00');
    expect(office.isInsideWindow(at('2026-03-07T23:00:00+08:00'), { start: '22:00', end: '06:00' })).toBe(true);
  });
});

describe('calendar definitions', () => {
  it('applies the centre’s own days off and extra working days over the official data', () => {
    const spec: CalendarSpec = {
      ...officeCalendarSpec(),
      overrides: [
        { date: '2026-03-03', kind: 'day-off', name: '年会' },
        { date: '2026-03-07', kind: 'working-day', hours: [{ start: '10:00', end: '14:00' }] },
      ],
    };
    const cal = createCalendar(spec, officialYears);
    expect(cal.isWorkday('2026-03-03')).toMatchObject({ workday: false, name: '年会' });
    expect(cal.addWorkdays('2026-03-02', 1).date).toBe('2026-03-04');
    expect(cal.deadline(cal.parseInstant('2026-03-06T17:00:00+08:00'), '3bh').iso).toBe('2026-03-07T12:00:00+08:00');
  });

  it('can ignore official holidays (and then every answer is covered)', () => {
    const plain = createCalendar({ ...officeCalendarSpec(), observeOfficialHolidays: false }, officialYears);
    expect(plain.addWorkdays('2025-09-30', 3).date).toBe('2025-10-03');
    expect(plain.isWorkday('2031-05-01').covered).toBe(true);
  });

  it('names every bad field of a spec', () => {
    let fields: { path: string; message: string }[] = [];
    try {
      createCalendar(
        {
          timeZone: 'Asia/Shanghai',
          weeklyHours: { monday: [{ start: '18:00', end: '09:00' }], funday: [] } as never,
          overrides: [{ date: '2026-02-30', kind: 'day-off' }],
        },
        officialYears,
      );
    } catch (e) {
      fields = (e as { fields: typeof fields }).fields;
    }
    expect(fields.map((f) => f.path).sort()).toEqual(['overrides.0.date', 'weeklyHours.funday', 'weeklyHours.monday.0']);
    expect(fields.find((f) => f.path === 'weeklyHours.monday.0')?.message).toBe('ends (09:00) before it starts (18:00)');
    expect(() => createCalendar({ timeZone: 'Nowhere/City', weeklyHours: '24x7' }, [])).toThrow('unknown time zone "Nowhere/City"');
  });

  // Issue #21: each bad field says what is wrong as a code the web words in the reader's language.
  it('gives every bad field of a spec a code and params', () => {
    const fieldsOf = (spec: CalendarSpec): FieldError[] => {
      try {
        createCalendar(spec, officialYears);
      } catch (e) {
        return (e as AppError).fields ?? [];
      }
      return [];
    };
    const fields = fieldsOf({
      timeZone: 'Asia/Shanghai',
      weeklyHours: {
        monday: [{ start: '18:00', end: '09:00' }],
        tuesday: [{ start: '9点', end: '24:00' }],
        wednesday: [
          { start: '09:00', end: '12:00' },
          { start: '11:00', end: '13:00' },
        ],
        funday: [],
      } as never,
      overrides: [
        { date: '2026-02-30', kind: 'day-off' },
        { date: '2026-03-07', kind: 'working-day', hours: [] },
        { date: '2026-03-07', kind: 'day-off' },
        { date: '2026-03-08', kind: 'holiday' } as never,
      ],
    });
    const at = (path: string) => fields.filter((f) => f.path === path).map((f) => ({ code: f.code, params: f.params }));
    expect(at('weeklyHours.monday.0')).toEqual([{ code: 'ends_before_start', params: { start: '18:00' } }]);
    expect(at('weeklyHours.tuesday.0.start')).toEqual([{ code: 'invalid_time', params: undefined }]);
    expect(at('weeklyHours.wednesday')).toEqual([{ code: 'overlaps', params: { with: '09:00–12:00' } }]);
    expect(at('weeklyHours.funday')).toEqual([{ code: 'one_of', params: { values: expect.stringContaining('monday') } }]);
    expect(at('overrides.0.date')).toEqual([{ code: 'invalid_date', params: undefined }]);
    expect(at('overrides.1')).toEqual([{ code: 'no_business_hours', params: undefined }]);
    expect(at('overrides.2.date')).toEqual([{ code: 'duplicate', params: undefined }]);
    expect(at('overrides.3.kind')).toEqual([{ code: 'one_of', params: { values: 'day-off, working-day' } }]);
    expect(fields.every((f) => f.code !== undefined)).toBe(true);
    expect(fieldsOf({ timeZone: 'Nowhere/City', weeklyHours: '24x7' })).toMatchObject([{ path: 'timeZone', code: 'unknown_time_zone' }]);
    const codeOf = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as AppError).fields?.map((x) => [x.path, x.code, x.params]);
      }
      return undefined;
    };
    expect(codeOf(() => office.addWorkdays('2026-01-05', -1))).toEqual([['n', 'too_small', { minimum: 0 }]]);
    expect(codeOf(() => office.addWorkdays('2026-01-05', 1.5))).toEqual([['n', 'invalid_type', { expected: 'integer' }]]);
    expect(codeOf(() => office.deadline(0, '3x'))).toEqual([['duration', 'invalid_duration', undefined]]);
    expect(codeOf(() => office.parseInstant('2026-03-02 25:00', 'start'))).toEqual([['start', 'invalid_format', { format: 'instant' }]]);
    expect(codeOf(() => office.describeYear(3000))).toEqual([['year', 'too_big', { maximum: 2999 }]]);
  });

  it('refuses to search forever in a calendar that never opens', () => {
    const closed = createCalendar({ timeZone: 'UTC', weeklyHours: {} }, []);
    expect(() => closed.addWorkdays('2026-01-01', 1)).toThrow(/no working days/);
    expect(() => closed.deadline(0, '1bh')).toThrow(/no working days/);
  });
});

describe('the year view', () => {
  it('names why each day works or not: weekly hours, the official notice, or the centre’s own override', () => {
    const cal = createCalendar(
      {
        ...officeCalendarSpec('Asia/Shanghai'),
        overrides: [
          { date: '2026-03-03', kind: 'day-off', name: '年会' },
          { date: '2026-03-07', kind: 'working-day', name: '盘点', hours: [{ start: '10:00', end: '16:00' }] },
          { date: '2026-03-04', kind: 'working-day', hours: [{ start: '09:00', end: '24:00' }] },
        ],
      },
      officialYears,
    );
    expect(cal.describeDay('2026-02-14')).toMatchObject({ kind: 'makeup-workday', name: '春节', decidedBy: 'official', workday: true });
    expect(cal.describeDay('2026-02-17')).toMatchObject({ kind: 'holiday', name: '春节', decidedBy: 'official', hours: [] });
    expect(cal.describeDay('2026-03-03')).toMatchObject({ kind: 'holiday', name: '年会', decidedBy: 'override', workday: false });
    expect(cal.describeDay('2026-03-07')).toMatchObject({ kind: 'makeup-workday', name: '盘点', hours: [{ start: '10:00', end: '16:00' }] });
    expect(cal.describeDay('2026-03-04')).toMatchObject({ kind: 'workday', decidedBy: 'override', hours: [{ start: '09:00', end: '24:00' }] });
    expect(cal.describeDay('2026-03-08')).toMatchObject({ kind: 'weekend', decidedBy: 'weekly-hours' });
    const year = cal.describeYear(2024);
    expect(year).toHaveLength(366);
    expect(year.filter((d) => d.workday)).toHaveLength(year.filter((d) => cal.isWorkday(d.date).workday).length);
    expect(() => cal.describeYear(2026.5)).toThrow(/invalid year 2026.5/);
  });
});
