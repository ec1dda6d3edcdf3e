import { z } from 'zod';
import type { HttpApp } from '../types.js';
import type { AppContext } from '../../../app.js';
import { rolesAll } from '../access.js';
import type { User } from '../../../core/users/user.js';
import type { StoredCall } from '../../../core/calls/ports.js';
import { maskPersonalDataDeep, revealPersonalData } from '../../../core/shared/personal-data.js';
import type { CallReader } from '../../../core/calls/call-scope.js';
import { ingestCtiEvents } from '../../../core/calls/ingest-cti-events.js';
import { listCalls } from '../../../core/calls/list-calls.js';
import { getCall } from '../../../core/calls/get-call.js';
import { qualityForReader } from '../../../core/calls/quality-for-reader.js';
import { attachTranscript } from '../../../core/calls/attach-transcript.js';
import { recordingUrlFor } from '../../../core/calls/recording-url.js';
import { setRecording } from '../../../core/calls/set-recording.js';
import { kpiReport } from '../../../core/calls/kpi-report.js';
import { callDetailView, callView } from '../personal-data-views.js';
import { idParams } from '../../../contract/common.js';
import {
  attachTranscriptResponseSchema,
  callDetailSchema,
  callListQuery,
  callPageSchema,
  ctiEventsBody,
  ctiIngestResultSchema,
  MAX_CTI_BATCH,
  callDetailQuery,
  setRecordingBody,
  transcriptQuery,
} from '../../../contract/calls.js';
import { kpiQuery, kpiReportSchema, peopleFiguresQuery, peopleFiguresSchema } from '../../../contract/kpi.js';
import { peopleFigures } from '../../../core/kpi/people-figures.js';

const ctiPosters = ['admin', 'supervisor'] as const;
const reportReaders = ['supervisor', 'qa', 'manager', 'admin'] as const;
const transcriptWriters = ['supervisor', 'qa', 'manager', 'admin'] as const;
const recordingWriters = ['supervisor', 'qa', 'admin'] as const;

const readerOf = (u: User | null): CallReader => ({ username: u?.username ?? null, role: u?.role ?? null });
const personOf = (u: User | null) => ({ id: u?.id ?? null, username: u?.username ?? null, role: u?.role ?? null });

