import { api } from '../api/client';

import type { KpiGrouping, KpiReport } from '@contract/kpi';
import { everyMemberOf } from '../api/contract-lists';

// `GET /api/kpi`: the report's shapes are the server's (src/contract/kpi.ts); a change there is a type error here.
export type { KpiGrouping, KpiGroup, KpiReport, KpiTargetResult, FigureWithReason, ConnectionFigureResult, ConnectionGroup, TicketKpiFigure } from '@contract/kpi';

/** The groupings the reports page offers, in its order. */
export const kpiGroupings = everyMemberOf<KpiGrouping>()(['total', 'queue', 'agent', 'day', 'hour']);

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
