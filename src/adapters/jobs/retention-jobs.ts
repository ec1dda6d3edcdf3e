import type { AppContext } from '../../app.js';
import { nextRetentionRun } from '../../core/retention/daily-run.js';
import { applyRetention, readRetention } from '../privacy/retention.js';
import { ensureMonthPartitions } from '../db/partitions.js';

export const RETENTION_QUEUE = 'system.retention';

/**
 * The daily retention run (issue #20): one job per day, keyed `retention:<day>` and added with
 * `scheduleOnce`, so N server processes starting (or a run rescheduling the next) make one job a
 * day, which the queue fires once. Each run records `retention.applied` with what it removed.
 */
export async function registerRetentionJobs(ctx: AppContext): Promise<void> {
  ctx.jobs.handle<{ day: string }>(RETENTION_QUEUE, async (job) => {
    const now = ctx.clock.now();
    const policy = await readRetention(ctx.settings);
    const removed = await applyRetention(ctx.database.db, policy, now);
    // PostgreSQL: the month partitions of call events and audit rows, 3 months ahead.
    const partitionsSkipped = ctx.database.dialect === 'postgres' ? await ensureMonthPartitions(ctx.database.db, now) : [];
    await ctx.audit.record({ actor: { id: null, name: 'system' }, action: 'retention.applied', target: { type: 'retention', id: job.payload.day }, detail: { ...removed, policy, ...(partitionsSkipped.length > 0 && { partitionsSkipped }) } });
    await scheduleNextRetention(ctx);
  });
  await scheduleNextRetention(ctx);
}

export async function scheduleNextRetention(ctx: AppContext): Promise<void> {
  const next = nextRetentionRun(ctx.clock.now(), ctx.config.timeZone);
  await ctx.jobs.scheduleOnce(RETENTION_QUEUE, { day: next.day }, { runAt: next.at, key: `retention:${next.day}` });
}
