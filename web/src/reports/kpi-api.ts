import { api } from '../api/client';

/** `GET /api/kpi` (src/adapters/telephony/call-kpi.ts): the contract's KPI report plus ticket figures. */
export const kpiGroupings = ['total', 'queue', 'agent', 'day', 'hour'] as const;
export type KpiGrouping = (typeof kpiGroupings)[number];

export interface KpiGroup {
  key: string;
  offered: number;
  answered: number;
  abandoned: number;
  timedOut: number;
  exitEmpty: number;
  exitWithKey: number;
  transferred: number;
  ringNoAnswer: number;
  answerRate: number | null;
  abandonRate: number | null;
  serviceLevel: number | null;
  avgAnswerWaitSeconds: number | null;
  avgTalkSeconds: number | null;
  avgRingSeconds: number | null;
  ringWithinLimitRate: number | null;
  callerHungUpFirst: number;
  agentHungUpFirst: number;
  customerHangupFirstRate: number | null;
}

export interface KpiTargetResult {
  requirement: string;
  value: number | null;
  min: number | null;
  max: number | null;
  pass: boolean | null;
}

export interface FigureWithReason {
  value: number | null;
  reason: string | null;
}

export interface KpiReport {
  threshold: number;
  ringLimit: number;
  from: string | null;
  to: string | null;
  groups: KpiGroup[];
  timeZone: string;
  by: KpiGrouping;
  open: { calls: number; withoutEntry: number; groups: Record<string, number> };
  targets: { figures: Record<string, { requirement: string; min?: number | null; max?: number | null }>; groups: { key: string; results: Record<string, KpiTargetResult> }[] };
  satisfaction: FigureWithReason;
  complaintResponseRate: FigureWithReason;
  firstContactResolution: FigureWithReason;
  ticketWithin3MinRate: FigureWithReason;
  promisesKeptRate: FigureWithReason;
  /** KPI-SYS and KPI-VIP per group, judged against the pack's targets (beside the contract's figures). */
  connection?: { targets: Record<string, { requirement: string; min?: number | null; max?: number | null }>; groups: ConnectionGroup[] };
  /** The ticket and survey figures judged against the pack's targets. */
  ticketTargets?: Partial<Record<TicketFigureName, KpiTargetResult>>;
  /** The standard pack the targets came from: `default@3`. */
  standard?: string | null;
}

export type TicketFigureName = 'satisfaction' | 'complaintResponseRate' | 'firstContactResolution' | 'ticketWithin3MinRate' | 'promisesKeptRate';

export interface ConnectionFigure extends KpiTargetResult {
  offered: number;
  counted: number;
  /** How it was measured, or why it is null. */
  reason: string;
}

export interface ConnectionGroup {
  key: string;
  systemConnectionRate: ConnectionFigure;
  vipConnectionRate: ConnectionFigure;
}

export interface Period {
  /** Epoch ms, inclusive. */
  from: number;
  /** Epoch ms, exclusive. */
  to: number;
}

export const kpiApi = {
  report(period: Period, by: KpiGrouping, signal?: AbortSignal): Promise<KpiReport> {
    return api.get<KpiReport>('/api/kpi', { signal, query: { from: period.from, to: period.to, by } });
  },
};

/** Local midnight of the day `ms` falls on, plus `days`. */
export function startOfDay(ms: number, days = 0): number {
  const d = new Date(ms);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + days).getTime();
}

export function today(now: number): Period {
  return { from: startOfDay(now), to: startOfDay(now, 1) };
}

/** `2026-03-02` in local time. */
export function dayKey(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function parseDay(day: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])).getTime();
}
