/**
 * The screens count "today" and "this week" in the browser's days. A test that seeds calls some hours
 * before now fails when it runs just after midnight (CI at 00:15 UTC saw the dashboard's day empty: the
 * seeds were yesterday's). So the browser gets a time zone in which the seeds and the whole test fall in
 * one day: the centre's own (UTC+8) when it does, else the nearest whole-hour offset that does.
 */
export function timeZoneForOneDay(earliestMs: number, nowMs: number, testRunsMs = 30 * 60_000): string {
  const hour = 3600_000;
  const fits = (offsetHours: number): boolean => {
    const sinceMidnight = (((nowMs + offsetHours * hour) % (24 * hour)) + 24 * hour) % (24 * hour);
    return sinceMidnight >= nowMs - earliestMs && 24 * hour - sinceMidnight > testRunsMs;
  };
  for (const step of [0, 1, -1, 2, -2, 3, -3, 4, -4, 5, -5, 6, -6, 7, -7, 8, -8, 9, -9, 10, -10, 11, -11, 12, -12]) {
    const offset = 8 + step;
    if (offset < -12 || offset > 14 || !fits(offset)) continue;
    // IANA's Etc zones have the sign reversed: Etc/GMT-8 is UTC+8.
    return offset === 0 ? 'Etc/UTC' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
  }
  throw new Error(`no time zone holds ${(nowMs - earliestMs) / hour} hours before now in one day`);
}
