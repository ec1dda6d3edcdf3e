import { AppError, type FieldError } from '../shared/app-error.js';
import { newId } from '../shared/ids.js';
import { drawnReview } from './engine-snapshot.js';
import { monthOf, weekOfMonth } from './month.js';
import type { AddedFinding, CheckVerdict, Review } from './model.js';
import type { Actor, ReviewContext } from './review-context.js';
import { reviewedOutcome } from './review-score.js';

export interface ReviewInput {
  verdicts?: CheckVerdict[];
  findings?: Array<{ rule: string; quote: string; comment?: string }>;
  /** The final score the reviewer gives; without it the verdicts work it out. */
  score?: number | null;
  comment?: string;
  /** Time spent on this sitting (added to the review's total). */
  timeSpentMs?: number;
  /** Give the review (otherwise the verdicts are saved as a draft). */
  submit?: boolean;
}

async function forUpdate(store: Parameters<Parameters<ReviewContext['unitOfWork']>[0]>[0], id: string): Promise<Review> {
  const r = await store.findForUpdate(id);
  if (!r) throw AppError.notFound('复核 / review');
  return r;
}

/**
 * A reviewer's verdict per check (agree / disagree with a comment), the findings the engine missed
 * with their quote, the final score and the time spent. A QA reviewer works on their own reviews
 * (or an unassigned one, which becomes theirs); leads may work on any. A review already appealed
 * is not changed any more: the appeal decides.
 */
export async function submitReview(ctx: ReviewContext, id: string, input: ReviewInput, actor: Actor): Promise<Review> {
  const rules = await ctx.rules();
  const now = ctx.clock.now();
  return ctx.unitOfWork(async (store) => {
    const r = await forUpdate(store, id);
    if (r.reviewer !== null && r.reviewer !== actor.username && actor.role === 'qa') throw AppError.forbidden(`该复核已分配给 ${r.reviewer} / assigned to another reviewer`);
    if (r.appeals.length > 0) throw AppError.conflict('该复核已有申诉，结果以申诉处理为准 / the review is under appeal');
    const errors: FieldError[] = [];
    const checks = new Map(r.engine.checks.map((c) => [c.rule, c]));
    const verdicts = new Map(r.verdicts.map((v) => [v.rule, v]));
    (input.verdicts ?? []).forEach((v, i) => {
      const c = checks.get(v.rule);
      if (!c) errors.push({ path: `verdicts.${i}.rule`, message: `引擎没有检查项 ${v.rule} / the engine has no such check`, code: 'not_found' });
      else if (c.ok === null) errors.push({ path: `verdicts.${i}.rule`, message: `检查项 ${v.rule} 不适用于本通来电 / not applicable to this call`, code: 'check_not_applicable' });
      else if (v.verdict === 'disagree' && !v.comment?.trim()) errors.push({ path: `verdicts.${i}.comment`, message: '不同意引擎判定时请写明理由 / a disagreement needs a comment', code: 'required' });
      else verdicts.set(v.rule, { rule: v.rule, verdict: v.verdict, ...(v.comment?.trim() && { comment: v.comment.trim() }) });
    });
    const findings: AddedFinding[] = [];
    (input.findings ?? r.findings).forEach((f, i) => {
      const w = rules.weights.get(f.rule);
      if (!w) errors.push({ path: `findings.${i}.rule`, message: `标准中没有检查项 ${f.rule} / no such rule in the standard`, code: 'not_found' });
      else if (!f.quote.trim()) errors.push({ path: `findings.${i}.quote`, message: '请引用通话中的原话 / quote the words', code: 'required' });
      else findings.push({ rule: f.rule, quote: f.quote.trim(), ...(f.comment?.trim() && { comment: f.comment.trim() }), points: w.points, severity: w.severity });
    });
    if (errors.length > 0) throw AppError.validation(errors[0]!.message, errors);
    const next: Review = {
      ...r,
      reviewer: r.reviewer ?? actor.username,
      assignedAt: r.assignedAt ?? now,
      verdicts: [...verdicts.values()],
      findings,
      reviewerScore: input.score === undefined ? r.reviewerScore : input.score,
      comment: input.comment?.trim() || r.comment,
      timeSpentMs: r.timeSpentMs + Math.max(0, Math.round(input.timeSpentMs ?? 0)),
      updatedAt: now,
    };
    if (input.submit) {
      next.status = 'reviewed';
      next.reviewedAt = now;
      next.history = [...r.history, { at: now, by: actor.username, kind: 'reviewed' }];
    }
    if (next.status === 'reviewed') next.score = reviewedOutcome(next).score;
    await store.update(next);
    return next;
  });
}

