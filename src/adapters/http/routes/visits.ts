import { z } from 'zod';
import type { HttpApp } from '../types.js';
import type { AppContext } from '../../../app.js';
import { rolesAll, rolesLeads } from '../access.js';
import { AppError } from '../../../core/shared/app-error.js';
import type { User } from '../../../core/users/user.js';
import { visitStatuses, type Visit, type VisitMessage, type VisitStatus } from '../../../core/visits/model.js';
import type { VisitActor } from '../../../core/visits/ports.js';
import { localDay } from '../../../core/visits/visit-rules.js';
import { displayBoard, visitFigures, withWaitClock } from '../../../core/visits/queue-view.js';
import { registerVisit } from '../../../core/visits/register-visit.js';
import { callVisit } from '../../../core/visits/call-visit.js';
import { handOffVisit } from '../../../core/visits/hand-off-visit.js';
import { settleHeldCall } from '../../../core/visits/settle-held-call.js';
import { takeMessage } from '../../../core/visits/take-message.js';
import { passOnMessage } from '../../../core/visits/pass-on-message.js';
import { escalateVisit } from '../../../core/visits/escalate-visit.js';
import { finishVisit } from '../../../core/visits/finish-visit.js';
import { setDeskState } from '../../../core/visits/set-desk-state.js';
import { fileVisitComplaint } from '../../../core/visits/file-visit-complaint.js';
import { recordCard, scorecards } from '../../../core/visits/observation-card.js';
import { storeIdCopy, viewIdCopy } from '../../../core/visits/id-copy.js';
import { maskPersonalDataDeep, maskPhone, mayReveal, revealingRoles } from '../../../core/shared/personal-data.js';
import { readRetention } from '../../privacy/retention.js';
import { watermarkedIdCopySvg } from '../../privacy/id-copy-watermark.js';
import {
  calledVisitSchema,
  cardBody,
  cardSchema,
  complaintBody,
  complaintFiledSchema,
  deskBody,
  deskListSchema,
  deskSchema,
  displayBoardSchema,
  escalateBody,
  finishBody,
  handOffBody,
  heldCallBody,
  idCopyBody,
  idCopyListSchema,
  idCopySchema,
  messageBody,
  messageListSchema,
  messageTakenSchema,
  registerVisitBody,
  scorecardListSchema,
  visitFiguresSchema,
  visitListQuery,
  visitListSchema,
  visitMessageSchema,
  visitSchema,
} from '../../../contract/visits.js';

const idParams = z.object({ id: z.string().max(100) });
const dayQuery = z.string().max(10).optional().describe('local date YYYY-MM-DD or "today" (default)');

const actorOf = (u: User | null): VisitActor => ({ username: u?.username ?? 'system' });

/** Phones leave masked (the one masking policy); free text too. */
function visitView(ctx: AppContext, v: Visit) {
  const clocked = withWaitClock(v, ctx.visits.ctx.rules, ctx.clock.now());
  return maskPersonalDataDeep({
    ...clocked,
    visitor: { ...v.visitor, phone: v.visitor.phone ? maskPhone(v.visitor.phone) : null },
    heldCall: v.heldCall ? { ...v.heldCall, number: v.heldCall.number ? maskPhone(v.heldCall.number) : null } : null,
  });
}

function messageView(ctx: AppContext, m: VisitMessage) {
  const contact = /^\+?[\d\s-]{5,}$/.test(m.contact) ? maskPhone(m.contact.replace(/[\s-]/g, '')) : m.contact;
  return maskPersonalDataDeep({ ...m, contact, overdue: m.status === 'open' && ctx.clock.now() >= m.deadline });
}

function dayOf(ctx: AppContext, q: string | undefined): string {
  if (!q || q === 'today') return localDay(ctx.visits.ctx.zone, ctx.clock.now());
  if (!/^\d{4}-\d{2}-\d{2}$/.test(q)) {
    const message = '日期应为 YYYY-MM-DD 或 today / expected YYYY-MM-DD or "today"';
    throw AppError.validation(message, [{ path: 'query.day', message, code: 'invalid_format', params: { format: 'date' } }]);
  }
  return q;
}

/**
 * /api/visits: the walk-in service centre (issue #16). Reception registers arrivals and sees who is
 * free; staff call numbers, hand visitors over (with the held phone call, VS-BUSY2), take messages,
 * escalate, finish; the waiting-room display reads `/display`; supervisors score observation cards.
 */
