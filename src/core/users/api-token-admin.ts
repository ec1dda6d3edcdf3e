import { AppError } from '../shared/app-error.js';
import type { Clock } from '../shared/clock.js';
import type { AuditLog, Requester, TokenInfo, TokenStore, UserStore } from './ports.js';

export interface ApiTokenAdminContext {
  users: UserStore;
  tokens: TokenStore;
  audit: AuditLog;
  clock: Clock;
  /** Drops the cached lookup of one token, so it stops working in this process at once. */
  forgetToken(tokenId: string): void;
}

function mayManage(actor: Requester, userId: string): boolean {
  return actor.kind === 'cli' || actor.role === 'admin' || actor.id === userId;
}

/** A user's API tokens (names and dates, never secrets), newest first. */
export async function listApiTokens(ctx: ApiTokenAdminContext, userId: string, actor: Requester): Promise<TokenInfo[]> {
  // Non-admins address only themselves: another user's tokens are "not found" for them, the same
  // answer as an unknown user, so the route tells nothing about who has tokens.
  if (!mayManage(actor, userId)) throw AppError.notFound('User');
  if (!(await ctx.users.findById(userId))) throw AppError.notFound('User');
  return ctx.tokens.listForUser(userId);
}

/** Revokes one token of one user; NOT_FOUND when it is unknown, another user's or already revoked. */
export async function revokeApiToken(ctx: ApiTokenAdminContext, userId: string, tokenId: string, actor: Requester): Promise<void> {
  if (!mayManage(actor, userId)) throw AppError.notFound('Active token');
  const now = ctx.clock.now();
  if (!(await ctx.tokens.revoke(tokenId, userId, now))) throw AppError.notFound('Active token');
  ctx.forgetToken(tokenId);
  const by = actor.kind === 'cli' ? { id: null, name: actor.name } : { id: actor.id, name: actor.username };
  await ctx.audit.record({ actor: by, action: 'user.token_revoked', target: { type: 'user', id: userId }, detail: { tokenId } });
}
