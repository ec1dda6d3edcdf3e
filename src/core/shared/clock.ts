/** Time source for the core. Adapters pass `systemClock`; tests pass `fixedClock` and move it. */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

// The one place the core may read the wall clock: adapters pass this in; tests pass fixedClock.
// eslint-disable-next-line no-restricted-properties
export const systemClock: Clock = { now: () => Date.now() };

export interface ManualClock extends Clock {
  set(ms: number): void;
  advance(ms: number): void;
}

export function fixedClock(start: number | string): ManualClock {
  let t = typeof start === 'number' ? start : Date.parse(start);
  return {
    now: () => t,
    set: (ms) => {
      t = ms;
    },
    advance: (ms) => {
      t += ms;
    },
  };
}
