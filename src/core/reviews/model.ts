/**
 * The quality review cycle (issue #15): the month's human sample (QA-SAMPLE), a reviewer's verdict on
 * each of the engine's checks, appeals (申诉), and what they feed: the engine's agreement with people
 * per rule and each agent's scorecard (QA-PERF). Constants only here (the shared contract imports them).
 */

/** Why a call is in the sample: the drawn share, every fatal call, every complaint call, or a review asked for outside the sample. */
export const sampleReasons = ['quota', 'fatal', 'complaint', 'extra'] as const;
export type SampleReason = (typeof sampleReasons)[number];

export const reviewStatuses = ['pending', 'reviewed'] as const;
export type ReviewStatus = (typeof reviewStatuses)[number];

/** A reviewer's word on one of the engine's checks. */
export const verdicts = ['agree', 'disagree'] as const;
export type Verdict = (typeof verdicts)[number];

export const appealDecisions = ['accept', 'partly', 'reject'] as const;
export type AppealDecision = (typeof appealDecisions)[number];
export const appealStatuses = ['open', 'accepted', 'partly', 'rejected'] as const;
export type AppealStatus = (typeof appealStatuses)[number];

/** The share of each agent's judged calls a month's sample holds at least, when the pack says nothing (QA-SAMPLE). */
export const DEFAULT_SAMPLE_SHARE = 0.2;
/** Days an agent has to appeal a review, from the moment it was given (a setting). */
export const DEFAULT_APPEAL_DAYS = 7;
/** Below this precision against reviewers a rule is flagged on the standard's settings page. */
export const DEFAULT_PRECISION_FLOOR = 0.8;

/** One of the engine's checks as the review sees it (what the engine said, kept with the review). */
export interface EngineCheck {
  rule: string;
  ok: boolean | null;
  severity: string;
  points: number;
  message: string;
  quote: string | null;
}

export interface CheckVerdict {
  rule: string;
  verdict: Verdict;
  comment?: string;
}

/** Something the engine missed, added by the reviewer with the words that show it. */
export interface AddedFinding {
  rule: string;
  quote: string;
  comment?: string;
  points: number;
  severity: string;
}

export interface AppealCheck {
  rule: string;
  reason: string;
}

export interface Appeal {
  id: string;
  level: 1 | 2;
  by: string;
  at: number;
  checks: AppealCheck[];
  status: AppealStatus;
  /** The rules the decision upheld (the check is taken back). */
  upheld: string[];
  decidedBy: string | null;
  decidedAt: number | null;
  comment: string | null;
}

export interface Review {
  id: string;
  callId: string;
  agent: string;
  month: string;
  /** Week of the month (0–4) of the call: the sample is spread over the weeks. */
  week: number;
  reason: SampleReason;
  callStartedAt: number;
  drawnAt: number;
  status: ReviewStatus;
  reviewer: string | null;
  assignedAt: number | null;
  /** The engine's checks when the call was drawn: what the verdicts answer. */
  engine: { score: number; fatal: boolean; checks: EngineCheck[] };
  verdicts: CheckVerdict[];
  findings: AddedFinding[];
  /** The score the reviewer gave (null: the one the verdicts work out). */
  reviewerScore: number | null;
  /** The reviewed score in force: after verdicts and upheld appeals. */
  score: number | null;
  comment: string | null;
  reviewedAt: number | null;
  timeSpentMs: number;
  acknowledgedAt: number | null;
  appeals: Appeal[];
  /** Every step, oldest first: drawn, assigned, reviewed, acknowledged, appealed, decided. */
  history: ReviewEvent[];
  updatedAt: number;
}

export interface ReviewEvent {
  at: number;
  by: string | null;
  kind: 'drawn' | 'assigned' | 'reviewed' | 'acknowledged' | 'appealed' | 'decided';
  note?: string;
}
