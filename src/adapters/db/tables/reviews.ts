/** Row types of the review cycle (migration 008-reviews). Times are epoch ms. */

export interface ReviewMonthsTable {
  month: string;
  /** The month's recorded seed: every draw and top-up of the month uses it. */
  seed: number;
  share: number;
  first_drawn_at: number;
  last_drawn_at: number;
  draws: number;
}

export interface ReviewsTable {
  id: string;
  call_id: string;
  agent: string;
  month: string;
  week: number;
  /** quota | fatal | complaint | extra */
  reason: string;
  call_started_at: number;
  drawn_at: number;
  /** pending | reviewed */
  status: string;
  reviewer: string | null;
  reviewed_at: number | null;
  score: number | null;
  engine_score: number;
  engine_fatal: number;
  acknowledged_at: number | null;
  appeal_open: number;
  /** JSON: engine checks, verdicts, findings, reviewerScore, comment, assignedAt, timeSpentMs, appeals, history. */
  body: string;
  updated_at: number;
}

export interface DrillRunsTable {
  id: string;
  scenario: string;
  trainee: string;
  started_at: number;
  finished_at: number | null;
  score: number | null;
  fatal: number | null;
  /** JSON: lines, judgements, result, observation card. */
  body: string;
  updated_at: number;
}
