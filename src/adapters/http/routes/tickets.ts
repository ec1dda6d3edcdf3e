import { z } from 'zod';
import type { HttpApp } from '../types.js';
import type { AppContext } from '../../../app.js';
import { rolesAdmin, rolesAll, rolesLeads } from '../access.js';
import { AppError } from '../../../core/shared/app-error.js';
import type { User } from '../../../core/users/user.js';
import { numberMatchingFor, revealPersonalData } from '../../../core/shared/personal-data.js';
import { ticketDetailView, ticketView } from '../personal-data-views.js';
import type { TicketActor, TicketDetail } from '../../../core/tickets/ticket-service.js';
import { ticketStatuses, type Ticket } from '../../../core/tickets/ticket.js';
import { isTicketLead, mayAssignTo } from '../../../core/tickets/ticket-assignment.js';
import { approximateMs } from '../../../core/tickets/ticket-rules.js';
import type { TicketSettings } from '../../../core/tickets/ticket-settings.js';
import type { TicketPeople } from '../../../core/tickets/ports.js';
import { idParams } from '../../../contract/common.js';
import {
  assigneeListSchema,
  assignTicketBody,
  renegotiatePromiseBody,
  closeTicketBody,
  createTicketBody,
  escalateTicketBody,
  linkArticleBody,
  linkArticleResultSchema,
  promiseBody,
  reopenTicketBody,
  resolveTicketBody,
  ticketArticlesSchema,
  ticketDetailSchema,
  ticketListQuery,
  ticketMeasuresQuery,
  ticketMeasuresSchema,
  ticketPageSchema,
  ticketSettingsBody,
  ticketSettingsViewSchema,
  updateTicketBody,
  type TicketDetail as TicketDetailView,
} from '../../../contract/tickets.js';

export function actorOf(u: User | null): TicketActor {
  return { id: u?.id ?? null, username: u?.username ?? null, role: u?.role ?? null, team: u?.team ?? null };
}

