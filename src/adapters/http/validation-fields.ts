import type { FieldError, FieldErrorCode, FieldErrorParams } from '../../core/shared/app-error.js';

/** One entry of a request-schema failure as fastify-type-provider-zod reports it (a zod issue). */
export interface SchemaIssue {
  keyword: string;
  instancePath: string;
  message?: string;
  params?: Record<string, unknown>;
}

/**
 * A request-schema failure as a field error with a stable code and its params, so the web words it
 * in the reader's language (`fieldError.<code>`); zod's English sentence stays as `message`.
 */
export function fieldErrorOfIssue(issue: SchemaIssue, where: string | undefined): FieldError {
  const p = issue.instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.');
  const prefix = where && where !== 'body' ? (where === 'querystring' ? 'query' : where) : '';
  const path = [prefix, p].filter(Boolean).join('.') || prefix || '(body)';
  const message = issue.message ?? 'invalid';
  const { code, params } = codeOf(issue, message);
  return { path, message, code, ...(params && Object.keys(params).length > 0 ? { params } : {}) };
}

function codeOf(issue: SchemaIssue, message: string): { code: FieldErrorCode; params?: FieldErrorParams } {
  const q = issue.params ?? {};
  const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : undefined);
  switch (issue.keyword) {
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
    case 'unrecognized_keys':
      return { code: 'unknown_keys', params: Array.isArray(q.keys) ? { keys: q.keys.map(String).join(', ') } : {} };
    default:
      return { code: 'invalid' };
  }
}
