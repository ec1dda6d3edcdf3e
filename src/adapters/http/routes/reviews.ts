import { PassThrough } from 'node:stream';
import { z } from 'zod';
import type { HttpApp } from '../types.js';
import type { AppContext } from '../../../app.js';
import { rolesAll } from '../access.js';
import type { Role } from '../../../core/users/roles.js';
import type { User } from '../../../core/users/user.js';
import { AppError, type FieldError } from '../../../core/shared/app-error.js';
import { newId } from '../../../core/shared/ids.js';
import { parseInstant, instantHint } from '../../../core/shared/instant.js';
import { maskPersonalDataDeep } from '../../../core/shared/personal-data.js';
import { sampleMonth } from '../../../core/reviews/sample-month.js';
import { coverageOf } from '../../../core/reviews/coverage.js';
import { monthBounds, parseMonth } from '../../../core/reviews/month.js';
import { acknowledgeReview, assignReview, startExtraReview, submitReview } from '../../../core/reviews/review-commands.js';
import { appealReview, decideAppeal } from '../../../core/reviews/appeal-commands.js';
import { reviewedOutcome } from '../../../core/reviews/review-score.js';
import { engineAgreement } from '../../../core/reviews/agreement.js';
import { emptyScorecard, scorecardExportWordsEn, scorecardExportWordsZh, scorecards } from '../../../core/reviews/scorecard.js';
import { wordsFor } from '../../export/reader-words.js';
import { visitOutcomes } from '../../../core/visits/visit-scorecard.js';
import type { Review } from '../../../core/reviews/model.js';
import type { ReviewSettings } from '../../../core/reviews/review-context.js';
import { drillScenarios, findScenario } from '../../../core/reviews/drill-scenarios.js';
import { finishDrill, replyInDrill, startDrill, type DrillRun } from '../../../core/reviews/drill.js';
import { callDetailView } from '../personal-data-views.js';
import { recordingUrlFor } from '../../../core/calls/recording-url.js';
import { qualityForReader } from '../../../core/calls/quality-for-reader.js';
import { attachmentDisposition, spreadsheetContentType, writeSpreadsheet, type SheetTable } from '../../export/spreadsheet.js';
import {
  agreementSchema,
  appealBodySchema,
  assignBodySchema,
  coverageQuerySchema,
  coverageSchema,
  decideBodySchema,
  drillCardSchema,
  drillReplySchema,
  drillStartSchema,
  extraReviewBodySchema,
  periodQuerySchema,
  reviewPatchSchema,
  reviewQuerySchema,
  reviewSettingsSchema,
  sampleBodySchema,
  sampleResultSchema,
  scorecardsQuerySchema,
} from '../../../contract/reviews.js';

const DAY = 86_400_000;
/** Who reviews and reads the figures: the quality team and the leads. */
const reviewers: readonly Role[] = ['qa', 'supervisor', 'manager', 'admin'];
/** Reviewing a call outside the sample (recorded as extra): the issue names qa and supervisor; admin may do everything. */
const extraReviewers: readonly Role[] = ['qa', 'supervisor', 'admin'];
const settingsWriters: readonly Role[] = ['qa', 'manager', 'admin'];
const idParams = z.object({ id: z.string().max(100) });

const actorOf = (u: User | null) => ({ username: u?.username ?? '', role: u?.role ?? '' });
const isAgent = (u: User | null): boolean => u?.role === 'agent';

/** Until when the agent may appeal now (null: no appeal is possible). */
function appealUntil(r: Review, days: number): number | null {
  if (r.status !== 'reviewed' || r.reviewedAt === null) return null;
  const last = r.appeals[r.appeals.length - 1];
  if (!last) return r.reviewedAt + days * DAY;
  if (last.status === 'open' || last.level === 2 || last.status === 'accepted') return null;
  return (last.decidedAt ?? r.reviewedAt) + days * DAY;
}

/** A review as it leaves the server: the engine's verdicts hidden from a reviewer in blind mode until the review is given; free text masked. */
/** Blind review (QA-BLIND): a reviewer judges a pending call without the engine's verdicts. */
function isBlind(r: Pick<Review, 'status'>, settings: ReviewSettings, viewer: User | null): boolean {
  return settings.blind && r.status === 'pending' && !isAgent(viewer);
}

