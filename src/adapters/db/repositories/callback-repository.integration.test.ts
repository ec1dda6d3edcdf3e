import { describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../test-databases.js';
import { CallbackRepository } from './callback-repository.js';
import { officialYears } from '../../../core/calendar/data/official-holidays.js';
import { defaultCallbackSettings } from '../../../core/standard/callback-schema.js';
import { createCallbackRules } from '../../../core/callbacks/callback-rules.js';
import { planCampaign } from '../../../core/callbacks/plan-campaign.js';
import { recordAttempt } from '../../../core/callbacks/record-attempt.js';
import type { StoredCampaign, StoredTask } from '../../../core/callbacks/ports.js';
import type { CallbackTarget } from '../../../core/callbacks/model.js';
import { fixedClock } from '../../../core/shared/clock.js';
import { scheduleTaskTimers } from '../../../core/callbacks/callback-context.js';
import { JobQueue } from '../../jobs/job-queue.js';

const rules = createCallbackRules(defaultCallbackSettings, officialYears, 'Asia/Shanghai');
const at = (iso: string): number => Date.parse(iso);
const NOW = at('2025-09-26T18:00:00+08:00');

const campaign: StoredCampaign = {
  id: 'cmp_1',
  name: '投诉解决后回访',
  type: 'mediation',
  selection: { kind: 'after-solved', from: at('2025-09-01T00:00:00+08:00'), to: at('2025-10-01T00:00:00+08:00') },
  period: { from: '2025-09-28', to: '2025-10-31' },
  ownerTeam: 'callback',
  createdBy: null,
  createdAt: NOW,
  updatedAt: NOW,
  lastPlan: null,
};

function targets(n: number): CallbackTarget[] {
  return Array.from({ length: n }, (_, i) => ({
    customerId: `C${i}`,
    customerName: `客户${i}`,
    number: `1380000${String(i).padStart(4, '0')}`,
    numberKind: 'home',
    ticketId: `T${i}`,
    solvedAt: at('2025-09-26T17:00:00+08:00'),
    reason: '投诉已解决',
  }));
}

function planned(n: number): StoredTask[] {
  return planCampaign({ campaign, agents: ['a1', 'a2'], targets: targets(n) }, { rules }).tasks.map((t, i) => ({ ...t, id: `cb_${String(i).padStart(4, '0')}`, createdAt: NOW, updatedAt: NOW }));
}

describe('callback storage', () => {
  describeEachDatabase('CallbackRepository', (getDb) => {
    const repo = () => new CallbackRepository(getDb().db, getDb().dialect);

    it('stores a campaign and reads it back with its rule, period and last plan', async () => {
      await repo().insertCampaign(campaign);
      expect(await repo().findCampaign('cmp_1')).toEqual(campaign);
      const updated = { ...campaign, name: '改名', updatedAt: NOW + 1, lastPlan: planCampaign({ campaign, agents: ['a1'], targets: targets(1) }, { rules }).summary };
      await repo().updateCampaign(updated);
      expect(await repo().findCampaign('cmp_1')).toEqual(updated);
      expect((await repo().listCampaigns()).map((c) => c.id)).toEqual(['cmp_1']);
    });

    it('inserting the same task keys twice adds nothing the second time (the unique task key)', async () => {
      const tasks = planned(5);
      expect((await repo().insertTasks(tasks)).sort()).toEqual(tasks.map((t) => t.id).sort());
      const again = tasks.map((t) => ({ ...t, id: `${t.id}x` }));
      expect(await repo().insertTasks(again)).toEqual([]);
      expect((await repo().listTasks({ limit: 100 })).items).toHaveLength(5);
      expect((await repo().existingOf('cmp_1')).map((e) => e.key).sort()).toEqual(tasks.map((t) => t.key).sort());
      // Inside a transaction too (PostgreSQL holds plain inserts; this one must count what it wrote).
      const added = await getDb().db.transaction().execute((trx) => new CallbackRepository(trx, getDb().dialect).insertTasks([...again, { ...planned(6)[5]!, id: 'cb_new' }]));
      expect(added).toEqual(['cb_new']);
    });

    it('records attempts in order with their forms; a reached report is a row of its own', async () => {
      const [task] = planned(1);
      await repo().insertTasks([task!]);
      const clock = fixedClock(at('2025-09-28T09:00:00+08:00'));
      const ctx = { settings: rules.settings, windows: rules.windows, clock };
      const first = recordAttempt(task!, { agent: 'a1', outcome: 'absent', message: { takenBy: { name: '王芳', relation: '妻子' }, left: '请回电', callAgainAt: at('2025-09-28T16:00:00+08:00') } }, ctx);
      await repo().appendAttempt(task!, first.attempt);
      await repo().updateTask({ ...task!, ...first.task, updatedAt: clock.now() });
      clock.set(at('2025-09-28T16:05:00+08:00'));
      const loaded = (await repo().findTaskForUpdate(task!.id))!;
      expect(loaded.status).toBe('retry');
      const report = { customerName: '客户0', contact: '13800000000', at: clock.now(), type: 'mediation', content: '确认投诉处理结果', opinions: '', satisfaction: 2, solved: false, followUpNeeded: true, agent: 'a1' };
      const second = recordAttempt(loaded, { agent: 'a1', outcome: 'reached', report }, ctx);
      await repo().appendAttempt(loaded, second.attempt);
      await repo().updateTask({ ...loaded, ...second.task, updatedAt: clock.now() });
      const back = (await repo().findTask(task!.id))!;
      expect(back.attempts.map((a) => a.outcome)).toEqual(['absent', 'reached']);
      expect(back.attempts[0]!.message?.takenBy).toEqual({ name: '王芳', relation: '妻子' });
      expect(back.attempts[1]!.report?.satisfaction).toBe(2);
      expect(back).toMatchObject({ status: 'closed', closeReason: 'reached' });
      expect(await repo().reportSatisfaction(at('2025-09-01T00:00:00+08:00'), at('2025-10-01T00:00:00+08:00'))).toEqual([{ customerId: 'C0', score: 2, at: clock.now() }]);
      expect((await repo().tasksForKpi(at('2025-09-28T00:00:00+08:00'), at('2025-10-01T00:00:00+08:00'))).map((t) => t.id)).toEqual([task!.id]);
    });

    it('lists by status, agent and due day, soonest planned first, in pages that never overlap', async () => {
      await repo().insertTasks(planned(30));
      const all = await repo().listTasks({ limit: 100 });
      expect(all.items).toHaveLength(30);
      const times = all.items.map((t) => t.plannedAt!);
      expect([...times].sort((a, b) => a - b)).toEqual(times);
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await repo().listTasks({ limit: 7, ...(cursor ? { cursor } : {}) });
        seen.push(...page.items.map((t) => t.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toEqual(all.items.map((t) => t.id));
      const a1 = await repo().listTasks({ agent: 'a1', status: ['pending'], limit: 100 });
      expect(a1.items.length).toBe(15);
      expect((await repo().listTasks({ due: { from: at('2025-09-29T00:00:00+08:00'), to: at('2025-09-30T00:00:00+08:00') }, limit: 100 })).items).toHaveLength(30);
      expect((await repo().listTasks({ due: { from: at('2025-10-08T00:00:00+08:00'), to: at('2025-10-09T00:00:00+08:00') }, limit: 100 })).items).toHaveLength(0);
      expect((await repo().listTasks({ overdueAt: at('2025-10-08T00:00:00+08:00'), limit: 100 })).items).toHaveLength(30);
    });

    it('writes the timers of a large plan in statements the database accepts (1,500 tasks, 4,500 timers)', async () => {
      const db = getDb();
      const tasks = planCampaign({ campaign, agents: Array.from({ length: 30 }, (_, i) => `a${i}`), targets: targets(1500) }, { rules }).tasks.map((t, i) => ({ ...t, id: `cb_${i}`, createdAt: NOW, updatedAt: NOW }));
      expect(tasks).toHaveLength(1500);
      await db.db.transaction().execute(async (trx) => {
        const repoInTrx = new CallbackRepository(trx, db.dialect);
        await repoInTrx.insertTasks(tasks);
        await scheduleTaskTimers(new JobQueue(trx, db.dialect, { clock: fixedClock(NOW) }), tasks, NOW);
      });
      const jobs = await db.db.selectFrom('jobs').select((eb) => eb.fn.countAll<number>().as('n')).where('unique_key', 'like', 'callback:%').executeTakeFirstOrThrow();
      expect(Number(jobs.n)).toBe(4500);
    });
  });
});
