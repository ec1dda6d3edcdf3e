export * from './calendar.js';
export * from './calendar-service.js';
export * from './duration.js';
export * from './holiday-data.js';
export * from './local-date.js';
export * from './time-zone.js';
export { officialYears } from './data/official-holidays.js';
export type { CalendarStore, StoredCalendar } from './calendar-store.js';
export type { HolidayStore, ImportedYear } from './holiday-store.js';
