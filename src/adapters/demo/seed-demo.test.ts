import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { createAppContext } from '../../app.js';
import { DEMO_PASSWORD, seedDemoData } from './seed-demo.js';
import { buildServer } from '../http/server.js';
import { sessionHeaders } from '../http/test-app.js';
import { demoCall } from './demo-transcripts.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-demo-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('npm run demo data', () => {
  it('fills a week of calls, judged transcripts, tickets in every state and promises kept and broken — once', async () => {
    const config = loadConfig({ KEFU_DATA_DIR: dir, KEFU_ADMIN_PASSWORD: 'kefu-demo-2026', LOG_LEVEL: 'silent' });
    const now = Date.parse('2026-03-09T12:00:00+08:00');
    const said: string[] = [];
    await seedDemoData(config, (m) => said.push(m), now);
    await seedDemoData(config, (m) => said.push(m), now);
    expect(said.filter((m) => m.includes('已生成'))).toHaveLength(1);

    const ctx = await createAppContext(config);
    try {
      const db = ctx.database.db;
      const calls = await db.selectFrom('calls').select(['outcome', 'quality_score', 'quality_fatal']).execute();
      expect(calls.length).toBeGreaterThan(100);
      expect(calls.some((c) => c.outcome === 'abandoned')).toBe(true);
      const judged = calls.filter((c) => c.quality_score !== null);
      expect(judged.some((c) => c.quality_score === 100)).toBe(true);
      expect(judged.some((c) => c.quality_fatal === 1)).toBe(true);
      const tickets = await db.selectFrom('tickets').select(['status', 'escalation_level']).execute();
      for (const status of ['open', 'resolved', 'reopened', 'closed']) expect(tickets.map((t) => t.status)).toContain(status);
      expect(tickets.some((t) => t.escalation_level === 'management_office')).toBe(true);
      const promises = await db.selectFrom('ticket_promises').select('status').execute();
      expect(promises.map((p) => p.status)).toEqual(expect.arrayContaining(['kept', 'broken']));
      // 回访: campaigns, tasks from the resolved complaints, attempts of every outcome, a report.
      expect((await db.selectFrom('callback_campaigns').select('selection').execute()).map((c) => (JSON.parse(c.selection) as { kind: string }).kind).sort()).toEqual(['after-solved', 'cold', 'further-service', 'low-satisfaction', 'random']);
      const outcomes = (await db.selectFrom('callback_attempts').select('outcome').execute()).map((a) => a.outcome);
      expect(new Set(outcomes)).toEqual(new Set(['reached', 'no_answer', 'busy', 'wrong_number', 'absent', 'refused']));
      const reports = await db.selectFrom('callback_reports').select('solved').execute();
      expect(reports.map((r) => r.solved).sort()).toEqual([0, 1]);
      expect((await ctx.users.list()).map((u) => u.role)).toEqual(expect.arrayContaining(['agent', 'supervisor', 'qa', 'manager', 'admin']));
      // #21: the demo pack names a believable centre, so the desk's opening script reads as one would say it.
      const pack = (await ctx.standard.active()).pack;
      expect(pack.variables.centre).toEqual(['惠民客服中心']);
      expect(pack.variables.company).toEqual(['惠民通信']);
      // The desk's search finds answers, and its banner has today's bulletin to read.
      expect((await db.selectFrom('kb_articles').select('id').execute()).length).toBeGreaterThanOrEqual(4);
      expect(await db.selectFrom('bulletins').select('title').execute()).toEqual([{ title: '今日起宽带报修承诺时限调整' }]);
      await demoReviewAcceptance(ctx, now);
    } finally {
      await ctx.close();
    }
  }, 180_000);
});

/**
 * Issue #15's first acceptance item on the demo data: for each month of the demo week, the sample
 * gives every agent a share ≥ 0.2 and holds every fatal call; drawing again adds nothing; calls
 * added later are topped up.
 */
