import { randomBytes, type Random } from '../core/shared/random.js';
import type { Kysely } from 'kysely';
import type { DB } from './db/schema.js';
import type { Dialect } from './db/database.js';
import { ReviewRepository } from './db/repositories/review-repository.js';
import type { SettingsRepository } from './db/repositories/settings-repository.js';
import type { Clock } from '../core/shared/clock.js';
import type { StandardService } from '../core/standard/standard-service.js';
import { timeZone } from '../core/calendar/time-zone.js';
import type { ReviewContext, ReviewRules, ReviewSettings } from '../core/reviews/review-context.js';
import { DEFAULT_APPEAL_DAYS, DEFAULT_PRECISION_FLOOR, DEFAULT_SAMPLE_SHARE } from '../core/reviews/model.js';

export interface ReviewServices {
  ctx: ReviewContext;
  repo: ReviewRepository;
  saveSettings(s: Partial<ReviewSettings>): Promise<ReviewSettings>;
}

export const REVIEW_SETTINGS_KEY = 'reviews';
export const defaultReviewSettings: ReviewSettings = { blind: false, appealDays: DEFAULT_APPEAL_DAYS, precisionFloor: DEFAULT_PRECISION_FLOOR, passMark: 80 };

/** Wiring of the review cycle (issue #15): storage, the pack's share and weights, the settings, and the seed's randomness. */
export function createReviewServices(d: { db: Kysely<DB>; dialect: Dialect; clock: Clock; random: Random; standard: StandardService; settings: SettingsRepository; timeZone: string }): ReviewServices {
  const repo = new ReviewRepository(d.db, d.dialect);
  let cached: { version: number; rules: ReviewRules } | undefined;
  const rules = async (): Promise<ReviewRules> => {
    const active = await d.standard.active();
    if (cached?.version !== active.version) {
      const percent = active.pack.settings.qaSamplePercent;
      cached = {
        version: active.version,
        rules: {
          share: typeof percent === 'number' && percent > 0 ? Math.min(1, percent / 100) : DEFAULT_SAMPLE_SHARE,
          weights: new Map(active.compiled.rules.map((n) => [n.rule.id, { points: n.points, severity: n.rule.severity }])),
        },
      };
    }
    return cached.rules;
  };
  const settings = async (): Promise<ReviewSettings> => ({ ...defaultReviewSettings, ...((await d.settings.get<Partial<ReviewSettings>>(REVIEW_SETTINGS_KEY)) ?? {}) });
  const ctx: ReviewContext = {
    clock: d.clock,
    random: d.random,
    zone: timeZone(d.timeZone),
    read: repo,
    unitOfWork: (fn) => d.db.transaction().execute((trx) => fn(new ReviewRepository(trx, d.dialect))),
    rules,
    settings,
    // The seed is drawn here, once per month, and recorded: the core only ever replays it.
    // A 31-bit seed from the process's randomness port (recorded with the month, so the draw can be replayed).
    newSeed: () => {
      const [a = 0, b = 0, c = 0, e = 0] = randomBytes(d.random, 4);
      return ((a << 24) | (b << 16) | (c << 8) | e) >>> 1;
    },
  };
  return {
    ctx,
    repo,
    async saveSettings(s) {
      const next = { ...(await settings()), ...s };
      await d.settings.put(REVIEW_SETTINGS_KEY, next, d.clock.now());
      return next;
    },
  };
}
