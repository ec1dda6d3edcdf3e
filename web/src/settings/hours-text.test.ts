import { describe, expect, it } from 'vitest';
import { formatIntervals, parseIntervals } from './hours-text';

describe('opening hours as text', () => {
  it('reads the ways a centre writes hours, and writes them back', () => {
    const parsed = parseIntervals('9:00-12:00，13:30~18:00');
    expect(parsed).toEqual({ ok: true, intervals: [{ start: '09:00', end: '12:00' }, { start: '13:30', end: '18:00' }] });
    if (parsed.ok) expect(formatIntervals(parsed.intervals)).toBe('09:00-12:00, 13:30-18:00');
    expect(parseIntervals('')).toEqual({ ok: true, intervals: [] });
  });

  it('refuses what is not a time range', () => {
    expect(parseIntervals('9点到6点').ok).toBe(false);
    expect(parseIntervals('09:00-25:00').ok).toBe(false);
  });
});
