import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, isAppError, type ErrorCode, type FieldError } from '../../core/shared/app-error.js';
import { isUnavailableError } from '../db/database.js';
import { translateDbError } from '../db/db-errors.js';
import { fieldErrorOfIssue } from './validation-fields.js';

/** The one table from error code to HTTP status. */
export const httpStatusOf: Record<ErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
};

export interface ErrorBody {
  error: { code: ErrorCode; message: string; fields?: FieldError[] };
}

export function errorBody(e: AppError): ErrorBody {
  return { error: { code: e.code, message: e.message, ...(e.fields?.length ? { fields: e.fields } : {}) } };
}

export function sendError(reply: FastifyReply, e: AppError): FastifyReply {
  return reply.status(httpStatusOf[e.code]).type('application/json').send(errorBody(e));
}

function toAppError(err: FastifyError, req: FastifyRequest): AppError {
  if (isAppError(err)) return err;
  if (hasZodFastifySchemaValidationErrors(err)) {
    const fields = err.validation.map((v) => fieldErrorOfIssue(v, err.validationContext));
    return AppError.validation(`Invalid request: ${fields.map((f) => f.path).join(', ')}`, fields);
  }
  if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new AppError('PAYLOAD_TOO_LARGE', 'Request body is too large');
  if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return AppError.validation('Unsupported content type: send application/json');
  if (err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (err instanceof SyntaxError && err.statusCode === 400)) {
    return AppError.validation('Request body is not valid JSON');
  }
  const fromDb = translateDbError(err);
  if (fromDb) return fromDb;
  if (isUnavailableError(err)) return new AppError('UNAVAILABLE', 'Database unavailable, please retry shortly');
  if (isResponseSerializationError(err)) {
    req.log.error({ err }, 'response did not match its schema');
    return new AppError('INTERNAL', 'Internal error');
  }
  if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
    const code: ErrorCode = err.statusCode === 404 ? 'NOT_FOUND' : err.statusCode === 429 ? 'RATE_LIMITED' : err.statusCode === 413 ? 'PAYLOAD_TOO_LARGE' : 'VALIDATION';
    return new AppError(code, err.message);
  }
  return new AppError('INTERNAL', 'Internal error');
}

/** Every failure leaves as the contract's error shape; nothing internal reaches the client. (Unknown routes: see serveWeb in server.ts.) */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const e = toAppError(err, req);
    if (e.code === 'INTERNAL') req.log.error({ err }, 'unhandled error');
    else if (e.code === 'UNAVAILABLE') req.log.warn({ err: err.message }, 'database unavailable');
    return sendError(reply, e);
  });
}

/**
 * Errors the router raises before any route or hook runs (Fastify's `frameworkErrors`): a path
 * whose percent-encoding is not UTF-8 (`/api/tickets/%FF`), a path parameter past `maxParamLength`.
 * Fastify answers those with a body of its own and none of our hooks, so without this they left in
 * another shape and without `x-request-id`. Both are bad input: 400 VALIDATION naming the path.
 */
export function routerErrorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  reply.header('x-request-id', req.id);
  switch (err.code) {
    case 'FST_ERR_BAD_URL':
      return sendError(reply, AppError.validation('请求路径编码无效 (the path is not valid percent-encoded UTF-8)', [{ path: 'url', message: '不是有效的 UTF-8 百分号编码 (not valid percent-encoded UTF-8)', code: 'invalid_format' }]));
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return sendError(reply, AppError.validation(`路径参数过长 (a path parameter is longer than ${maxPathParamLength} characters)`, [{ path: 'params', message: `最多 ${maxPathParamLength} 个字符 (at most ${maxPathParamLength} characters)`, code: 'too_long', params: { maximum: maxPathParamLength } }]));
    default:
      req.log.error({ err }, 'router error');
      return sendError(reply, new AppError('INTERNAL', 'Internal error'));
  }
}

/** Longest path parameter the router accepts (Fastify's default); ids are far shorter. */
export const maxPathParamLength = 100;
