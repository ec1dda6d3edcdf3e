import { isAppError } from './app-error.js';

/**
 * For tests: the field errors a validation threw, as path, code and params (the sentence is the
 * server's own, for logs and scripts, and not what a test of the codes asserts). Fails when nothing
 * was thrown; rethrows what is not an AppError.
 */
export function thrownFieldErrors(fn: () => unknown): { path: string; code?: string; params?: object }[] {
  try {
    fn();
  } catch (e) {
    if (isAppError(e)) return (e.fields ?? []).map(({ path, code, params }) => ({ path, ...(code && { code }), ...(params && { params }) }));
    throw e;
  }
  throw new Error('expected a validation error');
}
