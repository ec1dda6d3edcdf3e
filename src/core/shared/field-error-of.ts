import { isAppError, type FieldError } from './app-error.js';

/**
 * The field error a caught check threw (a date parser, a zone lookup), moved to `path`, so a
 * validation that collects every problem keeps the thrower's code and params rather than only its
 * sentence. Anything else thrown is rethrown: it is a bug, not bad input.
 */
export function fieldErrorOf(e: unknown, path: string): FieldError {
  if (!isAppError(e) || e.code !== 'VALIDATION') throw e;
  const first = e.fields?.[0];
  return { ...(first ?? { message: e.message, code: 'invalid' as const }), path };
}

/** What is wrong with a number that must be whole and within [minimum, maximum], as a field error's code and params. */
export function outOfRange(n: unknown, minimum: number, maximum: number): Pick<FieldError, 'code' | 'params'> {
  if (typeof n !== 'number' || !Number.isInteger(n)) return { code: 'invalid_type', params: { expected: 'integer' } };
  return n < minimum ? { code: 'too_small', params: { minimum } } : { code: 'too_big', params: { maximum } };
}
