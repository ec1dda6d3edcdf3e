import { z } from 'zod';
import type { HttpApp } from '../types.js';
import type { AppContext } from '../../../app.js';
import { rolesAdmin, rolesAll, rolesLeads } from '../access.js';
import { AppError } from '../../../core/shared/app-error.js';
import type { User } from '../../../core/users/user.js';
import { revealPersonalData } from '../../../core/shared/personal-data.js';
import { ticketDetailView, ticketView } from '../personal-data-views.js';
import { CallRepository } from '../../db/repositories/call-repository.js';
import type { TicketActor, TicketDetail } from '../../../core/tickets/ticket-service.js';
import { promiseKinds, promiseStatuses, ticketChannels, ticketPriorities, ticketStatuses, type Ticket } from '../../../core/tickets/ticket.js';
import { escalationLevels, ticketSettingsSchema } from '../../../core/tickets/ticket-settings.js';
import { measureGroupings } from '../../../core/tickets/measures.js';
import { instantSchema } from '../instant-schema.js';

export function actorOf(u: User | null): TicketActor {
  return { id: u?.id ?? null, username: u?.username ?? null, role: u?.role ?? null, team: u?.team ?? null };
}

export const ticketSchema = z.object({
  id: z.string(),
  type: z.string(),
  complaintClass: z.string().nullable(),
  complaintGrade: z.string().nullable(),
  problemType: z.string().nullable(),
  title: z.string().nullable(),
  description: z.string(),
  customerId: z.string().nullable(),
  customerName: z.string(),
  contactPhone: z.string().nullable(),
  callId: z.string().nullable(),
  visitId: z.string().nullable(),
  channel: z.enum(ticketChannels),
  status: z.enum(ticketStatuses),
  priority: z.enum(ticketPriorities),
  assigneeId: z.string().nullable(),
  team: z.string().nullable(),
  escalationLevel: z.enum(escalationLevels),
  createdBy: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
  callEndedAt: z.number().nullable(),
  summary: z.object({ problemType: z.string(), solution: z.string(), satisfaction: z.number().nullable(), writtenAt: z.number() }).nullable(),
  resolvedAt: z.number().nullable(),
  closedAt: z.number().nullable(),
  reopenCount: z.number(),
  pausedSince: z.number().nullable(),
});

const promiseSchema = z.object({
  id: z.string(),
  ticketId: z.string(),
  kind: z.enum(promiseKinds),
  duration: z.string().nullable(),
  startedAt: z.number(),
  dueAt: z.number(),
  remindAt: z.number().nullable(),
  status: z.enum(promiseStatuses),
  keptAt: z.number().nullable(),
  brokenAt: z.number().nullable(),
  escalationStep: z.number(),
  createdAt: z.number(),
  createdBy: z.string().nullable(),
  note: z.string().nullable(),
});

const historySchema = z.object({
  id: z.string(),
  at: z.number(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })).nullable(),
  note: z.string().nullable(),
});

const detailSchema = z.object({ ticket: ticketSchema, history: z.array(historySchema), promises: z.array(promiseSchema) });

const promiseBody = z.object({
  within: z.string().max(20).optional().describe('typed duration on the working calendar: 24h, 2wd, 8bh'),
  dueAt: instantSchema.optional().describe('or an explicit time: epoch ms, or ISO-8601 with an offset'),
  kind: z.enum(promiseKinds).optional(),
  note: z.string().max(2000).nullable().optional(),
});

const summaryBody = z.object({ problemType: z.string().min(1).max(200), solution: z.string().min(1).max(5000), satisfaction: z.number().int().min(1).max(5).nullable().optional() });

const ticketFields = {
  complaintClass: z.string().max(40).nullable().optional(),
  complaintGrade: z.string().max(40).nullable().optional(),
  problemType: z.string().max(200).nullable().optional(),
  title: z.string().max(200).nullable().optional(),
  description: z.string().max(20_000).optional(),
  customerId: z.string().max(100).nullable().optional(),
  customerName: z.string().max(100).nullable().optional(),
  contactPhone: z.string().max(40).nullable().optional(),
  callId: z.string().max(200).nullable().optional(),
  visitId: z.string().max(200).nullable().optional(),
  channel: z.enum(ticketChannels).optional(),
  priority: z.enum(ticketPriorities).optional(),
  assigneeId: z.string().max(100).nullable().optional(),
  team: z.string().max(100).nullable().optional(),
  callEndedAt: instantSchema.nullable().optional().describe('when the call behind the ticket ended: epoch ms or ISO-8601 (PH-TICKET3 / PH-SUMMARY5)'),
  summary: summaryBody.nullable().optional(),
};

/** ISO-8601 with an offset or epoch ms (the one instant type). */
const instant = instantSchema;

