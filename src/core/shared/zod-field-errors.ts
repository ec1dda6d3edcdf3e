import type { z } from 'zod';
import { fieldErrorCodes, type FieldError, type FieldErrorCode, type FieldErrorParams } from './app-error.js';

/**
 * A zod issue's stable code and params: the one table from zod's issue kinds to `fieldErrorCodes`,
 * used for request schemas (http/validation-fields.ts gets the issue from fastify-type-provider-zod
 * as `keyword` + `params`) and for documents validated in the core (a standard pack). `details` is
 * the issue without `code`, `path` and `message`.
 *
 * A refinement names its code itself: `ctx.addIssue({ code: 'custom', message, params: { fieldError: 'too_small', minimum: 1 } })`.
 */
export function codeOfZodIssue(kind: string, details: Record<string, unknown>, message: string): { code: FieldErrorCode; params?: FieldErrorParams } {
  const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : undefined);
  switch (kind) {
    case 'invalid_type':
      // zod does not put the input in the issue; a missing field is told by its message.
      if (/received undefined/.test(message)) return { code: 'required' };
      return { code: 'invalid_type', params: typeof details.expected === 'string' ? { expected: details.expected } : {} };
    case 'too_small': {
      const minimum = num(details.minimum);
      if (details.origin === 'string') return minimum === 1 ? { code: 'required' } : { code: 'too_short', params: { minimum: minimum ?? 0 } };
      if (details.origin === 'array' || details.origin === 'set') return { code: 'too_few', params: { minimum: minimum ?? 0 } };
      return { code: 'too_small', params: minimum === undefined ? {} : { minimum } };
    }
    case 'too_big': {
      const maximum = num(details.maximum);
      if (details.origin === 'string') return { code: 'too_long', params: { maximum: maximum ?? 0 } };
      if (details.origin === 'array' || details.origin === 'set') return { code: 'too_many', params: { maximum: maximum ?? 0 } };
      return { code: 'too_big', params: maximum === undefined ? {} : { maximum } };
    }
    case 'invalid_format':
      return { code: 'invalid_format', params: typeof details.format === 'string' ? { format: details.format } : {} };
    case 'invalid_value':
      return { code: 'one_of', params: Array.isArray(details.values) ? { values: details.values.map(String).join(', ') } : {} };
    case 'unrecognized_keys':
      return { code: 'unknown_keys', params: Array.isArray(details.keys) ? { keys: details.keys.map(String).join(', ') } : {} };
    case 'custom':
      return customCode(details.params);
    default:
      return { code: 'invalid' };
  }
}

function customCode(params: unknown): { code: FieldErrorCode; params?: FieldErrorParams } {
  if (typeof params !== 'object' || params === null) return { code: 'invalid' };
  const { fieldError, ...rest } = params as Record<string, unknown>;
  if (!(fieldErrorCodes as readonly unknown[]).includes(fieldError)) return { code: 'invalid' };
  const out: FieldErrorParams = {};
  for (const [k, v] of Object.entries(rest)) if (typeof v === 'string' || typeof v === 'number') out[k] = v;
  return { code: fieldError as FieldErrorCode, params: out };
}

/** Zod issues as field errors with codes: `rules.3.kind`, `(root)` for the document itself. */
export function fieldErrorsOfZodIssues(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  return issues.map((issue) => {
    const { code: kind, path, message, ...details } = issue;
    const { code, params } = codeOfZodIssue(kind, details, message);
    return { path: path.length === 0 ? '(root)' : path.map(String).join('.'), message, code, ...(params && Object.keys(params).length > 0 ? { params } : {}) };
  });
}
