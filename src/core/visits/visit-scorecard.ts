import type { Visit } from './model.js';
import type { ObservationCard } from './ports.js';
import type { VisitRules } from './visit-rules.js';
import { scorecards } from './observation-card.js';

/**
 * A staff member's walk-in outcome over a period, for their scorecard beside the call reviews
 * (`GET /api/reviews/scorecards`): visitors served, the share called within the pack's limit, the
 * hand-offs they made, and the observation cards' score (what software cannot see, VS-GREET…).
 */
export interface VisitOutcome {
  served: number;
  /** Share of the visitors they called (or took over) within the wait limit, 0–1; null with none. */
  servedWithinLimit: number | null;
  handOffs: number;
  cards: number;
  /** Observation card points over points possible, 0–100; null with no card. */
  cardScore: number | null;
}

export function visitOutcomes(visits: readonly Visit[], cards: readonly ObservationCard[], rules: VisitRules): Map<string, VisitOutcome> {
  const out = new Map<string, VisitOutcome & { within: number }>();
  const row = (staff: string) => {
    let r = out.get(staff);
    if (!r) {
      r = { served: 0, servedWithinLimit: null, handOffs: 0, cards: 0, cardScore: null, within: 0 };
      out.set(staff, r);
    }
    return r;
  };
  for (const v of visits) {
    if (v.servedBy && v.calledAt !== null) {
      const r = row(v.servedBy);
      r.served += 1;
      if (v.calledAt - v.arrivedAt <= rules.waitLimitMs) r.within += 1;
    }
    for (const h of v.history) if (h.action === 'handed_off' && h.by) row(h.by).handOffs += 1;
  }
  for (const s of scorecards(cards)) Object.assign(row(s.staff), { cards: s.cards, cardScore: s.score });
  return new Map(
    [...out].map(([staff, { within, ...r }]) => [staff, { ...r, servedWithinLimit: r.served ? Math.round((within / r.served) * 1000) / 1000 : null }]),
  );
}
