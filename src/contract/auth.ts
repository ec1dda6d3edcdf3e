import { z } from 'zod';
import { personalDataKinds } from '../core/shared/personal-data.js';
import { userSchema } from './users.js';

/**
 * Sign-in and the session (登录): the shapes of /api/auth/*. The session answer carries what the
 * screens need to know about the signed-in user's rights, worked out on the server so the web
 * restates no rule: `mayReveal`, the kinds of personal data this user may ask to see unmasked
 * (`?reveal=pii`, audited; core/shared/personal-data.ts).
 */

export { personalDataKinds };
export type { PersonalDataKind } from '../core/shared/personal-data.js';

export const sessionUserSchema = userSchema.extend({
  mayReveal: z.array(z.enum(personalDataKinds)).describe('kinds of personal data this user may reveal (?reveal=pii, audited); empty for agents and QA'),
});
export type SessionUser = z.output<typeof sessionUserSchema>;

/** POST /api/auth/login. */
export const loginBody = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) });
export const sessionSchema = z.object({ user: sessionUserSchema, csrfToken: z.string() });
export type Session = z.output<typeof sessionSchema>;

/** GET /api/auth/me: public, `user: null` when nobody is signed in. */
export const meSchema = z.object({ user: sessionUserSchema.nullable(), csrfToken: z.string().nullable() });
export type Me = z.output<typeof meSchema>;
