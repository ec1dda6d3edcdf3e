import { z } from 'zod';
import { roles } from '../core/users/roles.js';

/**
 * Users, roles and API tokens (用户与角色): the request and response shapes of /api/users. The routes
 * validate and serialize with these; the web reads the types (`import type … from '@contract/users'`).
 */

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(roles),
  team: z.string().nullable(),
  active: z.boolean(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type UserRecord = z.output<typeof userSchema>;
export const userListSchema = z.object({ items: z.array(userSchema) });

/** An API token as the server lists it: never the secret. */
export const tokenInfoSchema = z.object({ id: z.string(), name: z.string(), createdAt: z.number(), lastUsedAt: z.number().nullable(), revokedAt: z.number().nullable() });
export type TokenRecord = z.output<typeof tokenInfoSchema>;
export const tokenListSchema = z.object({ items: z.array(tokenInfoSchema) });
/** The secret of a new token, shown once. */
export const issuedTokenSchema = z.object({ token: z.string() });
export type IssuedToken = z.output<typeof issuedTokenSchema>;

export const passwordChangedSchema = z.object({ revokedTokens: z.number() });
export type PasswordChanged = z.output<typeof passwordChangedSchema>;

// ── Requests ─────────────────────────────────────────────────────────────────────────────────────

/**
 * POST /api/users. The password's least length is the deployment's policy (KEFU_PASSWORD_MIN_LENGTH),
 * so the schema is made for it; the length here names the field together with the others, the full
 * rule is the core's.
 */
export const createUserBody = (minPasswordLength: number) =>
  z.object({
    username: z.string(),
    password: z.string().min(minPasswordLength).max(256),
    role: z.enum(roles),
    displayName: z.string().max(100).optional(),
    team: z.string().max(100).nullable().optional(),
  });
export type NewUser = z.input<ReturnType<typeof createUserBody>>;

export const updateUserBody = z.object({ role: z.enum(roles).optional(), displayName: z.string().min(1).max(100).optional(), team: z.string().max(100).nullable().optional(), active: z.boolean().optional() });
export type UserPatch = z.input<typeof updateUserBody>;

export const issueTokenBody = z.object({ name: z.string().min(1).max(100) });

export const setPasswordBody = z.object({
  password: z.string().min(1).max(256),
  currentPassword: z.string().max(256).optional(),
  revokeTokens: z.boolean({ error: '必须说明是否吊销该用户的 API 令牌 (say whether to revoke the user’s API tokens: true or false)' }),
});
export type PasswordChange = z.input<typeof setPasswordBody>;

export const tokenParams = z.object({ id: z.string(), tokenId: z.string() });