function reviewView(r: Review, settings: ReviewSettings, viewer: User | null) {
  const blind = isBlind(r, settings, viewer);
  return maskPersonalDataDeep({
    id: r.id,
    callId: r.callId,
    agent: r.agent,
    month: r.month,
    week: r.week,
    reason: r.reason,
    callStartedAt: r.callStartedAt,
    drawnAt: r.drawnAt,
    status: r.status,
    reviewer: r.reviewer,
    assignedAt: r.assignedAt,
    engine: blind ? null : r.engine,
    blind,
    verdicts: r.verdicts,
    findings: r.findings,
    reviewerScore: r.reviewerScore,
    score: r.score,
    failed: r.status === 'reviewed' ? reviewedOutcome(r).failed : [],
    comment: r.comment,
    reviewedAt: r.reviewedAt,
    timeSpentMs: r.timeSpentMs,
    acknowledgedAt: r.acknowledgedAt,
    appeals: r.appeals,
    appealUntil: appealUntil(r, settings.appealDays),
    history: r.history,
  });
}

function period(q: { from?: string | undefined; to?: string | undefined }, now: number): { from: number; to: number } {
  const from = q.from ? parseInstant(q.from) : now - 365 * DAY;
  const to = q.to ? parseInstant(q.to) : now + 1;
  const bad = (path: string): FieldError => ({ path, message: instantHint, code: 'invalid_format', params: { format: 'instant' } });
  const fields = [...(from === undefined ? [bad('query.from')] : []), ...(to === undefined ? [bad('query.to')] : [])];
  if (fields.length) throw AppError.validation('Invalid period', fields);
  return { from: from!, to: to! };
}

function drillView(run: DrillRun) {
  return maskPersonalDataDeep({
    ...run,
    result: run.result && { score: run.result.score, fatal: run.result.fatal, checks: run.result.checks.map((c) => ({ rule: c.rule, ok: c.ok, severity: c.severity, points: c.points, message: c.message })) },
  });
}

