import { describe, expect, it } from 'vitest';
import { defaultCallbackSettings } from '../standard/callback-schema.js';
import { renderCallbackScript } from './render-script.js';
import { seededRandom, selectTargets, type CandidateRow, type SelectionContext } from './select-targets.js';

const DAY = 86_400_000;
const now = Date.parse('2025-10-20T10:00:00+08:00');

function customer(i: number, extra: Partial<CandidateRow> = {}): CandidateRow {
  return {
    customerId: `C${String(i).padStart(3, '0')}`,
    code: `K${String(i).padStart(4, '0')}`,
    name: `客户${i}`,
    category: i % 2 === 0 ? 'vip' : 'normal',
    numbers: [
      { number: `1380000${String(i).padStart(4, '0')}`, kind: 'work' },
      { number: `0571-8800${String(i).padStart(4, '0')}`, kind: 'home' },
    ],
    marketingConsent: i % 3 === 0,
    lastContactAt: now - i * 10 * DAY,
    ...extra,
  };
}
const rows = Array.from({ length: 40 }, (_, i) => customer(i + 1));
const ctx = (extra: Partial<SelectionContext> = {}): SelectionContext => ({ settings: defaultCallbackSettings, type: 'relationship', now, ...extra });

describe('CB-SELECT: choosing whom to call back', () => {
  it('draws at random by customer code, reproducibly for a seed whatever the order of the rows', () => {
    const rule = { kind: 'random', by: 'code', size: 5, seed: 42 } as const;
    const a = selectTargets(rows, rule, ctx());
    const b = selectTargets([...rows].reverse(), rule, ctx());
    expect(a.targets.map((t) => t.customerId)).toEqual(b.targets.map((t) => t.customerId));
    expect(a.preview.count).toBe(5);
    expect(new Set(a.targets.map((t) => t.customerId)).size).toBe(5);
    expect(selectTargets(rows, { ...rule, seed: 43 }, ctx()).targets.map((t) => t.customerId)).not.toEqual(a.targets.map((t) => t.customerId));
    // The random port passed in is what draws (a test or a replay can pass its own).
    expect(selectTargets(rows, rule, ctx({ random: seededRandom(42) })).targets).toEqual(a.targets);
  });

  it('draws by category', () => {
    const r = selectTargets(rows, { kind: 'random', by: 'category', categories: ['vip'], size: 100, seed: 1 }, ctx());
    expect(r.targets).toHaveLength(20);
    expect(r.targets.every((t) => Number(t.customerId.slice(1)) % 2 === 0)).toBe(true);
    expect(r.targets[0]?.reason).toBe('按客户类别随机抽取（vip）');
  });

  it("selects low satisfaction below the pack's threshold within the period", () => {
    const scored = [
      customer(1, { satisfaction: [{ score: 2, at: now - 5 * DAY }] }),
      customer(2, { satisfaction: [{ score: 3, at: now - 5 * DAY }] }),
      customer(3, { satisfaction: [{ score: 1, at: now - 60 * DAY }] }),
    ];
    const r = selectTargets(scored, { kind: 'low-satisfaction', from: now - 30 * DAY, to: now }, ctx());
    expect(r.targets.map((t) => [t.customerId, t.reason, t.reasonEn])).toEqual([['C001', '满意度 2 分（低于 3 分）', 'satisfaction 2 (below 3)']]);
  });

  it('selects further service (open or recently solved tickets of the chosen types) and cold relationships', () => {
    const withTickets = [
      customer(1, { tickets: [{ id: 'T1', type: 'repair', status: 'open' }] }),
      customer(2, { tickets: [{ id: 'T2', type: 'repair', status: 'resolved', solvedAt: now - 3 * DAY }] }),
      customer(3, { tickets: [{ id: 'T3', type: 'repair', status: 'resolved', solvedAt: now - 30 * DAY }] }),
      customer(4, { tickets: [{ id: 'T4', type: 'billing', status: 'open' }] }),
    ];
    const further = selectTargets(withTickets, { kind: 'further-service', ticketTypes: ['repair'] }, ctx());
    expect(further.targets.map((t) => t.ticketId)).toEqual(['T1', 'T2']);
    // #21: the ticket by the number the customer was told, never the internal id; in both languages.
    const numbered = selectTargets([customer(1, { tickets: [{ id: 'tk_01internal', number: 'GD20260302-0007', type: 'repair', status: 'open' }] })], { kind: 'further-service', ticketTypes: ['repair'] }, ctx());
    expect(numbered.targets[0]).toMatchObject({ reason: '工单 GD20260302-0007 尚未解决，需要继续服务', reasonEn: 'ticket GD20260302-0007 not solved yet: more service needed', ticketNumber: 'GD20260302-0007' });
    expect(JSON.stringify(numbered.targets[0])).not.toContain('tk_01internal 尚未');
    const cold = selectTargets(rows, { kind: 'cold' }, ctx());
    // 90 days by default: customers 10..40 were last contacted 100..400 days ago (customer 9 exactly 90: not yet)
    expect(cold.targets).toHaveLength(31);
  });

  it('CB-AFTER: complaint and complex tickets solved in the period, each with its solved instant for its window', () => {
    const solved = now - 2 * DAY;
    const r = selectTargets(
      [customer(1, { tickets: [{ id: 'T1', type: 'complaint', status: 'resolved', solvedAt: solved }, { id: 'T2', type: 'question', status: 'resolved', solvedAt: solved }] })],
      { kind: 'after-solved', from: now - 7 * DAY, to: now },
      ctx({ type: 'mediation' }),
    );
    expect(r.targets).toEqual([expect.objectContaining({ ticketId: 'T1', solvedAt: solved, numberKind: 'home', number: '0571-88000001' })]);
  });

  it('skips by reason (no valid number, do-not-call, no marketing consent for promotion) and says when no one is left', () => {
    const mixed = [
      customer(1, { numbers: [{ number: '12', kind: 'home' }], marketingConsent: true }),
      customer(2, { numbers: [{ number: '13800000002', kind: 'home', valid: false }], marketingConsent: true }),
      customer(3, { doNotCall: true }),
      customer(4, { marketingConsent: false }),
      customer(6, { marketingConsent: true }),
    ];
    const promo = selectTargets(mixed, { kind: 'cold', days: 1 }, ctx({ type: 'promotion' }));
    expect(promo.skipped).toEqual({ no_valid_number: 2, do_not_call: 1, no_marketing_consent: 1 });
    expect(promo.targets.map((t) => t.customerId)).toEqual(['C006']);
    expect(promo.empty).toBeNull();

    const nobody = selectTargets(rows, { kind: 'low-satisfaction', from: now - DAY, to: now }, ctx());
    expect(nobody.empty).toEqual({ reason: '规则“满意度较低的客户”没有选中任何客户', reasonEn: 'the rule "low satisfaction" selects no one' });
    const allSkipped = selectTargets([customer(3, { doNotCall: true })], { kind: 'cold', days: 1 }, ctx());
    expect(allSkipped.empty?.reasonEn).toBe('all 1 customers the rule "cold relationship" selects are skipped (do_not_call 1)');
  });
});

describe('CB-TYPE: each type has its opening and script, rendered with the customer name', () => {
  it('fills the names and falls back to the pack variables', () => {
    const s = renderCallbackScript(defaultCallbackSettings, 'mediation', { customerName: '王先生', agentName: '小李' }, { centre: ['XX客服中心'] });
    expect(s.opening).toBe('您好，请问是王先生吗？我是XX客服中心的小李，就您之前反映的问题给您回个电话，您现在方便听电话吗？');
    expect(s.name).toBe('调解回访');
    expect(s.requirements).toEqual(['CB-OPEN', 'CB-3MIN', 'CB-NOARGUE', 'CB-HANGUP']);
    expect(() => renderCallbackScript(defaultCallbackSettings, 'guidance', { customerName: '' })).toThrow(/customerName/);
  });
});
