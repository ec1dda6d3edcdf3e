import { PassThrough } from 'node:stream';
import { z } from 'zod';
import type { HttpApp } from '../types.js';
import type { AppContext } from '../../../app.js';
import { rolesAll, rolesLeads } from '../access.js';
import { AppError } from '../../../core/shared/app-error.js';
import { maskPersonalDataDeep, maskPhone } from '../../../core/shared/personal-data.js';
import type { User } from '../../../core/users/user.js';
import { taskStatuses, type CallbackTarget, type TaskStatus } from '../../../core/callbacks/model.js';
import type { StoredTask, TaskQuery } from '../../../core/callbacks/ports.js';
import { createCampaign, previewCampaign, updateCampaign } from '../../../core/callbacks/campaign-commands.js';
import { planStoredCampaign } from '../../../core/callbacks/plan-stored-campaign.js';
import { recordTaskAttempt } from '../../../core/callbacks/record-task-attempt.js';
import { assignTask } from '../../../core/callbacks/assign-task.js';
import { assertMayLeadTeam, assertReadableTask, mayReadCampaign, taskScope, type CallbackReader } from '../../../core/callbacks/task-scope.js';
import { callableNow } from '../../../core/callbacks/task-view.js';
import { callbackSummary } from '../../../core/callbacks/callback-summary.js';
import { renderCallbackScript } from '../../../core/callbacks/render-script.js';
import { callbackExportWordsEn, callbackExportWordsZh, reportTable, targetListTable } from '../../../core/callbacks/export-rows.js';
import { converted, wordsFor } from '../../export/reader-words.js';
import { loadTraditionalConverter } from '../../../../shared/traditional-script.js';
import { readerLanguageSchema } from '../../../contract/common.js';
import type { CallbackRules } from '../../../core/callbacks/callback-rules.js';
import { parseLocalDate } from '../../../core/calendar/local-date.js';
import { attachmentDisposition, spreadsheetContentType, spreadsheetFormats, writeSpreadsheet, type SheetTable } from '../../export/spreadsheet.js';
import {
  assignBody,
  attemptBody,
  attemptResultSchema,
  callbackSummarySchema,
  callbackTaskPageSchema,
  campaignBody,
  campaignCreatedSchema,
  campaignListSchema,
  campaignProgressSchema,
  campaignUpdatedSchema,
  planBody,
  planResultSchema,
  selectionPreviewSchema,
  taskAssignedSchema,
  taskDetailSchema,
  taskListQuery,
} from '../../../contract/callbacks.js';

const idParams = z.object({ id: z.string().max(100) });

/** A target as it leaves the server: the number masked (the one masking policy), free text masked too. */
function targetView(t: CallbackTarget): CallbackTarget {
  return maskPersonalDataDeep({ ...t, number: maskPhone(t.number) });
}

function taskView(task: StoredTask, rules: CallbackRules, now: number) {
  const { target, attempts, ...rest } = task;
  return {
    ...rest,
    target: targetView(target),
    attempts: maskPersonalDataDeep(attempts),
    callableNow: callableNow(task, rules, now),
    late: task.status !== 'closed' && now >= task.due.endsAt,
  };
}

/** Who reads: the one rule of which tasks that is, `core/callbacks/task-scope.ts`. */
const readerOf = (u: User | null): CallbackReader => ({ username: u?.username ?? null, role: u?.role ?? null, team: u?.team ?? null });

