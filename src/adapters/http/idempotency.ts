import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../core/shared/app-error.js';
import type { Clock } from '../../core/shared/clock.js';
import { IdempotencyRepository, type IdempotencyClaim } from '../db/repositories/idempotency-repository.js';
import type { Database } from '../db/database.js';
import { sendError } from './errors.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route creates something: an `Idempotency-Key` header makes a retry return the first answer. */
    idempotent?: boolean;
  }
}

/** How long an answer is kept for its key. */
export const IDEMPOTENCY_TTL_MS = 24 * 3600_000;
/** A key still pending after this long belongs to a request whose process died: it may be claimed again. */
const ABANDONED_AFTER_MS = 2 * 60_000;
const HEADER = 'idempotency-key';
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;
const headerField = 'Idempotency-Key';

/**
 * `Idempotency-Key` on creates (routes with `config.idempotent`). A client whose connection broke
 * after the server stored a ticket cannot know it was stored; retrying with the same key returns
 * the stored answer (201, same ticket) instead of a second ticket. Keys are scoped to the user and
 * the route, kept 24 hours, and bound to the request body: the same key with another body is a
 * 409. Only successful answers are kept, so a create that failed (400) may be retried as is.
 */
export function installIdempotency(app: FastifyInstance, deps: { database: Database; clock: Clock }): void {
  const store = new IdempotencyRepository(deps.database.db);
  const claims = new WeakMap<FastifyRequest, IdempotencyClaim>();

  // Said in the API reference of every such route.
  app.addHook('onRoute', (route) => {
    if (!route.config?.idempotent || !route.schema) return;
    const note = 'Accepts an `Idempotency-Key` header (1–200 printable ASCII, per user): a retry with the same key and body within 24 h returns the first answer (`idempotent-replayed: true`); the same key with another body is a 409.';
    route.schema.description = route.schema.description ? `${route.schema.description} ${note}` : note;
  });

  app.addHook('preHandler', async (req: FastifyRequest, reply: FastifyReply) => {
    if (!req.routeOptions.config?.idempotent) return;
    const key = req.headers[HEADER];
    if (key === undefined) return;
    if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
      return sendError(reply, AppError.validation('Idempotency-Key 须为 1–200 个可见 ASCII 字符', [{ path: headerField, message: '1–200 printable ASCII characters' }]));
    }
    const claim: IdempotencyClaim = { scope: `${req.user?.id ?? '-'} ${req.method} ${req.url.split('?')[0] ?? ''}`, key };
    const now = deps.clock.now();
    const hash = createHash('sha256').update(JSON.stringify(req.body ?? null)).digest('base64url');
    const r = await store.claim({ ...claim, hash, now, expiredBefore: now - IDEMPOTENCY_TTL_MS, abandonedBefore: now - ABANDONED_AFTER_MS });
    switch (r.kind) {
      case 'new':
        claims.set(req, claim);
        return;
      case 'replay':
        return reply.status(r.status).header('idempotent-replayed', 'true').type('application/json; charset=utf-8').send(r.body);
      case 'in_progress':
        return sendError(reply, AppError.conflict('使用同一 Idempotency-Key 的请求仍在处理中，请稍后重试 / A request with this key is still running; retry shortly', [{ path: headerField, message: 'in progress' }]));
      case 'different_request':
        return sendError(reply, AppError.conflict('该 Idempotency-Key 已用于另一个请求 / This key was used for a different request', [{ path: headerField, message: 'already used for a different request' }]));
      default:
        return exhaustive(r);
    }
  });

  app.addHook('onSend', async (req, reply, payload) => {
    const claim = claims.get(req);
    if (!claim) return payload;
    claims.delete(req);
    if (reply.statusCode >= 200 && reply.statusCode < 300 && typeof payload === 'string') await store.complete(claim, reply.statusCode, payload);
    else await store.release(claim);
    return payload;
  });
}

/** The hourly sweep: answers older than a day are forgotten. */
export async function sweepIdempotencyKeys(database: Database, now: number): Promise<void> {
  await new IdempotencyRepository(database.db).deleteOlderThan(now - IDEMPOTENCY_TTL_MS);
}

function exhaustive(x: never): never {
  throw new Error(`unexpected ${String(x)}`);
}
