import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from './duration.js';

describe('parseDuration', () => {
  it('reads the three typed units of the standard pack', () => {
    expect(parseDuration('24h')).toEqual({ amount: 24, unit: 'h' });
    expect(parseDuration('2wd')).toEqual({ amount: 2, unit: 'wd' });
    expect(parseDuration('8bh')).toEqual({ amount: 8, unit: 'bh' });
    expect(parseDuration(' 1.5BH ')).toEqual({ amount: 1.5, unit: 'bh' });
    expect(formatDuration(parseDuration('3wd'))).toBe('3wd');
  });

  it('rejects bad text with a message naming it', () => {
    expect(() => parseDuration('3x')).toThrow(/invalid duration "3x": unknown unit "x"/);
    expect(() => parseDuration('abc')).toThrow(/invalid duration "abc"/);
    expect(() => parseDuration('-2wd')).toThrow(/invalid duration "-2wd"/);
    expect(() => parseDuration('1.5wd')).toThrow(/working days must be a whole number/);
    expect(() => parseDuration('')).toThrow(/invalid duration ""/);
  });

  it('reports the field path for pack loaders', () => {
    try {
      parseDuration('2 weeks', 'sla.complaint.answerWithin');
      expect.unreachable();
    } catch (e) {
      expect((e as { code: string }).code).toBe('VALIDATION');
      expect((e as { fields: { path: string }[] }).fields[0]?.path).toBe('sla.complaint.answerWithin');
    }
  });
});
