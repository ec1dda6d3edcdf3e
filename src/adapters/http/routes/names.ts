import type { HttpApp } from '../types.js';
import type { AppContext } from '../../../app.js';
import { rolesAll } from '../access.js';
import { namesSchema } from '../../../contract/names.js';
import type { User } from '../../../core/users/user.js';

/**
 * Whose name a reader gets: no administrator accounts (nobody's list names them, and their login names
 * are half a credential); an agent the active colleagues of their own team and the leads and
 * inspectors who assign, call back and review their work (what their lists show); leads everyone else,
 * former staff too (old calls name them).
 */
function mayName(reader: User | null, u: User): boolean {
  if (reader === null || u.role === 'admin') return false;
  if (reader.role !== 'agent') return true;
  return u.active && (u.username === reader.username || (u.role === 'agent' ? u.team !== null && u.team === reader.team : u.role === 'supervisor' || u.role === 'qa'));
}

/** `GET /api/names` (src/contract/names.ts): staff display names and the pack's queue names. */
export function nameRoutes(app: HttpApp, ctx: AppContext): void {
  app.get(
    '/api/names',
    {
      config: { access: rolesAll },
      schema: {
        tags: ['users'],
        summary: 'Display names of the staff (by username) and the standard pack’s names of the queues (by PBX id), for lists that show people and queues as the centre calls them',
        response: { 200: namesSchema },
      },
    },
    async (req) => {
      const [users, standard] = await Promise.all([ctx.users.list(), ctx.standard.active()]);
      return { people: Object.fromEntries(users.filter((u) => mayName(req.user, u)).map((u) => [u.username, u.displayName])), queues: { ...standard.pack.queues }, timeZone: ctx.config.timeZone };
    },
  );
}
