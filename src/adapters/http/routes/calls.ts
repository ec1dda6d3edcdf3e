import { z } from 'zod';
import type { HttpApp } from '../types.js';
import type { AppContext } from '../../../app.js';
import { rolesAll } from '../access.js';
import { AppError, type FieldError } from '../../../core/shared/app-error.js';
import { instantHint, isInstant, parseInstant } from '../../../core/shared/instant.js';
import { callOutcomeNames, callSources } from '../../../core/calls/call-record.js';
import { ctiEventTypes, type CtiEvent } from '../../../core/calls/cti-call.js';
import { hangupParties } from '../../../core/interactions/call.js';
import { parseTranscript } from '../../../core/interactions/transcript.js';
import { recognizers, transcriptFromRecognizer } from '../../../core/interactions/recognizer-output.js';
import { inspectTranscript } from '../../../core/quality/inspect.js';
import { kpiGroupings } from '../../../core/kpi/kpi-report.js';
import { ZoneCalendar } from '../../../core/kpi/time-zone.js';
import { CallRepository } from '../../db/repositories/call-repository.js';
import { maskPersonalDataDeep, revealPersonalData } from '../../../core/shared/personal-data.js';
import { callView } from '../personal-data-views.js';
import { ingestCtiEvents } from '../../telephony/cti-ingest.js';
import { databaseKpi } from '../../telephony/call-kpi.js';
import { kpiTargetsFromSettings } from '../../../core/kpi/pack-targets.js';

/** Most CTI events one request may carry. */
const MAX_CTI_BATCH = 1000;
const ctiPosters = ['admin', 'supervisor'] as const;
const reportReaders = ['supervisor', 'qa', 'manager', 'admin'] as const;
const transcriptWriters = ['supervisor', 'qa', 'manager', 'admin'] as const;

const ctiEventSchema = z.object({
  type: z.enum(ctiEventTypes),
  callId: z.string().min(1).max(200),
  at: z.union([z.number(), z.string()]),
  queue: z.string().max(200).optional(),
  agent: z.string().max(200).optional(),
  caller: z.string().max(100).optional(),
  vip: z.boolean().optional(),
  by: z.enum(hangupParties).optional(),
  to: z.string().max(200).optional(),
});

const instantQuery = z.string().max(40).optional();

function queryInstant(value: string | undefined, path: string, errors: FieldError[]): number | undefined {
  if (value === undefined || value === '') return undefined;
  const t = parseInstant(value);
  if (t === undefined) errors.push({ path, message: instantHint });
  return t;
}


