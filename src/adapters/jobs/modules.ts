import type { AppContext } from '../../app.js';
import { registerTicketJobs } from './ticket-jobs.js';
import { registerCallbackJobs } from './callback-jobs.js';
import { registerVisitJobs } from './visit-jobs.js';
import { sweepIdempotencyKeys } from '../http/idempotency.js';
import { registerRetentionJobs } from './retention-jobs.js';

// Background work each feature module hangs on the job queue (SLA reminders, callbacks, …).
// A new module adds its `register(ctx)` here; it runs before the queue starts polling.
const jobModules: Array<(ctx: AppContext) => Promise<void> | void> = [
  (ctx) => {
    // Expired sessions are deleted hourly so the table does not grow without end.
    ctx.jobs.handle('system.sweep_sessions', async () => {
      await ctx.database.db.deleteFrom('sessions').where('expires_at', '<=', ctx.clock.now()).execute();
      // Answers kept for Idempotency-Key retries live a day.
      await sweepIdempotencyKeys(ctx.database, ctx.clock.now());
      // Sign-in attempts older than the rate limit's minute (login_attempts, issue #20).
      await ctx.database.db.deleteFrom('login_attempts').where('at', '<=', ctx.clock.now() - 60_000).execute();
      await ctx.jobs.schedule('system.sweep_sessions', {}, { runAt: ctx.clock.now() + 3600_000, key: 'system.sweep_sessions' });
    });
  },
  registerTicketJobs,
  registerCallbackJobs,
  registerVisitJobs,
  registerRetentionJobs,
];

export async function startModules(ctx: AppContext): Promise<void> {
  for (const register of jobModules) await register(ctx);
  await ctx.jobs.schedule('system.sweep_sessions', {}, { runAt: ctx.clock.now() + 60_000, key: 'system.sweep_sessions' });
}
