import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../db/test-databases.js';
import { createTestApp, type TestApp } from '../http/test-app.js';
import type { DomainEvent } from '../../core/shared/event-bus.js';
import { startModules } from './modules.js';

const at = (iso: string) => Date.parse(iso);
const agent = { id: 'u_a017', username: 'A017', role: 'agent' as const, team: 'east' };

/**
 * Callback timers on a fake clock: a complaint solved on Friday 26 September 2025 is due on
 * the 28th–30th (调休); the task reaches its agent's queue at its planned time, FU-REMIND fires
 * before the window closes, and once it has closed unreached the task is escalated (once).
 */
describeEachDatabase('callback timers', (_db, dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp({ dialect, start: at('2025-09-26T10:00:00+08:00') });
    await startModules(t.ctx);
  });
  afterEach(() => t.close());

  it('brings a due task to the queue, reminds before its window closes and escalates it once when the window has closed', async () => {
    const events: DomainEvent[] = [];
    t.ctx.events.on('*', (e) => void events.push(e));
    const created = await t.ctx.crm.tickets.create(
      { type: 'complaint', complaintClass: 'billing', complaintGrade: 'general', customerName: '赵先生', contactPhone: '13812341234', description: '9月账单多扣了50元流量费，要求核实并退还' },
      agent,
    );
    t.clock.set(at('2025-09-26T17:00:00+08:00'));
    await t.ctx.crm.tickets.resolve(created.ticket.id, { solution: '已退还' }, agent);
    const [task] = (await t.ctx.callbacks.repo.listTasks({ ticketId: created.ticket.id, limit: 10 })).items;
    expect(task!.due.last).toBe('2025-09-30');
    const callbackEvents = () => events.filter((e) => e.type.startsWith('callback.')).map((e) => e.type);

    await t.ctx.jobs.runDue();
    expect(callbackEvents()).toEqual([]);

    t.clock.set(task!.plannedAt!);
    await t.ctx.jobs.runDue();
    expect(callbackEvents()).toEqual(['callback.due']);

    t.clock.set(task!.due.endsAt - 3_600_000);
    await t.ctx.jobs.runDue();
    expect(callbackEvents()).toEqual(['callback.due', 'callback.remind']);
    expect((await t.ctx.callbacks.repo.findTask(task!.id))!.remindedAt).toBe(task!.due.endsAt - 3_600_000);

    t.clock.set(task!.due.endsAt + 60_000);
    await t.ctx.jobs.runDue();
    await t.ctx.jobs.runDue();
    expect(callbackEvents()).toEqual(['callback.due', 'callback.remind', 'callback.overdue']);
    const overdue = (await t.ctx.callbacks.repo.listTasks({ overdueAt: t.clock.now(), limit: 10 })).items;
    expect(overdue.map((x) => [x.id, x.escalatedAt])).toEqual([[task!.id, task!.due.endsAt + 60_000]]);
  });

  it('a task closed before its timers fire makes them do nothing', async () => {
    const events: DomainEvent[] = [];
    t.ctx.events.on('*', (e) => void events.push(e));
    const created = await t.ctx.crm.tickets.create(
      { type: 'complaint', complaintClass: 'billing', complaintGrade: 'general', customerName: '钱女士', contactPhone: '13912345678', description: '宽带断网三天，要求赔偿并尽快修复' },
      agent,
    );
    t.clock.set(at('2025-09-26T17:00:00+08:00'));
    await t.ctx.crm.tickets.resolve(created.ticket.id, { solution: '已修复' }, agent);
    const [task] = (await t.ctx.callbacks.repo.listTasks({ ticketId: created.ticket.id, limit: 10 })).items;
    t.clock.set(task!.plannedAt!);
    const { recordTaskAttempt } = await import('../../core/callbacks/record-task-attempt.js');
    await recordTaskAttempt(t.ctx.callbacks.ctx, task!.id, { outcome: 'refused' }, { username: 'A017', role: null, team: null });
    t.clock.set(task!.due.endsAt + 60_000);
    await t.ctx.jobs.runDue();
    expect(events.filter((e) => e.type.startsWith('callback.'))).toEqual([]);
  });
});
