import type { Clock } from '../core/shared/clock.js';

/**
 * The wall clock. It lives in the adapters because reading the time is I/O: the core receives a
 * Clock and the lint guard forbids `Date.now()` there. `app.ts` passes this one; tests pass fixedClock.
 */
export const systemClock: Clock = { now: () => Date.now() };
