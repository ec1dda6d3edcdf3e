import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDatabase } from './db/test-databases.js';
import { createTestApp, type TestApp } from './http/test-app.js';
import { registerVisit } from '../core/visits/register-visit.js';

/**
 * Issue #16: two receptions registering at once never give out one queue number. On PostgreSQL the
 * parallel transactions read the same highest number; the unique (day, number) index refuses all but
 * one and the others run again, so every visitor still gets a number, each once, with no gap.
 */
describeEachDatabase('queue numbers under parallel registrations', (_db, dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp({ dialect });
  });
  afterEach(() => t.close());

  it('twelve visitors registered at once get the numbers 1–12, each once', async () => {
    const visits = await Promise.all(
      Array.from({ length: 12 }, (_, i) => registerVisit(t.ctx.visits.ctx, { visitor: { surname: `访客${i}` }, purpose: '咨询' }, { username: `reception-${i % 3}` })),
    );
    expect(visits.map((v) => v.number).sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    const stored = await t.ctx.visits.repo.listVisits({ limit: 100 });
    expect(stored).toHaveLength(12);
    expect(new Set(stored.map((v) => v.number)).size).toBe(12);
    // Each registration set its one 3-minute alert timer (a retried transaction left none behind).
    const timers = await t.ctx.database.db.selectFrom('jobs').select('unique_key').where('queue', '=', 'visits.alert').execute();
    expect(timers).toHaveLength(12);
  });
});