/** Every task matching a filter, page by page (the summary and the exports read them all). */
async function* allTasks(ctx: AppContext, q: Omit<TaskQuery, 'limit' | 'cursor'>): AsyncGenerator<StoredTask> {
  let cursor: string | undefined;
  do {
    const page = await ctx.callbacks.repo.listTasks({ ...q, limit: 1000, ...(cursor ? { cursor } : {}) });
    yield* page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

export function callbackRoutes(app: HttpApp, ctx: AppContext): void {
  const tags = ['callbacks'];
  const cb = ctx.callbacks.ctx;

  app.get(
    '/api/callbacks/campaigns',
    { config: { access: rolesAll }, schema: { tags, summary: 'Callback campaigns (回访活动), newest first, with their last plan', response: { 200: campaignListSchema } } },
    async (req) => {
      const reader = readerOf(req.user);
      return { items: (await ctx.callbacks.repo.listCampaigns()).filter((c) => mayReadCampaign(reader, c)) };
    },
  );

  const selectionView = (s: Awaited<ReturnType<typeof previewCampaign>>['selection']) => ({
    count: s.preview.count,
    matched: s.matched,
    skipped: s.skipped,
    empty: s.empty,
    sample: s.preview.sample.map(targetView),
  });

  app.post(
    '/api/callbacks/campaigns/preview',
    {
      config: { access: rolesLeads },
      schema: { tags, summary: 'Preview a campaign before creating it: how many the rule selects, a sample, and who is skipped by reason (no valid number, do-not-call, no marketing consent)', body: campaignBody, response: { 200: selectionPreviewSchema } },
    },
    async (req) => {
      const { selection } = await previewCampaign(cb, req.body);
      return selectionView(selection);
    },
  );

  app.post(
    '/api/callbacks/campaigns',
    {
      config: { access: rolesLeads, idempotent: true },
      schema: { tags, summary: 'Create a campaign; a rule that selects no one is a 400 naming `selection` with the reason', body: campaignBody, response: { 201: campaignCreatedSchema } },
    },
    async (req, reply) => {
      assertMayLeadTeam(readerOf(req.user), req.body.ownerTeam);
      const { campaign, selection } = await createCampaign(cb, req.body, { id: req.user?.id ?? null });
      return reply.status(201).send({ campaign, selection: selectionView(selection) });
    },
  );

  app.get(
    '/api/callbacks/campaigns/:id',
    { config: { access: rolesAll }, schema: { tags, summary: 'A campaign with its progress (tasks by status and close reason, reached rate, satisfaction, overdue)', params: idParams, response: { 200: campaignProgressSchema } } },
    async (req) => {
      const campaign = await ctx.callbacks.repo.findCampaign(req.params.id);
      if (!campaign) throw AppError.notFound('回访活动 / campaign');
      const reader = readerOf(req.user);
      if (!mayReadCampaign(reader, campaign)) throw AppError.forbidden('这是其他团队的回访活动 / this campaign belongs to another team');
      const tasks: StoredTask[] = [];
      for await (const t of allTasks(ctx, { campaignId: campaign.id, scope: taskScope(reader) })) tasks.push(t);
      return { campaign, progress: callbackSummary(tasks, ctx.clock.now()) };
    },
  );

  app.patch(
    '/api/callbacks/campaigns/:id',
    { config: { access: rolesLeads }, schema: { tags, summary: 'Change a campaign (name, script, period, owner team; type and rule until it is planned)', params: idParams, body: campaignBody.partial(), response: { 200: campaignUpdatedSchema } } },
    async (req) => {
      const reader = readerOf(req.user);
      const current = await ctx.callbacks.repo.findCampaign(req.params.id);
      if (current) assertMayLeadTeam(reader, current.ownerTeam);
      if (req.body.ownerTeam !== undefined) assertMayLeadTeam(reader, req.body.ownerTeam);
      return { campaign: await updateCampaign(cb, req.params.id, req.body) };
    },
  );

  app.post(
    '/api/callbacks/campaigns/:id/plan',
    {
      config: { access: rolesLeads },
      schema: {
        tags,
        summary: 'Plan the campaign: each selected customer gets a task at a callable time inside their window, spread over the owner team’s agents; planning twice adds nothing. `dryRun` writes nothing.',
        params: idParams,
        body: planBody,
        response: { 200: planResultSchema },
      },
    },
    async (req) => {
      const current = await ctx.callbacks.repo.findCampaign(req.params.id);
      if (current) assertMayLeadTeam(readerOf(req.user), current.ownerTeam);
      const rules = await ctx.callbacks.rules();
      const r = await planStoredCampaign(cb, req.params.id, { dryRun: req.body.dryRun });
      const now = ctx.clock.now();
      return { ...r, sample: r.sample.map((t) => taskView(t, rules, now)) };
    },
  );

  app.get(
    '/api/callbacks',
    {
      config: { access: rolesAll },
      schema: {
        tags,
        summary: 'Callback tasks: filters status, due, agent ("me"), campaign; soonest planned first; each with callableNow {callable, rule, reason, next}',
        querystring: taskListQuery,
        response: { 200: callbackTaskPageSchema },
      },
    },
    async (req) => {
      const q = req.query;
      const rules = await ctx.callbacks.rules();
      const now = ctx.clock.now();
      const statuses = q.status ? q.status.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
      const bad = statuses?.filter((s) => !(taskStatuses as readonly string[]).includes(s)) ?? [];
      if (bad.length) {
        const message = `状态应为 ${taskStatuses.join('、')} / one or more of ${taskStatuses.join(', ')}`;
        throw AppError.validation(message, [{ path: 'query.status', message, code: 'one_of', params: { values: taskStatuses.join(', ') } }]);
      }
      let due: TaskQuery['due'];
      if (q.due) {
        let day: number;
        try {
          day = q.due === 'today' ? rules.calendar.localOrdinal(now) : parseLocalDate(q.due, 'query.due');
        } catch {
          const message = `日期应为 YYYY-MM-DD 或 today / expected YYYY-MM-DD or "today"`;
          throw AppError.validation(message, [{ path: 'query.due', message, code: 'invalid_format', params: { format: 'date' } }]);
        }
        const zone = rules.calendar.zone;
        due = { from: zone.toInstant(day * 86_400_000), to: zone.toInstant((day + 1) * 86_400_000) };
      }
      const page = await ctx.callbacks.repo.listTasks({
        limit: q.limit,
        ...(statuses && { status: statuses as TaskStatus[] }),
        ...(due && { due }),
        ...(q.agent && { agent: q.agent === 'me' ? req.user?.username ?? '' : q.agent }),
        ...(q.campaign && { campaignId: q.campaign }),
        ...(q.ticket && { ticketId: q.ticket }),
        ...(q.overdue === 'true' && { overdueAt: now }),
        ...(q.cursor && { cursor: q.cursor }),
        scope: taskScope(readerOf(req.user)),
      });
      return { items: page.items.map((t) => taskView(t, rules, now)), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/callbacks/summary',
    {
      config: { access: rolesLeads },
      schema: { tags, summary: 'Supervisor view: reached rate, satisfaction, overdue tasks, by agent (optionally one campaign)', querystring: z.object({ campaign: z.string().max(100).optional() }), response: { 200: callbackSummarySchema } },
    },
    async (req) => {
      const tasks: StoredTask[] = [];
      const scope = taskScope(readerOf(req.user));
      for await (const t of allTasks(ctx, { ...(req.query.campaign ? { campaignId: req.query.campaign } : {}), scope })) tasks.push(t);
      return callbackSummary(tasks, ctx.clock.now());
    },
  );

  app.get(
    '/api/callbacks/export',
    {
      config: { access: rolesLeads },
      schema: {
        tags,
        summary: 'Download 客户回访对象表 (list=targets) or 客户回访报告表 (list=reports) as CSV (UTF-8 with BOM) or XLSX; numbers masked',
        querystring: z.object({ list: z.enum(['targets', 'reports']), format: z.enum(spreadsheetFormats).default('xlsx'), campaign: z.string().max(100).optional(), lang: readerLanguageSchema }),
      },
    },
    async (req, reply) => {
      const rules = await ctx.callbacks.rules();
      const zone = rules.calendar.zone;
      const filter = { ...(req.query.campaign ? { campaignId: req.query.campaign } : {}), scope: taskScope(readerOf(req.user)) };
      const words = await wordsFor(req.query.lang, callbackExportWordsZh, callbackExportWordsEn);
      // The pack's callback-type names are the centre's Simplified text: a 繁體 reader reads them converted too.
      const types = req.query.lang === 'zh-TW' ? converted(rules.settings.types, await loadTraditionalConverter()) : rules.settings.types;
      const build = req.query.list === 'targets' ? (ts: StoredTask[]) => targetListTable(ts.map((t) => ({ ...t, target: targetView(t.target) })), zone, words) : (ts: StoredTask[]) => reportTable(maskPersonalDataDeep(ts), zone, { types }, words);
      const header = build([]);
      const table: SheetTable = {
        sheetName: header.title,
        timeZone: rules.zone,
        // Numbers as text: 满意度 too is written as it is shown (1–5).
        columns: header.header.map((h) => ({ header: h, kind: 'text' as const })),
      };
      async function* rows() {
        for await (const t of allTasks(ctx, filter)) for (const row of build([t]).rows) yield row;
      }
      const out = new PassThrough();
      writeSpreadsheet(req.query.format, table, rows(), out).catch((e: unknown) => out.destroy(e instanceof Error ? e : new Error(String(e))));
      return reply.header('content-type', spreadsheetContentType(req.query.format)).header('content-disposition', attachmentDisposition(header.title, req.query.format)).send(out);
    },
  );

  app.get(
    '/api/callbacks/:id',
    {
      config: { access: rolesAll },
      schema: { tags, summary: 'A callback task: target (number masked), due window, attempts, callableNow, the script of its type with the customer’s name, the ticket it follows', params: idParams, response: { 200: taskDetailSchema } },
    },
    async (req) => {
      const task = await ctx.callbacks.repo.findTask(req.params.id);
      if (!task) throw AppError.notFound('回访任务 / callback task');
      assertReadableTask(readerOf(req.user), task);
      const rules = await ctx.callbacks.rules();
      const calls = [];
      for (const link of await ctx.callbacks.repo.callsOfTask(task.id)) {
        const call = await ctx.callRepository.get(link.callId);
        if (!call) continue;
        calls.push({
          id: call.id,
          externalId: call.externalId,
          linkedBy: link.linkedBy,
          agent: call.agent,
          startedAt: call.startedAt,
          answered: call.answeredAt !== null,
          talkSeconds: call.talkMs === null ? null : Math.round(call.talkMs / 1000),
          endedBy: call.endedAt === null ? null : (call.endedBy ?? 'system'),
          qualityScore: call.qualityScore,
          // The pack's callback rules as judged on this call (the call's page has every check).
          checks: maskPersonalDataDeep((call.quality?.checks ?? []).filter((c) => c.rule.startsWith('CB-'))),
        });
      }
      const campaign = task.campaignId === 'after-solved' ? undefined : await ctx.callbacks.repo.findCampaign(task.campaignId);
      const type = campaign?.type ?? 'mediation';
      const script = renderCallbackScript(rules.settings, type, { customerName: task.target.customerName, ...(req.user?.displayName ? { agentName: req.user.displayName } : {}) });
      const ticket = task.target.ticketId ? await ctx.crm.tickets.get(task.target.ticketId, { id: req.user?.id ?? null, username: req.user?.username ?? null, role: req.user?.role ?? null, team: req.user?.team ?? null }).catch(() => undefined) : undefined;
      return {
        task: taskView(task, rules, ctx.clock.now()),
        campaign: campaign ? { id: campaign.id, name: campaign.name, type: campaign.type, script: campaign.script ?? null } : null,
        type,
        script: { ...script, extra: campaign?.script ?? null },
        ticket: ticket ? maskPersonalDataDeep({ id: ticket.ticket.id, type: ticket.ticket.type, title: ticket.ticket.title, description: ticket.ticket.description, status: ticket.ticket.status, resolvedAt: ticket.ticket.resolvedAt, reopenCount: ticket.ticket.reopenCount }) : null,
        // CB-3MIN: the call is judged against the pack's limit.
        callLimitSeconds: ((await ctx.standard.active()).pack.settings.callbackMaxMinutes ?? 3) * 60,
        calls,
      };
    },
  );

  app.patch(
    '/api/callbacks/:id',
    {
      config: { access: rolesLeads },
      schema: { tags, summary: 'Assign the task to an agent (after-solved tasks arrive unassigned)', params: idParams, body: assignBody, response: { 200: taskAssignedSchema } },
    },
    async (req) => {
      const user = (await ctx.users.list()).find((u) => u.username === req.body.agent && u.active);
      if (!user) {
        const message = `没有用户“${req.body.agent}” / no such user`;
        throw AppError.validation(message, [{ path: 'agent', message, code: 'not_found' }]);
      }
      const current = await ctx.callbacks.repo.findTask(req.params.id);
      if (current) assertReadableTask(readerOf(req.user), current);
      const task = await assignTask(cb, req.params.id, user.username);
      return { task: taskView(task, await ctx.callbacks.rules(), ctx.clock.now()) };
    },
  );

  app.post(
    '/api/callbacks/:id/attempts',
    {
      config: { access: rolesAll },
      schema: {
        tags,
        summary: 'Record an attempt: outcome (reached needs the report form, CB-REPORT; absent needs the message record, CB-ABSENT). A report saying not solved reopens the ticket (CB-REOPEN).',
        params: idParams,
        body: attemptBody,
        response: { 201: attemptResultSchema },
      },
    },
    async (req, reply) => {
      const user = req.user;
      const { task, result } = await recordTaskAttempt(cb, req.params.id, req.body, { ...readerOf(user), username: user?.username ?? 'unknown' });
      const rules = await ctx.callbacks.rules();
      return reply.status(201).send({ task: taskView(task, rules, ctx.clock.now()), decision: result.decision, reopen: result.reopen, followUp: result.followUp });
    },
  );
}
