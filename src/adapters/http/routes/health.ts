import { z } from 'zod';
import type { HttpApp } from '../types.js';
import type { AppContext } from '../../../app.js';
import { pingDatabase } from '../../db/database.js';
import { AppError } from '../../../core/shared/app-error.js';
import pkg from '../../../../package.json' with { type: 'json' };

export function healthRoutes(app: HttpApp, ctx: AppContext): void {
  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['system'],
        summary: 'Liveness and database reachability',
        response: { 200: z.object({ status: z.literal('ok'), db: z.enum(['sqlite', 'postgres']), version: z.string() }) },
      },
    },
    async () => {
      try {
        await pingDatabase(ctx.database);
      } catch {
        throw new AppError('UNAVAILABLE', 'Database unavailable');
      }
      return { status: 'ok' as const, db: ctx.database.dialect, version: pkg.version };
    },
  );
}
