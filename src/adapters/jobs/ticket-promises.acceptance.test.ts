import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { createAppContext, type AppContext } from '../../app.js';
import { fixedClock } from '../../core/shared/clock.js';
import type { DomainEvent } from '../../core/shared/event-bus.js';
import { openDatabase, type Dialect } from '../db/database.js';
import { dropSchema } from '../db/test-databases.js';
import { startModules } from './modules.js';

const dialects: Dialect[] = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
const at = (iso: string) => Date.parse(iso);
const agent = { id: 'u_a017', username: 'A017', role: 'agent' as const, team: 'east' };

/**
 * Acceptance (issue 6): a complaint created 2025-09-30 16:00 Asia/Shanghai with a 2-working-day
 * limit is due 2025-10-10 16:00 (National Day holiday in between); the reminder fires before it
 * and the escalation when it passes, although the server restarted in between.
 */
for (const dialect of dialects) {
  describe(`promise timers survive a restart [${dialect}]`, () => {
    const cleanups: Array<() => Promise<void>> = [];
    afterEach(async () => {
      for (const c of cleanups.reverse()) await c();
      cleanups.length = 0;
    });

    async function boot(clock: ReturnType<typeof fixedClock>, place: { dir: string; schema: string }): Promise<AppContext> {
      const config = loadConfig({ KEFU_DATA_DIR: place.dir, LOG_LEVEL: 'silent' });
      const database = dialect === 'sqlite' ? undefined : await openDatabase({ databaseUrl: process.env.TEST_DATABASE_URL, pgSchema: place.schema });
      return createAppContext(config, { clock, ...(database && { database }) });
    }

    it('reminds before 2025-10-10 16:00 and escalates after it, across two server lives', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-promise-'));
      const schema = `kefu_test_${randomBytes(6).toString('hex')}`;
      cleanups.push(async () => {
        fs.rmSync(dir, { recursive: true, force: true });
        if (dialect === 'postgres') await dropSchema(schema);
      });
      const clock = fixedClock('2025-09-30T16:00:00+08:00');

      // First life: the complaint is taken and the server stops.
      const first = await boot(clock, { dir, schema });
      await startModules(first);
      const created = await first.crm.tickets.create(
        { type: 'complaint', complaintClass: 'billing', complaintGrade: 'general', customerName: '赵先生', contactPhone: '13812341234', description: '9月账单多扣了50元流量费，要求核实并退还' },
        agent,
      );
      const promise = created.promises[0]!;
      expect(promise.dueAt).toBe(at('2025-10-10T16:00:00+08:00'));
      expect(promise.remindAt).toBeLessThan(promise.dueAt);
      await first.close();

      // Second life, a week later, on the same database.
      clock.set(at('2025-10-08T09:00:00+08:00'));
      const second = await boot(clock, { dir, schema });
      cleanups.push(() => second.close());
      const events: DomainEvent[] = [];
      second.events.on('*', (e) => void events.push(e));
      await startModules(second);
      await second.jobs.runDue();
      expect(events.map((e) => e.type)).not.toContain('promise.reminder');

      clock.set(promise.remindAt!);
      await second.jobs.runDue();
      expect(events.filter((e) => e.type === 'promise.reminder')).toMatchObject([{ ticketId: created.ticket.id, promiseId: promise.id, dueAt: promise.dueAt }]);
      expect(events.map((e) => e.type)).not.toContain('ticket.escalated');

      clock.set(at('2025-10-10T16:00:00+08:00'));
      await second.jobs.runDue();
      const detail = await second.crm.tickets.get(created.ticket.id, agent);
      expect(detail.promises[0]).toMatchObject({ status: 'broken', brokenAt: at('2025-10-10T16:00:00+08:00') });
      expect(detail.ticket.escalationLevel).toBe('supervisor');
      expect(events.filter((e) => e.type === 'ticket.escalated')).toMatchObject([{ from: 'agent', to: 'supervisor' }]);

      // Still not kept one working day later: up to the management office.
      clock.set(at('2025-10-13T16:00:00+08:00'));
      await second.jobs.runDue();
      const later = await second.crm.tickets.get(created.ticket.id, agent);
      expect(later.ticket.escalationLevel).toBe('management_office');
      expect(later.history.map((h) => h.action)).toEqual(['created', 'promise_made', 'promise_reminded', 'promise_broken', 'escalated', 'escalated']);
      // Nothing left to fire: the chain has ended.
      clock.set(at('2025-12-31T00:00:00+08:00'));
      await second.jobs.runDue();
      expect((await second.crm.tickets.get(created.ticket.id, agent)).history).toHaveLength(6);
    });

    it('a kept promise fires nothing', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-promise-'));
      const schema = `kefu_test_${randomBytes(6).toString('hex')}`;
      cleanups.push(async () => {
        fs.rmSync(dir, { recursive: true, force: true });
        if (dialect === 'postgres') await dropSchema(schema);
      });
      const clock = fixedClock('2025-09-30T16:00:00+08:00');
      const ctx = await boot(clock, { dir, schema });
      cleanups.push(() => ctx.close());
      await startModules(ctx);
      const events: DomainEvent[] = [];
      ctx.events.on('*', (e) => void events.push(e));
      const created = await ctx.crm.tickets.create({ type: 'repair', customerName: '孙女士', contactPhone: '13900001111', description: '宽带报修,光猫红灯闪烁,无法上网' }, agent);
      expect(created.promises[0]).toMatchObject({ kind: 'follow_up', duration: '24h' });
      clock.advance(3600_000);
      await ctx.crm.tickets.resolve(created.ticket.id, { solution: '上门更换光猫' }, agent);
      clock.set(at('2025-10-20T00:00:00+08:00'));
      await ctx.jobs.runDue();
      expect(events.map((e) => e.type).filter((t) => t.startsWith('promise.'))).toEqual(['promise.kept']);
    });
  });
}
