import type { Page } from '../customers/ports.js';
import type { AgentCalls } from './coverage.js';
import type { SampledCall } from './draw-sample.js';
import type { Review, ReviewStatus, SampleReason } from './model.js';
import type { EngineMonth } from './scorecard.js';

/** A judged call of the month as storage gives it to the draw. */
export interface JudgedCall {
  callId: string;
  agent: string;
  startedAt: number;
  fatal: boolean;
  /** The call has a complaint ticket. */
  complaint: boolean;
}

/** The engine's stored result of a call, as the review keeps it. */
export interface StoredQuality {
  callId: string;
  agent: string | null;
  startedAt: number | null;
  score: number | null;
  fatal: boolean;
  checks: Array<{ rule: string; ok: boolean | null; severity: string; points: number; message: string; evidence?: Array<{ quote: string; missing?: boolean }> }>;
}

export interface SampleMonthRecord {
  month: string;
  seed: number;
  share: number;
  firstDrawnAt: number;
  lastDrawnAt: number;
  draws: number;
}

export interface ReviewQuery {
  month?: string;
  agent?: string;
  reviewer?: string;
  status?: ReviewStatus;
  reason?: SampleReason;
  /** Reviews with an open appeal of this level. */
  appealOpen?: boolean;
  limit: number;
  cursor?: string;
}

/** What the review use cases need from storage; `adapters/db/repositories/review-repository.ts` satisfies it. */
export interface ReviewStore {
  findMonth(month: string): Promise<SampleMonthRecord | undefined>;
  /** Records the month's seed the first time; a second caller's record loses and the first stands. Returns the one in force. */
  saveMonth(m: SampleMonthRecord): Promise<SampleMonthRecord>;
  touchMonth(month: string, at: number): Promise<void>;
  /** Judged calls (a quality result, an agent) whose start lies in [from, to). */
  judgedCalls(from: number, to: number): Promise<JudgedCall[]>;
  /** What is in the month's sample already. */
  sampledOf(month: string): Promise<SampledCall[]>;
  qualityOf(callIds: readonly string[]): Promise<StoredQuality[]>;
  /** Inserts reviews; a call already in a review is left as it is. Returns the ids really inserted. */
  insertReviews(reviews: readonly Review[]): Promise<string[]>;
  find(id: string): Promise<Review | undefined>;
  /** Reads the review for a change and holds it until the commit (PostgreSQL: FOR UPDATE). */
  findForUpdate(id: string): Promise<Review | undefined>;
  findByCall(callId: string): Promise<Review | undefined>;
  update(r: Review): Promise<void>;
  list(q: ReviewQuery): Promise<Page<Review>>;
  /** Reviews given in [from, to) (for agreement). */
  reviewedBetween(from: number, to: number): Promise<Review[]>;
  ofMonth(month: string): Promise<Review[]>;
  /** Judged calls per agent in [from, to), with the fatal ones. */
  agentCalls(from: number, to: number): Promise<AgentCalls[]>;
  engineMonth(from: number, to: number): Promise<EngineMonth[]>;
}