export function ticketRoutes(app: HttpApp, ctx: AppContext): void {
  const tags = ['tickets'];
  const calls = ctx.calls.store;
  /** A ticket from the desk names its call but no number (the agent sees it masked): the call's caller is the contact. */
  const withCallerNumber = async <B extends { contactPhone?: string | null; customerId?: string | null; callId?: string | null }>(body: B): Promise<B> => {
    if (body.contactPhone?.trim() || body.customerId?.trim() || !body.callId?.trim()) return body;
    const caller = await calls.callerOf(body.callId.trim());
    return caller ? { ...body, contactPhone: caller } : body;
  };
  const people = ctx.crm.people;
  /**
   * The detail as the API gives it: numbers masked unless revealed (audited), what the actor may do
   * (the core's `actions`), and the display names of the people it mentions, so no screen shows a user id.
   */
  const present = async (d: TicketDetail, revealed = false): Promise<TicketDetailView> => {
    const ids = [d.ticket.assigneeId, d.ticket.createdBy, ...d.history.flatMap((h) => [h.actorId, h.changes?.assigneeId?.from, h.changes?.assigneeId?.to]), ...d.promises.map((p) => p.createdBy)];
    const names = await people.names(ids.filter((x): x is string => typeof x === 'string'));
    return { ...ticketDetailView(d, revealed), people: Object.fromEntries(names) };
  };
  const settingsView = (s: TicketSettings) => ({ ...s, atRiskWithinMs: approximateMs(s.reminderLeadTime), timeZone: ctx.config.timeZone });

  app.get(
    '/api/tickets',
    {
      config: { access: rolesAll },
      schema: {
        tags,
        summary: 'List and search tickets: q finds Chinese words in Simplified or Traditional (ranked); filters; cursor paging',
        querystring: ticketListQuery,
        response: { 200: ticketPageSchema },
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
          ...(q.q && { q: q.q, numbers: numberMatchingFor(req.user?.role ?? null) }),
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
      return { items: await listedTicketViews(people, page.items), nextCursor: page.nextCursor };
    },
  );

  app.post(
    '/api/tickets',
    {
      config: { access: rolesAll, idempotent: true },
      schema: {
        tags,
        summary: 'Create a ticket: required fields per type, no vague descriptions (客户说有点问题), complaint class and grade give the reply promise',
        body: createTicketBody,
        response: { 201: ticketDetailSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await present(await ctx.crm.tickets.create(await withCallerNumber(req.body), actorOf(req.user)))),
  );

  app.get(
    '/api/tickets/measures',
    {
      config: { access: rolesLeads },
      schema: {
        tags,
        summary: 'Ticket figures for tickets created in [from, to): PH-TICKET3, PH-SUMMARY5, complaint response rate, first-contact resolution, promises kept',
        querystring: ticketMeasuresQuery,
        response: { 200: ticketMeasuresSchema },
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
        response: { 200: ticketDetailSchema },
      },
    },
    async (req) => {
      const actor = actorOf(req.user);
      const detail = await ctx.crm.tickets.get(req.params.id, actor);
      if (req.query.reveal !== 'pii') return present(detail);
      await revealPersonalData(ctx, actor, { type: 'ticket', id: detail.ticket.id }, 'phone', req.ip);
      return present(detail, true);
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
        body: updateTicketBody,
        response: { 200: ticketDetailSchema },
      },
    },
    async (req) => await present(await ctx.crm.tickets.update(req.params.id, req.body, actorOf(req.user))),
  );

  // The status actions, one literal route each so a search for the path finds it.
  app.post(
    '/api/tickets/:id/escalate',
    { config: { access: rolesAll }, schema: { tags, summary: 'One step up the escalation chain: agent → supervisor → management office', params: idParams, body: escalateTicketBody, response: { 200: ticketDetailSchema } } },
    async (req) => await present(await ctx.crm.tickets.escalate(req.params.id, req.body, actorOf(req.user))),
  );

  app.post(
    '/api/tickets/:id/resolve',
    { config: { access: rolesAll }, schema: { tags, summary: 'Resolve: keeps every open promise (on time, or late = broken)', params: idParams, body: resolveTicketBody, response: { 200: ticketDetailSchema } } },
    async (req) => await present(await ctx.crm.tickets.resolve(req.params.id, req.body, actorOf(req.user))),
  );

  app.post(
    '/api/tickets/:id/reopen',
    { config: { access: rolesAll }, schema: { tags, summary: 'Reopen after an unsolved callback (CB-REOPEN); counts against first-contact resolution', params: idParams, body: reopenTicketBody, response: { 200: ticketDetailSchema } } },
    async (req) => await present(await ctx.crm.tickets.reopen(req.params.id, req.body, actorOf(req.user))),
  );

  app.post(
    '/api/tickets/:id/close',
    { config: { access: rolesAll }, schema: { tags, summary: 'Close a resolved ticket', params: idParams, body: closeTicketBody, response: { 200: ticketDetailSchema } } },
    async (req) => await present(await ctx.crm.tickets.close(req.params.id, req.body, actorOf(req.user))),
  );

  app.post(
    '/api/tickets/:id/promises',
    { config: { access: rolesAll }, schema: { tags, summary: 'Promise the customer a reply time; reminder and escalation timers follow it', params: idParams, body: promiseBody, response: { 200: ticketDetailSchema } } },
    async (req) => await present(await ctx.crm.tickets.addPromise(req.params.id, req.body, actorOf(req.user))),
  );

  app.post(
    '/api/tickets/:id/promises/:promiseId/keep',
    { config: { access: rolesAll }, schema: { tags, summary: 'The customer got the promised answer', params: z.object({ id: z.string(), promiseId: z.string() }), response: { 200: ticketDetailSchema } } },
    async (req) => await present(await ctx.crm.tickets.keepPromise(req.params.id, req.params.promiseId, actorOf(req.user))),
  );

  app.post(
    '/api/tickets/:id/promises/:promiseId/renegotiate',
    {
      config: { access: rolesAll },
      schema: {
        tags,
        summary:
          'CP-PROMISE: a broken or at-risk promise gets the new reply time agreed with the customer, as a new promise linked to it; the ticket goes to the complaint supervisor; counted once in the promise figures',
        params: z.object({ id: z.string(), promiseId: z.string() }),
        body: renegotiatePromiseBody,
        response: { 200: ticketDetailSchema },
      },
    },
    async (req) => await present(await ctx.crm.tickets.renegotiatePromise(req.params.id, req.params.promiseId, req.body, actorOf(req.user))),
  );

  app.post(
    '/api/tickets/:id/assign',
    {
      config: { access: rolesAll },
      schema: {
        tags,
        summary: 'Give the ticket to someone: yourself or a colleague of your team; supervisors, managers and admins to anyone. Goes to the history.',
        params: idParams,
        body: assignTicketBody,
        response: { 200: ticketDetailSchema },
      },
    },
    async (req) => await present(await ctx.crm.tickets.assign(req.params.id, req.body, actorOf(req.user))),
  );

  app.get(
    '/api/tickets/assignees',
    {
      config: { access: rolesAll },
      schema: { tags, summary: 'Who you may give a ticket to: yourself and your team; supervisors, managers and admins: every active user', response: { 200: assigneeListSchema } },
    },
    async (req) => {
      const actor = actorOf(req.user);
      const everyone = await people.listActive();
      return { items: everyone.filter((p) => mayAssignTo(actor, p)).map((p) => ({ id: p.id, displayName: p.displayName, team: p.team, role: p.role })), mayUnassign: isTicketLead(actor) };
    },
  );

  // Knowledge articles cited by the ticket (issue #17): anyone who may read the ticket (team privacy) may cite one.
  app.get(
    '/api/tickets/:id/articles',
    { config: { access: rolesAll }, schema: { tags, summary: 'The knowledge articles the ticket cites, in the order they were linked', params: idParams, response: { 200: ticketArticlesSchema } } },
    async (req) => ({ items: await ctx.crm.tickets.articles(req.params.id, actorOf(req.user)) }),
  );

  app.post(
    '/api/tickets/:id/articles',
    {
      config: { access: rolesAll },
      schema: { tags, summary: "Cite a knowledge article on the ticket (written to its history); citing it again changes nothing (`linked: false`); an unknown article is a 404", params: idParams, body: linkArticleBody, response: { 200: linkArticleResultSchema } },
    },
    async (req) => {
      const { linked, articles } = await ctx.crm.tickets.linkArticle(req.params.id, req.body.articleId, actorOf(req.user));
      return { linked, items: articles };
    },
  );

  app.delete(
    '/api/tickets/:id/articles/:articleId',
    {
      config: { access: rolesAll },
      schema: { tags, summary: 'Remove a cited article from the ticket (written to its history); one it does not cite is a 404', params: z.object({ id: z.string().max(200), articleId: z.string().max(100) }), response: { 200: ticketArticlesSchema } },
    },
    async (req) => ({ items: await ctx.crm.tickets.unlinkArticle(req.params.id, req.params.articleId, actorOf(req.user)) }),
  );

  app.get(
    '/api/ticket-settings',
    {
      config: { access: rolesAll },
      schema: { tags, summary: 'Ticket types, complaint classes and grades with reply limits, escalation chain, team privacy; atRiskWithinMs for the screens', response: { 200: ticketSettingsViewSchema } },
    },
    async () => settingsView(await ctx.crm.ticketSettings.get()),
  );

  app.put(
    '/api/ticket-settings',
    { config: { access: rolesAdmin }, schema: { tags, summary: 'Replace the ticket settings (the whole document)', body: ticketSettingsBody, response: { 200: ticketSettingsViewSchema } } },
    async (req) => settingsView(await ctx.crm.ticketSettings.put(req.body)),
  );
}

/** A ticket list's rows as the contract shows them: masked, with the assignee's display name (never a user id). */
export async function listedTicketViews(people: TicketPeople, items: readonly Ticket[]) {
  const names = await people.names(items.flatMap((t) => (t.assigneeId ? [t.assigneeId] : [])));
  return items.map((t) => ({ ...ticketView(t, false), assigneeName: t.assigneeId ? names.get(t.assigneeId) ?? null : null }));
}
