import { describe, expect, it } from 'vitest';
import { officialYears } from '../calendar/data/official-holidays.js';
import { isAppError } from '../shared/app-error.js';
import { defaultCallbackSettings } from '../standard/callback-schema.js';
import { createCallbackRules } from './callback-rules.js';
import type { CallbackTarget } from './model.js';
import { planCampaign, type PlanInput } from './plan-campaign.js';

const rules = createCallbackRules(defaultCallbackSettings, officialYears, 'Asia/Shanghai');
const at = (iso: string): number => Date.parse(iso);
const iso = (ms: number | null) => (ms === null ? null : rules.calendar.formatInstant(ms));

function targets(n: number, extra: (i: number) => Partial<CallbackTarget> = () => ({})): CallbackTarget[] {
  return Array.from({ length: n }, (_, i) => ({
    customerId: `C${String(i).padStart(3, '0')}`,
    customerName: `客户${i}`,
    number: `1380000${String(i).padStart(4, '0')}`,
    numberKind: i % 2 === 0 ? 'home' : 'work',
    ticketId: `T${i}`,
    solvedAt: at('2025-09-26T17:00:00+08:00'), // window 2025-09-28 .. 2025-09-30
    reason: '投诉已解决',
    ...extra(i),
  }));
}
const campaign = { id: 'cb-2025-09', period: { from: '2025-09-28', to: '2025-10-31' } };

describe('the callback planner: callable slots inside due windows, spread over the agents', () => {
  it('places every task at a callable instant inside its window, one call per agent per slot, evenly spread', () => {
    const input: PlanInput = { campaign, agents: ['A01', 'A02', 'A03'], targets: targets(60) };
    const plan = planCampaign(input, { rules });
    expect(plan.summary.planned).toBe(60);
    expect(plan.summary.unplaceable).toEqual({ no_callable_time: 0, no_capacity: 0, invalid_customer_hours: 0 });
    expect(plan.summary.perAgent).toEqual({ A01: 20, A02: 20, A03: 20 });
    const seen = new Set<string>();
    for (const t of plan.tasks) {
      expect(rules.windows.check(t.plannedAt!, t.target.numberKind).callable).toBe(true);
      expect(t.plannedAt! >= t.due.startsAt && t.plannedAt! < t.due.endsAt).toBe(true);
      const slot = `${t.agent}@${t.plannedAt}`;
      expect(seen.has(slot)).toBe(false);
      seen.add(slot);
    }
    // Sunday 28 September (make-up working day after a Saturday off): home numbers from 08:00, work numbers from 10:00.
    const first = (kind: 'home' | 'work') => iso(Math.min(...plan.tasks.filter((t) => t.target.numberKind === kind).map((t) => t.plannedAt!)));
    expect(first('home')).toBe('2025-09-28T08:00:00+08:00');
    expect(first('work')).toBe('2025-09-28T10:00:00+08:00');
    expect(plan.summary.perDay).toEqual({ '2025-09-28': 60 });
    expect(plan.summary.slotMinutes).toBe(10);
  });

  it('is idempotent: planning again with the tasks already planned adds nothing; new targets avoid the taken slots', () => {
    const input: PlanInput = { campaign, agents: ['A01', 'A02'], targets: targets(10) };
    const once = planCampaign(input, { rules });
    const existing = once.tasks.map((t) => ({ key: t.key, agent: t.agent, plannedAt: t.plannedAt }));
    const twice = planCampaign({ ...input, existing }, { rules });
    expect(twice.summary).toMatchObject({ planned: 0, alreadyPlanned: 10 });
    expect(twice.tasks).toEqual([]);
    // Same input, same plan (deterministic keys and order), whatever order the targets come in.
    const reversed = planCampaign({ ...input, targets: [...input.targets].reverse() }, { rules });
    expect(reversed.tasks.map((t) => [t.key, t.agent, t.plannedAt])).toEqual(once.tasks.map((t) => [t.key, t.agent, t.plannedAt]));
    const more = planCampaign({ ...input, targets: targets(14), existing }, { rules });
    expect(more.summary).toMatchObject({ planned: 4, alreadyPlanned: 10 });
    const taken = new Set(existing.map((t) => `${t.agent}@${t.plannedAt}`));
    for (const t of more.tasks) expect(taken.has(`${t.agent}@${t.plannedAt}`)).toBe(false);
  });

  it('counts what it cannot place, by reason', () => {
    // One agent, work numbers only, window 28–30 September, 10-minute slots: 09:00–11:50 (18 slots) and
    // 13:00–17:40 (29; not from 17:45) a day, the Sunday only from 10:00 ("Monday morning"): 41 + 47 + 47.
    const many = planCampaign({ campaign, agents: ['A01'], targets: targets(200, () => ({ numberKind: 'work' })) }, { rules });
    expect(many.summary.planned).toBe(41 + 47 + 47);
    expect(many.summary.unplaceable.no_capacity).toBe(200 - many.summary.planned);
    const odd = planCampaign(
      {
        campaign,
        agents: ['A01'],
        targets: targets(3, (i) => (i === 0 ? { doNotCall: [{ start: '00:00', end: '24:00' }] } : i === 1 ? { doNotCall: [{ start: '9am', end: '10:00' }] } : {})),
      },
      { rules },
    );
    expect(odd.summary.unplaceable).toEqual({ no_callable_time: 1, no_capacity: 0, invalid_customer_hours: 1 });
    expect(odd.unplaced.map((u) => [u.target.customerId, u.reason])).toEqual([
      ['C001', 'invalid_customer_hours'],
      ['C000', 'no_callable_time'],
    ]);
  });

  it('gives targets without a solved instant the campaign period, and counts duplicates once', () => {
    const t = targets(2, () => ({ solvedAt: null }));
    const plan = planCampaign({ campaign, agents: ['A01'], targets: [...t, t[0]!] }, { rules });
    expect(plan.summary).toMatchObject({ planned: 2, duplicates: 1 });
    expect(plan.tasks[0]?.due).toMatchObject({ first: '2025-09-28', last: '2025-10-31' });
  });

  it('rejects a plan without agents or with a period that ends before it starts, naming the field', () => {
    const fields = (input: PlanInput) => {
      try {
        planCampaign(input, { rules });
      } catch (e) {
        if (isAppError(e)) return e.fields?.map((f) => f.path);
      }
      return undefined;
    };
    expect(fields({ campaign, agents: [], targets: targets(1) })).toEqual(['agents']);
    expect(fields({ campaign: { id: 'x', period: { from: '2025-10-02', to: '2025-10-01' } }, agents: ['A01'], targets: [] })).toEqual(['campaign.period.to']);
  });
});
