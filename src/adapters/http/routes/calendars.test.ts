import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test-app.js';
import { CalendarService } from '../../../core/calendar/calendar-service.js';
import { CalendarRepository } from '../../db/repositories/calendar-repository.js';
import { DatabaseHolidayStore } from '../../db/repositories/database-holiday-store.js';
import { databaseAuditLog } from '../../db/repositories/audit-log.js';

// On PostgreSQL too when TEST_DATABASE_URL is set: the default flag and the JSON specs are dialect-sensitive.
const dialect = process.env.TEST_DATABASE_URL ? ('postgres' as const) : ('sqlite' as const);

let t: TestApp;
afterEach(async () => t?.close());

const OFFICE_DAY = [
  { start: '09:00', end: '12:00' },
  { start: '13:00', end: '18:00' },
];
const officeWeek = { monday: OFFICE_DAY, tuesday: OFFICE_DAY, wednesday: OFFICE_DAY, thursday: OFFICE_DAY, friday: OFFICE_DAY };

const year2027 = { year: 2027, papers: ['https://example.invalid/2027'], days: [{ name: '元旦', date: '2027-01-01', isOffDay: true }] };

describe('calendars API', () => {
  it('starts with a 7×24 hotline and the default office calendar in the centre’s zone, readable by every role', async () => {
    t = await createTestApp({ dialect, env: { KEFU_TZ: 'Asia/Shanghai' } });
    const res = await t.app.inject({ url: '/api/calendars', headers: await t.as('agent') });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { id: string; isDefault: boolean; spec: { timeZone: string; weeklyHours: unknown } }[];
    expect(items.map((c) => [c.id, c.isDefault])).toEqual([
      ['hotline', false],
      ['office', true],
    ]);
    expect(items[0]?.spec).toMatchObject({ timeZone: 'Asia/Shanghai', weeklyHours: '24x7', observeOfficialHolidays: false });
    expect(items[1]?.spec).toMatchObject({ timeZone: 'Asia/Shanghai', weeklyHours: officeWeek, observeOfficialHolidays: true });
    const one = await t.app.inject({ url: '/api/calendars/office', headers: await t.as('agent') });
    expect(one.json()).toMatchObject({ id: 'office', isDefault: true, updatedBy: 'system' });
    expect((await t.app.inject({ url: '/api/calendars/nope', headers: await t.as('agent') })).statusCode).toBe(404);
  });

  it('shows a year day by day: weekends, holidays and make-up working days with their names and hours', async () => {
    t = await createTestApp({ dialect });
    const headers = await t.as('agent');
    const res = await t.app.inject({ url: '/api/calendars/office/days?year=2026', headers });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ calendarId: 'office', year: 2026, timeZone: 'Asia/Shanghai', covered: true });
    expect(body.days).toHaveLength(365);
    const day = (date: string) => body.days.find((d: { date: string }) => d.date === date);
    expect(day('2026-02-14')).toEqual({ date: '2026-02-14', workday: true, kind: 'makeup-workday', name: '春节', hours: OFFICE_DAY, decidedBy: 'official', covered: true, uncoveredYears: [] });
    expect(day('2026-02-16')).toMatchObject({ workday: false, kind: 'holiday', name: '春节', hours: [] });
    expect(day('2026-03-07')).toMatchObject({ workday: false, kind: 'weekend', hours: [] });
    expect(day('2026-03-02')).toMatchObject({ workday: true, kind: 'workday', hours: OFFICE_DAY });

    const hotline = (await t.app.inject({ url: '/api/calendars/hotline/days?year=2026', headers })).json();
    expect(hotline.days.every((d: { kind: string; hours: unknown }) => d.kind === 'workday')).toBe(true);
    expect(hotline.days[45]).toMatchObject({ date: '2026-02-15', hours: [{ start: '00:00', end: '24:00' }] });

    // Without ?year the current year in the calendar's zone (the test clock says 2026-03-02).
    expect((await t.app.inject({ url: '/api/calendars/office/days', headers })).json().year).toBe(2026);
    const uncovered = (await t.app.inject({ url: '/api/calendars/office/days?year=2028', headers })).json();
    expect(uncovered.covered).toBe(false);
    expect(uncovered.days[0]).toMatchObject({ date: '2028-01-01', kind: 'weekend', covered: false, uncoveredYears: [2028] });
    expect((await t.app.inject({ url: '/api/calendars/office/days?year=abc', headers })).statusCode).toBe(400);
  });

  it('computes deadlines for the UI, flagging years without official data', async () => {
    t = await createTestApp({ dialect });
    const headers = await t.as('agent');
    const deadline = (body: object) => t.app.inject({ method: 'POST', url: '/api/calendars/deadline', headers, payload: body });
    const a = await deadline({ start: '2025-09-30T16:00:00+08:00', duration: '2wd' });
    expect(a.statusCode).toBe(200);
    expect(a.json()).toEqual({
      calendarId: 'office',
      start: '2025-09-30T16:00:00+08:00',
      deadline: '2025-10-10T16:00:00+08:00',
      at: Date.parse('2025-10-10T16:00:00+08:00'),
      covered: true,
      uncoveredYears: [],
    });
    expect((await deadline({ calendarId: 'hotline', start: '2025-09-30T16:00:00+08:00', duration: '2wd' })).json().deadline).toBe('2025-10-02T16:00:00+08:00');
    expect((await deadline({ start: '2026-12-30T10:00', duration: '3wd' })).json()).toMatchObject({ deadline: '2027-01-04T10:00:00+08:00', covered: false, uncoveredYears: [2027] });

    const bad = await deadline({ start: '2026-03-02T10:00:00+08:00', duration: '3d' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual([expect.objectContaining({ path: 'duration', message: expect.stringMatching(/unknown unit "d"/), code: 'invalid_duration' })]);
    expect((await deadline({ start: '2026-02-30T10:00', duration: '1h' })).json().error.fields[0]).toMatchObject({ path: 'start', code: 'invalid_format', params: { format: 'instant' } });
    expect((await deadline({ calendarId: 'nope', start: '2026-03-02T10:00', duration: '1h' })).statusCode).toBe(404);
  });

  it('lets a manager change a calendar, which deadlines use at once, and audits it', async () => {
    t = await createTestApp({ dialect });
    const manager = await t.as('manager');
    const put = (id: string, body: object, headers = manager) => t.app.inject({ method: 'PUT', url: `/api/calendars/${id}`, headers, payload: body });
    const deadline = async () =>
      (await t.app.inject({ method: 'POST', url: '/api/calendars/deadline', headers: manager, payload: { start: '2026-03-02T10:00:00+08:00', duration: '2wd' } })).json().deadline;
    expect(await deadline()).toBe('2026-03-04T10:00:00+08:00');

    expect((await put('office', { spec: { weeklyHours: officeWeek } }, await t.as('agent'))).statusCode).toBe(403);
    expect((await put('office', { spec: { weeklyHours: officeWeek } }, await t.as('supervisor'))).statusCode).toBe(403);

    // The centre closes on 2026-03-03 (its own day off): the deadline moves a day.
    const res = await put('office', { spec: { weeklyHours: officeWeek, overrides: [{ date: '2026-03-03', kind: 'day-off', name: '年会' }] } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: 'office', isDefault: true, spec: { timeZone: 'Asia/Shanghai' }, updatedBy: 't-manager' });
    expect(await deadline()).toBe('2026-03-05T10:00:00+08:00');
    const day = (await t.app.inject({ url: '/api/calendars/office/days?year=2026', headers: manager })).json().days[61];
    expect(day).toMatchObject({ date: '2026-03-03', kind: 'holiday', name: '年会', decidedBy: 'override' });

    const audit = await t.ctx.auditRepo.list({ limit: 5, action: 'calendar.updated' });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorName: 't-manager', targetType: 'calendar', targetId: 'office' });
    expect(audit[0]?.detail).toMatchObject({ before: { isDefault: true } });

    // A new calendar made the default takes over SLA deadlines; the old default gives way.
    const created = await put('after-sales', { name: '售后 7×24', isDefault: true, spec: { weeklyHours: '24x7', observeOfficialHolidays: false } });
    expect(created.statusCode).toBe(200);
    expect(await deadline()).toBe('2026-03-04T10:00:00+08:00');
    const list = (await t.app.inject({ url: '/api/calendars', headers: manager })).json().items;
    expect(list.filter((c: { isDefault: boolean }) => c.isDefault).map((c: { id: string }) => c.id)).toEqual(['after-sales']);
    expect(await t.ctx.auditRepo.list({ limit: 5, action: 'calendar.created' })).toHaveLength(1);
  });

  it('rejects a bad calendar with the path of every bad field, storing nothing', async () => {
    t = await createTestApp({ dialect });
    const admin = await t.as('admin');
    const put = (id: string, body: object) => t.app.inject({ method: 'PUT', url: `/api/calendars/${id}`, headers: admin, payload: body });
    const bad = await put('office', {
      spec: { timeZone: 'Mars/Base', weeklyHours: { monday: [{ start: '25:00', end: '18:00' }], tuesday: [{ start: '18:00', end: '09:00' }] } },
    });
    expect(bad.statusCode).toBe(400);
    const paths = (bad.json().error.fields as { path: string }[]).map((f) => f.path);
    expect(paths).toEqual(['spec.timeZone']);
    const hours = await put('office', { spec: { weeklyHours: { monday: [{ start: '25:00', end: '18:00' }], tuesday: [{ start: '18:00', end: '09:00' }] } } });
    expect((hours.json().error.fields as { path: string }[]).map((f) => f.path)).toEqual(['spec.weeklyHours.monday.0.start', 'spec.weeklyHours.tuesday.0']);
    const shape = await put('office', { spec: { weeklyHours: { mon: [] } } });
    expect(shape.statusCode).toBe(400);
    expect(shape.json().error.fields[0].path).toMatch(/^spec\.weeklyHours/);

    expect((await put('new-one', { spec: { weeklyHours: '24x7' } })).json().error.fields).toEqual([{ path: 'name', message: 'a new calendar needs a name', code: 'required' }]);
    expect((await put('Bad_Id', { name: 'x', spec: { weeklyHours: '24x7' } })).json().error.fields[0].path).toBe('id');
    expect((await put('status', { name: 'x', spec: { weeklyHours: '24x7' } })).statusCode).toBe(400);
    expect((await put('office', { isDefault: false, spec: { weeklyHours: officeWeek } })).json().error.fields[0].path).toBe('isDefault');

    // Issue #21: each says what is wrong as a code (and params) the web words in the reader's language.
    expect(bad.json().error.fields).toEqual([{ path: 'spec.timeZone', message: expect.any(String), code: 'unknown_time_zone' }]);
    expect((hours.json().error.fields as { code: string; params?: object }[]).map((f) => [f.code, f.params])).toEqual([
      ['invalid_time', undefined],
      ['ends_before_start', { start: '18:00' }],
    ]);
    const day = await put('office', { spec: { weeklyHours: officeWeek, overrides: [{ date: '2026-02-30', kind: 'day-off', name: '年会' }] } });
    expect(day.statusCode).toBe(400);
    expect(day.json().error.fields).toEqual([{ path: 'spec.overrides.0.date', message: expect.stringContaining('2026-02-30'), code: 'invalid_date' }]);
    expect((await put('office', { isDefault: false, spec: { weeklyHours: officeWeek } })).json().error.fields[0]).toMatchObject({ code: 'default_required' });
    expect((await put('Bad_Id', { name: 'x', spec: { weeklyHours: '24x7' } })).json().error.fields[0]).toMatchObject({ code: 'invalid_format' });

    const office = (await t.app.inject({ url: '/api/calendars/office', headers: admin })).json();
    expect(office.updatedBy).toBe('system');
    expect(await t.ctx.auditRepo.list({ limit: 5, action: 'calendar.updated' })).toHaveLength(0);
  });

  it('reports covered years, and an imported year reaches the calendars at once', async () => {
    t = await createTestApp({ dialect });
    const headers = await t.as('qa');
    const before = (await t.app.inject({ url: '/api/calendars/status', headers })).json();
    expect(before.coveredYears).toEqual([2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    expect(before.years[6]).toEqual({ year: 2026, source: 'shipped', offDays: expect.any(Number), makeUpWorkdays: expect.any(Number), importedAt: null, replacesShipped: false });

    await t.ctx.calendars.importYears([year2027], { id: null, name: 'test' });
    const after = (await t.app.inject({ url: '/api/calendars/status', headers })).json();
    expect(after.coveredYears.at(-1)).toBe(2027);
    expect(after.years.at(-1)).toMatchObject({ year: 2027, source: 'imported', offDays: 1, importedAt: t.clock.now() });
    const d = await t.app.inject({ method: 'POST', url: '/api/calendars/deadline', headers, payload: { start: '2026-12-31T10:00', duration: '1wd' } });
    expect(d.json()).toMatchObject({ deadline: '2027-01-04T10:00:00+08:00', covered: true });
  });
});

describe('calendar service cache', () => {
  it('picks up a change made by another process once the refresh time has passed', async () => {
    t = await createTestApp({ dialect });
    const other = new CalendarService({
      calendars: new CalendarRepository(t.ctx.database.db),
      holidays: new DatabaseHolidayStore(t.ctx.database.db),
      audit: databaseAuditLog(t.ctx.auditRepo, t.clock),
      clock: t.clock,
      timeZone: 'Asia/Shanghai',
    });
    const mine = await t.ctx.calendars.get();
    expect(mine.isWorkday('2027-01-01')).toMatchObject({ workday: true, covered: false });
    expect(await t.ctx.calendars.get()).toBe(mine);

    await other.importYears([year2027], { id: null, name: 'cli' });
    expect((await t.ctx.calendars.get()).isWorkday('2027-01-01').covered).toBe(false);
    t.clock.advance(31_000);
    expect((await t.ctx.calendars.get()).isWorkday('2027-01-01')).toMatchObject({ workday: false, covered: true, name: '元旦' });
  });
});