/** The call routes: validate (src/contract/calls.ts), call a core/calls use case, shape the answer (numbers masked). */
export function callRoutes(app: HttpApp, ctx: AppContext): void {
  const calls = ctx.calls;
  /** A call as its detail page reads it: the number masked unless `revealed`, the recording's URL for a reader who may listen (audited). */
  const detailFor = async (call: StoredCall, req: { user: User | null; ip: string }, revealed = false) => callDetailView(call, revealed, await recordingUrlFor(calls, call, personOf(req.user), req.ip));

  app.post(
    '/api/cti/events',
    {
      config: { access: ctiPosters },
      schema: {
        tags: ['calls'],
        summary: 'Live call events from a PBX connector (AMI, ESL, cloud PBX webhook)',
        description:
          `One event or \`{"events":[…]}\` (at most ${MAX_CTI_BATCH}): \`offered\`, \`ringing\`, \`answered\`, \`hold\`, \`unhold\`, \`transfer\` (\`to\`), \`transfer_answered\`, \`ended\` (\`by\`: agent|customer|system), ` +
          'each with `callId` and `at` (ISO-8601 with offset, or epoch ms), optional `queue`, `agent` (username), `caller` (phone), `vip`, `recording` (the PBX\'s recording: an http(s) URL or a path under KEFU_RECORDINGS_URL; a bad one is a 400 naming `events.N.recording`). Events may arrive in any order and an event posted twice counts once; an order no call can have (a hang-up before the answer, a hold before it, a ring after the hang-up) is a 400 naming the event, and nothing of that request is kept.',
        body: ctiEventsBody,
        response: { 202: ctiIngestResultSchema },
      },
    },
    async (req, reply) => {
      const body = req.body;
      const result = 'events' in body ? await ingestCtiEvents(calls, body.events) : await ingestCtiEvents(calls, [body], (_i, field) => field);
      return reply.status(202).send(result);
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
        querystring: callListQuery,
        response: { 200: callPageSchema },
      },
    },
    async (req) => {
      const { source, rule, fatal, ...q } = req.query;
      const page = await listCalls(
        calls,
        { ...q, sources: source ? [source] : undefined, failedRule: rule, fatal: fatal === undefined ? undefined : fatal === 'true' },
        readerOf(req.user),
      );
      return { items: page.items.map((c) => callView(c, false)), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/calls/:id',
    {
      config: { access: rolesAll },
      schema: {
        tags: ['calls'],
        summary: "One call with its events, transcript and quality result; the caller's number masked, ?reveal=pii shows it (supervisor, manager, admin; audited as call.pii_read)",
        description:
          '`recordingUrl`: where the browser loads the PBX\'s recording, for a reader who may listen (supervisor, QA, manager, admin; an agent for a call they answered), each hand-out audited as `call.recording_read`; null without a recording.',
        params: idParams,
        querystring: callDetailQuery,
        response: { 200: callDetailSchema },
      },
    },
    async (req) => {
      const found = await getCall(calls, req.params.id, readerOf(req.user));
      const call = req.query.lang ? { ...found, quality: await qualityForReader(calls, found, req.query.lang) } : found;
      const revealed = req.query.reveal === 'pii';
      if (revealed) await revealPersonalData(ctx, personOf(req.user), { type: 'call', id: call.id }, 'phone', req.ip);
      return detailFor(call, req, revealed);
    },
  );

  app.put(
    '/api/calls/:id/recording',
    {
      config: { access: recordingWriters },
      schema: {
        tags: ['calls'],
        summary: "Set (or with null remove) a call's recording reference: an http(s) URL, or a path relative to KEFU_RECORDINGS_URL (audited as call.recording_set)",
        description:
          'Kefu stores no audio, only where the PBX keeps it. Anything but an http(s) URL (without user or password) or a relative path under a configured KEFU_RECORDINGS_URL (no leading /, no `..`) is a 400 naming `recording`. A later CTI event naming a recording replaces it.',
        params: idParams,
        body: setRecordingBody,
        response: { 200: callDetailSchema },
      },
    },
    async (req) => {
      const call = await setRecording(calls, req.params.id, req.body.recording, personOf(req.user), req.ip);
      return detailFor(call, req);
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
        params: idParams,
        // Checked by the core's transcript (or recognizer) parser, whose errors name each field (utterances.3.speaker).
        body: z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())]),
        querystring: transcriptQuery,
        response: { 200: attachTranscriptResponseSchema },
      },
    },
    async (req) => {
      const { call, quality } = await attachTranscript(calls, req.params.id, req.body, req.query.lang, req.query.from === undefined ? undefined : { from: req.query.from, agentChannel: req.query.agentChannel });
      return { call: await detailFor(call, req), quality: maskPersonalDataDeep(quality) };
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
          'ticketWithin3MinRate, summaryWithin5MinRate, promisesKeptRate, callbackWithinWindowRate) are `{value, reason}`, `value: null` with the reason while there is no data for them. ' +
          'Beside the contract: `connection.groups[]` gives KPI-SYS `systemConnectionRate`, KPI-MAN over ordinary (non-VIP) calls `manualConnectionRate` and KPI-VIP `vipConnectionRate` per group (VIP: flagged by the CTI, or a queue named in the standard pack (`kpi.vipQueues`)) (`{value, offered, counted, reason, min, pass}`), ' +
          '`ticketTargets` judges the ticket figures; every target comes from the standard pack in force (`settings` `kpiTargets.*`, named in `standard`).',
        querystring: kpiQuery,
        response: { 200: kpiReportSchema },
      },
    },
    async (req) => {
      const { threshold, ringLimit, ...q } = req.query;
      const report = await kpiReport(calls, { ...q, thresholdSeconds: threshold, ringLimitSeconds: ringLimit });
      // Queues are named in calls by the PBX's id; the pack in force says what people call them.
      const names = (await ctx.standard.active()).pack.queues;
      if (report.by === 'queue') {
        const queueNames: Record<string, string> = {};
        for (const g of report.groups) {
          const name = names[g.key];
          if (name !== undefined) queueNames[g.key] = name;
        }
        return { ...report, queueNames };
      }
      // Other groupings carry every name the pack knows: the dashboard's live queue shows them.
      if (report.by !== 'agent') return { ...report, queueNames: { ...names } };
      // Agents are named in calls by their username; the report shows them by display name.
      const keys = new Set(report.groups.map((g) => g.key));
      const people = Object.fromEntries((await ctx.users.list()).filter((u) => keys.has(u.username)).map((u) => [u.username, u.displayName]));
      return { ...report, people };
    },
  );

  app.get(
    '/api/kpi/people',
    {
      config: { access: reportReaders },
      schema: {
        tags: ['kpi'],
        summary: "Figures per agent or team for [from, to) (the week's, the month's): KPI-CSAT, KPI-CRESP, KPI-FCR, KPI-TICKET3, KPI-SUMMARY5, promises kept beside the pack's targets, and the quality figures (average score, fatal calls, most failed requirements)",
        description:
          'Ticket figures are those of `GET /api/tickets/measures` (tickets created in the period, by assignee or team); satisfaction here is the call summaries\' answers only (the centre-wide `GET /api/kpi` also pools callback reports). Quality counts the calls started in the period that have a quality result, for the agent who answered and that agent\'s team. Every active agent is listed, with nothing to judge when the period holds nothing of theirs.',
        querystring: peopleFiguresQuery,
        response: { 200: peopleFiguresSchema },
      },
    },
    async (req) => peopleFigures(ctx.peopleFigures, { from: req.query.from, to: req.query.to, by: req.query.by }),
  );
}
