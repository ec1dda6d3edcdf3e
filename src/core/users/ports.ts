import type { User, UserWithSecret } from './user.js';
import type { Role } from './roles.js';

// What the users module needs from storage. The Kysely repositories in src/adapters/db satisfy
// these structurally; the core never imports them.

export interface UserStore {
  insert(u: UserWithSecret): Promise<void>;
  findByUsername(username: string): Promise<UserWithSecret | undefined>;
  findById(id: string): Promise<UserWithSecret | undefined>;
  list(): Promise<User[]>;
  count(): Promise<number>;
  update(id: string, patch: Partial<Pick<UserWithSecret, 'displayName' | 'role' | 'team' | 'active' | 'passwordHash'>>, at: number): Promise<void>;
}

export interface SessionStore {
  insert(s: { id: string; userId: string; csrfToken: string; createdAt: number; expiresAt: number; ip: string | null }): Promise<void>;
  find(id: string): Promise<{ id: string; userId: string; csrfToken: string; createdAt: number; expiresAt: number } | undefined>;
  delete(id: string): Promise<void>;
  deleteForUser(userId: string): Promise<void>;
}

export interface TokenStore {
  insert(t: { id: string; userId: string; name: string; tokenHash: string; createdAt: number; lastUsedAt: number | null; revokedAt: number | null }): Promise<void>;
  findActiveByHash(tokenHash: string): Promise<{ id: string; userId: string; lastUsedAt: number | null } | undefined>;
  touch(id: string, at: number): Promise<void>;
  /** Revokes every active token of the user; answers how many were active. */
  revokeForUser(userId: string, at: number): Promise<number>;
  /** The user's tokens, revoked ones too, newest first. */
  listForUser(userId: string): Promise<TokenInfo[]>;
  /** Revokes one active token of the user; false when there is no such active token. */
  revoke(id: string, userId: string, at: number): Promise<boolean>;
}

/** What may be shown about an API token: never the secret nor its hash. */
export interface TokenInfo {
  id: string;
  name: string;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

export interface AuditEvent {
  actor: { id: string | null; name: string | null };
  action: string;
  target?: { type: string; id: string };
  detail?: Record<string, unknown>;
  ip?: string | null;
}

export interface AuditLog {
  record(e: AuditEvent): Promise<void>;
}

export interface Actor {
  id: string;
  username: string;
  role: Role;
  team: string | null;
}

/**
 * Who asks for a change to an account: the CLI (an operator on the server's machine, trusted like an
 * admin) or a signed-in user (admins act on anyone; others on themselves only).
 */
export type Requester = { kind: 'cli'; name: string } | { kind: 'user'; id: string; username: string; role: Role };

/**
 * Password hashing and token digests, done by the adapters (`adapters/secrets.ts`: scrypt with its
 * parameters in the hash, SHA-256 for tokens), so the core draws no salt and runs no native crypto.
 */
export interface Secrets {
  hashPassword(password: string): Promise<string>;
  verifyPassword(password: string, stored: string): Promise<boolean>;
  /** A hash to compare against when the user does not exist, so timing does not reveal it. */
  dummyPasswordHash(): Promise<string>;
  /** The stored form of a session or API token. */
  hashToken(token: string): string;
}
