import type { EngineCheck, Review } from './model.js';
import type { ReviewRules } from './review-context.js';
import type { StoredQuality } from './ports.js';

/**
 * The engine's checks of a call as a review keeps them: each with the points a failure costs (also
 * for a check the engine passed, so a reviewer who disagrees with a pass takes the right points
 * off) and the first quote it pointed at.
 */
export function engineSnapshot(q: StoredQuality, rules: ReviewRules): { score: number; fatal: boolean; checks: EngineCheck[] } {
  return {
    score: q.score ?? 0,
    fatal: q.fatal,
    checks: q.checks.map((c) => ({
      rule: c.rule,
      ok: c.ok,
      severity: c.severity,
      points: c.ok === false ? c.points : (rules.weights.get(c.rule)?.points ?? c.points),
      message: c.message,
      quote: c.evidence?.find((e) => !e.missing && e.quote)?.quote ?? null,
    })),
  };
}

/**
 * A review as drawn, before anyone has reviewed it: the engine's verdicts frozen at the draw, nothing
 * else filled in. The month's sample and an extra review both start here.
 */
export function drawnReview(
  d: Pick<Review, 'id' | 'callId' | 'agent' | 'month' | 'week' | 'reason' | 'callStartedAt' | 'reviewer' | 'assignedAt'>,
  q: StoredQuality,
  rules: ReviewRules,
  now: number,
  drawn: { by: string | null; note: string },
): Review {
  return {
    ...d,
    drawnAt: now,
    status: 'pending',
    engine: engineSnapshot(q, rules),
    verdicts: [],
    findings: [],
    reviewerScore: null,
    score: null,
    comment: null,
    reviewedAt: null,
    timeSpentMs: 0,
    acknowledgedAt: null,
    appeals: [],
    history: [{ at: now, by: drawn.by, kind: 'drawn', note: drawn.note }],
    updatedAt: now,
  };
}
