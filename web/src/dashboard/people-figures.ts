import type { KpiTarget, PeopleFigure, PeopleFigures, PeopleGrouping, PeopleRow } from '@contract/kpi';
import { api } from '../api/client';
import { everyMemberOf } from '../api/contract-lists';
import { startOfDay, type Period } from '../reports/kpi-api';
import { formatFigure } from './kpi-figures';

// `GET /api/kpi/people`: the shapes are the server's (src/contract/kpi.ts).
export type { PeopleFigure, PeopleFigures, PeopleGrouping, PeopleRow } from '@contract/kpi';

/** The columns, in the order a supervisor reads them (STANDARD.md's KPI table). */
export const peopleFigureColumns = everyMemberOf<PeopleFigure>()(['satisfaction', 'complaintResponseRate', 'firstContactResolution', 'ticketWithin3MinRate', 'summaryWithin5MinRate', 'promisesKeptRate']);
export const peopleGroupings = everyMemberOf<PeopleGrouping>()(['agent', 'team']);

export type FiguresPeriod = 'week' | 'month';

/** This week (from Monday) or this month, to the end of today, in the browser's (the centre's) days. */
export function periodOf(kind: FiguresPeriod, now: number): Period {
  const d = new Date(now);
  const from = kind === 'week' ? startOfDay(now, -((d.getDay() + 6) % 7)) : new Date(d.getFullYear(), d.getMonth(), 1).getTime();
  return { from, to: startOfDay(now, 1) };
}

export const peopleApi = {
  figures(period: Period, by: PeopleGrouping, signal?: AbortSignal): Promise<PeopleFigures> {
    return api.get<PeopleFigures>('/api/kpi/people', { signal, query: { from: period.from, to: period.to, by } });
  },
};

const unitOf = (f: PeopleFigure): 'rate' | 'score' => (f === 'satisfaction' ? 'score' : 'rate');

export function figureText(row: PeopleRow, f: PeopleFigure): string {
  return formatFigure(row.figures[f].value, unitOf(f));
}

/** `≥85.0`, `≥100.0%`; null when the pack sets no number. */
export function targetText(t: KpiTarget): string | null {
  const unit = t.requirement === 'KPI-CSAT' ? 'score' : 'rate';
  if (t.min != null) return `≥${formatFigure(t.min, unit)}`;
  if (t.max != null) return `≤${formatFigure(t.max, unit)}`;
  return null;
}