async function demoReviewAcceptance(ctx: Awaited<ReturnType<typeof createAppContext>>, now: number): Promise<void> {
  const app = await buildServer(ctx, { logger: false });
  try {
    const login = async (username: string) => sessionHeaders(await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: DEMO_PASSWORD } }));
    const lin = await login('lin');
    const months = (await ctx.database.db.selectFrom('review_months').select('month').execute()).map((m) => m.month);
    expect(months.length).toBeGreaterThan(0);
    const judged = await ctx.database.db.selectFrom('calls').select(['id', 'quality_fatal']).where('quality_score', 'is not', null).execute();
    const sampled = new Set((await ctx.database.db.selectFrom('reviews').select('call_id').execute()).map((r) => r.call_id));
    for (const c of judged) if (c.quality_fatal === 1) expect(sampled.has(c.id)).toBe(true);
    for (const month of months) {
      const again = await app.inject({ method: 'POST', url: '/api/reviews/sample', headers: lin, payload: { month } });
      expect(again.json()).toMatchObject({ added: { quota: 0, fatal: 0, complaint: 0 } });
      const coverage = (await app.inject({ method: 'GET', url: `/api/reviews/coverage?month=${month}`, headers: lin })).json() as { agents: Array<{ share: number; calls: number }>; fatalCalls: number; fatalSampled: number };
      expect(coverage.agents.length).toBeGreaterThan(0);
      for (const a of coverage.agents) expect(a.share).toBeGreaterThanOrEqual(0.2);
      expect(coverage.fatalSampled).toBe(coverage.fatalCalls);
    }
    // The demo has reviews, a disagreement with a taboo hit, an accepted appeal and drills.
    const agreement = (await app.inject({ method: 'GET', url: '/api/reviews/agreement', headers: lin })).json() as { rules: Array<{ rule: string; falseAlarms: number }> };
    expect(agreement.rules.find((r) => r.rule === 'PH-TABOO')?.falseAlarms).toBe(1);
    expect((await ctx.database.db.selectFrom('drill_runs').select('id').execute()).length).toBe(2);

    // More calls arrive this month: the next draw tops the sample up.
    const admin = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: DEMO_PASSWORD } });
    const auth = sessionHeaders(admin);
    const month = months[months.length - 1]!;
    for (let i = 0; i < 10; i++) {
      const startedAt = now - 3_600_000 + i * 60_000;
      const d = demoCall({ id: `late-${i}`, scenario: 'ideal', agent: 'wang', agentName: '王强', customerId: 'x', surname: '赵', phone: '13812345678', startedAt: new Date(startedAt).toISOString(), seed: i });
      const base = { callId: `late-${i}`, queue: 'hotline', caller: '13812345678' };
      const ingest = await app.inject({ method: 'POST', url: '/api/cti/events', headers: auth, payload: { events: [{ type: 'offered', at: startedAt, ...base }, { type: 'answered', at: startedAt + 3000, agent: 'wang', ...base }, { type: 'ended', at: startedAt + 3000 + d.talkMs, by: 'customer', agent: 'wang', ...base }] } });
      const id = (ingest.json() as { calls: Array<{ id: string }> }).calls[0]!.id;
      await app.inject({ method: 'POST', url: `/api/calls/${id}/transcript`, headers: auth, payload: { ...d.transcript, id } });
    }
    const topUp = (await app.inject({ method: 'POST', url: '/api/reviews/sample', headers: lin, payload: { month } })).json() as { added: { quota: number } };
    expect(topUp.added.quota).toBeGreaterThanOrEqual(2);
    const covered = (await app.inject({ method: 'GET', url: `/api/reviews/coverage?month=${month}`, headers: lin })).json() as { agents: Array<{ agent: string; share: number }> };
    for (const a of covered.agents) expect(a.share).toBeGreaterThanOrEqual(0.2);
  } finally {
    await app.close();
  }
}
