import type { FieldError, FieldErrorCode, FieldErrorParams } from '../../core/shared/app-error.js';
import { codeOfIssue } from '../../core/shared/field-error-of-issue.js';

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
  return codeOfIssue({ code: issue.keyword, message, rest: issue.params ?? {} });
}
