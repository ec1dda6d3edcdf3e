import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app.js';
import { newId } from '../../core/shared/ids.js';
import { systemRandom } from '../system-random.js';
import { installAccessControl } from './access.js';
import { installErrorHandling, maxPathParamLength, routerErrorHandler, sendError } from './errors.js';
import { installIdempotency } from './idempotency.js';
import { requestLogOptions } from './request-log.js';
import { installSecurityHeaders } from './security-headers.js';
import { installStringGuard } from './string-guard.js';
import { installChangeBroadcast } from './change-broadcast.js';
import { AppError } from '../../core/shared/app-error.js';
import type { HttpApp } from './types.js';
import { healthRoutes } from './routes/health.js';
import { authRoutes } from './routes/auth.js';
import { userRoutes } from './routes/users.js';
import { httpModules } from './routes/index.js';
import pkg from '../../../package.json' with { type: 'json' };

const webDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web/dist');

export interface ServerOptions {
  /** Log as JSON to stdout (default) or nowhere (tests). */
  logger?: boolean;
  /** The built web UI to serve at `/` (default `web/dist`); browser tests pass a fresh build. */
  webDist?: string;
  /** Where log lines go instead of stdout (tests read the log). */
  logStream?: { write(msg: string): void };
}

export async function buildServer(ctx: AppContext, opts: ServerOptions = {}): Promise<HttpApp> {
  const app = Fastify({
    logger: opts.logger === false ? false : requestLogOptions(ctx.config.logLevel, opts.logStream),
    bodyLimit: ctx.config.bodyLimit,
    // Behind nginx (deploy/nginx.conf): the client's address and scheme from X-Forwarded-*, believed only from the configured proxies.
    // (A number of hops is accepted at run time — Fastify documents it — though its types omit it.)
    trustProxy: ctx.config.trustProxy as boolean | string[],
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : newId(systemRandom, Date.now(), 'req_');
    },
    requestIdHeader: false,
    routerOptions: { maxParamLength: maxPathParamLength },
    frameworkErrors: routerErrorHandler,
    // Let in-flight requests finish on close, but stop keep-alive connections from holding it open.
    forceCloseConnections: 'idle',
  }).withTypeProvider<ZodTypeProvider>() as unknown as HttpApp;

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  // On shutdown, answers to requests still in hand tell the client to close its keep-alive
  // connection; otherwise an idle keep-alive socket would hold the server open for its timeout.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_req, reply) => {
    if (closing) reply.header('connection', 'close');
  });
  // The docs UI registers its own routes: they are public by nature.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/docs')) route.config = { ...(route.config ?? {}), access: 'public' };
  });
  installErrorHandling(app);
  installStringGuard(app);
  installSecurityHeaders(app, ctx.config.secureCookies, ctx.config.recordingsUrl);
  await app.register(cookie);
  installAccessControl(app, ctx.users);
  // A write's live events are in the event log before its answer leaves (cluster/event-log.ts), and
  // before an Idempotency-Key answer is stored: registered first, this onSend runs first, so a retry
  // can never replay an answer whose events a killed process had not logged yet.
  app.addHook('onSend', async (req, _reply, payload) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') await ctx.eventLog.drain();
    return payload;
  });
  installIdempotency(app, ctx);
  installChangeBroadcast(app, ctx.changes);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Kefu API', version: pkg.version, description: 'Kefu 客服中心平台 HTTP API. Errors: {"error":{"code","message","fields"}}.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'kefu_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
  healthRoutes(app, ctx);
  authRoutes(app, ctx);
  userRoutes(app, ctx);
  for (const register of httpModules) register(app, ctx);

  await serveWeb(app, opts.webDist ?? webDist);
  return app;
}

async function serveWeb(app: HttpApp, root: string): Promise<void> {
  const hasWeb = fs.existsSync(path.join(root, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root, wildcard: false, index: ['index.html'], maxAge: '1h', immutable: false });
  // Single-page app: any non-API GET that is not a file gets index.html, so deep links work.
  app.setNotFoundHandler((req, reply) => {
    const url = req.url.split('?')[0] ?? '/';
    if (req.method === 'GET' && !url.startsWith('/api') && !path.extname(url)) {
      if (hasWeb) return reply.type('text/html').header('cache-control', 'no-cache').sendFile('index.html');
      return reply.type('text/html; charset=utf-8').send('<!doctype html><meta charset="utf-8"><title>Kefu</title><p>网页尚未构建：请运行 <code>npm run build:web</code>（<code>npm start</code> 会自动构建）。</p>');
    }
    return sendError(reply, AppError.notFound(`Route ${req.method} ${url}`));
  });
}
