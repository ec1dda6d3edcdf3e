import { describe, expect, it } from 'vitest';
import type { TicketMeasureGroup } from '../tickets/measures.js';
import { kpiTargetsFromSettings } from './pack-targets.js';
import { peopleFigures, type JudgedCall, type PeopleFiguresContext, type Person } from './people-figures.js';

const people: Person[] = [
  { userId: 'u1', username: 'li', name: '李娜', team: '一组', role: 'agent' },
  { userId: 'u2', username: 'wang', name: '王强', team: '一组', role: 'agent' },
  { userId: 'u3', username: 'zhao', name: '赵敏', team: '二组', role: 'agent' },
  { userId: 'u9', username: 'boss', name: '主管', team: null, role: 'supervisor' },
];

const group = (key: string, over: Partial<TicketMeasureGroup>): TicketMeasureGroup => ({
  key,
  tickets: 4,
  ticketsFromCalls: 4,
  ticketsWithinLimit: 4,
  ticketWithinLimitRate: 1,
  summariesWithinLimit: 3,
  summaryWithinLimitRate: 0.75,
  complaints: 1,
  complaintsAnsweredInTime: 1,
  complaintResponseRate: 1,
  resolved: 2,
  resolvedFirstContact: 2,
  firstContactResolutionRate: 1,
  promisesDecided: 0,
  promisesKept: 0,
  promiseKeptRate: null,
  satisfactionAnswers: 4,
  satisfactionScore: 90,
  ...over,
});

const calls: JudgedCall[] = [
  { agent: 'li', qualityScore: 90, qualityFatal: false, failedRules: ['PH-RATE'] },
  { agent: 'li', qualityScore: 0, qualityFatal: true, failedRules: ['PH-TABOO', 'PH-RATE'] },
  { agent: 'zhao', qualityScore: 95, qualityFatal: false, failedRules: ['PH-CLOSE'] },
  { agent: 'wang', qualityScore: null, qualityFatal: null, failedRules: [] },
];

function context(settings: Record<string, number> = {}): PeopleFiguresContext {
  return {
    people: async () => people,
    ticketMeasures: async ({ by }) =>
      by === 'agent'
        ? [group('u1', { satisfactionScore: 80 }), group('u3', { summaryWithinLimitRate: 1 })]
        : by === 'team'
          ? [group('一组', { satisfactionScore: 80 }), group('二组', {})]
          : [group('total', { tickets: 8, satisfactionScore: 85 })],
    eachCall: async (_q, on) => calls.forEach(on),
    targets: async () => ({ tickets: kpiTargetsFromSettings(settings).tickets, standard: 'default@2' }),
  };
}

describe("the week's and month's figures per agent and team", () => {
  it('per agent: ticket figures judged against the pack, quality averages, fatal calls and the most failed requirements', async () => {
    const r = await peopleFigures(context({ 'kpiTargets.summaryWithin5MinRate': 0.9 }), { from: 0, to: 1, by: 'agent' });
    expect(r.rows.map((x) => x.key)).toEqual(['li', 'wang', 'zhao']);
    const li = r.rows[0]!;
    expect(li).toMatchObject({ name: '李娜', team: '一组', tickets: 4 });
    expect(li.figures.satisfaction).toEqual({ value: 80, pass: false });
    expect(li.figures.summaryWithin5MinRate).toEqual({ value: 0.75, pass: false });
    expect(li.figures.promisesKeptRate).toEqual({ value: null, pass: null });
    expect(li.quality).toEqual({ judged: 2, averageScore: 45, fatalCalls: 1, topFailed: [{ rule: 'PH-RATE', calls: 2 }, { rule: 'PH-TABOO', calls: 1 }] });
    // An agent with nothing in the period is still listed, with nothing to judge.
    expect(r.rows[1]).toMatchObject({ key: 'wang', tickets: 0, quality: { judged: 0, averageScore: null } });
    expect(r.rows[2]!.figures.summaryWithin5MinRate).toEqual({ value: 1, pass: true });
    expect(r.targets.summaryWithin5MinRate).toEqual({ requirement: 'KPI-SUMMARY5', min: 0.9 });
    expect(r.targets.satisfaction).toEqual({ requirement: 'KPI-CSAT', min: 85 });
    expect(r.total).toMatchObject({ key: 'total', tickets: 8, figures: { satisfaction: { value: 85, pass: true } }, quality: { judged: 3, fatalCalls: 1 } });
    expect(r.standard).toBe('default@2');
  });

  it("per team: tickets by their team, calls by the answering agent's team", async () => {
    const r = await peopleFigures(context(), { from: 0, to: 1, by: 'team' });
    expect(r.rows.map((x) => x.key)).toEqual(['一组', '二组']);
    expect(r.rows[0]).toMatchObject({ figures: { satisfaction: { value: 80, pass: false } }, quality: { judged: 2, averageScore: 45, fatalCalls: 1 } });
    expect(r.rows[1]).toMatchObject({ quality: { judged: 1, averageScore: 95, fatalCalls: 0, topFailed: [{ rule: 'PH-CLOSE', calls: 1 }] } });
    // No target in the standard for KPI-SUMMARY5 unless the pack sets one: shown, not judged.
    expect(r.rows[0]!.figures.summaryWithin5MinRate).toEqual({ value: 0.75, pass: null });
  });
});
