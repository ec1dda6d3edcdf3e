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

/**
 * The export's words (QA-PERF 质检成绩单): sheet title and column headers, in Simplified Chinese and
 * English, in the order of the route's columns; a 繁體 reader gets the Simplified ones converted.
 */
export interface ScorecardExportWords {
  title: string;
  header: [agent: string, reviewed: string, reviewedScore: string, engineScore: string, engineCalls: string, passRate: string, fatal: string, topFailed: string, appeals: string, trainings: string, visits: string, visitsWithinLimit: string, cardScore: string];
}

export const scorecardExportWordsZh: ScorecardExportWords = {
  title: '质检成绩单',
  header: ['坐席', '复核通数', '复核平均分', '引擎平均分', '已质检来电', '合格率', '致命差错', '主要扣分项', '申诉（提出/采纳/驳回）', '培训次数', '来访接待人次', '3分钟内接待率', '观察卡得分'],
};

export const scorecardExportWordsEn: ScorecardExportWords = {
  title: 'QA scorecards',
  header: ['Agent', 'Calls reviewed', 'Reviewed score (avg)', 'Engine score (avg)', 'Calls checked', 'Pass rate', 'Fatal errors', 'Top failed requirements', 'Appeals (filed/upheld/rejected)', 'Trainings', 'Visitors served', 'Served within 3 min', 'Observation card score'],
};
