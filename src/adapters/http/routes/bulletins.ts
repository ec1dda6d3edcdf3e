import { z } from 'zod';
import type { HttpApp } from '../types.js';
import type { AppContext } from '../../../app.js';
import { rolesAll, rolesLeads } from '../access.js';
import { AppError } from '../../../core/shared/app-error.js';
import type { Bulletin } from '../../../core/knowledge/model.js';
import { inForce } from '../../../core/knowledge/bulletin-rules.js';
import { localDateOf, startOfLocalDate } from '../../../core/knowledge/dates.js';
import { acknowledgeBulletin, editBulletin, publishBulletin } from '../../../core/knowledge/bulletin-commands.js';
import { goNotReady, goReady, pendingFor } from '../../../core/knowledge/go-ready.js';
import { bulletinReadReport } from '../../../core/knowledge/read-report.js';
import { shiftStartOn } from '../../../core/knowledge/shift-starts.js';
import { setShiftStarts } from '../../../core/knowledge/set-shift-starts.js';
import { agentStateSchema, shiftStartsBodySchema, shiftStartsSchema, bulletinAckSchema, bulletinCreateSchema, bulletinEditSchema, bulletinPageSchema, bulletinQuerySchema, bulletinSchema, pendingBulletinsSchema, readReportSchema } from '../../../contract/knowledge.js';
import { actorOf } from './knowledge.js';

const idParams = z.object({ id: z.string().max(100) });
const DAY = 86_400_000;

/**
 * `/api/bulletins` and `/api/agents/me/…` (issue #17, PH-NOTIFY): supervisors publish the day's
 * bulletins; an agent acknowledges those in force before going ready, and an edited one asks again.
 */
