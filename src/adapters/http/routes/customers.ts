import type { HttpApp } from '../types.js';
import type { AppContext } from '../../../app.js';
import { rolesAll } from '../access.js';
import type { CustomerActor } from '../../../core/customers/customer-service.js';
import { maskPersonalDataInText, mayReveal, numberMatchingFor, revealPersonalData } from '../../../core/shared/personal-data.js';
import { actorOf } from './tickets.js';
import { idParams } from '../../../contract/common.js';
import {
  createCustomerBody,
  customerListQuery,
  customerOverviewSchema,
  customerPageSchema,
  customerSchema,
  revealQuery,
  updateCustomerBody,
} from '../../../contract/customers.js';
import { callView, customerView as view, ticketView } from '../personal-data-views.js';
import { customerCalls } from '../../../core/calls/customer-calls.js';
import type { User } from '../../../core/users/user.js';

function customerActor(u: User | null): CustomerActor {
  return { id: u?.id ?? null, username: u?.username ?? null, role: u?.role ?? null };
}

export function customerRoutes(app: HttpApp, ctx: AppContext): void {
  const tags = ['customers'];

  app.get(
    '/api/customers',
    {
      config: { access: rolesAll },
      schema: {
        tags,
        summary: 'List and search customers (q: name, company, phone, tags; Simplified or Traditional). Phones are masked.',
        querystring: customerListQuery,
        response: { 200: customerPageSchema },
      },
    },
    async (req) => {
      const { vip, ...q } = req.query;
      const page = await ctx.crm.customers.list({ ...q, ...(vip !== undefined && { vip: vip === 'true' }), numbers: numberMatchingFor(req.user?.role ?? null) });
      return { items: page.items.map((c) => view(c, false)), nextCursor: page.nextCursor };
    },
  );

  app.post(
    '/api/customers',
    {
      config: { access: rolesAll, idempotent: true },
      schema: { tags, summary: 'Create a customer (409 when a phone number or code already belongs to another customer)', body: createCustomerBody, response: { 201: customerSchema } },
    },
    async (req, reply) => {
      const c = await ctx.crm.customers.create(req.body, customerActor(req.user));
      // Masked like every other answer: one policy, so no route is a way around the audit trail.
      return reply.status(201).send(view(c, false));
    },
  );

  app.get(
    '/api/customers/:id',
    {
      config: { access: rolesAll },
      schema: {
        tags,
        summary: 'One customer, masked; ?reveal=pii shows phones and e-mail (supervisor, manager, admin; audited as customer.pii_read)',
        params: idParams,
        querystring: revealQuery,
        response: { 200: customerSchema },
      },
    },
    async (req) => {
      if (req.query.reveal === 'pii') return view(await ctx.crm.customers.reveal(req.params.id, customerActor(req.user), req.ip), true);
      return view(await ctx.crm.customers.get(req.params.id), false);
    },
  );

  app.patch(
    '/api/customers/:id',
    {
      config: { access: rolesAll },
      schema: {
        tags,
        summary: 'Change a customer (stage changes go to the stage history). The answer is masked; ?reveal=pii as for GET (audited).',
        params: idParams,
        querystring: revealQuery,
        body: updateCustomerBody,
        response: { 200: customerSchema },
      },
    },
    async (req) => {
      const actor = customerActor(req.user);
      const reveal = req.query.reveal === 'pii';
      // Refused before the change when the role may not reveal, so a 403 leaves the record untouched.
      if (reveal && !mayReveal(actor.role, 'phone')) await revealPersonalData(ctx, actor, { type: 'customer', id: req.params.id }, 'phone', req.ip);
      const c = await ctx.crm.customers.update(req.params.id, req.body, actor);
      if (reveal) await revealPersonalData(ctx, actor, { type: 'customer', id: c.id }, 'phone', req.ip);
      return view(c, reveal);
    },
  );

  app.get(
    '/api/customers/:id/overview',
    {
      config: { access: rolesAll },
      schema: {
        tags,
        summary: "A customer page in one call (CRM-DB): the customer, lifecycle history, tickets, promises, satisfaction over time and the customer's calls (newest 50, numbers masked)",
        params: idParams,
        response: { 200: customerOverviewSchema },
      },
    },
    async (req) => {
      const c = await ctx.crm.customers.get(req.params.id);
      const actor = actorOf(req.user);
      const [stageHistory, page, calls] = await Promise.all([ctx.crm.customers.stageHistory(c.id), ctx.crm.tickets.list({ customerId: c.id, limit: 100 }, actor), customerCalls(ctx.calls, c.id, actor)]);
      const fromSummaries = page.items
        .filter((t) => t.summary?.satisfaction != null)
        .map((t) => ({ at: t.summary!.writtenAt, ticketId: t.id, satisfaction: t.summary!.satisfaction! }));
      // Callback reports (客户回访报告表) give the customer's satisfaction too, marked as such (summaries stay as they were).
      const fromCallbacks = (await ctx.callbacks.repo.reportsOfCustomer(c.id)).map((r) => ({ at: r.at, ticketId: r.ticketId ?? '', satisfaction: r.score, source: 'callback' as const }));
      const satisfaction = [...fromSummaries, ...fromCallbacks].sort((a, b) => a.at - b.at);
      return {
        customer: view(c, false),
        stageHistory: stageHistory.map((s) => ({ id: s.id, from: s.from, to: s.to, at: s.at, actorName: s.actorName, reason: s.reason === null ? null : maskPersonalDataInText(s.reason) })),
        tickets: page.items.map((t) => ticketView(t, false)),
        satisfaction,
        // Linked by the caller's number when the call was stored; an agent sees the calls they answered.
        calls: calls.map((call) => callView(call, false)),
      };
    },
  );

}
