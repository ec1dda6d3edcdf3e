import { AppError, type FieldError } from '../shared/app-error.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import { randomToken, type Random } from '../shared/random.js';
import { defaultPasswordPolicy, passwordProblems, type PasswordPolicy } from './password-policy.js';
import { changePassword, type PasswordChange, type PasswordChangeContext } from './password-change.js';
import { listApiTokens, revokeApiToken, type ApiTokenAdminContext } from './api-token-admin.js';
import type { AuditLog, Requester, Secrets, SessionStore, TokenInfo, TokenStore, UserStore } from './ports.js';
import { isRole, roles, type Role } from './roles.js';
import { usernamePattern, type User } from './user.js';
import { withoutSecret } from './without-secret.js';

/** A role outside the list, as a field error (creation and role changes alike). */
const roleError: FieldError = { path: 'role', message: `must be one of ${roles.join(', ')}`, code: 'one_of', params: { values: roles.join(', ') } };

export interface NewUser {
  username: string;
  password: string;
  role: Role;
  displayName?: string;
  team?: string | null;
}

export interface LoginResult {
  user: User;
  /** The secret for the session cookie; only its hash is stored. */
  sessionToken: string;
  csrfToken: string;
  expiresAt: number;
}

/**
 * How long a resolved API token is trusted without asking the database again. Every API request
 * resolves its token (two queries); a PBX connector or a bench sends hundreds a second. Disabling a
 * user or revoking tokens in this process clears the cache at once; another process's change is
 * seen within this time.
 */
export const apiTokenCacheMs = 5_000;
const apiTokenCacheMax = 10_000;

/**
 * Users, passwords, sessions and API tokens. Failed logins say nothing about which part was
 * wrong, and take the same time whether or not the user exists.
 */
export class UserService {
  private readonly tokenCache = new Map<string, { user: User; tokenId: string; lastUsedAt: number | null; until: number }>();

  constructor(
    private readonly deps: {
      users: UserStore;
      sessions: SessionStore;
      tokens: TokenStore;
      audit: AuditLog;
      clock: Clock;
      /** Ids, session cookies, CSRF and API tokens are drawn from it (the system's CSPRNG in production). */
      random: Random;
      secrets: Secrets;
      sessionTtlMs: number;
      /** Strength rule for new passwords (config: KEFU_PASSWORD_MIN_LENGTH, KEFU_PASSWORD_REJECT_COMMON). */
      passwordPolicy?: PasswordPolicy;
    },
  ) {}

  private get policy(): PasswordPolicy {
    return this.deps.passwordPolicy ?? defaultPasswordPolicy;
  }

  private get passwordChangeContext(): PasswordChangeContext {
    return { ...this.deps, policy: this.policy, forgetTokensOf: (userId) => this.forgetTokensOf(userId) };
  }

  private get tokenAdminContext(): ApiTokenAdminContext {
    return { ...this.deps, forgetToken: (tokenId) => this.forgetToken(tokenId) };
  }

  async createUser(input: NewUser, actor: { id: string | null; name: string | null } = { id: null, name: 'system' }): Promise<User> {
    const fields: FieldError[] = [];
    if (!usernamePattern.test(input.username)) fields.push({ path: 'username', message: '2–64 letters, digits, . _ - (start with a letter or digit)', code: 'invalid_username' });
    if (!isRole(input.role)) fields.push(roleError);
    if (typeof input.password !== 'string') fields.push({ path: 'password', message: 'required', code: 'required' });
    else for (const p of passwordProblems(input.password, this.policy, input.username)) fields.push({ path: 'password', ...p });
    if (fields.length) throw AppError.validation('Invalid user', fields);
    const holder = await this.deps.users.findByUsername(input.username);
    if (holder) throw AppError.conflict(`User ${input.username} already exists`, [{ path: 'username', message: 'already taken', code: 'taken', params: { by: holder.displayName || holder.username } }]);
    const now = this.deps.clock.now();
    const user = {
      id: newId(this.deps.random, now, 'u_'),
      username: input.username,
      displayName: input.displayName?.trim() || input.username,
      role: input.role,
      team: input.team ?? null,
      active: true,
      createdAt: now,
      updatedAt: now,
      passwordHash: await this.deps.secrets.hashPassword(input.password),
    };
    await this.deps.users.insert(user);
    await this.deps.audit.record({ actor, action: 'user.created', target: { type: 'user', id: user.id }, detail: { username: user.username, role: user.role } });
    return withoutSecret(user);
  }

  async login(username: string, password: string, ip: string | null): Promise<LoginResult | undefined> {
    const user = await this.deps.users.findByUsername(username);
    const ok = await this.deps.secrets.verifyPassword(password, user?.passwordHash ?? (await this.deps.secrets.dummyPasswordHash()));
    if (!user || !ok || !user.active) {
      await this.deps.audit.record({ actor: { id: user?.id ?? null, name: username.slice(0, 64) }, action: 'auth.login_failed', ip });
      return undefined;
    }
    const now = this.deps.clock.now();
    const sessionToken = randomToken(this.deps.random, 32);
    const csrfToken = randomToken(this.deps.random, 24);
    const expiresAt = now + this.deps.sessionTtlMs;
    await this.deps.sessions.insert({ id: this.deps.secrets.hashToken(sessionToken), userId: user.id, csrfToken, createdAt: now, expiresAt, ip });
    await this.deps.audit.record({ actor: { id: user.id, name: user.username }, action: 'auth.login', ip });
    return { user: withoutSecret(user), sessionToken, csrfToken, expiresAt };
  }

