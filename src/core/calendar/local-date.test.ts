import { describe, expect, it } from 'vitest';
import { civilFromOrdinal, formatLocalDate, ordinalFromCivil, parseLocalDate, weekdayOfOrdinal } from './local-date.js';

describe('local dates', () => {
  it('round-trips every day from 1900 to 2100 against Date', () => {
    const wrong: string[] = [];
    for (let ord = ordinalFromCivil(1900, 1, 1); ord <= ordinalFromCivil(2100, 12, 31); ord += 1) {
      const date = new Date(ord * 86_400_000);
      const iso = date.toISOString().slice(0, 10);
      if (formatLocalDate(ord) !== iso || parseLocalDate(iso) !== ord || weekdayOfOrdinal(ord) !== date.getUTCDay()) wrong.push(iso);
    }
    expect(wrong).toEqual([]);
    expect(civilFromOrdinal(0)).toEqual({ year: 1970, month: 1, day: 1 });
  });

  it('rejects impossible dates instead of rolling them over', () => {
    expect(() => parseLocalDate('2026-02-30')).toThrow('invalid date "2026-02-30": day 30 does not exist in February 2026 (28 days)');
    expect(() => parseLocalDate('2026-13-01')).toThrow('invalid date "2026-13-01": month 13 does not exist');
    expect(() => parseLocalDate('abc')).toThrow('invalid date "abc"');
    expect(() => parseLocalDate('2026-1-01')).toThrow('expected a date as YYYY-MM-DD');
    expect(parseLocalDate('2024-02-29')).toBe(ordinalFromCivil(2024, 2, 29));
    expect(() => parseLocalDate('2100-02-29')).toThrow(/29 does not exist/);
  });
});
