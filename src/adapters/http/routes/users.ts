import { z } from 'zod';
import type { HttpApp } from '../types.js';
import { userSchema } from '../types.js';
import type { AppContext } from '../../../app.js';
import { rolesAdmin, rolesLeads } from '../access.js';
import { roles } from '../../../core/users/roles.js';
import type { Requester } from '../../../core/users/ports.js';
import type { User } from '../../../core/users/user.js';
import { AppError } from '../../../core/shared/app-error.js';

const actorOf = (u: { id: string; username: string } | null) => ({ id: u?.id ?? null, name: u?.username ?? null });

/** The signed-in user as the users core wants them (routes with access 'authenticated' always have one). */
function signedIn(u: User | null): Requester {
  if (!u) throw new AppError('UNAUTHENTICATED', 'Sign in required');
  return { kind: 'user', id: u.id, username: u.username, role: u.role };
}

const tokenInfoSchema = z.object({ id: z.string(), name: z.string(), createdAt: z.number(), lastUsedAt: z.number().nullable(), revokedAt: z.number().nullable() });

export function userRoutes(app: HttpApp, ctx: AppContext): void {
  app.get(
    '/api/users',
    { config: { access: rolesLeads }, schema: { tags: ['users'], summary: 'List users', response: { 200: z.object({ items: z.array(userSchema) }) } } },
    async () => ({ items: await ctx.users.list() }),
  );

  app.post(
    '/api/users',
    {
      config: { access: rolesAdmin },
      schema: {
        tags: ['users'],
        summary: 'Create a user',
        body: z.object({
          username: z.string(),
          // The length here names the field together with the others; the full rule is the core's.
          password: z.string().min(ctx.config.passwordPolicy.minLength).max(256),
          role: z.enum(roles),
          displayName: z.string().max(100).optional(),
          team: z.string().max(100).nullable().optional(),
        }),
        response: { 201: userSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await ctx.users.createUser(req.body, actorOf(req.user))),
  );

  app.patch(
    '/api/users/:id',
    {
      config: { access: rolesAdmin },
      schema: {
        tags: ['users'],
        summary: 'Change role, name, team or disable a user',
        params: z.object({ id: z.string() }),
        body: z.object({ role: z.enum(roles).optional(), displayName: z.string().min(1).max(100).optional(), team: z.string().max(100).nullable().optional(), active: z.boolean().optional() }),
        response: { 200: userSchema },
      },
    },
    async (req) => ctx.users.updateUser(req.params.id, req.body, actorOf(req.user)),
  );

  app.post(
    '/api/users/:id/tokens',
    {
      config: { access: rolesAdmin },
      schema: {
        tags: ['users'],
        summary: 'Issue an API token for scripts and PBX connectors (shown once)',
        params: z.object({ id: z.string() }),
        body: z.object({ name: z.string().min(1).max(100) }),
        response: { 201: z.object({ token: z.string() }) },
      },
    },
    async (req, reply) => {
      const users = await ctx.users.list();
      const target = users.find((u) => u.id === req.params.id);
      const token = await ctx.users.issueApiToken(target?.username ?? '', req.body.name, actorOf(req.user));
      return reply.status(201).send({ token });
    },
  );

  app.get(
    '/api/users/:id/tokens',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['users'],
        summary: "A user's API tokens: names, dates, last use; never the secret (admins: anyone's; others: their own)",
        params: z.object({ id: z.string() }),
        response: { 200: z.object({ items: z.array(tokenInfoSchema) }) },
      },
    },
    async (req) => ({ items: await ctx.users.listApiTokens(req.params.id, signedIn(req.user)) }),
  );

  app.delete(
    '/api/users/:id/tokens/:tokenId',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['users'],
        summary: 'Revoke one API token at once (admins: anyone\'s; others: their own)',
        params: z.object({ id: z.string(), tokenId: z.string() }),
      },
    },
    async (req, reply) => {
      await ctx.users.revokeApiToken(req.params.id, req.params.tokenId, signedIn(req.user));
      return reply.status(204).send();
    },
  );

  app.put(
    '/api/users/:id/password',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['users'],
        summary: "Set a password (admins: anyone's; others: their own, with currentPassword). Ends the user's sessions; revokeTokens says whether their API tokens stop working too",
        params: z.object({ id: z.string() }),
        body: z.object({
          password: z.string().min(1).max(256),
          currentPassword: z.string().max(256).optional(),
          revokeTokens: z.boolean({ error: '必须说明是否吊销该用户的 API 令牌 (say whether to revoke the user’s API tokens: true or false)' }),
        }),
        response: { 200: z.object({ revokedTokens: z.number() }) },
      },
    },
    async (req) => ctx.users.changePassword(req.params.id, req.body, signedIn(req.user)),
  );

  app.get(
    '/api/audit',
    {
      config: { access: ['manager', 'admin'] },
      schema: {
        tags: ['audit'],
        summary: 'The audit log, newest first',
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(500).default(100),
          cursor: z.string().optional(),
          action: z.string().optional(),
        }),
      },
    },
    async (req) => {
      const items = await ctx.auditRepo.list({ limit: req.query.limit, ...(req.query.cursor && { before: req.query.cursor }), ...(req.query.action && { action: req.query.action }) });
      return { items, nextCursor: items.length === req.query.limit ? items[items.length - 1]?.id ?? null : null };
    },
  );
}
