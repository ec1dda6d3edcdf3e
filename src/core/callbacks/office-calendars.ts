import { createCalendar, officeCalendarSpec, type WorkingCalendar } from '../calendar/calendar.js';
import type { YearData } from '../calendar/holiday-data.js';
import type { CalendarForZone } from './calling-windows.js';

/**
 * Working calendars for callbacks, one per zone: Monday–Friday with the official holidays and
 * make-up working days (调休) in force. Whether a *customer's* day is a working day is the country's
 * calendar, not the centre's opening hours (a 7×24 hotline still must not call an office on 国庆).
 * Calendars index their years lazily, so a calendar is built once per zone and kept.
 */
export function officeCalendars(officialYears: readonly YearData[]): CalendarForZone {
  const byZone = new Map<string, WorkingCalendar>();
  return (zone) => {
    let calendar = byZone.get(zone);
    if (!calendar) {
      calendar = createCalendar(officeCalendarSpec(zone), officialYears);
      byZone.set(zone, calendar);
    }
    return calendar;
  };
}
