import { formatInstant, parseInstant, timeZone } from '../calendar/time-zone.js';

/** The retention job runs once a day at this local time (a quiet hour for a hotline). */
export const RETENTION_RUN_AT = '03:30';

/**
 * The next daily run after `now` in the centre's zone, and the day it is for: the job's key is
 * `retention:<day>`, so however many server processes schedule it, that day's run exists once.
 */
export function nextRetentionRun(now: number, zoneName: string): { day: string; at: number } {
  const zone = timeZone(zoneName);
  const today = formatInstant(now, zone).slice(0, 10);
  const atToday = parseInstant(`${today}T${RETENTION_RUN_AT}:00`, zone);
  if (atToday > now) return { day: today, at: atToday };
  // Tomorrow: 36 h on, then its local date (DST-safe: no zone moves a day by 12 h).
  const tomorrow = formatInstant(atToday + 36 * 3_600_000, zone).slice(0, 10);
  return { day: tomorrow, at: parseInstant(`${tomorrow}T${RETENTION_RUN_AT}:00`, zone) };
}
