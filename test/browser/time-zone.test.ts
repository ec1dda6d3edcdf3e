import { describe, expect, it } from 'vitest';
import { timeZoneForOneDay } from './time-zone.js';

const at = (iso: string) => Date.parse(iso);
const localHour = (zone: string, ms: number) => Number(new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', hourCycle: 'h23' }).format(ms));

describe('a browser time zone in which seeded calls are today', () => {
  it("is the centre's (UTC+8) when the seeds fall in its day", () => {
    expect(timeZoneForOneDay(at('2026-12-08T01:00:00Z'), at('2026-12-08T04:00:00Z'))).toBe('Etc/GMT-8');
  });

  it('moves to another offset when the run is just after midnight there, or just before', () => {
    // 00:15 UTC is 08:15 in Beijing: three hours back is still today there.
    expect(timeZoneForOneDay(at('2026-12-07T21:15:00Z'), at('2026-12-08T00:15:00Z'))).toBe('Etc/GMT-8');
    // 16:15 UTC is 00:15 in Beijing: the seeds would be yesterday's, so a zone west of it.
    const now = at('2026-12-08T16:15:00Z');
    const zone = timeZoneForOneDay(now - 3 * 3600_000, now);
    expect(localHour(zone, now)).toBeGreaterThanOrEqual(3);
    expect(localHour(zone, now)).toBeLessThan(24);
    // 15:50 UTC is 23:50 in Beijing: the test would cross midnight.
    expect(timeZoneForOneDay(at('2026-12-08T15:45:00Z'), at('2026-12-08T15:50:00Z'))).not.toBe('Etc/GMT-8');
  });
});