export function visitRoutes(app: HttpApp, ctx: AppContext): void {
  const tags = ['visits'];
  const v = ctx.visits.ctx;

  app.post(
    '/api/visits',
    {
      config: { access: rolesAll, idempotent: true },
      schema: { tags, summary: 'Register a walk-in visitor: the visit with its queue number of the day; the 3-minute alert is set (urgent: at once). No surname or purpose: 400 naming the field', body: registerVisitBody, response: { 201: visitSchema } },
    },
    async (req, reply) => reply.status(201).send(visitView(ctx, await registerVisit(v, req.body, actorOf(req.user)))),
  );

  app.get(
    '/api/visits',
    { config: { access: rolesAll }, schema: { tags, summary: 'The day’s visits, oldest arrival first, each with `waitedSeconds` and `overdue` (past the 3-minute limit)', querystring: visitListQuery, response: { 200: visitListSchema } } },
    async (req) => {
      const statuses = req.query.status ? req.query.status.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
      const bad = statuses?.filter((s) => !(visitStatuses as readonly string[]).includes(s)) ?? [];
      if (bad.length) {
        const message = `状态应为 ${visitStatuses.join('、')} / one or more of ${visitStatuses.join(', ')}`;
        throw AppError.validation(message, [{ path: 'query.status', message, code: 'one_of', params: { values: visitStatuses.join(', ') } }]);
      }
      await ctx.visits.refreshRules();
      const items = await ctx.visits.repo.listVisits({ day: dayOf(ctx, req.query.day), limit: req.query.limit, ...(statuses && { status: statuses as VisitStatus[] }) });
      return { items: items.map((x) => visitView(ctx, x)), waitLimitSeconds: Math.round(v.rules.waitLimitMs / 1000) };
    },
  );

  app.get(
    '/api/visits/display',
    { config: { access: rolesAll }, schema: { tags, summary: 'The waiting-room display: numbers being served (newest call first) and waiting; surnames masked, nothing else personal', response: { 200: displayBoardSchema } } },
    async () => {
      const [visits, desks, users] = await Promise.all([ctx.visits.repo.listVisits({ day: dayOf(ctx, undefined), status: ['waiting', 'serving'], limit: 1000 }), ctx.visits.repo.listDesks(), ctx.users.list()]);
      const counters = new Map(desks.map((d) => [d.username, d.counter]));
      const names = new Map(users.map((u) => [u.username, u.displayName ?? null]));
      return displayBoard(visits, (staff) => ({ counter: counters.get(staff) ?? null, name: names.get(staff) ?? null }));
    },
  );

  app.get(
    '/api/visits/desks',
    { config: { access: rolesAll }, schema: { tags, summary: 'Staff desks: who is on shift, free, serving a visitor, on the phone or out', response: { 200: deskListSchema } } },
    async () => {
      const [desks, users] = await Promise.all([ctx.visits.repo.listDesks(), ctx.users.list()]);
      const names = new Map(users.map((u) => [u.username, u.displayName ?? null]));
      return { items: desks.map((d) => ({ ...d, displayName: names.get(d.username) ?? null, onLiveCall: d.state === 'on_phone' && d.phoneCallId !== null })) };
    },
  );

  app.post(
    '/api/visits/desks/me',
    { config: { access: rolesAll }, schema: { tags, summary: 'Say where I am: on/off shift, free, on the phone or out (serving is set by calling a visitor)', body: deskBody, response: { 200: deskSchema } } },
    async (req) => {
      const d = await setDeskState(v, req.body, actorOf(req.user));
      return { ...d, displayName: req.user?.displayName ?? null, onLiveCall: d.state === 'on_phone' && d.phoneCallId !== null };
    },
  );

  app.get(
    '/api/visits/figures',
    { config: { access: rolesLeads }, schema: { tags, summary: 'Reception figures of a day: visitors per hour, wait p50/p90, share called within 3 minutes, hand-offs, messages overdue', querystring: z.object({ day: dayQuery }), response: { 200: visitFiguresSchema } } },
    async (req) => {
      const day = dayOf(ctx, req.query.day);
      await ctx.visits.refreshRules();
      const [visits, messages] = await Promise.all([ctx.visits.repo.listVisits({ day, limit: 100_000 }), ctx.visits.repo.listMessages({ status: 'open', limit: 100_000 })]);
      const zone = v.zone;
      return visitFigures(visits, messages, v.rules, (at) => Math.floor((zone.toLocalMs(at) % 86_400_000) / 3_600_000), ctx.clock.now());
    },
  );

  app.get(
    '/api/visits/messages',
    {
      config: { access: rolesAll },
      schema: { tags, summary: 'Messages left for colleagues (VS-OWNER), soonest deadline first: for=me (default) or a username; leads may list all (for=all)', querystring: z.object({ for: z.string().max(100).optional(), status: z.enum(['open', 'passed_on']).optional() }), response: { 200: messageListSchema } },
    },
    async (req) => {
      const who = req.query.for ?? 'me';
      const lead = req.user !== null && (rolesLeads as readonly string[]).includes(req.user.role);
      if (who !== 'me' && who !== req.user?.username && !lead) throw AppError.forbidden('只能查看给自己的留言 / only your own messages');
      const forStaff = who === 'me' ? req.user?.username : who === 'all' ? undefined : who;
      const items = await ctx.visits.repo.listMessages({ limit: 500, ...(forStaff && { forStaff }), ...(req.query.status && { status: req.query.status }) });
      return { items: items.map((m) => messageView(ctx, m)) };
    },
  );

  app.post(
    '/api/visits/messages/:id/pass-on',
    { config: { access: rolesAll }, schema: { tags, summary: 'The message has reached its colleague: closed, its deadline timer removed', params: idParams, response: { 200: visitMessageSchema } } },
    async (req) => messageView(ctx, await passOnMessage(v, req.params.id)),
  );

  app.post(
    '/api/visits/cards',
    { config: { access: rolesLeads }, schema: { tags, summary: 'An observation card: a supervisor scores what software cannot see (VS-GREET, VS-TEA, …) per visit or per shift, 0–2 per item', body: cardBody, response: { 201: cardSchema } } },
    async (req, reply) => {
      await ctx.visits.refreshRules();
      return reply.status(201).send(await recordCard(v, req.body, actorOf(req.user)));
    },
  );

  app.get(
    '/api/visits/scorecards',
    { config: { access: rolesLeads }, schema: { tags, summary: 'Each staff member’s observation scorecard (points over points possible, average per item)', querystring: z.object({ staff: z.string().max(100).optional() }), response: { 200: scorecardListSchema } } },
    async (req) => {
      await ctx.visits.refreshRules();
      return { items: scorecards(await ctx.visits.repo.listCards(req.query.staff ? { staff: req.query.staff } : {})), cardItems: v.rules.cardItems.map((i) => ({ id: i.id, label: i.label })) };
    },
  );

  app.post(
    '/api/visits/:id/id-copies',
    {
      config: { access: rolesAll },
      // A scan as base64 is larger than the default body limit allows.
      bodyLimit: 4 * 1024 * 1024,
      schema: { tags, summary: 'VS-PRIVACY: keep a copy of the visitor’s ID document for a purpose (JPEG/PNG, ≤ 2 MB), sealed at rest (AES-256-GCM); deleted after the retention period. No purpose or not an image: 400; no key configured: 409', params: idParams, body: idCopyBody, response: { 201: idCopySchema } },
    },
    async (req, reply) => {
      if (!/^[A-Za-z0-9+/\r\n]*={0,2}\s*$/.test(req.body.content)) {
        const message = '复印件内容应为 base64 / the content must be base64';
        throw AppError.validation(message, [{ path: 'content', message, code: 'invalid_format', params: { format: 'base64' } }]);
      }
      const copy = await storeIdCopy(ctx.visits.idCopies, req.params.id, { purpose: req.body.purpose ?? null, content: new Uint8Array(Buffer.from(req.body.content, 'base64')) }, actorOf(req.user));
      return reply.status(201).send(copy);
    },
  );

  app.get(
    '/api/visits/:id/id-copies',
    { config: { access: rolesAll }, schema: { tags, summary: 'The ID copies kept for a visit (what and why, never the image), whether this reader may open them, and how long they are kept', params: idParams, response: { 200: idCopyListSchema } } },
    async (req) => ({
      items: await ctx.visits.idCopies.store.list(req.params.id),
      mayView: mayReveal(req.user?.role ?? null, 'idNumber'),
      retentionDays: (await readRetention(ctx.settings)).idCopiesDays,
    }),
  );

  app.get(
    '/api/visits/id-copies/:id',
    {
      config: { access: [...revealingRoles.idNumber] },
      schema: { tags, summary: 'VS-PRIVACY: open an ID copy — an SVG with the image under the watermark (再次复印无效, date, purpose, viewer); audited as visit.id_copy_viewed', params: idParams },
    },
    async (req, reply) => {
      const r = await viewIdCopy(ctx.visits.idCopies, req.params.id, { id: req.user?.id ?? null, username: req.user?.username ?? 'system', role: req.user?.role ?? null }, req.ip);
      return reply
        .type('image/svg+xml; charset=utf-8')
        .header('cache-control', 'no-store')
        .header('content-security-policy', "default-src 'none'; img-src data:; style-src 'unsafe-inline'")
        .send(watermarkedIdCopySvg(r.content, r.copy.contentType, r.watermark));
    },
  );

  app.get(
    '/api/visits/:id',
    { config: { access: rolesAll }, schema: { tags, summary: 'A visit with its history (hand-offs with their introduction, the held call, alerts, escalations)', params: idParams, response: { 200: visitSchema } } },
    async (req) => {
      const found = await ctx.visits.repo.findVisit(req.params.id);
      if (!found) throw AppError.notFound('来访 / visit');
      return visitView(ctx, found);
    },
  );

  app.post(
    '/api/visits/:id/call',
    { config: { access: rolesAll }, schema: { tags, summary: 'Call the number (叫号): the display shows it and the visit is mine; `apologise` when the visitor waited (VS-SWITCH)', params: idParams, response: { 200: calledVisitSchema } } },
    async (req) => {
      const r = await callVisit(v, req.params.id, actorOf(req.user));
      return { ...r, visit: visitView(ctx, r.visit) };
    },
  );

  app.post(
    '/api/visits/:id/handoff',
    {
      config: { access: rolesAll },
      schema: { tags, summary: 'Hand the visitor to a colleague on shift with the introduction (VS-REFER); with `heldCall` the phone call laid down for it (VS-BUSY2). Colleague off shift or out: 409', params: idParams, body: handOffBody, response: { 200: visitSchema } },
    },
    async (req) => visitView(ctx, await handOffVisit(v, req.params.id, req.body, actorOf(req.user))),
  );

  app.post(
    '/api/visits/:id/held-call',
    { config: { access: rolesAll }, schema: { tags, summary: 'Back to the held call: resumed (很抱歉耽误了您的时间，我们继续), or lost — then the number left with consent becomes a callback task', params: idParams, body: heldCallBody, response: { 200: visitSchema } } },
    async (req) => visitView(ctx, await settleHeldCall(v, req.params.id, req.body.outcome, actorOf(req.user))),
  );

  app.post(
    '/api/visits/:id/message',
    {
      config: { access: rolesAll },
      schema: { tags, summary: 'Take a message for an absent colleague (VS-OWNER): a task with a promised pass-on time that escalates when missed; urgent: the colleague is notified at once. No contact: 400', params: idParams, body: messageBody, response: { 201: messageTakenSchema } },
    },
    async (req, reply) => {
      const r = await takeMessage(v, req.params.id, req.body, actorOf(req.user));
      return reply.status(201).send({ visit: visitView(ctx, r.visit), message: messageView(ctx, r.message) });
    },
  );

  app.post(
    '/api/visits/:id/escalate',
    { config: { access: rolesAll }, schema: { tags, summary: 'VS-ESCALATE: one step up the chain (客服主管 → 管理处主管), with the reason; past the top: 409', params: idParams, body: escalateBody, response: { 200: visitSchema } } },
    async (req) => visitView(ctx, await escalateVisit(v, req.params.id, req.body, actorOf(req.user))),
  );

  app.post(
    '/api/visits/:id/finish',
    { config: { access: rolesAll }, schema: { tags, summary: 'The visitor leaves (VS-BYE); the desk is free again', params: idParams, body: finishBody, response: { 200: visitSchema } } },
    async (req) => visitView(ctx, await finishVisit(v, req.params.id, req.body ?? {}, actorOf(req.user))),
  );

  app.post(
    '/api/visits/:id/complaint',
    { config: { access: rolesAll }, schema: { tags, summary: 'CP-VISIT: file the walk-in complaint as a complaint ticket (same grade and promise as by phone), linked to the visit', params: idParams, body: complaintBody, response: { 201: complaintFiledSchema } } },
    async (req, reply) => {
      const r = await fileVisitComplaint(v, ctx.visits.fileComplaint(req.user!), req.params.id, req.body, actorOf(req.user));
      return reply.status(201).send({ visit: visitView(ctx, r.visit), ticketId: r.ticketId });
    },
  );
}
