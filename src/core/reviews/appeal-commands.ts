import { AppError, type FieldError } from '../shared/app-error.js';
import { newId } from '../shared/ids.js';
import { formatInstant } from '../calendar/time-zone.js';
import type { Appeal, AppealCheck, AppealDecision, Review } from './model.js';
import type { Actor, ReviewContext } from './review-context.js';
import { reviewedOutcome } from './review-score.js';

const DAY = 86_400_000;
const firstLevelDeciders = new Set(['qa', 'supervisor', 'manager', 'admin']);
const finalDeciders = new Set(['manager', 'admin']);


/**
 * 申诉: the agent appeals failed checks of a reviewed call, each with a reason, within the window
 * (N days after the review; a second-level appeal, to the manager, within N days after the first
 * decision). Only checks the review holds as failed can be appealed; one appeal open at a time;
 * the second level is final.
 */
export async function appealReview(ctx: ReviewContext, id: string, checks: readonly AppealCheck[], actor: Actor): Promise<Review> {
  const settings = await ctx.settings();
  const now = ctx.clock.now();
  return ctx.unitOfWork(async (store) => {
    const r = await store.findForUpdate(id);
    if (!r || r.agent !== actor.username) throw AppError.notFound('复核 / review');
    if (r.status !== 'reviewed' || r.reviewedAt === null) throw AppError.conflict('该来电尚未复核，无法申诉 / not reviewed yet');
    const last = r.appeals[r.appeals.length - 1];
    if (last?.status === 'open') throw AppError.conflict('已有一项申诉在处理中 / an appeal is already open');
    if (last && (last.level === 2 || last.status === 'accepted')) throw AppError.conflict(last.level === 2 ? '二级申诉的裁决为最终结果 / the second-level decision is final' : '申诉已全部采纳 / the appeal was accepted');
    const level: 1 | 2 = last ? 2 : 1;
    const base = level === 1 ? r.reviewedAt : (last!.decidedAt ?? r.reviewedAt);
    const deadline = base + settings.appealDays * DAY;
    if (now > deadline) throw AppError.conflict(`申诉期已过：应在 ${formatInstant(deadline, ctx.zone).slice(0, 16).replace('T', ' ')} 前提出（复核后 ${settings.appealDays} 天内）/ the appeal window has closed`);
    const failed = new Set(reviewedOutcome(r).failed);
    const errors: FieldError[] = [];
    if (checks.length === 0) errors.push({ path: 'checks', message: '请至少选择一项检查 / choose at least one check', code: 'too_few', params: { minimum: 1 } });
    checks.forEach((c, i) => {
      if (!c.reason.trim()) errors.push({ path: `checks.${i}.reason`, message: '请写明申诉理由 / give a reason', code: 'required' });
    });
    if (errors.length > 0) throw AppError.validation(errors[0]!.message, errors);
    const notFailed = checks.map((c, i) => ({ c, i })).filter(({ c }) => !failed.has(c.rule));
    if (notFailed.length > 0) {
      const fields = notFailed.map(({ c, i }) => ({ path: `checks.${i}.rule`, message: `检查项 ${c.rule} 未被判为不合格，无需申诉 / this check did not fail`, code: 'check_not_failed' as const }));
      throw AppError.conflict(fields[0]!.message, fields);
    }
    const appeal: Appeal = { id: newId(ctx.random, now, 'ap_'), level, by: actor.username, at: now, checks: checks.map((c) => ({ rule: c.rule, reason: c.reason.trim() })), status: 'open', upheld: [], decidedBy: null, decidedAt: null, comment: null };
    const next: Review = { ...r, appeals: [...r.appeals, appeal], updatedAt: now, history: [...r.history, { at: now, by: actor.username, kind: 'appealed', note: `${level === 1 ? '一级' : '二级'}申诉：${appeal.checks.map((c) => c.rule).join('、')}` }] };
    await store.update(next);
    return next;
  });
}

/**
 * The QA lead or supervisor decides a first-level appeal, the manager a second-level one: accept
 * (every appealed check taken back), partly (the named ones), reject; always with a comment. The
 * review's own reviewer may not decide on it. The reviewed score follows at once.
 */
export async function decideAppeal(ctx: ReviewContext, id: string, input: { decision: AppealDecision; rules?: string[]; comment: string }, actor: Actor): Promise<Review> {
  const now = ctx.clock.now();
  return ctx.unitOfWork(async (store) => {
    const r = await store.findForUpdate(id);
    if (!r) throw AppError.notFound('复核 / review');
    const open = r.appeals.find((a) => a.status === 'open');
    if (!open) throw AppError.conflict('没有待处理的申诉 / no open appeal');
    if (actor.username === r.reviewer) throw AppError.forbidden('复核人不能裁决针对自己复核结果的申诉 / the reviewer may not decide on their own review');
    if (!(open.level === 2 ? finalDeciders : firstLevelDeciders).has(actor.role)) throw AppError.forbidden(open.level === 2 ? '二级申诉由经理裁决 / a manager decides a second-level appeal' : '申诉由质检主管或班组长裁决');
    if (!input.comment.trim()) {
      const message = '请写明裁决意见 / a decision needs a comment';
      throw AppError.validation(message, [{ path: 'comment', message, code: 'required' }]);
    }
    const appealed = open.checks.map((c) => c.rule);
    let upheld: string[];
    switch (input.decision) {
      case 'accept':
        upheld = appealed;
        break;
      case 'reject':
        upheld = [];
        break;
      case 'partly': {
        const chosen = input.rules ?? [];
        const bad = chosen.findIndex((rule) => !appealed.includes(rule));
        if (chosen.length === 0 || bad >= 0) {
          const message = bad >= 0 ? `检查项 ${chosen[bad]} 不在本次申诉中 / not appealed` : '部分采纳时请选择采纳的检查项 / name the checks upheld';
          throw AppError.validation(message, [bad >= 0 ? { path: `rules.${bad}`, message, code: 'check_not_appealed' } : { path: 'rules', message, code: 'too_few', params: { minimum: 1 } }]);
        }
        upheld = appealed.filter((rule) => chosen.includes(rule));
        break;
      }
    }
    const decided: Appeal = { ...open, status: input.decision === 'accept' ? 'accepted' : input.decision === 'partly' ? 'partly' : 'rejected', upheld, decidedBy: actor.username, decidedAt: now, comment: input.comment.trim() };
    const next: Review = {
      ...r,
      appeals: r.appeals.map((a) => (a.id === open.id ? decided : a)),
      updatedAt: now,
      history: [...r.history, { at: now, by: actor.username, kind: 'decided', note: `${decided.status}${upheld.length ? `：${upheld.join('、')}` : ''}` }],
    };
    next.score = reviewedOutcome(next).score;
    await store.update(next);
    return next;
  });
}
