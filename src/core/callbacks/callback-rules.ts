import type { WorkingCalendar } from '../calendar/calendar.js';
import type { YearData } from '../calendar/holiday-data.js';
import type { CallbackSettings } from '../standard/callback-schema.js';
import { CallingWindows } from './calling-windows.js';
import { callbackDueWindow, type DueWindow } from './due-window.js';
import { officeCalendars } from './office-calendars.js';

/**
 * Everything the callback use cases need from the pack in force and the calendar, built once per
 * pack version and time zone (phase 2 keeps one beside the compiled quality pack).
 */
export interface CallbackRules {
  settings: CallbackSettings;
  /** The centre's zone: due windows are counted in it, customers without a zone are called in it. */
  zone: string;
  calendar: WorkingCalendar;
  windows: CallingWindows;
  /** CB-AFTER: the due window of a problem solved at `solvedAt`. */
  dueWindow(solvedAt: number): DueWindow;
}

export function createCallbackRules(settings: CallbackSettings, officialYears: readonly YearData[], zone: string): CallbackRules {
  const calendarFor = officeCalendars(officialYears);
  const calendar = calendarFor(zone);
  const windows = new CallingWindows(settings.windows, calendarFor, zone);
  // A window depends only on the local day the problem was solved: a campaign's thousands of
  // targets share a few dozen days, so each day's window is computed once (and frozen, as shared).
  const byDay = new Map<number, DueWindow>();
  const dueWindow = (solvedAt: number): DueWindow => {
    const day = calendar.localOrdinal(solvedAt);
    let w = byDay.get(day);
    if (!w) {
      w = Object.freeze(callbackDueWindow(calendar, solvedAt, settings.dueWindow));
      if (byDay.size < 100_000) byDay.set(day, w);
    }
    return w;
  };
  return { settings, zone, calendar, windows, dueWindow };
}