export function reviewRoutes(app: HttpApp, ctx: AppContext): void {
  const tags = ['reviews'];
  const rv = ctx.reviews.ctx;
  const repo = ctx.reviews.repo;
  // The process's one call store (built in the composition root).
  const calls = ctx.calls.store;

  async function readable(id: string, u: User | null): Promise<Review> {
    const r = await repo.find(id);
    // An agent sees their own reviewed calls only; anything else does not exist for them.
    if (!r || (isAgent(u) && (r.agent !== u!.username || r.status !== 'reviewed'))) throw AppError.notFound('复核 / review');
    return r;
  }

  app.post(
    '/api/reviews/sample',
    {
      config: { access: reviewers },
      schema: {
        tags,
        summary: "QA-SAMPLE: draw the month's sample, or top it up: per agent at least the pack's share (20%) of their judged calls, spread over the weeks, plus every fatal and every complaint call. The month's seed is recorded at the first draw; drawing again over the same calls adds nothing, and later calls are topped up, never redrawn.",
        body: sampleBodySchema,
        response: { 200: sampleResultSchema },
      },
    },
    async (req) => sampleMonth(rv, req.body.month, req.body.seed === undefined ? {} : { seed: req.body.seed }),
  );

  app.get(
    '/api/reviews/coverage',
    {
      config: { access: reviewers },
      schema: { tags, summary: 'QA-SAMPLE coverage of a month: per agent judged calls, sampled, reviewed, share and shortfall; fatal calls and how many are sampled; the month-end statement', querystring: coverageQuerySchema, response: { 200: coverageSchema } },
    },
    async (req) => {
      const month = req.query.month;
      const { from, to } = monthBounds(month, rv.zone);
      const rules = await rv.rules();
      const record = await repo.findMonth(month);
      const c = coverageOf(month, Math.max(record?.share ?? 0, rules.share), await repo.agentCalls(from, to), await repo.sampleRows(month));
      return { ...c, seed: record?.seed ?? null, lastDrawnAt: record?.lastDrawnAt ?? null };
    },
  );

  app.get(
    '/api/reviews/agreement',
    {
      config: { access: reviewers },
      schema: {
        tags,
        summary: "Engine agreement per requirement ID from the reviews given in [from, to) (default: the last 365 days): reviewed, agree, the engine's precision and recall against reviewers, by month; a rule under the precision floor is flagged",
        querystring: periodQuerySchema,
        response: { 200: agreementSchema },
      },
    },
    async (req) => {
      const { from, to } = period(req.query, ctx.clock.now());
      const settings = await rv.settings();
      return { from, to, precisionFloor: settings.precisionFloor, rules: engineAgreement(await repo.reviewedBetween(from, to), settings.precisionFloor) };
    },
  );

  app.get(
    '/api/reviews/scorecards',
    {
      config: { access: rolesAll },
      schema: { tags, summary: "QA-PERF scorecards of a month per agent (an agent sees their own): reviewed score after appeals, engine score, pass rate, fatal count, top failed requirements, appeals, trainings; `format=csv|xlsx` exports them", querystring: scorecardsQuerySchema },
    },
    async (req, reply) => {
      const month = req.query.month;
      const { from, to } = monthBounds(month, rv.zone);
      const settings = await rv.settings();
      const drills = await repo.listDrills({ from, to, limit: 100_000 });
      // The walk-in desk's outcome of the month joins each staff member's card (issue #16), also for staff with no calls.
      await ctx.visits.refreshRules();
      const [monthVisits, monthCards] = await Promise.all([ctx.visits.repo.listVisits({ arrivedFrom: from, arrivedTo: to, limit: 1_000_000 }), ctx.visits.repo.listCards({ from, to })]);
      const walkIn = visitOutcomes(monthVisits, monthCards, ctx.visits.ctx.rules);
      const called = scorecards(month, await repo.ofMonth(month), await repo.engineMonth(from, to), settings.passMark);
      const walkInOnly = [...walkIn.keys()].filter((staff) => !called.some((s) => s.agent === staff)).map((staff) => emptyScorecard(staff, month));
      const names = new Map((await ctx.users.list()).map((u) => [u.username, u.displayName]));
      let items = [...called, ...walkInOnly]
        .sort((a, b) => a.agent.localeCompare(b.agent))
        .map((s) => ({ ...s, agentName: names.get(s.agent) ?? s.agent, trainings: drills.filter((d) => d.trainee === s.agent && d.finishedAt !== null).length, visits: walkIn.get(s.agent) ?? null }));
      if (isAgent(req.user)) items = items.filter((s) => s.agent === req.user!.username);
      if (req.query.format === 'json') return { month, passMark: settings.passMark, items };
      const words = await wordsFor(req.query.lang, scorecardExportWordsZh, scorecardExportWordsEn);
      const [agent, reviewed, reviewedScore, engineScore, engineCalls, passRate, fatal, topFailed, appeals, trainings, visits, visitsWithinLimit, cardScore] = words.header;
      const table: SheetTable = {
        sheetName: `${words.title} ${month}`,
        timeZone: ctx.config.timeZone,
        columns: [
          { header: agent, kind: 'text' },
          { header: reviewed, kind: 'number' },
          { header: reviewedScore, kind: 'number', decimals: 1 },
          { header: engineScore, kind: 'number', decimals: 1 },
          { header: engineCalls, kind: 'number' },
          { header: passRate, kind: 'percent', decimals: 1 },
          { header: fatal, kind: 'number' },
          { header: topFailed, kind: 'text', width: 40 },
          { header: appeals, kind: 'text' },
          { header: trainings, kind: 'number' },
          { header: visits, kind: 'number' },
          { header: visitsWithinLimit, kind: 'percent', decimals: 1 },
          { header: cardScore, kind: 'number', decimals: 1 },
        ],
      };
      const rows = items.map((s) => [s.agentName, s.reviewed, s.reviewedScore, s.engineScore, s.engineCalls, s.passRate, s.fatal, s.topFailed.map((f) => `${f.rule}×${f.count}`).join('、'), `${s.appeals.filed}/${s.appeals.upheld}/${s.appeals.rejected}`, s.trainings, s.visits?.served ?? 0, s.visits?.servedWithinLimit ?? null, s.visits?.cardScore ?? null]);
      const out = new PassThrough();
      writeSpreadsheet(req.query.format, table, rows, out).catch((e: unknown) => out.destroy(e instanceof Error ? e : new Error(String(e))));
      return reply.header('content-type', spreadsheetContentType(req.query.format)).header('content-disposition', attachmentDisposition(`${words.title}-${month}`, req.query.format)).send(out);
    },
  );

  app.get(
    '/api/reviews/settings',
    { config: { access: rolesAll }, schema: { tags, summary: 'Review settings: blind mode, the appeal window in days, the precision floor, the pass mark', response: { 200: reviewSettingsSchema } } },
    async () => rv.settings(),
  );

  app.put(
    '/api/reviews/settings',
    { config: { access: settingsWriters }, schema: { tags, summary: 'Change the review settings', body: reviewSettingsSchema.partial(), response: { 200: reviewSettingsSchema } } },
    async (req) => ctx.reviews.saveSettings(Object.fromEntries(Object.entries(req.body).filter(([, v]) => v !== undefined))),
  );

  app.get(
    '/api/reviews',
    {
      config: { access: rolesAll },
      schema: { tags, summary: 'The review queue (filters: month, agent, reviewer, mine, status, reason, appeal=open); an agent sees their own reviewed calls', querystring: reviewQuerySchema },
    },
    async (req) => {
      const q = req.query;
      const u = req.user;
      const settings = await rv.settings();
      const page = await repo.list({
        ...(q.month && { month: q.month }),
        ...(isAgent(u) ? { agent: u!.username, status: 'reviewed' as const } : { ...(q.agent && { agent: q.agent }), ...(q.status && { status: q.status }) }),
        ...(q.mine === 'true' ? { reviewer: u?.username ?? '' } : q.reviewer ? { reviewer: q.reviewer } : {}),
        ...(q.reason && { reason: q.reason }),
        ...(q.appeal === 'open' && { appealOpen: true }),
        limit: q.limit,
        ...(q.cursor && { cursor: q.cursor }),
      });
      return { items: page.items.map((r) => reviewView(r, settings, u)), nextCursor: page.nextCursor };
    },
  );

  app.post(
    '/api/reviews',
    { config: { access: extraReviewers }, schema: { tags, summary: 'Review a call outside the sample (recorded as extra); a call already under review answers its review', body: extraReviewBodySchema } },
    async (req, reply) => {
      const { review, created } = await startExtraReview(rv, req.body.callId, actorOf(req.user));
      return reply.status(created ? 201 : 200).send(reviewView(review, await rv.settings(), req.user));
    },
  );

  app.get(
    '/api/reviews/:id',
    {
      config: { access: rolesAll },
      schema: {
        tags,
        summary: "A review with its call (transcript, timeline and, unless blind mode hides them, the engine's checks); `lang=en` words the checks in English",
        params: idParams,
        querystring: z.object({ lang: z.enum(['zh', 'en']).optional() }),
      },
    },
    async (req) => {
      const r = await readable(req.params.id, req.user);
      const settings = await rv.settings();
      const found = await calls.get(r.callId);
      // In blind mode the checks are withheld below: nothing to word again.
      const reword = req.query.lang !== undefined && !isBlind(r, settings, req.user);
      const call = found && reword && req.query.lang ? { ...found, quality: await qualityForReader(ctx.calls, found, req.query.lang) } : found;
      // The review keeps the engine's checks as drawn; their words follow the reader like the call's.
      const worded = new Map((call?.quality?.checks ?? []).map((c) => [c.rule, c.message]));
      const view = reviewView(reword ? { ...r, engine: { ...r.engine, checks: r.engine.checks.map((c) => ({ ...c, message: worded.get(c.rule) ?? c.message })) } } : r, settings, req.user);
      // The reviewer (or the agent reading their own review) hears the call as the call page plays it.
      const full = call ? callDetailView(call, false, await recordingUrlFor(ctx.calls, call, { id: req.user?.id ?? null, username: req.user?.username ?? null, role: req.user?.role ?? null }, req.ip)) : null;
      return { review: view, call: full && view.blind ? { ...full, quality: null } : full };
    },
  );

  app.patch(
    '/api/reviews/:id',
    { config: { access: reviewers }, schema: { tags, summary: 'A reviewer’s verdict per check (agree / disagree with a comment), findings the engine missed with their quote, the final score, time spent; `submit: true` gives the review', params: idParams, body: reviewPatchSchema } },
    async (req) => {
      const b = req.body;
      const r = await submitReview(
        rv,
        req.params.id,
        {
          ...(b.verdicts && { verdicts: b.verdicts.map((v) => ({ rule: v.rule, verdict: v.verdict, ...(v.comment !== undefined && { comment: v.comment }) })) }),
          ...(b.findings && { findings: b.findings.map((f) => ({ rule: f.rule, quote: f.quote, ...(f.comment !== undefined && { comment: f.comment }) })) }),
          ...(b.score !== undefined && { score: b.score }),
          ...(b.comment !== undefined && { comment: b.comment }),
          ...(b.timeSpentMs !== undefined && { timeSpentMs: b.timeSpentMs }),
          ...(b.submit !== undefined && { submit: b.submit }),
        },
        actorOf(req.user),
      );
      return reviewView(r, await rv.settings(), req.user);
    },
  );

  app.post(
    '/api/reviews/:id/assign',
    { config: { access: reviewers }, schema: { tags, summary: 'Assign a review to a reviewer, or pull it (reviewer: yourself); moving it from another reviewer needs a reason', params: idParams, body: assignBodySchema } },
    async (req) => reviewView(await assignReview(rv, req.params.id, { reviewer: req.body.reviewer, ...(req.body.reason !== undefined && { reason: req.body.reason }) }, actorOf(req.user)), await rv.settings(), req.user),
  );

  app.post(
    '/api/reviews/:id/ack',
    { config: { access: rolesAll }, schema: { tags, summary: 'The agent acknowledges a reviewed call', params: idParams } },
    async (req) => {
      await readable(req.params.id, req.user);
      return reviewView(await acknowledgeReview(rv, req.params.id, actorOf(req.user)), await rv.settings(), req.user);
    },
  );

  app.post(
    '/api/reviews/:id/appeal',
    {
      config: { access: rolesAll },
      schema: { tags, summary: '申诉: the agent appeals failed checks of a reviewed call, a reason per check, within the window (a setting); after a first decision a second-level appeal goes to the manager and is final. Late, or on a check not failed: 409 with the reason', params: idParams, body: appealBodySchema },
    },
    async (req) => reviewView(await appealReview(rv, req.params.id, req.body.checks, actorOf(req.user)), await rv.settings(), req.user),
  );

  app.post(
    '/api/reviews/:id/decide',
    {
      config: { access: reviewers },
      schema: { tags, summary: "Decide the open appeal: accept, partly (the `rules` upheld) or reject, with a comment; the QA lead or supervisor decides the first level, the manager the second; the review's own reviewer may not (403). The score and scorecard follow", params: idParams, body: decideBodySchema },
    },
    async (req) => {
      const b = req.body;
      return reviewView(await decideAppeal(rv, req.params.id, { decision: b.decision, comment: b.comment, ...(b.rules && { rules: b.rules }) }, actorOf(req.user)), await rv.settings(), req.user);
    },
  );

  // ----- role-play drills (QA-TRAIN) -----

  app.get(
    '/api/reviews/drills/scenarios',
    { config: { access: rolesAll }, schema: { tags, summary: "Role-play scenarios written from the seed's cases (the customer's lines follow the trainee's replies by keywords)" } },
    async () => ({ items: drillScenarios.map((s) => ({ id: s.id, title: s.title, source: s.source, brief: s.brief, card: s.card, model: s.model })) }),
  );

  app.get(
    '/api/reviews/drills',
    { config: { access: rolesAll }, schema: { tags, summary: 'Drills run (an agent sees their own), newest first', querystring: z.object({ trainee: z.string().max(100).optional(), month: z.string().max(7).optional() }) } },
    async (req) => {
      const trainee = isAgent(req.user) ? req.user!.username : req.query.trainee;
      const bounds = req.query.month ? (parseMonth(req.query.month, 'query.month'), monthBounds(req.query.month, rv.zone)) : undefined;
      return { items: await repo.listDrills({ ...(trainee && { trainee }), ...(bounds && bounds), limit: 200 }) };
    },
  );

  app.post(
    '/api/reviews/drills',
    { config: { access: rolesAll }, schema: { tags, summary: 'Start a drill of a scenario (the trainee is the caller)', body: drillStartSchema } },
    async (req, reply) => {
      const scenario = findScenario(req.body.scenario);
      if (!scenario) throw AppError.validation(`没有这个演练场景：${req.body.scenario}`, [{ path: 'scenario', message: '没有这个演练场景 / no such scenario', code: 'not_found' }]);
      const now = ctx.clock.now();
      const run = startDrill(scenario, { id: newId(ctx.random, now, 'dr_'), trainee: req.user?.username ?? '', now });
      await repo.saveDrill(run, now);
      return reply.status(201).send(drillView(run));
    },
  );

  async function ownDrill(id: string, u: User | null, write: boolean): Promise<DrillRun> {
    const run = await repo.findDrill(id);
    if (!run || (isAgent(u) && run.trainee !== u!.username && write)) throw AppError.notFound('演练 / drill');
    return run;
  }

  app.get(
    '/api/reviews/drills/:id',
    { config: { access: rolesAll }, schema: { tags, summary: 'A drill with every reply and how it was judged', params: idParams } },
    async (req) => drillView(await ownDrill(req.params.id, req.user, false)),
  );

  app.post(
    '/api/reviews/drills/:id/reply',
    { config: { access: rolesAll }, schema: { tags, summary: "The trainee's reply: the quality engine judges it at once and the customer answers", params: idParams, body: drillReplySchema } },
    async (req) => {
      const run = await ownDrill(req.params.id, req.user, true);
      if (run.trainee !== req.user?.username) throw AppError.forbidden('只有受训人可以作答 / only the trainee replies');
      if (run.ended) throw AppError.conflict('演练已结束 / the drill has ended');
      const scenario = findScenario(run.scenario)!;
      const now = ctx.clock.now();
      const next = replyInDrill(scenario, run, req.body.text, (await ctx.standard.active()).compiled, now);
      await repo.saveDrill(next, now);
      return drillView(next);
    },
  );

  app.post(
    '/api/reviews/drills/:id/finish',
    { config: { access: rolesAll }, schema: { tags, summary: 'End the drill: the engine judges the whole call', params: idParams } },
    async (req) => {
      const run = await ownDrill(req.params.id, req.user, true);
      if (run.finishedAt !== null) return drillView(run);
      const now = ctx.clock.now();
      const next = finishDrill(findScenario(run.scenario)!, run, (await ctx.standard.active()).compiled, now);
      await repo.saveDrill(next, now);
      return drillView(next);
    },
  );

  app.put(
    '/api/reviews/drills/:id/card',
    { config: { access: rolesAll }, schema: { tags, summary: "The observer's card (QA-TRAIN): each card item rated 1–5 as perceived, with remarks; not by the trainee", params: idParams, body: drillCardSchema } },
    async (req) => {
      const run = await ownDrill(req.params.id, req.user, false);
      if (run.trainee === req.user?.username) throw AppError.forbidden('观察员不能是受训人本人 / the observer is not the trainee');
      const now = ctx.clock.now();
      const next: DrillRun = { ...run, card: { observer: req.user?.username ?? '', items: req.body.items.map((i) => ({ rule: i.rule, rating: i.rating, ...(i.remark && { remark: i.remark }) })), ...(req.body.comment && { comment: req.body.comment }), at: now } };
      await repo.saveDrill(next, now);
      return drillView(next);
    },
  );
}
