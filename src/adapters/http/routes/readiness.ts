import { z } from 'zod';
import type { HttpApp } from '../types.js';
import type { AppContext } from '../../../app.js';
import { pingDatabase } from '../../db/database.js';
import { AppError } from '../../../core/shared/app-error.js';

/**
 * `GET /api/ready`: whether this process should get traffic (issue #20). A load balancer takes a
 * process out while this is 503: shutting down, the database unreachable, or (PostgreSQL, when
 * listening) the event connection down, so its streams would lag other processes' events by the
 * 1 s poll. `/api/health` stays the liveness check.
 */
export function readinessRoutes(app: HttpApp, ctx: AppContext): void {
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.get(
    '/api/ready',
    {
      config: { access: 'public' },
      schema: {
        tags: ['system'],
        summary: 'Readiness for a load balancer: 503 while shutting down or without the database',
        response: { 200: z.object({ status: z.literal('ready'), db: z.enum(['sqlite', 'postgres']), events: z.enum(['listening', 'polling']), pid: z.number() }) },
      },
    },
    async () => {
      if (closing) throw new AppError('UNAVAILABLE', 'Shutting down');
      try {
        await pingDatabase(ctx.database);
      } catch {
        throw new AppError('UNAVAILABLE', 'Database unavailable');
      }
      if (ctx.notifications && !ctx.notifications.connected) throw new AppError('UNAVAILABLE', 'Event connection to PostgreSQL is down (reconnecting)');
      return { status: 'ready' as const, db: ctx.database.dialect, events: ctx.notifications ? ('listening' as const) : ('polling' as const), pid: process.pid };
    },
  );
}