  /** The user behind a session cookie, or undefined when it is unknown, expired or the user is disabled. */
  async resolveSession(sessionToken: string): Promise<{ user: User; csrfToken: string } | undefined> {
    const id = this.deps.secrets.hashToken(sessionToken);
    const s = await this.deps.sessions.find(id);
    if (!s) return undefined;
    if (s.expiresAt <= this.deps.clock.now()) {
      await this.deps.sessions.delete(id);
      return undefined;
    }
    const user = await this.deps.users.findById(s.userId);
    if (!user || !user.active) return undefined;
    return { user: withoutSecret(user), csrfToken: s.csrfToken };
  }

  async logout(sessionToken: string): Promise<void> {
    await this.deps.sessions.delete(this.deps.secrets.hashToken(sessionToken));
  }

  async issueApiToken(username: string, name: string, actor: { id: string | null; name: string | null }): Promise<string> {
    const user = await this.deps.users.findByUsername(username);
    if (!user) throw AppError.notFound(`User ${username}`);
    const now = this.deps.clock.now();
    const token = `kefu_${randomToken(this.deps.random, 32)}`;
    await this.deps.tokens.insert({ id: newId(this.deps.random, now, 'tok_'), userId: user.id, name, tokenHash: this.deps.secrets.hashToken(token), createdAt: now, lastUsedAt: null, revokedAt: null });
    await this.deps.audit.record({ actor, action: 'user.token_issued', target: { type: 'user', id: user.id }, detail: { name } });
    return token;
  }

  async resolveApiToken(token: string): Promise<User | undefined> {
    const hash = this.deps.secrets.hashToken(token);
    const now = this.deps.clock.now();
    const hit = this.tokenCache.get(hash);
    if (hit && hit.until > now) {
      await this.touchToken(hit, now);
      return hit.user;
    }
    this.tokenCache.delete(hash);
    const t = await this.deps.tokens.findActiveByHash(hash);
    if (!t) return undefined;
    const user = await this.deps.users.findById(t.userId);
    if (!user || !user.active) return undefined;
    const entry = { user: withoutSecret(user), tokenId: t.id, lastUsedAt: t.lastUsedAt, until: now + apiTokenCacheMs };
    if (this.tokenCache.size >= apiTokenCacheMax) this.tokenCache.clear();
    this.tokenCache.set(hash, entry);
    await this.touchToken(entry, now);
    return entry.user;
  }

  // Touch at most once a minute: a busy PBX connector must not turn every request into a write.
  private async touchToken(entry: { tokenId: string; lastUsedAt: number | null }, now: number): Promise<void> {
    if (entry.lastUsedAt !== null && now - entry.lastUsedAt <= 60_000) return;
    entry.lastUsedAt = now;
    await this.deps.tokens.touch(entry.tokenId, now);
  }

  /**
   * Forgets cached token lookups: of one user, or all of them. Another server process changed a
   * user or revoked a token (a cross-process change signal, issue #20), so its effect is not left
   * to the cache's 5 s expiry.
   */
  forgetCachedTokens(userId?: string): void {
    if (userId === undefined) this.tokenCache.clear();
    else this.forgetTokensOf(userId);
  }

  /** Forgets cached token lookups of one user (role, team or active changed; tokens revoked). */
  private forgetTokensOf(userId: string): void {
    for (const [hash, e] of this.tokenCache) if (e.user.id === userId) this.tokenCache.delete(hash);
  }

  /** Sets a user's password by user name (the CLI); see changePassword for who may and what it ends. */
  async setPassword(username: string, change: PasswordChange, by: Requester): Promise<{ revokedTokens: number }> {
    const user = await this.deps.users.findByUsername(username);
    if (!user) throw AppError.notFound(`User ${username}`);
    return changePassword(this.passwordChangeContext, user.id, change, by);
  }

  /** Sets a user's password by id (HTTP): admins anyone's, users their own with the current one. */
  changePassword(userId: string, change: PasswordChange, by: Requester): Promise<{ revokedTokens: number }> {
    return changePassword(this.passwordChangeContext, userId, change, by);
  }

  listApiTokens(userId: string, actor: Requester): Promise<TokenInfo[]> {
    return listApiTokens(this.tokenAdminContext, userId, actor);
  }

  revokeApiToken(userId: string, tokenId: string, actor: Requester): Promise<void> {
    return revokeApiToken(this.tokenAdminContext, userId, tokenId, actor);
  }

  /** Forgets the cached lookup of one token (revoked). */
  private forgetToken(tokenId: string): void {
    for (const [hash, e] of this.tokenCache) if (e.tokenId === tokenId) this.tokenCache.delete(hash);
  }

  async updateUser(id: string, patch: { role?: Role; displayName?: string; team?: string | null; active?: boolean }, actor: { id: string | null; name: string | null }): Promise<User> {
    const user = await this.deps.users.findById(id);
    if (!user) throw AppError.notFound('User');
    if (patch.role !== undefined && !isRole(patch.role)) throw AppError.validation('Invalid role', [roleError]);
    const now = this.deps.clock.now();
    await this.deps.users.update(id, patch, now);
    this.forgetTokensOf(id);
    if (patch.active === false) {
      await this.deps.sessions.deleteForUser(id);
      await this.deps.tokens.revokeForUser(id, now);
    }
    if (patch.role !== undefined && patch.role !== user.role) {
      await this.deps.audit.record({ actor, action: 'user.role_changed', target: { type: 'user', id }, detail: { from: user.role, to: patch.role } });
    }
    if (patch.active !== undefined && patch.active !== user.active) {
      await this.deps.audit.record({ actor, action: patch.active ? 'user.enabled' : 'user.disabled', target: { type: 'user', id } });
    }
    const after = await this.deps.users.findById(id);
    return withoutSecret(after!);
  }

  list(): Promise<User[]> {
    return this.deps.users.list();
  }

  count(): Promise<number> {
    return this.deps.users.count();
  }
}
