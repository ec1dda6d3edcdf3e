import { fieldErrorCodes, type FieldError, type FieldErrorCode, type FieldErrorParams } from './app-error.js';

/**
 * A zod issue's code, message and the rest of its fields, as both places that meet them have them:
 * the request schemas (fastify-type-provider-zod passes `keyword` and the rest as `params`) and the
 * core's own `safeParse` (transcripts, campaigns, packs).
 */
export interface IssueParts {
  code: string;
  message: string;
  rest: Record<string, unknown>;
}

/**
 * The stable code and params of a zod issue, so the web words it in the reader's language
 * (`fieldError.<code>`): the one mapping for request schemas and the core's schemas alike. A
 * refinement names its own code with `params: { code: '<field error code>', … }`.
 */
export function codeOfIssue({ code, message, rest: q }: IssueParts): { code: FieldErrorCode; params?: FieldErrorParams } {
  const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : undefined);
  switch (code) {
    case 'invalid_type':
      // zod does not put the input in the issue; a missing field is told by its message.
      if (/received undefined/.test(message)) return { code: 'required' };
      return { code: 'invalid_type', params: typeof q.expected === 'string' ? { expected: q.expected } : {} };
    case 'too_small': {
      const minimum = num(q.minimum);
      if (q.origin === 'string') return minimum === 1 ? { code: 'required' } : { code: 'too_short', params: { minimum: minimum ?? 0 } };
      if (q.origin === 'array' || q.origin === 'set') return { code: 'too_few', params: { minimum: minimum ?? 0 } };
      return { code: 'too_small', params: minimum === undefined ? {} : { minimum } };
    }
    case 'too_big': {
      const maximum = num(q.maximum);
      if (q.origin === 'string') return { code: 'too_long', params: { maximum: maximum ?? 0 } };
      if (q.origin === 'array' || q.origin === 'set') return { code: 'too_many', params: { maximum: maximum ?? 0 } };
      return { code: 'too_big', params: maximum === undefined ? {} : { maximum } };
    }
    case 'invalid_format':
      return { code: 'invalid_format', params: typeof q.format === 'string' ? { format: q.format } : {} };
    case 'invalid_value':
      return { code: 'one_of', params: Array.isArray(q.values) ? { values: q.values.map(String).join(', ') } : {} };
    case 'invalid_union':
      // None of the forms it may take (an instant as epoch ms or ISO text): the form is what is wrong.
      return { code: 'invalid_format' };
    case 'unrecognized_keys':
      return { code: 'unknown_keys', params: Array.isArray(q.keys) ? { keys: q.keys.map(String).join(', ') } : {} };
    case 'custom': {
      const p = q.params;
      if (typeof p === 'object' && p !== null && 'code' in p && (fieldErrorCodes as readonly unknown[]).includes(p.code)) {
        const { code: own, ...params } = p as Record<string, unknown>;
        const kept = Object.fromEntries(Object.entries(params).filter((e): e is [string, string | number] => typeof e[1] === 'string' || typeof e[1] === 'number'));
        return { code: own as FieldErrorCode, ...(Object.keys(kept).length > 0 && { params: kept }) };
      }
      return { code: 'invalid' };
    }
    default:
      return { code: 'invalid' };
  }
}

/**
 * The core's `safeParse` issues as field errors with their codes; an issue at the root is named
 * `(root)`. One without a code of its own (`invalid`: a refinement that names none) goes without,
 * as before: it is shown by its message either way.
 */
export function fieldErrorsOfIssues(issues: readonly { code: string; message: string; path: readonly PropertyKey[] }[]): FieldError[] {
  return issues.map((issue) => {
    const { code: _c, message: _m, path: _p, ...rest } = issue as { code: string; message: string; path: readonly PropertyKey[] } & Record<string, unknown>;
    const { code, params } = codeOfIssue({ code: issue.code, message: issue.message, rest });
    const path = issue.path.length === 0 ? '(root)' : issue.path.map(String).join('.');
    if (code === 'invalid') return { path, message: issue.message };
    return { path, message: issue.message, code, ...(params && Object.keys(params).length > 0 && { params }) };
  });
}