const idParams = z.object({ id: z.string() });

const periodUnits = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
/** A clock period ahead of now: `30m`, `4h`, `2d` (at most 31 days). */
const period = z
  .string()
  .max(20)
  .transform((s, c) => {
    const m = /^(\d{1,4})(m|h|d)$/.exec(s.trim());
    const ms = m ? Number(m[1]) * periodUnits[m[2] as keyof typeof periodUnits] : Number.NaN;
    if (!(ms > 0 && ms <= 31 * periodUnits.d)) {
      c.addIssue({ code: 'custom', message: 'a period such as 30m, 4h or 2d (at most 31d)' });
      return z.NEVER;
    }
    return ms;
  });

export function ticketRoutes(app: HttpApp, ctx: AppContext): void {
  const tags = ['tickets'];
  const calls = new CallRepository(ctx.database.db, ctx.database.dialect);
  /** A ticket from the desk names its call but no number (the agent sees it masked): the call's caller is the contact. */
  const withCallerNumber = async <B extends { contactPhone?: string | null; customerId?: string | null; callId?: string | null }>(body: B): Promise<B> => {
    if (body.contactPhone?.trim() || body.customerId?.trim() || !body.callId?.trim()) return body;
    const caller = await calls.callerOf(body.callId.trim());
    return caller ? { ...body, contactPhone: caller } : body;
  };
  // Numbers masked for every role; only GET /api/tickets/:id?reveal=pii shows them (audited).
  const present = (d: TicketDetail, _u: User | null) => ticketDetailView(d, false);

  app.get(
    '/api/tickets',
    {
      config: { access: rolesAll },
      schema: {
        tags,
        summary: 'List and search tickets: q finds Chinese words in Simplified or Traditional (ranked); filters; cursor paging',
        querystring: z.object({
          q: z.string().max(200).optional(),
          status: z.string().max(200).optional().describe(`comma-separated: ${ticketStatuses.join(', ')}`),
          type: z.string().max(40).optional(),
          assignee: z.string().max(100).optional().describe('user id, or "me"'),
          team: z.string().max(100).optional(),
          customerId: z.string().max(100).optional(),
          callId: z.string().max(200).optional(),
          overdue: z.enum(['true', 'false']).optional().describe('only tickets with a promise past due and not kept'),
          dueWithin: period.optional().describe('only unresolved tickets with an open promise due from now to now + this (30m, 4h, 2d), soonest first, each with `promiseDueAt`'),
          from: instant.optional().describe('created at or after'),
          to: instant.optional().describe('created before'),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          cursor: z.string().max(500).optional(),
        }),
        response: { 200: z.object({ items: z.array(ticketSchema.extend({ promiseDueAt: z.number().optional() })), nextCursor: z.string().nullable() }) },
      },
    },
    async (req) => {
      const q = req.query;
      const now = ctx.clock.now();
      const statuses = q.status ? q.status.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
      const bad = statuses?.filter((s) => !(ticketStatuses as readonly string[]).includes(s)) ?? [];
      if (bad.length) throw AppError.validation(`Unknown status ${bad.join(', ')}`, [{ path: 'query.status', message: `one or more of ${ticketStatuses.join(', ')}` }]);
      const page = await ctx.crm.tickets.list(
        {
          limit: q.limit,
          ...(q.q && { q: q.q }),
          ...(statuses && { status: statuses as Ticket['status'][] }),
          ...(q.type && { type: q.type }),
          ...(q.assignee && { assigneeId: q.assignee === 'me' ? req.user?.id ?? '' : q.assignee }),
          ...(q.team && { team: q.team }),
          ...(q.customerId && { customerId: q.customerId }),
          ...(q.callId && { callId: q.callId }),
          ...(q.overdue === 'true' && { overdueAt: now }),
          ...(q.dueWithin !== undefined && { promiseDueBetween: { from: now, to: now + q.dueWithin } }),
          ...(q.from !== undefined && { createdFrom: q.from }),
          ...(q.to !== undefined && { createdTo: q.to }),
          ...(q.cursor && { cursor: q.cursor }),
        },
        actorOf(req.user),
      );
      return { items: page.items.map((t) => ticketView(t, false)), nextCursor: page.nextCursor };
    },
  );

  app.post(
    '/api/tickets',
    {
      config: { access: rolesAll, idempotent: true },
      schema: {
        tags,
        summary: 'Create a ticket: required fields per type, no vague descriptions (客户说有点问题), complaint class and grade give the reply promise',
        body: z.object({ type: z.string().min(1).max(40), ...ticketFields, promise: promiseBody.optional() }),
        response: { 201: detailSchema },
      },
    },
    async (req, reply) => reply.status(201).send(present(await ctx.crm.tickets.create(await withCallerNumber(req.body), actorOf(req.user)), req.user)),
  );

  app.get(
    '/api/tickets/measures',
    {
      config: { access: rolesLeads },
      schema: {
        tags,
        summary: 'Ticket figures for tickets created in [from, to): PH-TICKET3, PH-SUMMARY5, complaint response rate, first-contact resolution, promises kept',
        querystring: z.object({ from: instant, to: instant, by: z.enum(measureGroupings).default('total') }),
      },
    },
    async (req) => ({ from: req.query.from, to: req.query.to, by: req.query.by, groups: await ctx.crm.measures(req.query) }),
  );

  app.get(
    '/api/tickets/:id',
    {
      config: { access: rolesAll },
      schema: {
        tags,
        summary: 'A ticket with its full history and promises; numbers masked, ?reveal=pii shows them (supervisor, manager, admin; audited as ticket.pii_read)',
        params: idParams,
        querystring: z.object({ reveal: z.enum(['pii']).optional() }),
        response: { 200: detailSchema },
      },
    },
    async (req) => {
      const actor = actorOf(req.user);
      const detail = await ctx.crm.tickets.get(req.params.id, actor);
      if (req.query.reveal !== 'pii') return ticketDetailView(detail, false);
      await revealPersonalData(ctx, actor, { type: 'ticket', id: detail.ticket.id }, 'phone', req.ip);
      return ticketDetailView(detail, true);
    },
  );

  app.patch(
    '/api/tickets/:id',
    {
      config: { access: rolesAll },
      schema: {
        tags,
        summary: 'Change fields, assignee, team or status (in_progress / waiting_customer); write the call summary. Every change goes to the history.',
        params: idParams,
        body: z.object({ type: z.string().min(1).max(40).optional(), ...ticketFields, status: z.enum(['in_progress', 'waiting_customer']).optional() }),
        response: { 200: detailSchema },
      },
    },
    async (req) => present(await ctx.crm.tickets.update(req.params.id, req.body, actorOf(req.user)), req.user),
  );

  const action = (path: string, summary: string, body: z.ZodType, run: (id: string, body: never, actor: TicketActor) => Promise<TicketDetail>) =>
    app.post(
      `/api/tickets/:id/${path}`,
      { config: { access: rolesAll }, schema: { tags, summary, params: idParams, body, response: { 200: detailSchema } } },
      async (req) => present(await run(req.params.id, req.body as never, actorOf(req.user)), req.user),
    );

  action('escalate', 'One step up the escalation chain: agent → supervisor → management office', z.object({ reason: z.string().max(2000).nullable().optional() }), (id, b: { reason?: string | null }, a) =>
    ctx.crm.tickets.escalate(id, b, a),
  );
  action('resolve', 'Resolve: keeps every open promise (on time, or late = broken)', z.object({ solution: z.string().max(5000).nullable().optional() }), (id, b: { solution?: string | null }, a) =>
    ctx.crm.tickets.resolve(id, b, a),
  );
  action('reopen', 'Reopen after an unsolved callback (CB-REOPEN); counts against first-contact resolution', z.object({ reason: z.string().max(2000).nullable().optional(), promise: promiseBody.optional() }), (id, b: { reason?: string | null }, a) =>
    ctx.crm.tickets.reopen(id, b, a),
  );
  action('close', 'Close a resolved ticket', z.object({ note: z.string().max(2000).nullable().optional() }), (id, b: { note?: string | null }, a) => ctx.crm.tickets.close(id, b, a));
  action('promises', 'Promise the customer a reply time; reminder and escalation timers follow it', promiseBody, (id, b: z.infer<typeof promiseBody>, a) => ctx.crm.tickets.addPromise(id, b, a));

  app.post(
    '/api/tickets/:id/promises/:promiseId/keep',
    { config: { access: rolesAll }, schema: { tags, summary: 'The customer got the promised answer', params: z.object({ id: z.string(), promiseId: z.string() }), response: { 200: detailSchema } } },
    async (req) => present(await ctx.crm.tickets.keepPromise(req.params.id, req.params.promiseId, actorOf(req.user)), req.user),
  );

  app.get(
    '/api/ticket-settings',
    { config: { access: rolesAll }, schema: { tags, summary: 'Ticket types, complaint classes and grades with reply limits, escalation chain, team privacy' } },
    async () => ctx.crm.ticketSettings.get(),
  );

  app.put(
    '/api/ticket-settings',
    { config: { access: rolesAdmin }, schema: { tags, summary: 'Replace the ticket settings (the whole document)', body: ticketSettingsSchema } },
    async (req) => ctx.crm.ticketSettings.put(req.body),
  );
}
