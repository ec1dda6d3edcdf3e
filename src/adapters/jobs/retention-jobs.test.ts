import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../http/test-app.js';
import type { Dialect } from '../db/database.js';
import { registerRetentionJobs, RETENTION_QUEUE } from './retention-jobs.js';
import { nextRetentionRun } from '../../core/retention/daily-run.js';

const dialects: Dialect[] = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
const DAY = 86_400_000;

describe.each(dialects)('retention periods and the daily job [%s]', (dialect) => {
  let t: TestApp;
  afterEach(async () => t.close());

  it('the daily run fires once however many processes schedule it, and removes only what is past its period', async () => {
    t = await createTestApp({ dialect, start: Date.parse('2026-03-02T09:00:00+08:00') });
    const admin = await t.as('admin');
    const db = t.ctx.database.db;
    const now = t.clock.now();

    // Periods per kind, set by an admin (a manager may read them, an agent may not).
    const put = await t.app.inject({ method: 'PUT', url: '/api/retention', headers: admin, payload: { transcriptsDays: 30, callEventsDays: 60, auditDays: 90, liveEventsHours: 24 } });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().nextRun.day).toBe('2026-03-03');
    expect((await t.app.inject({ method: 'PUT', url: '/api/retention', headers: admin, payload: { transcriptsDays: 0, callEventsDays: 60, auditDays: 90, liveEventsHours: 24 } })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/api/retention', headers: await t.as('agent') })).statusCode).toBe(403);

    const call = (id: string, startedAt: number) => ({ id, source: 'cti', external_id: id, queue: '', agent: 'ana', caller: null, customer_id: null, started_at: startedAt, outcome: 'answered', measures: '[]', source_lines: null, transcript: '{"utterances":[]}', quality: '{}', quality_score: 90, quality_fatal: 0, failed_rules: '[]', standard_version: 'default@1', updated_at: startedAt });
    await db.insertInto('calls').values([call('old', now - 45 * DAY), call('new', now - 5 * DAY)]).execute();
    const ev = (id: string, time: number) => ({ source: 'cti', external_id: id, queue: '', time, event: 'answered', agent: 'ana', data: '{}', line: 0, line_hash: time % 1000 });
    await db.insertInto('call_source_events').values([ev('old', now - 70 * DAY), ev('new', now - 5 * DAY)]).execute();
    const audit = (id: string, at: number) => ({ id, at, actor_id: null, actor_name: 'x', action: 'probe', target_type: null, target_id: null, detail: null, ip: null });
    await db.insertInto('audit_log').values([audit('a-old', now - 100 * DAY), audit('a-new', now - 10 * DAY)]).execute();
    await db.insertInto('event_log').values([{ type: 'call.answered', at: now - 2 * DAY, payload: '{}', customer_id: null, dedupe_key: null }, { type: 'call.answered', at: now - 3600_000, payload: '{}', customer_id: null, dedupe_key: null }]).execute();

    // Three processes start and each schedules the run: one job.
    await registerRetentionJobs(t.ctx);
    await registerRetentionJobs(t.ctx);
    await registerRetentionJobs(t.ctx);
    const jobs = await db.selectFrom('jobs').selectAll().where('queue', '=', RETENTION_QUEUE).execute();
    expect(jobs.map((j) => j.unique_key)).toEqual(['retention:2026-03-03']);
    expect(jobs[0]!.run_at).toBe(nextRetentionRun(now, 'Asia/Shanghai').at);

    // Not before 03:30 local.
    expect(await t.ctx.jobs.runDue()).toBe(0);
    t.clock.set(Date.parse('2026-03-03T03:31:00+08:00'));
    expect(await t.ctx.jobs.runDue()).toBe(1);
    expect(await t.ctx.jobs.runDue()).toBe(0);
    // A process starting after the run does not add it again.
    await registerRetentionJobs(t.ctx);
    expect(await t.ctx.jobs.runDue()).toBe(0);

    const calls = await db.selectFrom('calls').select(['id', 'transcript', 'quality', 'quality_score']).orderBy('id').execute();
    expect(calls).toEqual([
      { id: 'new', transcript: '{"utterances":[]}', quality: '{}', quality_score: 90 },
      { id: 'old', transcript: null, quality: null, quality_score: 90 },
    ]);
    expect((await db.selectFrom('call_source_events').select('external_id').execute()).map((r) => r.external_id)).toEqual(['new']);
    const auditIds = (await db.selectFrom('audit_log').select(['id', 'action']).execute()).map((r) => r.id);
    expect(auditIds).toContain('a-new');
    expect(auditIds).not.toContain('a-old');
    // The two call events inserted above: the one past the live-event period is gone. (Signing the
    // test's users in logs agent.signed_in events of its own, which are recent and stay.)
    expect((await db.selectFrom('event_log').select(['type', 'at']).where('type', '=', 'call.answered').execute()).map((e) => e.at)).toEqual([now - 3600_000]);
    const applied = await db.selectFrom('audit_log').selectAll().where('action', '=', 'retention.applied').execute();
    expect(applied).toHaveLength(1);
    expect(JSON.parse(applied[0]!.detail!)).toMatchObject({ transcriptsCleared: 1, callEventsDeleted: 1, auditDeleted: 1, liveEventsDeleted: 1 });
    // The next day's run is waiting.
    const next = await db.selectFrom('jobs').select(['unique_key', 'status']).where('queue', '=', RETENTION_QUEUE).orderBy('run_at').execute();
    expect(next).toEqual([
      { unique_key: 'retention:2026-03-03', status: 'done' },
      { unique_key: 'retention:2026-03-04', status: 'pending' },
    ]);
  });
});
