import type { KpiReport } from '../reports/kpi-api';

/**
 * The supervisor's figures (STANDARD.md, KPI table) from one `/api/kpi` report, each with its
 * target and whether today meets it. Every target is the report's own (the standard pack in
 * force, on the server); STANDARD.md's numbers are kept only for a server too old to send them.
 * A figure the API does not measure says so, never shows a made-up value.
 */
export const dashboardFigures = [
  'systemConnection',
  'manualConnection',
  'vipConnection',
  'serviceLevel',
  'ringWithinLimit',
  'customerHangupFirst',
  'ticketWithin3Min',
  'summaryWithin5Min',
  'promisesKept',
  'complaintResponse',
  'firstContactResolution',
  'satisfaction',
] as const;
export type DashboardFigure = (typeof dashboardFigures)[number];

export interface FigureCard {
  figure: DashboardFigure;
  requirement: string;
  /** 0–1 for rates, 0–100 for satisfaction; null: nothing to measure (see `reason`). */
  value: number | null;
  unit: 'rate' | 'score';
  target: { min: number | null; max: number | null } | null;
  pass: boolean | null;
  /** Why there is no value: 'no_data' (no calls/tickets yet) or 'not_measured' (the API has no such figure). */
  reason: 'no_data' | 'not_measured' | null;
  /** The server's own explanation when it gave one. */
  detail: string | null;
}

const judge = (value: number | null, min: number | null, max: number | null): boolean | null => {
  if (value === null || (min === null && max === null)) return null;
  return (min === null || value >= min) && (max === null || value <= max);
};

export function figureCards(report: KpiReport, groupKey = 'total'): FigureCard[] {
  const group = report.groups.find((g) => g.key === groupKey) ?? null;
  const results = report.targets.groups.find((g) => g.key === groupKey)?.results ?? {};

  const callFigure = (figure: DashboardFigure, field: 'answerRate' | 'serviceLevel' | 'ringWithinLimitRate' | 'customerHangupFirstRate', requirement: string): FigureCard => {
    const value = group ? group[field] : null;
    const target = results[field] ?? null;
    const configured = report.targets.figures[field];
    const min = target?.min ?? configured?.min ?? null;
    const max = target?.max ?? configured?.max ?? null;
    return {
      figure,
      requirement: target?.requirement ?? configured?.requirement ?? requirement,
      value,
      unit: 'rate',
      target: min === null && max === null ? null : { min, max },
      pass: target?.pass ?? judge(value, min, max),
      reason: value === null ? 'no_data' : null,
      detail: null,
    };
  };

  const ticketFigure = (figure: DashboardFigure, field: 'ticketWithin3MinRate' | 'summaryWithin5MinRate' | 'promisesKeptRate' | 'complaintResponseRate' | 'firstContactResolution' | 'satisfaction', requirement: string): FigureCard => {
    const measured = report[field];
    // Every target is the server's, from the pack in force (STANDARD.md's numbers where the pack sets none).
    const judged = report.ticketTargets[field];
    const min = judged?.min ?? null;
    const max = judged?.max ?? null;
    return {
      figure,
      requirement: judged?.requirement ?? requirement,
      value: measured.value,
      unit: field === 'satisfaction' ? 'score' : 'rate',
      target: min === null && max === null ? null : { min, max },
      pass: judged ? judged.pass : null,
      reason: measured.value === null ? 'no_data' : null,
      detail: measured.reason,
    };
  };

  const connection = report.connection.groups.find((g) => g.key === groupKey) ?? null;
  const connectionFigure = (figure: DashboardFigure, field: 'systemConnectionRate' | 'manualConnectionRate' | 'vipConnectionRate', requirement: string): FigureCard => {
    const measured = connection?.[field] ?? null;
    const configured = report.connection.targets[field];
    const min = measured?.min ?? configured?.min ?? null;
    const max = measured?.max ?? configured?.max ?? null;
    const value = measured?.value ?? null;
    return {
      figure,
      requirement: measured?.requirement ?? configured?.requirement ?? requirement,
      value,
      unit: 'rate',
      target: min === null && max === null ? null : { min, max },
      pass: measured ? measured.pass : null,
      reason: value === null ? 'no_data' : null,
      detail: measured?.reason ?? null,
    };
  };

  return [
    connectionFigure('systemConnection', 'systemConnectionRate', 'KPI-SYS'),
    // KPI-MAN over ordinary calls (VIP calls count in KPI-VIP only); the contract's answerRate over every call otherwise.
    connection?.manualConnectionRate ? connectionFigure('manualConnection', 'manualConnectionRate', 'KPI-MAN') : callFigure('manualConnection', 'answerRate', 'KPI-MAN'),
    connectionFigure('vipConnection', 'vipConnectionRate', 'KPI-VIP'),
    callFigure('serviceLevel', 'serviceLevel', `≤${report.threshold}s`),
    callFigure('ringWithinLimit', 'ringWithinLimitRate', 'KPI-RING'),
    callFigure('customerHangupFirst', 'customerHangupFirstRate', 'PH-HANGUP'),
    ticketFigure('ticketWithin3Min', 'ticketWithin3MinRate', 'KPI-TICKET3'),
    ticketFigure('summaryWithin5Min', 'summaryWithin5MinRate', 'KPI-SUMMARY5'),
    ticketFigure('promisesKept', 'promisesKeptRate', 'CP-PROMISE'),
    ticketFigure('complaintResponse', 'complaintResponseRate', 'KPI-CRESP'),
    ticketFigure('firstContactResolution', 'firstContactResolution', 'KPI-FCR'),
    ticketFigure('satisfaction', 'satisfaction', 'KPI-CSAT'),
  ];
}

export function formatFigure(value: number | null, unit: 'rate' | 'score'): string {
  if (value === null) return '—';
  return unit === 'rate' ? `${(value * 100).toFixed(1)}%` : value.toFixed(1);
}
