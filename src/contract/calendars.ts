import { z } from 'zod';
import { dayKinds } from '../core/calendar/calendar.js';

/**
 * Working calendars (工作日历): the request and response shapes of /api/calendars. The routes validate
 * and serialize with these; the web reads the types (`import type … from '@contract/calendars'`).
 */

export { dayKinds };
export type { DayKind, WeekdayName as Weekday } from '../core/calendar/calendar.js';

export const hoursIntervalSchema = z.object({
  start: z.string().describe('HH:MM, local wall time'),
  end: z.string().describe('HH:MM; 24:00 for midnight'),
});
export type HoursInterval = z.output<typeof hoursIntervalSchema>;
const hoursList = z.array(hoursIntervalSchema).max(24);

const weekdayHours = z
  .object({
    monday: hoursList.optional(),
    tuesday: hoursList.optional(),
    wednesday: hoursList.optional(),
    thursday: hoursList.optional(),
    friday: hoursList.optional(),
    saturday: hoursList.optional(),
    sunday: hoursList.optional(),
  })
  .strict();
const weeklyHoursSchema = z.union([z.literal('24x7'), weekdayHours]).describe('"24x7", or business hours per weekday (a missing weekday is closed)');
export type WeeklyHours = z.output<typeof weeklyHoursSchema>;

const overrideSchema = z.discriminatedUnion('kind', [
  z.object({ date: z.string().describe('YYYY-MM-DD'), kind: z.literal('day-off'), name: z.string().max(100).optional() }),
  z.object({ date: z.string().describe('YYYY-MM-DD'), kind: z.literal('working-day'), hours: hoursList.optional(), name: z.string().max(100).optional() }),
]);
export type CalendarOverride = z.output<typeof overrideSchema>;

const specFields = {
  weeklyHours: weeklyHoursSchema,
  makeUpDayHours: hoursList.optional().describe('hours on official make-up working days (调休上班); default: Monday’s hours'),
  observeOfficialHolidays: z.boolean().optional().describe('follow the State Council holidays and make-up days (default true)'),
  overrides: z.array(overrideSchema).max(5000).optional().describe('the centre’s own days off and extra working days; they win over the official data'),
};
const specInput = z.object({ timeZone: z.string().optional().describe('IANA zone; default KEFU_TZ'), ...specFields });
const specOutput = z.object({ timeZone: z.string(), ...specFields });
export type CalendarSpec = z.output<typeof specOutput>;

export const calendarSchema = z.object({
  id: z.string(),
  name: z.string(),
  isDefault: z.boolean(),
  spec: specOutput,
  updatedAt: z.number(),
  updatedBy: z.string().nullable(),
});
export type WorkingCalendar = z.output<typeof calendarSchema>;
export const calendarListSchema = z.object({ items: z.array(calendarSchema) });

const coverageFields = {
  covered: z.boolean().describe('false when a year the answer touched has no official holiday data (answered as plain weekly hours)'),
  uncoveredYears: z.array(z.number()),
};

export const calendarDaySchema = z.object({
  date: z.string(),
  workday: z.boolean(),
  kind: z.enum(dayKinds),
  name: z.string().optional(),
  hours: z.array(hoursIntervalSchema),
  decidedBy: z.enum(['weekly-hours', 'official', 'override']),
  ...coverageFields,
});
export type CalendarDay = z.output<typeof calendarDaySchema>;

/** GET /api/calendars/:id/days: every day of a year. */
export const calendarYearSchema = z.object({ calendarId: z.string(), year: z.number(), timeZone: z.string(), covered: z.boolean(), days: z.array(calendarDaySchema) });
export type CalendarYear = z.output<typeof calendarYearSchema>;
export const calendarYearQuery = z.object({ year: z.coerce.number().int().min(1900).max(2999).optional().describe('default: this year in the calendar’s zone') });

/** GET /api/calendars/status: which years have official holiday data, and from where. */
export const holidayStatusSchema = z.object({
  coveredYears: z.array(z.number()),
  years: z.array(
    z.object({
      year: z.number(),
      source: z.enum(['shipped', 'imported']),
      offDays: z.number(),
      makeUpWorkdays: z.number(),
      importedAt: z.number().nullable(),
      replacesShipped: z.boolean(),
    }),
  ),
  note: z.string(),
});
export type HolidayStatus = z.output<typeof holidayStatusSchema>;

/** POST /api/calendars/deadline. */
export const deadlineBody = z.object({
  calendarId: z.string().optional().describe('default: the default calendar'),
  start: z.string().describe('ISO-8601; without an offset it is read in the calendar’s zone'),
  duration: z.string().describe('24h, 2wd or 8bh'),
});
export const deadlineSchema = z.object({ calendarId: z.string(), start: z.string(), deadline: z.string(), at: z.number(), ...coverageFields });
export type Deadline = z.output<typeof deadlineSchema>;

/** PUT /api/calendars/:id: create or replace. */
export const putCalendarBody = z.object({
  name: z.string().max(100).optional().describe('required for a new calendar'),
  isDefault: z.boolean().optional().describe('true makes it the calendar SLA deadlines use when none is named'),
  spec: specInput,
});
export type CalendarPut = z.input<typeof putCalendarBody>;
