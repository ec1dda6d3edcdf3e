import { describe, expect, it } from 'vitest';
import { MAX_INSTANT, isInstant, parseInstant, requireInstant } from './instant.js';

describe('instant', () => {
  it('takes epoch ms and ISO-8601 with an offset inside the years a calendar shows', () => {
    expect(parseInstant(1_772_413_200_000)).toBe(1_772_413_200_000);
    expect(parseInstant('1772413200000')).toBe(1_772_413_200_000);
    expect(parseInstant('2026-03-02T09:00:00+08:00')).toBe(Date.parse('2026-03-02T09:00:00+08:00'));
    expect(parseInstant('9999-12-31T23:59:59.999Z')).toBe(MAX_INSTANT);
    expect(new Date(MAX_INSTANT).toISOString()).toBe('9999-12-31T23:59:59.999Z');
  });

  it('refuses numbers that are not times, and local times without a zone', () => {
    for (const v of [9007199254740990, 1e308, -1, Number.NaN, Number.POSITIVE_INFINITY, MAX_INSTANT + 1, '9000000000000000', '2026-03-02T09:00:00', '+275760-09-13T00:00:00Z', 'soon']) {
      expect(parseInstant(v), String(v)).toBeUndefined();
    }
    expect(isInstant(1.5)).toBe(false);
    expect(() => requireInstant(9e15, 'promise.dueAt')).toThrow(expect.objectContaining({ code: 'VALIDATION', fields: [expect.objectContaining({ path: 'promise.dueAt' })] }));
  });
});
