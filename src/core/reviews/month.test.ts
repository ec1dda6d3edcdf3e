import { describe, expect, it } from 'vitest';
import { AppError } from '../shared/app-error.js';
import { parseMonth } from './month.js';

// Issue #21: the month of a sample, when malformed, says so as a code (invalid_format, format month).
describe('a review month', () => {
  it('reads YYYY-MM and refuses anything else naming the field with a code', () => {
    expect(parseMonth('2026-03')).toEqual({ year: 2026, month: 3 });
    let error: unknown;
    try {
      parseMonth('2026-3', 'query.month');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).fields).toEqual([{ path: 'query.month', message: expect.stringContaining('YYYY-MM'), code: 'invalid_format', params: { format: 'month' } }]);
  });
});
