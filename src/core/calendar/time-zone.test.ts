import { describe, expect, it } from 'vitest';
import { formatInstant, parseInstant, timeZone } from './time-zone.js';

const HOUR = 3_600_000;

describe('time zones without dependencies', () => {
  it('finds the Berlin DST switches to the second', () => {
    const berlin = timeZone('Europe/Berlin');
    // 2026: CET→CEST on 29 March at 01:00 UTC, back on 25 October at 01:00 UTC.
    expect(berlin.offsetAt(Date.parse('2026-03-29T00:59:59Z'))).toBe(1 * HOUR);
    expect(berlin.offsetAt(Date.parse('2026-03-29T01:00:00Z'))).toBe(2 * HOUR);
    expect(berlin.offsetAt(Date.parse('2026-10-25T00:59:59Z'))).toBe(2 * HOUR);
    expect(berlin.offsetAt(Date.parse('2026-10-25T01:00:00Z'))).toBe(1 * HOUR);
    expect(timeZone('Asia/Shanghai').offsetAt(Date.parse('2026-07-01T00:00:00Z'))).toBe(8 * HOUR);
  });

  it('agrees with Intl for every hour of a year in several zones', () => {
    for (const name of ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu']) {
      const zone = timeZone(name);
      const fmt = new Intl.DateTimeFormat('en-US', { timeZone: name, timeZoneName: 'longOffset' });
      for (let t = Date.parse('2025-01-01T00:00:00Z'); t < Date.parse('2026-01-01T00:00:00Z'); t += HOUR / 2) {
        const label = fmt.formatToParts(t).find((p) => p.type === 'timeZoneName')?.value ?? '';
        const m = /GMT([+-])(\d{2}):(\d{2})/.exec(label);
        const expected = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * 60_000 : 0;
        if (zone.offsetAt(t) !== expected) expect(`${name} ${new Date(t).toISOString()} ${zone.offsetAt(t)}`).toBe(`${expected}`);
      }
    }
  });

  it('moves a wall time in the spring gap forward and takes the earlier of a repeated one', () => {
    const berlin = timeZone('Europe/Berlin');
    expect(formatInstant(parseInstant('2026-03-29T02:30', berlin), berlin)).toBe('2026-03-29T03:30:00+02:00');
    expect(formatInstant(parseInstant('2026-10-25T02:30', berlin), berlin)).toBe('2026-10-25T02:30:00+02:00');
    expect(formatInstant(parseInstant('2026-10-25T02:30:00+01:00', berlin), berlin)).toBe('2026-10-25T02:30:00+01:00');
  });

  it('parses ISO-8601 strictly and formats with the zone offset', () => {
    const shanghai = timeZone('Asia/Shanghai');
    expect(formatInstant(parseInstant('2025-09-30T08:00:00Z', shanghai), shanghai)).toBe('2025-09-30T16:00:00+08:00');
    expect(formatInstant(parseInstant('2025-09-30T16:00', shanghai), shanghai)).toBe('2025-09-30T16:00:00+08:00');
    expect(formatInstant(parseInstant('2025-09-30T16:00:00.250+08:00', shanghai), shanghai)).toBe('2025-09-30T16:00:00.250+08:00');
    expect(() => parseInstant('2026-02-30T10:00:00+08:00', shanghai)).toThrow(/invalid date-time "2026-02-30T10:00:00\+08:00": day 30/);
    expect(() => parseInstant('2026-01-01T24:00', shanghai)).toThrow(/hour 24/);
    expect(() => parseInstant('abc', shanghai)).toThrow(/invalid date-time "abc"/);
  });

  it('rejects an unknown zone by name', () => {
    expect(() => timeZone('Mars/Olympus')).toThrow('unknown time zone "Mars/Olympus"');
  });
});
