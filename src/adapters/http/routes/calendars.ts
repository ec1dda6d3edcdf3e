import { z } from 'zod';
import type { HttpApp } from '../types.js';
import { errorSchema } from '../types.js';
import type { AppContext } from '../../../app.js';
import { rolesAll } from '../access.js';
import { AppError } from '../../../core/shared/app-error.js';
import { instantHint, isInstant } from '../../../core/shared/instant.js';
import { dayKinds } from '../../../core/calendar/calendar.js';
import { yearOfOrdinal } from '../../../core/calendar/local-date.js';
import type { StoredCalendar } from '../../../core/calendar/calendar-store.js';

const hoursInterval = z.object({
  start: z.string().describe('HH:MM, local wall time'),
  end: z.string().describe('HH:MM; 24:00 for midnight'),
});
const hoursList = z.array(hoursInterval).max(24);

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

const override = z.discriminatedUnion('kind', [
  z.object({ date: z.string().describe('YYYY-MM-DD'), kind: z.literal('day-off'), name: z.string().max(100).optional() }),
  z.object({ date: z.string().describe('YYYY-MM-DD'), kind: z.literal('working-day'), hours: hoursList.optional(), name: z.string().max(100).optional() }),
]);

const specFields = {
  weeklyHours: z.union([z.literal('24x7'), weekdayHours]).describe('"24x7", or business hours per weekday (a missing weekday is closed)'),
  makeUpDayHours: hoursList.optional().describe('hours on official make-up working days (调休上班); default: Monday’s hours'),
  observeOfficialHolidays: z.boolean().optional().describe('follow the State Council holidays and make-up days (default true)'),
  overrides: z.array(override).max(5000).optional().describe('the centre’s own days off and extra working days; they win over the official data'),
};
const specInput = z.object({ timeZone: z.string().optional().describe('IANA zone; default KEFU_TZ'), ...specFields });
const specOutput = z.object({ timeZone: z.string(), ...specFields });

const calendarSchema = z.object({
  id: z.string(),
  name: z.string(),
  isDefault: z.boolean(),
  spec: specOutput,
  updatedAt: z.number(),
  updatedBy: z.string().nullable(),
});

const coverageFields = {
  covered: z.boolean().describe('false when a year the answer touched has no official holiday data (answered as plain weekly hours)'),
  uncoveredYears: z.array(z.number()),
};

const daySchema = z.object({
  date: z.string(),
  workday: z.boolean(),
  kind: z.enum(dayKinds),
  name: z.string().optional(),
  hours: z.array(hoursInterval),
  decidedBy: z.enum(['weekly-hours', 'official', 'override']),
  ...coverageFields,
});

const idParams = z.object({ id: z.string() });
const notFound = { 404: errorSchema };

const actorOf = (req: { user: { id: string; username: string } | null; ip: string }) => ({ id: req.user?.id ?? null, name: req.user?.username ?? null, ip: req.ip });

// The response schema validates what leaves: copy the known fields only, so a stored spec with
// extra keys from an older version cannot fail serialisation.
const present = (c: StoredCalendar) => ({ id: c.id, name: c.name, isDefault: c.isDefault, spec: c.spec, updatedAt: c.updatedAt, updatedBy: c.updatedBy });

export function calendarRoutes(app: HttpApp, ctx: AppContext): void {
  app.get(
    '/api/calendars',
    {
      config: { access: rolesAll },
      schema: { tags: ['calendars'], summary: 'List the working calendars (hotline 7×24, office weekdays, …)', response: { 200: z.object({ items: z.array(calendarSchema) }) } },
    },
    async () => ({ items: (await ctx.calendars.list()).map(present) }),
  );

  app.get(
    '/api/calendars/status',
    {
      config: { access: rolesAll },
      schema: {
        tags: ['calendars'],
        summary: 'Years covered by official holiday data, and where each came from (shipped or imported)',
        response: {
          200: z.object({
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
          }),
        },
      },
    },
    async () => ({
      ...(await ctx.calendars.holidayStatus()),
      note: 'Other years are answered as plain weekly hours with covered: false; load them with `kefu calendar import`.',
    }),
  );

  app.post(
    '/api/calendars/deadline',
    {
      config: { access: rolesAll },
      schema: {
        tags: ['calendars'],
        summary: 'A deadline: a typed duration (24h clock hours, 2wd working days, 8bh business hours) after a start',
        body: z.object({
          calendarId: z.string().optional().describe('default: the default calendar'),
          start: z.string().describe('ISO-8601; without an offset it is read in the calendar’s zone'),
          duration: z.string().describe('24h, 2wd or 8bh'),
        }),
        response: {
          200: z.object({ calendarId: z.string(), start: z.string(), deadline: z.string(), at: z.number(), ...coverageFields }),
          400: errorSchema,
          ...notFound,
        },
      },
    },
    async (req) => {
      const calendar = await ctx.calendars.get(req.body.calendarId);
      const start = calendar.parseInstant(req.body.start, 'start');
      if (!isInstant(start)) throw AppError.validation(`start: ${instantHint}`, [{ path: 'start', message: instantHint }]);
      const a = calendar.deadline(start, req.body.duration);
      const calendarId = req.body.calendarId ?? (await ctx.calendars.list()).find((c) => c.isDefault)?.id ?? '';
      return { calendarId, start: calendar.formatInstant(start), deadline: a.iso, at: a.at, covered: a.covered, uncoveredYears: a.uncoveredYears };
    },
  );

  app.get(
    '/api/calendars/:id',
    {
      config: { access: rolesAll },
      schema: { tags: ['calendars'], summary: 'One working calendar', params: idParams, response: { 200: calendarSchema, ...notFound } },
    },
    async (req) => present(await ctx.calendars.describe(req.params.id)),
  );

  app.put(
    '/api/calendars/:id',
    {
      config: { access: ['manager', 'admin'] },
      schema: {
        tags: ['calendars'],
        summary: 'Create or replace a working calendar (validated in full; audited)',
        params: idParams,
        body: z.object({
          name: z.string().max(100).optional().describe('required for a new calendar'),
          isDefault: z.boolean().optional().describe('true makes it the calendar SLA deadlines use when none is named'),
          spec: specInput,
        }),
        response: { 200: calendarSchema, 400: errorSchema },
      },
    },
    async (req) => present(await ctx.calendars.put(req.params.id, req.body, actorOf(req))),
  );

  app.get(
    '/api/calendars/:id/days',
    {
      config: { access: rolesAll },
      schema: {
        tags: ['calendars'],
        summary: 'Every day of a year: working day or not, why (weekend, holiday, make-up working day) and its hours',
        params: idParams,
        querystring: z.object({ year: z.coerce.number().int().min(1900).max(2999).optional().describe('default: this year in the calendar’s zone') }),
        response: { 200: z.object({ calendarId: z.string(), year: z.number(), timeZone: z.string(), covered: z.boolean(), days: z.array(daySchema) }), ...notFound },
      },
    },
    async (req) => {
      const calendar = await ctx.calendars.get(req.params.id);
      const year = req.query.year ?? yearOfOrdinal(calendar.localOrdinal(ctx.clock.now()));
      const days = calendar.describeYear(year);
      return { calendarId: req.params.id, year, timeZone: calendar.zone.name, covered: days.every((d) => d.covered), days };
    },
  );
}
