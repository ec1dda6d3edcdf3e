import { AppError } from '../shared/app-error.js';
import type { Clock } from '../shared/clock.js';
import { passwordProblems, type PasswordPolicy } from './password-policy.js';
import type { AuditLog, Requester, Secrets, SessionStore, TokenStore, UserStore } from './ports.js';

export interface PasswordChangeContext {
  users: UserStore;
  sessions: SessionStore;
  tokens: TokenStore;
  audit: AuditLog;
  clock: Clock;
  secrets: Secrets;
  policy: PasswordPolicy;
  /** Drops cached token lookups of the user, so revoked tokens stop working in this process at once. */
  forgetTokensOf(userId: string): void;
}

export interface PasswordChange {
  password: string;
  /**
   * Whether the user's API tokens stop working too. Asked every time, never defaulted here: a
   * password changed because it leaked usually means the tokens should go, but revoking them
   * silently would stop a PBX connector. (The CLI defaults to revoking when it cannot ask.)
   */
  revokeTokens: boolean;
  /** Required when users change their own password (a stolen session alone must not suffice). */
  currentPassword?: string;
}

/**
 * Sets a user's password. Admins (and the CLI) may set anyone's; every user may set their own
 * with their current password. Ends all the user's sessions (that is usually why it changed) and,
 * when asked, revokes their API tokens.
 */
export async function changePassword(ctx: PasswordChangeContext, userId: string, change: PasswordChange, by: Requester): Promise<{ revokedTokens: number }> {
  const user = await ctx.users.findById(userId);
  if (!user) throw AppError.notFound('User');
  const self = by.kind === 'user' && by.id === user.id;
  // Non-admins address only themselves; anyone else is "not found" for them (as for tokens).
  if (by.kind === 'user' && !self && by.role !== 'admin') throw AppError.notFound('User');
  if (self) {
    const ok = change.currentPassword !== undefined && (await ctx.secrets.verifyPassword(change.currentPassword, user.passwordHash));
    if (!ok) throw AppError.validation('当前密码不正确 (the current password is wrong)', [{ path: 'currentPassword', message: '当前密码不正确 (wrong current password)', code: 'wrong_password' }]);
  }
  const problems = passwordProblems(change.password, ctx.policy, user.username);
  if (problems.length) throw AppError.validation(`密码太弱 (weak password): ${problems.map((p) => p.message).join('; ')}`, problems.map((p) => ({ path: 'password', ...p })));

  const now = ctx.clock.now();
  await ctx.users.update(user.id, { passwordHash: await ctx.secrets.hashPassword(change.password) }, now);
  await ctx.sessions.deleteForUser(user.id);
  const revokedTokens = change.revokeTokens ? await ctx.tokens.revokeForUser(user.id, now) : 0;
  ctx.forgetTokensOf(user.id);
  const actor = by.kind === 'cli' ? { id: null, name: by.name } : { id: by.id, name: by.username };
  await ctx.audit.record({ actor, action: 'user.password_changed', target: { type: 'user', id: user.id }, detail: { revokeTokens: change.revokeTokens, revokedTokens } });
  return { revokedTokens };
}