export function bulletinRoutes(app: HttpApp, ctx: AppContext): void {
  const tags = ['bulletins'];
  const k = ctx.knowledge.ctx;
  const today = () => localDateOf(ctx.clock.now(), k.zone);
  const view = (b: Bulletin, day = today()) => ({ ...b, inForce: inForce(b, day) });

  /** A changed ready state goes on the live stream (`agent.state`): the supervisor's agent-status board reads again. */
  async function announced(user: NonNullable<Parameters<typeof actorOf>[0]>, state: { state: 'ready' | 'not_ready'; since: number }) {
    if (state.since === ctx.clock.now()) await ctx.events.publish({ type: 'agent.state', at: state.since, agentId: user.id, username: user.username, state: state.state });
    return state;
  }

  /** The caller's state as the desk shows it: ready or not, since when, signed in at, bulletins still to read. */
  async function stateOf(user: NonNullable<Parameters<typeof actorOf>[0]>, state?: { state: 'ready' | 'not_ready'; since: number }) {
    const actor = actorOf(user);
    const current = state ?? (await k.read.bulletins.agentState(actor.id));
    const pending = await pendingFor(k, k.read, actor);
    const day = today();
    const dayStart = startOfLocalDate(day, k.zone);
    return {
      state: current?.state ?? 'not_ready',
      since: current?.since ?? null,
      signedInAt: await k.reportSources.firstSignIn(actor.id, dayStart, dayStart + DAY),
      shiftStart: shiftStartOn(await k.shifts.get(), actor, day, k.zone),
      pending: pending.length,
    };
  }

  app.get(
    '/api/bulletins',
    { config: { access: rolesAll }, schema: { tags, summary: 'Bulletins, newest first; inForce=true: those in force today', querystring: bulletinQuerySchema, response: { 200: bulletinPageSchema } } },
    async (req) => {
      const day = today();
      const page = await ctx.knowledge.bulletins.listBulletins({ inForceOn: req.query.inForce ? day : undefined, limit: req.query.limit, cursor: req.query.cursor });
      return { items: page.items.map((b) => view(b, day)), nextCursor: page.nextCursor };
    },
  );

  app.post(
    '/api/bulletins',
    {
      config: { access: rolesLeads, idempotent: true },
      schema: { tags, summary: 'Publish a bulletin with its effective date and audience (teams; none: everyone). A past effective date is allowed and flagged `backdated`', body: bulletinCreateSchema, response: { 201: bulletinSchema } },
    },
    async (req, reply) => reply.status(201).send(view(await publishBulletin(k, req.body, actorOf(req.user)))),
  );

  app.get(
    '/api/bulletins/pending',
    { config: { access: rolesAll }, schema: { tags, summary: "The caller's unacknowledged bulletins in force (oldest effective first)", response: { 200: pendingBulletinsSchema } } },
    async (req) => {
      const day = today();
      return { items: (await pendingFor(k, k.read, actorOf(req.user))).map((b) => view(b, day)) };
    },
  );

  app.get(
    '/api/bulletins/:id',
    { config: { access: rolesAll }, schema: { tags, summary: 'One bulletin', params: idParams, response: { 200: bulletinSchema } } },
    async (req) => {
      const b = await ctx.knowledge.bulletins.findBulletin(req.params.id);
      if (!b) throw AppError.notFound('公告 / bulletin');
      return view(b);
    },
  );

  app.patch(
    '/api/bulletins/:id',
    {
      config: { access: rolesLeads },
      schema: { tags, summary: 'Edit a bulletin; a change of what agents read is a new version everyone acknowledges again (the audience alone is not)', params: idParams, body: bulletinEditSchema, response: { 200: bulletinSchema } },
    },
    async (req) => {
      const { version, ...input } = req.body;
      return view(await editBulletin(k, req.params.id, input, version, actorOf(req.user)));
    },
  );

  app.post(
    '/api/bulletins/:id/ack',
    {
      config: { access: rolesAll },
      schema: { tags, summary: "Acknowledge the bulletin's current version (idempotent); one not addressed to the caller's team is a 404", params: idParams, response: { 200: bulletinAckSchema } },
    },
    async (req) => {
      const actor = actorOf(req.user);
      const { bulletin, ack } = await acknowledgeBulletin(k, req.params.id, actor);
      return { bulletin: view(bulletin), ack, pending: (await pendingFor(k, k.read, actor)).length };
    },
  );

  app.get(
    '/api/bulletins/:id/report',
    {
      config: { access: rolesLeads },
      schema: { tags, summary: 'Who of its audience acknowledged the current version and when, their first sign-in that day, and calls answered before acknowledging', params: idParams, response: { 200: readReportSchema } },
    },
    async (req) => {
      const report = await bulletinReadReport(k, req.params.id);
      return { ...report, bulletin: view(report.bulletin) };
    },
  );

  app.get(
    '/api/agents/me',
    { config: { access: rolesAll }, schema: { tags: ['agents'], summary: "The caller's ready state, first sign-in today and how many bulletins they still have to acknowledge", response: { 200: agentStateSchema } } },
    async (req) => stateOf(req.user!),
  );

  app.post(
    '/api/agents/me/ready',
    {
      config: { access: rolesAll },
      schema: { tags: ['agents'], summary: 'Go ready (示闲) to take calls. 409 CONFLICT listing the pending bulletins (fields `bulletins.<id>`) until all in force are acknowledged', response: { 200: agentStateSchema } },
    },
    async (req) => stateOf(req.user!, await announced(req.user!, await goReady(k, actorOf(req.user)))),
  );

  app.get(
    '/api/agents/shift-starts',
    { config: { access: rolesAll }, schema: { tags: ['agents'], summary: "When shifts start: the centre's default, per team, per agent (HH:MM), and how early agents sign in (PH-NOTIFY: 5 minutes)", response: { 200: shiftStartsSchema } } },
    async () => k.shifts.get(),
  );

  app.put(
    '/api/agents/shift-starts',
    {
      config: { access: rolesLeads },
      schema: { tags: ['agents'], summary: 'Set the shift start times (what is not sent stays); a bad time is a 400 naming it (`teams.一组`); audited', body: shiftStartsBodySchema, response: { 200: shiftStartsSchema } },
    },
    async (req) => setShiftStarts(k, req.body, actorOf(req.user)),
  );

  app.post(
    '/api/agents/me/not-ready',
    { config: { access: rolesAll }, schema: { tags: ['agents'], summary: 'Go not ready (置忙): no calls', response: { 200: agentStateSchema } } },
    async (req) => stateOf(req.user!, await announced(req.user!, await goNotReady(k, actorOf(req.user)))),
  );
}
