import type { HttpApp } from '../types.js';
import type { AppContext } from '../../../app.js';
import { AppError } from '../../../core/shared/app-error.js';
import { CSRF_COOKIE, SESSION_COOKIE, sessionCsrfToken } from '../access.js';
import { SharedLoginRateLimiter } from '../shared-login-rate-limiter.js';
import { sendError } from '../errors.js';
import { revealableKinds } from '../../../core/shared/personal-data.js';
import type { User } from '../../../core/users/user.js';
import { loginBody, meSchema, sessionSchema, type SessionUser } from '../../../contract/auth.js';

/** The signed-in user as the session answer gives them: with what they may reveal, so no screen restates the rule. */
const sessionUser = (u: User): SessionUser => ({ ...u, mayReveal: revealableKinds(u.role) });

export function authRoutes(app: HttpApp, ctx: AppContext): void {
  // Counted in the database: one allowance per address for every server process (issue #20).
  const limiter = new SharedLoginRateLimiter(ctx.database.db, ctx.database.dialect, ctx.config.loginAttemptsPerMinute, () => ctx.clock.now());
  // Secure when configured, or when a trusted proxy (KEFU_TRUST_PROXY) says the client came over HTTPS.
  const cookieBase = (req: { protocol: string }) => ({ path: '/', sameSite: 'lax' as const, secure: ctx.config.secureCookies || req.protocol === 'https' });

  app.post(
    '/api/auth/login',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Sign in; sets the session cookie',
        body: loginBody,
        response: { 200: sessionSchema },
      },
    },
    async (req, reply) => {
      const key = req.ip;
      // Counted before the hash, so parallel guesses cannot all pass the check (see LoginRateLimiter).
      const attempt = await limiter.begin(key);
      if (!attempt) {
        reply.header('retry-after', String(await limiter.retryAfterSeconds(key)));
        return sendError(reply, new AppError('RATE_LIMITED', 'Too many failed sign-ins; try again in a minute'));
      }
      const result = await ctx.users.login(req.body.username, req.body.password, req.ip);
      if (!result) return sendError(reply, new AppError('UNAUTHENTICATED', 'Wrong username or password'));
      attempt.succeeded();
      const maxAge = Math.floor((result.expiresAt - ctx.clock.now()) / 1000);
      reply.setCookie(SESSION_COOKIE, result.sessionToken, { ...cookieBase(req), httpOnly: true, maxAge });
      // Readable by the page so it can echo it in the x-csrf-token header (double submit).
      reply.setCookie(CSRF_COOKIE, result.csrfToken, { ...cookieBase(req), httpOnly: false, maxAge });
      // The supervisor's agent-status board reads sessions again on `agent.*` events.
      if (result.user.role === 'agent') await ctx.events.publish({ type: 'agent.signed_in', at: ctx.clock.now(), agentId: result.user.id, username: result.user.username });
      return { user: sessionUser(result.user), csrfToken: result.csrfToken };
    },
  );

  app.post(
    '/api/auth/logout',
    { config: { access: 'authenticated' }, schema: { tags: ['auth'], summary: 'Sign out' } },
    async (req, reply) => {
      const token = req.cookies[SESSION_COOKIE];
      if (token) await ctx.users.logout(token);
      if (req.user?.role === 'agent') await ctx.events.publish({ type: 'agent.signed_out', at: ctx.clock.now(), agentId: req.user.id, username: req.user.username });
      reply.clearCookie(SESSION_COOKIE, { path: '/' }).clearCookie(CSRF_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  );

  // Public, answering `user: null` when nobody is signed in: the page asks this on every load,
  // and a 401 there would put an error in every visitor's browser console.
  app.get(
    '/api/auth/me',
    {
      config: { access: 'public' },
      schema: { tags: ['auth'], summary: 'The signed-in user (with the kinds of personal data they may reveal), or null', response: { 200: meSchema } },
    },
    async (req) => ({ user: req.user ? sessionUser(req.user) : null, csrfToken: req.user ? (sessionCsrfToken(req) ?? null) : null }),
  );
}
