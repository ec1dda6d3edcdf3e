import { expect, it } from 'vitest';
import { officeCalendarSpec, roundTheClockCalendarSpec } from '../../../core/calendar/calendar.js';
import type { StoredCalendar } from '../../../core/calendar/calendar-store.js';
import { describeEachDatabase } from '../test-databases.js';
import { CalendarRepository } from './calendar-repository.js';
import { DatabaseHolidayStore } from './database-holiday-store.js';

const office: StoredCalendar = { id: 'office', name: '后台办公', spec: officeCalendarSpec(), isDefault: true, updatedAt: 1000, updatedBy: 'system' };
const hotline: StoredCalendar = { id: 'hotline', name: '热线 7×24', spec: roundTheClockCalendarSpec(), isDefault: false, updatedAt: 1000, updatedBy: 'system' };
const year2027 = { year: 2027, papers: ['https://example.invalid/2027'], days: [{ name: '元旦', date: '2027-01-01', isOffDay: true }] };

describeEachDatabase('CalendarRepository', (getDb) => {
  it('keeps calendars with their spec, and exactly one default', async () => {
    const repo = new CalendarRepository(getDb().db);
    expect(await repo.list()).toEqual([]);
    await repo.insertMissing([hotline, office]);
    // A second process seeding at the same time changes nothing.
    await repo.insertMissing([{ ...office, name: 'other' }]);
    expect(await repo.list()).toEqual([hotline, office]);

    await repo.put({ ...hotline, isDefault: true, name: '热线', updatedAt: 2000, updatedBy: 'mgr' });
    const after = await repo.list();
    expect(after.filter((c) => c.isDefault).map((c) => c.id)).toEqual(['hotline']);
    expect(after.find((c) => c.id === 'hotline')).toMatchObject({ name: '热线', updatedAt: 2000, updatedBy: 'mgr' });

    const spec = { ...officeCalendarSpec(), overrides: [{ date: '2026-05-06', kind: 'day-off' as const, name: '年会' }] };
    await repo.put({ id: 'after-sales', name: '售后', spec, isDefault: false, updatedAt: 3000, updatedBy: null });
    expect((await repo.list()).find((c) => c.id === 'after-sales')?.spec).toEqual(spec);
  });

  it('refuses a second default written behind its back', async () => {
    const { db } = getDb();
    await new CalendarRepository(db).insertMissing([office]);
    await expect(
      db.insertInto('calendars').values({ id: 'x', name: 'x', spec: '{}', is_default: 1, updated_at: 1, updated_by: null }).execute(),
    ).rejects.toThrow();
  });
});

describeEachDatabase('DatabaseHolidayStore', (getDb) => {
  it('stores imported years, a re-import replacing the year and leaving others alone', async () => {
    const store = new DatabaseHolidayStore(getDb().db);
    expect(await store.load()).toEqual([]);
    await store.save([year2027], 5000);
    const y2028 = { year: 2028, papers: [], days: [{ name: '元旦', date: '2028-01-01', isOffDay: true }] };
    await store.save([y2028], 6000);
    const corrected = { ...year2027, days: [...year2027.days, { name: '元旦', date: '2027-01-03', isOffDay: false }] };
    await store.save([corrected], 7000);
    expect(await store.load()).toEqual([
      { data: corrected, importedAt: 7000 },
      { data: y2028, importedAt: 6000 },
    ]);
  });

  it('stores all years of an import or none', async () => {
    const store = new DatabaseHolidayStore(getDb().db);
    // The second year cannot be written (its papers do not serialize): the first is rolled back.
    const unwritable = { ...year2027, year: 2029, papers: [10n as unknown as string] };
    await expect(store.save([year2027, unwritable], 1)).rejects.toThrow();
    expect(await store.load()).toEqual([]);
  });

  it('says which row is damaged when one was edited by hand', async () => {
    const { db } = getDb();
    await db.insertInto('holiday_years').values({ year: 2030, data: JSON.stringify({ year: 2030, papers: [], days: [{ name: 'x', date: '2030-02-30', isOffDay: true }] }), source: 'imported', imported_at: 1 }).execute();
    await expect(new DatabaseHolidayStore(db).load()).rejects.toThrow(/holiday_years row 2030 is not valid holiday data/);
  });
});