/** Reviewing a call outside the sample (qa, supervisor): recorded as an extra review of the call's month. */
export async function startExtraReview(ctx: ReviewContext, callId: string, actor: Actor): Promise<{ review: Review; created: boolean }> {
  const rules = await ctx.rules();
  const now = ctx.clock.now();
  return ctx.unitOfWork(async (store) => {
    const existing = await store.findByCall(callId);
    if (existing) return { review: existing, created: false };
    const [q] = await store.qualityOf([callId]);
    if (!q) throw AppError.notFound(`来电 ${callId} / call`);
    if (q.score === null || q.agent === null || q.startedAt === null) throw AppError.conflict('该来电尚未质检，无法复核 / the call has no quality result yet');
    const review = drawnReview(
      {
        id: newId(ctx.random, now, 'rv_'),
        callId,
        agent: q.agent,
        month: monthOf(q.startedAt, ctx.zone),
        week: weekOfMonth(q.startedAt, ctx.zone),
        reason: 'extra',
        callStartedAt: q.startedAt,
        reviewer: actor.username,
        assignedAt: now,
      },
      q,
      rules,
      now,
      { by: actor.username, note: 'extra' },
    );
    const inserted = await store.insertReviews([review]);
    if (inserted.length === 0) return { review: (await store.findByCall(callId))!, created: false };
    return { review, created: true };
  });
}

/** Assigns (or pulls, when the reviewer is oneself) a review; moving it from someone else needs a reason. */
export async function assignReview(ctx: ReviewContext, id: string, input: { reviewer: string; reason?: string }, actor: Actor): Promise<Review> {
  const now = ctx.clock.now();
  return ctx.unitOfWork(async (store) => {
    const r = await forUpdate(store, id);
    if (r.status === 'reviewed') throw AppError.conflict('该来电已复核完成 / already reviewed');
    if (actor.role === 'qa' && input.reviewer !== actor.username) throw AppError.forbidden('质检员只能领取给自己 / a reviewer pulls reviews for themself');
    if (r.reviewer !== null && r.reviewer !== input.reviewer && !input.reason?.trim()) {
      const message = `该复核已分配给 ${r.reviewer}，改派请写明原因 / a reassignment needs a reason`;
      throw AppError.validation(message, [{ path: 'reason', message, code: 'required' }]);
    }
    const next: Review = {
      ...r,
      reviewer: input.reviewer,
      assignedAt: now,
      updatedAt: now,
      history: [...r.history, { at: now, by: actor.username, kind: 'assigned', note: r.reviewer && r.reviewer !== input.reviewer ? `${r.reviewer} → ${input.reviewer}：${input.reason?.trim()}` : input.reviewer }],
    };
    await store.update(next);
    return next;
  });
}

/** The agent has read a reviewed call (QA-PERF: every result is acknowledged). */
export async function acknowledgeReview(ctx: ReviewContext, id: string, actor: Actor): Promise<Review> {
  const now = ctx.clock.now();
  return ctx.unitOfWork(async (store) => {
    const r = await forUpdate(store, id);
    if (r.agent !== actor.username) throw AppError.forbidden('只能确认自己的复核结果 / only the agent acknowledges');
    if (r.status !== 'reviewed') throw AppError.conflict('该来电尚未复核 / not reviewed yet');
    if (r.acknowledgedAt !== null) return r;
    const next: Review = { ...r, acknowledgedAt: now, updatedAt: now, history: [...r.history, { at: now, by: actor.username, kind: 'acknowledged' }] };
    await store.update(next);
    return next;
  });
}
