import type { Random } from '../shared/random.js';
import type { Clock } from '../shared/clock.js';
import type { TimeZone } from '../calendar/time-zone.js';
import type { ReviewStore } from './ports.js';

/** The centre's review settings (stored as one settings document, `reviews`). */
export interface ReviewSettings {
  /** Engine verdicts hidden while a reviewer reviews (blind mode). */
  blind: boolean;
  /** Days an agent may appeal, from the review (and from a first-level decision for the second level). */
  appealDays: number;
  /** Rules whose precision against reviewers falls below this are flagged. */
  precisionFloor: number;
  /** A reviewed score at or above this passes. */
  passMark: number;
}

export interface ReviewRules {
  /** QA-SAMPLE share of the pack in force (`settings.qaSamplePercent` / 100). */
  share: number;
  /** Points a failure of each rule costs in the pack in force. */
  weights: ReadonlyMap<string, { points: number; severity: string }>;
}

/** What the stored review use cases get: ports only, wired in `adapters/review-services.ts`. */
export interface ReviewContext {
  clock: Clock;
  /** Ids of new reviews and appeals. */
  random: Random;
  zone: TimeZone;
  read: ReviewStore;
  unitOfWork<T>(fn: (store: ReviewStore) => Promise<T>): Promise<T>;
  rules(): Promise<ReviewRules>;
  settings(): Promise<ReviewSettings>;
  /** A fresh seed for a month drawn for the first time (the adapter's randomness; the core only records it). */
  newSeed(): number;
}

export interface Actor {
  username: string;
  role: string;
}
