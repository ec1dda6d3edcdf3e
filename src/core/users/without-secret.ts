import type { User, UserWithSecret } from './user.js';

export function withoutSecret(u: UserWithSecret): User {
  const { passwordHash: _drop, ...user } = u;
  return user;
}