export function callRoutes(app: HttpApp, ctx: AppContext): void {
  const repo = new CallRepository(ctx.database.db, ctx.database.dialect, ctx.database.sqlite);

  app.post(
    '/api/cti/events',
    {
      config: { access: ctiPosters },
      schema: {
        tags: ['calls'],
        summary: 'Live call events from a PBX connector (AMI, ESL, cloud PBX webhook)',
        description:
          'One event or `{"events":[…]}` (at most 1000): `offered`, `ringing`, `answered`, `hold`, `unhold`, `transfer` (`to`), `transfer_answered`, `ended` (`by`: agent|customer|system), ' +
          'each with `callId` and `at` (ISO-8601 with offset, or epoch ms), optional `queue`, `agent` (username), `caller` (phone), `vip`. Events may arrive in any order and an event posted twice counts once; an order no call can have (a hang-up before the answer, a hold before it, a ring after the hang-up) is a 400 naming the event, and nothing of that request is kept.',
        body: z.union([ctiEventSchema, z.object({ events: z.array(ctiEventSchema).min(1).max(MAX_CTI_BATCH) })]),
      },
    },
    async (req, reply) => {
      const list = 'events' in req.body ? req.body.events : [req.body];
      const pathOf = (i: number, field: string): string => ('events' in req.body ? `events.${i}.${field}` : field);
      const errors: FieldError[] = [];
      const events: CtiEvent[] = list.map((e, i) => {
        const at = parseInstant(e.at) ?? Number.NaN;
        if (Number.isNaN(at)) errors.push({ path: pathOf(i, 'at'), message: instantHint });
        if (e.type === 'ended' && e.by === undefined) errors.push({ path: pathOf(i, 'by'), message: 'an ended event says who hung up: agent, customer or system' });
        return { ...e, at };
      });
      if (errors.length > 0) throw AppError.validation('Invalid CTI event(s)', errors);
      return reply.status(202).send(await ingestCtiEvents(repo, ctx.events, ctx.clock, events, (i) => pathOf(i, 'at')));
    },
  );

  app.get(
    '/api/calls',
    {
      config: { access: rolesAll },
      schema: {
        tags: ['calls'],
        summary: 'Calls with their measures, newest first (agents see their own)',
        description: 'Each item carries `failedRules`: the rule ids whose quality check failed (empty before a transcript is judged).',
        querystring: z.object({
          from: instantQuery,
          to: instantQuery,
          agent: z.string().optional(),
          queue: z.string().optional(),
          outcome: z.enum(callOutcomeNames).optional(),
          source: z.enum(callSources).optional(),
          rule: z.string().min(1).max(100).optional().describe('only calls whose quality check of this rule id failed (ok: false)'),
          fatal: z.enum(['true', 'false']).optional().describe('only calls judged fatal (true) or judged and not fatal (false)'),
          limit: z.coerce.number().int().min(1).max(500).default(50),
          cursor: z.string().optional(),
        }),
      },
    },
    async (req) => {
      const q = req.query;
      const errors: FieldError[] = [];
      const from = queryInstant(q.from, 'query.from', errors);
      const to = queryInstant(q.to, 'query.to', errors);
      if (errors.length) throw AppError.validation('Invalid period', errors);
      const user = req.user;
      const agent = user?.role === 'agent' ? user.username : q.agent;
      const page = await repo.list({ from, to, agent, queue: q.queue, outcome: q.outcome, sources: q.source ? [q.source] : undefined, failedRule: q.rule, fatal: q.fatal === undefined ? undefined : q.fatal === 'true', limit: q.limit, cursor: q.cursor });
      return { items: page.items.map((c) => callView(c, false, false)), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/calls/:id',
    {
      config: { access: rolesAll },
      schema: {
        tags: ['calls'],
        summary: "One call with its events, transcript and quality result; the caller's number masked, ?reveal=pii shows it (supervisor, manager, admin; audited as call.pii_read)",
        params: z.object({ id: z.string() }),
        querystring: z.object({ reveal: z.enum(['pii']).optional() }),
      },
    },
    async (req) => {
      const call = await repo.get(req.params.id);
      // An agent asking for someone else's call learns nothing, not even that it exists.
      if (!call || (req.user?.role === 'agent' && call.agent !== req.user.username)) throw AppError.notFound(`Call ${req.params.id}`);
      if (req.query.reveal !== 'pii') return callView(call, true, false);
      const u = req.user;
      await revealPersonalData(ctx, { id: u?.id ?? null, username: u?.username ?? null, role: u?.role ?? null }, { type: 'call', id: call.id }, 'phone', req.ip);
      return callView(call, true, true);
    },
  );

  app.post(
    '/api/calls/:id/transcript',
    {
      config: { access: transcriptWriters },
      schema: {
        tags: ['calls'],
        summary: "Attach a call's transcript; runs quality inspection with the standard in force and stores the result",
        description:
          'Body: a Transcript (CONTRACT.md), or with `?from=aliyun|tencent|iflytek|funasr|whisper` that recognizer\'s JSON result (`agentChannel`: the agent\'s channel or speaker, default 0). Without `events`, the call\'s own events (ring, answer, hold, transfer, hangup) are used, so ring-time, hold and hang-up checks apply.',
        params: z.object({ id: z.string() }),
        body: z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())]),
        querystring: z.object({ lang: z.enum(['zh', 'en']).default('zh'), from: z.enum(recognizers).optional(), agentChannel: z.coerce.number().int().min(0).max(99).default(0) }),
      },
    },
    async (req) => {
      const parsed = req.query.from === undefined ? parseTranscript(req.body) : transcriptFromRecognizer(req.query.from, req.body, { agentChannel: req.query.agentChannel });
      if (!parsed.ok) throw AppError.validation('Invalid transcript', parsed.errors);
      const call = await repo.get(req.params.id);
      if (!call) throw AppError.notFound(`Call ${req.params.id}`);
      const transcript = {
        ...parsed.transcript,
        id: parsed.transcript.id ?? call.id,
        ...(parsed.transcript.agent === undefined && call.agent !== null && { agent: call.agent }),
        ...(parsed.transcript.events === undefined && call.events.length > 0 && { events: call.events }),
        // A call stored with an impossible time (older data) simply has no start to show.
        ...(parsed.transcript.startedAt === undefined && isInstant(call.offeredAt) && { startedAt: new Date(call.offeredAt).toISOString() }),
      };
      const standard = await ctx.standard.active();
      const quality = inspectTranscript(transcript, standard.compiled, { lang: req.query.lang });
      await repo.setQuality(call.id, { transcript, quality, score: quality.score, fatal: quality.fatal, standardVersion: standard.label }, ctx.clock.now());
      await ctx.events.publish({ type: 'call.quality', at: ctx.clock.now(), id: call.id, callId: call.externalId, agent: call.agent, score: quality.score, fatal: quality.fatal });
      return { call: callView({ ...call, transcript, quality, qualityScore: quality.score, qualityFatal: quality.fatal, standardVersion: standard.label }, true, false), quality: maskPersonalDataDeep(quality) };
    },
  );

  app.get(
    '/api/kpi',
    {
      config: { access: reportReaders },
      schema: {
        tags: ['calls'],
        summary: 'The hotline KPI report over the database (same figures as `kefu kpi`, plus ticket figures)',
        description:
          'Calls from queue_log imports and live CTI whose start lies in [from, to). Ticket and survey figures (satisfaction, complaintResponseRate, firstContactResolution, ' +
          'ticketWithin3MinRate, promisesKeptRate) are `{value, reason}`, `value: null` with the reason while there is no data for them. ' +
          'Beside the contract: `connection.groups[]` gives KPI-SYS `systemConnectionRate` and KPI-VIP `vipConnectionRate` per group (`{value, offered, counted, reason, min, pass}`), ' +
          '`ticketTargets` judges the ticket figures; every target comes from the standard pack in force (`settings` `kpiTargets.*`, named in `standard`).',
        querystring: z.object({
          from: instantQuery,
          to: instantQuery,
          by: z.enum(kpiGroupings).default('total'),
          threshold: z.coerce.number().min(0).max(3600).default(15),
          ringLimit: z.coerce.number().min(0).max(3600).default(15),
        }),
      },
    },
    async (req) => {
      const q = req.query;
      const errors: FieldError[] = [];
      const from = queryInstant(q.from, 'query.from', errors);
      const to = queryInstant(q.to, 'query.to', errors);
      if (errors.length) throw AppError.validation('Invalid period', errors);
      const standard = await ctx.standard.active();
      const targets = kpiTargetsFromSettings(standard.pack.settings);
      return databaseKpi(repo, {
        from,
        to,
        by: q.by,
        thresholdSeconds: q.threshold,
        ringLimitSeconds: q.ringLimit,
        zone: new ZoneCalendar(ctx.config.timeZone),
        tickets: ctx.ticketMeasures,
        targets: targets.calls,
        connectionTargets: targets.connection,
        ticketTargets: targets.tickets,
        standard: standard.label,
      });
    },
  );
}
