import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../core/shared/app-error.js';
import { roles, type Role } from '../../core/users/roles.js';
import type { User } from '../../core/users/user.js';
import type { UserService } from '../../core/users/user-service.js';
import { sendError } from './errors.js';

/**
 * Who may call a route. Every /api route must declare it in `config.access`; registering one
 * without it throws at start-up (and the route-walk test fails), so a forgotten check cannot ship.
 * - `public`: anyone (health, OpenAPI, login).
 * - `authenticated`: any signed-in user (me, logout).
 * - a list of roles.
 */
export type Access = 'public' | 'authenticated' | readonly Role[];

export const SESSION_COOKIE = 'kefu_session';
export const CSRF_COOKIE = 'kefu_csrf';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    user: User | null;
    /** How the user was authenticated; CSRF applies to cookies only. */
    authVia: 'session' | 'token' | null;
  }
}

export const rolesAll: readonly Role[] = roles;
export const rolesStaff = rolesAll;
export const rolesLeads: readonly Role[] = ['supervisor', 'manager', 'admin'];
export const rolesAdmin: readonly Role[] = ['admin'];

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface RegisteredRoute {
  method: string;
  url: string;
  access: Access | undefined;
}
const routeTables = new WeakMap<FastifyInstance, RegisteredRoute[]>();

/** Every /api route with its declared access (for the route-walk test and the docs). */
export function registeredRoutes(app: FastifyInstance): RegisteredRoute[] {
  return routeTables.get(app) ?? [];
}

export function installAccessControl(app: FastifyInstance, users: UserService): void {
  routeTables.set(app, []);
  app.decorateRequest('user', null);
  app.decorateRequest('authVia', null);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api')) return;
    for (const m of [route.method].flat()) if (m !== 'HEAD') routeTables.get(app)?.push({ method: m, url: route.url, access: route.config?.access });
    if (route.method === 'HEAD' || (Array.isArray(route.method) && route.method.every((m) => m === 'HEAD'))) return;
    if (!route.config?.access) throw new Error(`Route ${String(route.method)} ${route.url} declares no access (config.access)`);
  });

  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    const access = req.routeOptions.config?.access;
    if (!req.url.startsWith('/api') || access === undefined) return;
    await authenticate(req, users);
    if (access === 'public') return;
    if (!req.user) return sendError(reply, new AppError('UNAUTHENTICATED', 'Sign in required'));
    if (access !== 'authenticated' && !access.includes(req.user.role)) {
      return sendError(reply, AppError.forbidden(`This needs one of the roles: ${access.join(', ')}`));
    }
    if (req.authVia === 'session' && UNSAFE.has(req.method)) {
      const sent = req.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || sent !== csrfOf(req)) {
        return sendError(reply, AppError.forbidden('Missing or wrong CSRF token (send the x-csrf-token header)'));
      }
    }
  });
}

const csrfTokens = new WeakMap<FastifyRequest, string>();
function csrfOf(req: FastifyRequest): string | undefined {
  return csrfTokens.get(req);
}

async function authenticate(req: FastifyRequest, users: UserService): Promise<void> {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) {
    const user = await users.resolveApiToken(auth.slice(7).trim());
    if (user) {
      req.user = user;
      req.authVia = 'token';
    }
    return;
  }
  const cookie = req.cookies[SESSION_COOKIE];
  if (cookie) {
    const s = await users.resolveSession(cookie);
    if (s) {
      req.user = s.user;
      req.authVia = 'session';
      csrfTokens.set(req, s.csrfToken);
    }
  }
}

/** The CSRF token of the request's session (for /api/auth/me). */
export function sessionCsrfToken(req: FastifyRequest): string | undefined {
  return csrfOf(req);
}

/** Throws FORBIDDEN unless the request's user has one of the roles; for checks inside handlers. */
export function requireRole(req: FastifyRequest, allowed: readonly Role[]): User {
  if (!req.user) throw new AppError('UNAUTHENTICATED', 'Sign in required');
  if (!allowed.includes(req.user.role)) throw AppError.forbidden();
  return req.user;
}
