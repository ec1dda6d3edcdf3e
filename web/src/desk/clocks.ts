/**
 * The wrap-up clocks of PH-TICKET3 (ticket within 3 minutes of hang-up) and PH-SUMMARY5 (call
 * summary within 5 minutes): what is left, and how it reads on a clock face.
 */
export interface ClockReading {
  /** ms left; negative once the limit has passed. */
  remainingMs: number;
  state: 'running' | 'warning' | 'overdue' | 'done';
  /** `2:47`, or `-0:12` once overdue. */
  text: string;
}

export function mmss(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  const total = Math.floor(Math.abs(ms) / 1000);
  return `${sign}${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

/**
 * `doneAt`: when the ticket or summary was saved; the clock then stops at the time it took.
 * The last fifth of the limit is a warning, so the agent sees it coming.
 */
export function readClock(startedAt: number, limitMinutes: number, now: number, doneAt: number | null = null): ClockReading {
  const limitMs = limitMinutes * 60_000;
  const at = doneAt ?? now;
  const remainingMs = startedAt + limitMs - at;
  if (doneAt !== null) return { remainingMs, state: 'done', text: mmss(Math.max(0, doneAt - startedAt)) };
  const state = remainingMs < 0 ? 'overdue' : remainingMs <= limitMs / 5 ? 'warning' : 'running';
  // Round up while running so the clock shows 3:00 at hang-up, not 2:59.
  const shown = remainingMs >= 0 ? Math.ceil(remainingMs / 1000) * 1000 : remainingMs;
  return { remainingMs, state, text: mmss(shown) };
}
