/**
 * The KPI figures that need tickets and surveys. The calls module reports them beside the call
 * figures of `GET /api/kpi`; the tickets module implements this port (and the composition root
 * wires it). Until then every figure is `null` with the reason, never a guess.
 */
export const ticketKpiFigures = ['satisfaction', 'complaintResponseRate', 'firstContactResolution', 'ticketWithin3MinRate', 'summaryWithin5MinRate', 'promisesKeptRate', 'callbackWithinWindowRate'] as const;
export type TicketKpiFigure = (typeof ticketKpiFigures)[number];

export interface FigureWithReason {
  /** 0–1 for rates; 0–100 for satisfaction; null when there is nothing to measure. */
  value: number | null;
  /** Why the value is null (or a note on how it was measured); null when nothing to say. */
  reason: string | null;
}

export type TicketKpiFigures = Record<TicketKpiFigure, FigureWithReason>;

export interface TicketMeasuresProvider {
  /** The figures for tickets (and surveys) of the period [from, to), epoch ms. */
  measures(period: { from: number | null; to: number | null }): Promise<Partial<TicketKpiFigures>>;
}

const noData: Record<TicketKpiFigure, string> = {
  satisfaction: 'no satisfaction surveys yet',
  complaintResponseRate: 'no tickets yet',
  firstContactResolution: 'no tickets yet',
  ticketWithin3MinRate: 'no tickets yet',
  summaryWithin5MinRate: 'no tickets yet',
  promisesKeptRate: 'no tickets yet',
  callbackWithinWindowRate: 'no callbacks yet',
};

/** Every figure, filling what the provider did not give (or when there is none) with null and why. */
export async function resolveTicketKpiFigures(provider: TicketMeasuresProvider | undefined, period: { from: number | null; to: number | null }): Promise<TicketKpiFigures> {
  const given = provider ? await provider.measures(period) : {};
  const out = {} as TicketKpiFigures;
  for (const f of ticketKpiFigures) {
    out[f] = given[f] ?? { value: null, reason: provider ? 'not measured by the tickets module' : noData[f] };
  }
  return out;
}
