import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, type FieldError } from '../../core/shared/app-error.js';

/**
 * Rejects NUL characters and lone UTF-16 surrogates in every string a request carries (JSON body
 * values and keys, query values, path parameters) as 400 VALIDATION naming the field.
 *
 * Why at the edge, for every route: PostgreSQL's text cannot hold U+0000 and its UTF-8 encoder
 * refuses unpaired surrogates, so such a string reached the database as a 500 (and on login, as an
 * uncounted failed sign-in with a stack trace). No field of the product has a use for either, so
 * one check before validation covers every route, present and future, instead of a rule per field.
 */
export function installStringGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (req: FastifyRequest) => {
    const fields: FieldError[] = [];
    collect(req.params, ['params'], fields);
    collect(req.query, ['query'], fields);
    collect(req.body, [], fields);
    if (fields.length) throw AppError.validation(`请求含有不允许的字符 (NUL or unpaired surrogate): ${fields.map((f) => f.path).join(', ')}`, fields);
  });
}

// NUL, or a high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
// eslint-disable-next-line no-control-regex -- matching NUL is the point
const FORBIDDEN = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const MESSAGE = '含有 NUL 字符或不成对的代理项 (contains a NUL character or an unpaired surrogate)';
/** Enough to name every bad field of a real request; a hostile body with thousands stops here. */
const MAX_REPORTED = 20;

/** JSON nests far deeper than any form of ours; past this the walk stops instead of the stack. */
const MAX_DEPTH = 64;

// One path stack, pushed and popped, so a clean body (the usual case) allocates no path at all.
function collect(value: unknown, path: string[], out: FieldError[]): void {
  if (out.length >= MAX_REPORTED) return;
  if (typeof value === 'string') {
    if (FORBIDDEN.test(value)) out.push({ path: path.join('.') || '(body)', message: MESSAGE });
    return;
  }
  if (value === null || typeof value !== 'object') return;
  if (path.length >= MAX_DEPTH) {
    out.push({ path: path.join('.'), message: `嵌套过深 (nested deeper than ${MAX_DEPTH} levels)` });
    return;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(String(i));
      collect(value[i], path, out);
      path.pop();
    }
    return;
  }
  for (const k in value) {
    if (!Object.hasOwn(value, k)) continue;
    if (FORBIDDEN.test(k)) {
      out.push({ path: [...path, '(key)'].join('.'), message: MESSAGE });
      continue;
    }
    path.push(k);
    collect((value as Record<string, unknown>)[k], path, out);
    path.pop();
  }
}
