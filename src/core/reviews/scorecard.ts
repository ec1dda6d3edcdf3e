import type { Review } from './model.js';
import { reviewedOutcome } from './review-score.js';

/** The engine's figures of an agent's judged calls in the month (all of them, not only the sample). */
export interface EngineMonth {
  agent: string;
  calls: number;
  averageScore: number | null;
  fatal: number;
}

export interface Scorecard {
  agent: string;
  month: string;
  reviewed: number;
  /** Mean reviewed score (after appeals), null before any review. */
  reviewedScore: number | null;
  /** Mean engine score over the month's judged calls. */
  engineScore: number | null;
  engineCalls: number;
  /** Reviewed calls scoring at least the pass mark. */
  passRate: number | null;
  /** Reviewed calls held fatal. */
  fatal: number;
  topFailed: Array<{ rule: string; count: number }>;
  appeals: { filed: number; open: number; upheld: number; rejected: number };
  acknowledged: number;
}

const mean = (xs: number[]): number | null => (xs.length === 0 ? null : Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 100) / 100);

/** QA-PERF: each agent's month as performance reviews read it; the reviewed score is the one after appeals. */
export function scorecards(month: string, reviews: readonly Review[], engine: readonly EngineMonth[], passMark: number): Scorecard[] {
  const agents = new Set<string>([...engine.map((e) => e.agent), ...reviews.map((r) => r.agent)]);
  const engineOf = new Map(engine.map((e) => [e.agent, e]));
  return [...agents].sort().map((agent) => {
    const mine = reviews.filter((r) => r.agent === agent && r.month === month && r.status === 'reviewed');
    const outcomes = mine.map(reviewedOutcome);
    const failed = new Map<string, number>();
    for (const o of outcomes) for (const rule of o.failed) failed.set(rule, (failed.get(rule) ?? 0) + 1);
    const appeals = mine.flatMap((r) => r.appeals);
    const e = engineOf.get(agent);
    return {
      agent,
      month,
      reviewed: mine.length,
      reviewedScore: mean(outcomes.map((o) => o.score)),
      engineScore: e?.averageScore ?? null,
      engineCalls: e?.calls ?? 0,
      passRate: outcomes.length === 0 ? null : Math.round((outcomes.filter((o) => o.score >= passMark).length / outcomes.length) * 10_000) / 10_000,
      fatal: outcomes.filter((o) => o.fatal).length,
      topFailed: [...failed.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 5).map(([rule, count]) => ({ rule, count })),
      appeals: {
        filed: appeals.length,
        open: appeals.filter((a) => a.status === 'open').length,
        upheld: appeals.filter((a) => a.status === 'accepted' || a.status === 'partly').length,
        rejected: appeals.filter((a) => a.status === 'rejected').length,
      },
      acknowledged: mine.filter((r) => r.acknowledgedAt !== null).length,
    };
  });
}

/** A scorecard with no calls judged or reviewed: staff who only served walk-in visitors that month. */
export function emptyScorecard(agent: string, month: string): Scorecard {
  return { agent, month, reviewed: 0, reviewedScore: null, engineScore: null, engineCalls: 0, passRate: null, fatal: 0, topFailed: [], appeals: { filed: 0, open: 0, upheld: 0, rejected: 0 }, acknowledged: 0 };
}
