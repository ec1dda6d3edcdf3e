import type { HttpApp } from '../types.js';
import type { AppContext } from '../../../app.js';
import { rolesAll } from '../access.js';
import { AppError } from '../../../core/shared/app-error.js';
import { instantHint, isInstant } from '../../../core/shared/instant.js';
import { errorBodySchema as errorSchema, idParams } from '../../../contract/common.js';
import {
  calendarListSchema,
  calendarSchema,
  calendarYearQuery,
  calendarYearSchema,
  deadlineBody,
  deadlineSchema,
  holidayStatusSchema,
  putCalendarBody,
} from '../../../contract/calendars.js';
import { yearOfOrdinal } from '../../../core/calendar/local-date.js';
import type { StoredCalendar } from '../../../core/calendar/calendar-store.js';

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
      schema: { tags: ['calendars'], summary: 'List the working calendars (hotline 7×24, office weekdays, …)', response: { 200: calendarListSchema } },
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
        response: { 200: holidayStatusSchema },
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
        body: deadlineBody,
        response: {
          200: deadlineSchema,
          400: errorSchema,
          ...notFound,
        },
      },
    },
    async (req) => {
      const calendar = await ctx.calendars.get(req.body.calendarId);
      const start = calendar.parseInstant(req.body.start, 'start');
      if (!isInstant(start)) throw AppError.validation(`start: ${instantHint}`, [{ path: 'start', message: instantHint, code: 'invalid_format', params: { format: 'instant' } }]);
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
        body: putCalendarBody,
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
        querystring: calendarYearQuery,
        response: { 200: calendarYearSchema, ...notFound },
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
