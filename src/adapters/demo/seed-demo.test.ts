import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { createAppContext } from '../../app.js';
import { seedDemoData } from './seed-demo.js';

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
    } finally {
      await ctx.close();
    }
  }, 180_000);
});
