import type { Clock } from '../shared/clock.js';
import type { FigureWithReason, TicketMeasuresProvider } from '../kpi/ticket-measures-provider.js';
import type { MeasureGrouping, TicketMeasureGroup } from './measures.js';

/**
 * The tickets' side of `GET /api/kpi`: complaint response, first-contact resolution, tickets
 * within 3 minutes, summaries within 5 minutes (KPI-SUMMARY5) and promises kept, each with why it is null when there is nothing to measure.
 * Satisfaction is the mean of the 1–5 answers recorded in call summaries, as a 0–100 score.
 */
export function ticketKpiProvider(measure: (q: { from: number; to: number; by: MeasureGrouping }) => Promise<TicketMeasureGroup[]>, clock: Clock): TicketMeasuresProvider {
  const figure = (value: number | null, denominator: number, what: string): FigureWithReason =>
    value === null ? { value: null, reason: denominator === 0 ? `no ${what} in the period` : null } : { value, reason: null };
  return {
    async measures({ from, to }) {
      const [g] = await measure({ from: from ?? 0, to: to ?? clock.now() + 1, by: 'total' });
      if (!g) {
        const none = { value: null, reason: 'no tickets in the period' };
        return { complaintResponseRate: none, firstContactResolution: none, ticketWithin3MinRate: none, summaryWithin5MinRate: none, promisesKeptRate: none, satisfaction: none };
      }
      return {
        complaintResponseRate: figure(g.complaintResponseRate, g.complaints, 'complaints with a decided reply time'),
        firstContactResolution: figure(g.firstContactResolutionRate, g.resolved, 'resolved tickets'),
        ticketWithin3MinRate: figure(g.ticketWithinLimitRate, g.ticketsFromCalls, 'tickets created from calls'),
        // KPI-SUMMARY5: of the tickets filed from calls, those whose call summary was written within the limit after the hang-up.
        summaryWithin5MinRate: figure(g.summaryWithinLimitRate, g.ticketsFromCalls, 'tickets created from calls'),
        promisesKeptRate: figure(g.promiseKeptRate, g.promisesDecided, 'promises with a known outcome'),
        satisfaction: figure(g.satisfactionScore, g.satisfactionAnswers, 'satisfaction answers in call summaries'),
      };
    },
  };
}
