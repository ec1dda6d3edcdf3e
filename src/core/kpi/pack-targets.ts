import { defaultConnectionTargets, defaultKpiTargets, type ConnectionTargets, type KpiTarget, type KpiTargetResult, type KpiTargets } from './kpi-report.js';
import { ticketKpiFigures, type TicketKpiFigure, type TicketKpiFigures } from './ticket-measures-provider.js';

/**
 * KPI targets from a standard pack's `settings`: `kpiTargets.<figure>: <minimum>` (a pack's
 * settings are flat numbers, so the figure is in the key). The pack in force sets the numbers a
 * centre is judged by; a figure the pack leaves out keeps STANDARD.md's number where the standard
 * gives one, and otherwise stays listed with no number (judged `null`).
 */
export const KPI_TARGET_PREFIX = 'kpiTargets.';

/** The STANDARD.md requirement each KPI figure is judged for (one table: the targets and the people figures read it). */
export const kpiRequirements = {
  answerRate: 'KPI-MAN',
  abandonRate: 'KPI-MAN',
  serviceLevel: 'KPI-MAN',
  ringWithinLimitRate: 'KPI-RING',
  customerHangupFirstRate: 'PH-HANGUP',
  systemConnectionRate: 'KPI-SYS',
  manualConnectionRate: 'KPI-MAN',
  vipConnectionRate: 'KPI-VIP',
  satisfaction: 'KPI-CSAT',
  complaintResponseRate: 'KPI-CRESP',
  firstContactResolution: 'KPI-FCR',
  ticketWithin3MinRate: 'KPI-TICKET3',
  summaryWithin5MinRate: 'KPI-SUMMARY5',
  promisesKeptRate: 'CP-PROMISE',
  callbackWithinWindowRate: 'KPI-CB',
} as const;
type TargetFigure = keyof typeof kpiRequirements;

/** Figures where lower is better: the pack's number is a maximum. */
const maxFigures: ReadonlySet<TargetFigure> = new Set(['abandonRate']);

export type TicketTargets = Partial<Record<TicketKpiFigure, KpiTarget>>;

/** STANDARD.md's KPI table; tickets within 3 min, summaries within 5 min and promises kept are "settings" (no number). */
const standardTicketTargets: Record<TicketKpiFigure, KpiTarget> = {
  satisfaction: { requirement: 'KPI-CSAT', min: 85 },
  complaintResponseRate: { requirement: 'KPI-CRESP', min: 1 },
  firstContactResolution: { requirement: 'KPI-FCR', min: 0.9 },
  ticketWithin3MinRate: { requirement: 'KPI-TICKET3', min: null },
  // KPI-SUMMARY5: call summaries written within 5 minutes of the hang-up (PH-SUMMARY5); a setting, no number.
  summaryWithin5MinRate: { requirement: 'KPI-SUMMARY5', min: null },
  promisesKeptRate: { requirement: 'CP-PROMISE', min: null },
  // KPI-CB: callbacks reached inside their 1–3 working-day window; the standard leaves the number to the centre.
  callbackWithinWindowRate: { requirement: 'KPI-CB', min: null },
};

export interface PackKpiTargets {
  calls: KpiTargets;
  connection: ConnectionTargets;
  tickets: TicketTargets;
}

function target(figure: TargetFigure, settings: Readonly<Record<string, number>>): KpiTarget | undefined {
  const n = settings[`${KPI_TARGET_PREFIX}${figure}`];
  if (n === undefined) return undefined;
  return maxFigures.has(figure) ? { requirement: kpiRequirements[figure], min: null, max: n } : { requirement: kpiRequirements[figure], min: n };
}

function relabel(t: KpiTarget | undefined): KpiTarget | undefined {
  return t === undefined ? undefined : { ...t, requirement: 'KPI-MAN' };
}

export function kpiTargetsFromSettings(settings: Readonly<Record<string, number>>): PackKpiTargets {
  const calls: KpiTargets = {};
  for (const figure of ['answerRate', 'abandonRate', 'serviceLevel', 'ringWithinLimitRate', 'customerHangupFirstRate'] as const) {
    const t = target(figure, settings) ?? defaultKpiTargets[figure];
    if (t !== undefined) calls[figure] = t;
  }
  const connection: ConnectionTargets = {};
  for (const figure of ['systemConnectionRate', 'manualConnectionRate', 'vipConnectionRate'] as const) {
    // KPI-MAN over ordinary calls takes the pack's `kpiTargets.answerRate` unless it sets its own.
    const t = target(figure, settings) ?? (figure === 'manualConnectionRate' ? relabel(target('answerRate', settings)) : undefined) ?? defaultConnectionTargets[figure];
    if (t !== undefined) connection[figure] = t;
  }
  const tickets: TicketTargets = {};
  for (const figure of ticketKpiFigures) tickets[figure] = target(figure, settings) ?? standardTicketTargets[figure];
  return { calls, connection, tickets };
}

/** Each ticket figure judged against its target. */
export function judgeTicketFigures(figures: TicketKpiFigures, targets: TicketTargets): Partial<Record<TicketKpiFigure, KpiTargetResult>> {
  const out: Partial<Record<TicketKpiFigure, KpiTargetResult>> = {};
  for (const figure of ticketKpiFigures) {
    const t = targets[figure];
    if (t === undefined) continue;
    const value = figures[figure].value;
    const min = t.min ?? null;
    const max = t.max ?? null;
    const pass = value === null || (min === null && max === null) ? null : (min === null || value >= min) && (max === null || value <= max);
    out[figure] = { requirement: t.requirement, value, min, max, pass };
  }
  return out;
}
