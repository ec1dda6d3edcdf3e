import { describe, expect, it } from 'vitest';
import { ZoneCalendar, parseLocalDateTime } from './time-zone.js';

describe('ZoneCalendar', () => {
  it('keys days and hours on the centre clock', () => {
    const sh = new ZoneCalendar('Asia/Shanghai');
    const t = Date.parse('2023-02-06T22:02:03Z');
    expect(sh.dayKey(t)).toBe('2023-02-07');
    expect(sh.hourKey(t)).toBe('2023-02-07 06:00');
    expect(sh.iso(t)).toBe('2023-02-07T06:02:03+08:00');
  });

  it('follows daylight saving and half-hour zones', () => {
    const ny = new ZoneCalendar('America/New_York');
    expect(ny.iso(Date.parse('2024-03-10T06:59:59Z'))).toBe('2024-03-10T01:59:59-05:00');
    expect(ny.iso(Date.parse('2024-03-10T07:00:00Z'))).toBe('2024-03-10T03:00:00-04:00');
    const india = new ZoneCalendar('Asia/Kolkata');
    expect(india.hourKey(Date.parse('2024-01-01T10:40:00Z'))).toBe('2024-01-01 16:00');
    expect(india.hourKey(Date.parse('2024-01-01T10:20:00Z'))).toBe('2024-01-01 15:00');
  });

  it('reads PBX local time strings', () => {
    const sh = new ZoneCalendar('Asia/Shanghai');
    expect(parseLocalDateTime('2023-02-05 08:09:13', sh)).toBe(Date.parse('2023-02-05T00:09:13Z'));
    expect(parseLocalDateTime('2018-11-30 13:32:34', new ZoneCalendar('America/New_York'))).toBe(1543602754000);
    expect(parseLocalDateTime('yesterday', sh)).toBeNaN();
  });

  it('rejects an unknown zone', () => {
    expect(() => new ZoneCalendar('Mars/Olympus')).toThrow(/unknown time zone/);
  });
});
