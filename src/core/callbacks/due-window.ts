import type { Coverage, WorkingCalendar } from '../calendar/calendar.js';
import { formatLocalDate } from '../calendar/local-date.js';
import type { CallbackSettings } from '../standard/callback-schema.js';
import { MS_PER_DAY } from '../calendar/local-date.js';

/** A task's due window: the local days `first`..`last` (inclusive) and the same as instants [startsAt, endsAt). */
export interface DueWindow extends Coverage {
  first: string;
  last: string;
  startsAt: number;
  endsAt: number;
}

/**
 * CB-AFTER: a complaint or complex problem solved at `solvedAt` is called back from the 1st to the
 * 3rd working day after (the pack's `callbacks.dueWindow`), counted on the working calendar with
 * 调休: solved on Friday 26 September 2025 → Sunday 28th (a make-up working day) to Tuesday 30th.
 */
export function callbackDueWindow(calendar: WorkingCalendar, solvedAt: number, due: CallbackSettings['dueWindow']): DueWindow {
  const from = calendar.localOrdinal(solvedAt);
  const first = calendar.addWorkdaysOrdinal(from, due.firstWorkday);
  const last = calendar.addWorkdaysOrdinal(from, due.lastWorkday);
  return {
    first: formatLocalDate(first),
    last: formatLocalDate(last),
    startsAt: calendar.zone.toInstant(first * MS_PER_DAY),
    endsAt: calendar.zone.toInstant((last + 1) * MS_PER_DAY),
    ...calendar.coverage(from, last),
  };
}

/** A window given as a period of local dates (a campaign's period), as instants in the calendar's zone. */
export function periodWindow(calendar: WorkingCalendar, firstOrdinal: number, lastOrdinal: number): DueWindow {
  return {
    first: formatLocalDate(firstOrdinal),
    last: formatLocalDate(lastOrdinal),
    startsAt: calendar.zone.toInstant(firstOrdinal * MS_PER_DAY),
    endsAt: calendar.zone.toInstant((lastOrdinal + 1) * MS_PER_DAY),
    ...calendar.coverage(firstOrdinal, lastOrdinal),
  };
}
