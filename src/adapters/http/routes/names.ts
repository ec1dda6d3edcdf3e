import type { HttpApp } from '../types.js';
import type { AppContext } from '../../../app.js';
import { rolesAll } from '../access.js';
import { namesSchema } from '../../../contract/names.js';

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
    async () => {
      const [users, standard] = await Promise.all([ctx.users.list(), ctx.standard.active()]);
      return { people: Object.fromEntries(users.map((u) => [u.username, u.displayName])), queues: { ...standard.pack.queues } };
    },
  );
}
