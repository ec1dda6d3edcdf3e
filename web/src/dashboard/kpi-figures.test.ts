import { describe, expect, it } from 'vitest';
import type { KpiReport } from '../reports/kpi-api';
import { figureCards, formatFigure } from './kpi-figures';

const report = {
  threshold: 15,
  ringLimit: 15,
  from: null,
  to: null,
  by: 'total',
  timeZone: 'Asia/Shanghai',
  open: { calls: 0, withoutEntry: 0, groups: {} },
  groups: [{ key: 'total', offered: 10, answered: 8, abandoned: 2, timedOut: 0, exitEmpty: 0, exitWithKey: 0, transferred: 1, ringNoAnswer: 0, answerRate: 0.8, abandonRate: 0.2, serviceLevel: 0.7, avgAnswerWaitSeconds: 9, avgTalkSeconds: 120, avgRingSeconds: 4, ringWithinLimitRate: 0.9, callerHungUpFirst: 6, agentHungUpFirst: 1, customerHangupFirstRate: 6 / 7 }],
  targets: {
    figures: { answerRate: { requirement: 'KPI-MAN', min: 0.85 }, ringWithinLimitRate: { requirement: 'KPI-RING', min: null } },
    groups: [{ key: 'total', results: { answerRate: { requirement: 'KPI-MAN', value: 0.8, min: 0.85, max: null, pass: false } } }],
  },
  satisfaction: { value: null, reason: 'no satisfaction surveys yet' },
  complaintResponseRate: { value: 1, reason: null },
  firstContactResolution: { value: 0.5, reason: null },
  ticketWithin3MinRate: { value: 1, reason: null },
  summaryWithin5MinRate: { value: 0.75, reason: null },
  promisesKeptRate: { value: null, reason: 'no tickets yet' },
  callbackWithinWindowRate: { value: null, reason: 'no callbacks yet' },
  skipped: { lines: 0, reasons: {} },
  calls: { sources: ['queue_log', 'cti'] },
  connection: { targets: { systemConnectionRate: { requirement: 'KPI-SYS', min: 0.99 }, vipConnectionRate: { requirement: 'KPI-VIP', min: 0.9 } }, groups: [] },
  ticketTargets: {
    satisfaction: { requirement: 'KPI-CSAT', value: null, min: 85, max: null, pass: null },
    complaintResponseRate: { requirement: 'KPI-CRESP', value: 1, min: 1, max: null, pass: true },
    firstContactResolution: { requirement: 'KPI-FCR', value: 0.5, min: 0.9, max: null, pass: false },
  },
  standard: 'default@1',
} satisfies KpiReport;

describe('the supervisor figures', () => {
  const cards = new Map(figureCards(report).map((c) => [c.figure, c]));
  it('shows KPI-SUMMARY5 (summaries within 5 minutes) beside tickets within 3 minutes', () => {
    expect(cards.get('summaryWithin5Min')).toMatchObject({ requirement: 'KPI-SUMMARY5', value: 0.75, unit: 'rate' });
  });
  it('judges manual connection against the report target', () => {
    expect(cards.get('manualConnection')).toMatchObject({ value: 0.8, pass: false, target: { min: 0.85 } });
  });
  it("judges ticket figures against STANDARD.md's numbers", () => {
    expect(cards.get('complaintResponse')).toMatchObject({ value: 1, pass: true });
    expect(cards.get('firstContactResolution')).toMatchObject({ value: 0.5, pass: false });
  });
  it('says why a figure is missing instead of inventing one (no calls in the period)', () => {
    expect(cards.get('satisfaction')).toMatchObject({ value: null, pass: null, reason: 'no_data', detail: 'no satisfaction surveys yet' });
    expect(cards.get('vipConnection')).toMatchObject({ value: null, reason: 'no_data', target: { min: 0.9 } });
    expect(cards.get('ringWithinLimit')).toMatchObject({ value: 0.9, pass: null, target: null });
  });
  it('shows system and VIP connection and the ticket targets of the pack in force', () => {
    const withPack = {
      ...report,
      standard: 'default@2',
      connection: {
        targets: { systemConnectionRate: { requirement: 'KPI-SYS', min: 0.99 }, vipConnectionRate: { requirement: 'KPI-VIP', min: 0.9 } },
        groups: [
          {
            key: 'total',
            systemConnectionRate: { requirement: 'KPI-SYS', value: 1, min: 0.99, max: null, pass: true, offered: 10, counted: 10, reason: 'upper bound' },
            vipConnectionRate: { requirement: 'KPI-VIP', value: null, min: 0.9, max: null, pass: null, offered: 0, counted: 0, reason: 'no calls flagged VIP in the period' },
          },
        ],
      },
      ticketTargets: { firstContactResolution: { requirement: 'KPI-FCR', value: 0.5, min: 0.4, max: null, pass: true } },
    } satisfies KpiReport;
    const c = new Map(figureCards(withPack).map((card) => [card.figure, card]));
    expect(c.get('systemConnection')).toMatchObject({ value: 1, pass: true, target: { min: 0.99 }, reason: null });
    expect(c.get('vipConnection')).toMatchObject({ value: null, pass: null, reason: 'no_data', detail: 'no calls flagged VIP in the period' });
    // The pack lowered the FCR target: the card follows it, not STANDARD.md's 90%.
    expect(c.get('firstContactResolution')).toMatchObject({ value: 0.5, pass: true, target: { min: 0.4 } });
  });
  it('formats rates as percentages', () => {
    expect(formatFigure(0.857, 'rate')).toBe('85.7%');
    expect(formatFigure(null, 'rate')).toBe('—');
  });
});
