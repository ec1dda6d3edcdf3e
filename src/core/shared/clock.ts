/** Time source for the core. Adapters pass `systemClock` (adapters/system-clock.ts); tests pass `fixedClock` and move it. */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

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
