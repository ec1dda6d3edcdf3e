import { z } from 'zod';
import type { HttpApp } from '../types.js';
import type { AppContext } from '../../../app.js';
import { rolesAdmin, rolesLeads } from '../access.js';
import { idParams } from '../../../contract/common.js';
import {
  createUserBody,
  issueTokenBody,
  issuedTokenSchema,
  passwordChangedSchema,
  setPasswordBody,
  tokenListSchema,
  tokenParams,
  updateUserBody,
  userListSchema,
  userSchema,
} from '../../../contract/users.js';
import type { Requester } from '../../../core/users/ports.js';
import type { User } from '../../../core/users/user.js';
import { AppError } from '../../../core/shared/app-error.js';

const actorOf = (u: { id: string; username: string } | null) => ({ id: u?.id ?? null, name: u?.username ?? null });

/** The signed-in user as the users core wants them (routes with access 'authenticated' always have one). */
function signedIn(u: User | null): Requester {
  if (!u) throw new AppError('UNAUTHENTICATED', 'Sign in required');
  return { kind: 'user', id: u.id, username: u.username, role: u.role };
}

export function userRoutes(app: HttpApp, ctx: AppContext): void {
  app.get(
    '/api/users',
    { config: { access: rolesLeads }, schema: { tags: ['users'], summary: 'List users', response: { 200: userListSchema } } },
    async () => ({ items: await ctx.users.list() }),
  );

  app.post(
    '/api/users',
    {
      config: { access: rolesAdmin },
      schema: {
        tags: ['users'],
        summary: 'Create a user',
        body: createUserBody(ctx.config.passwordPolicy.minLength),
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
        params: idParams,
        body: updateUserBody,
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
        params: idParams,
        body: issueTokenBody,
        response: { 201: issuedTokenSchema },
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
        params: idParams,
        response: { 200: tokenListSchema },
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
        params: tokenParams,
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
        params: idParams,
        body: setPasswordBody,
        response: { 200: passwordChangedSchema },
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
