import { AppError } from '../shared/app-error.js';
import { newId } from '../shared/ids.js';
import type { ObservationCard, VisitActor, VisitContext } from './ports.js';
import { optionalText, requiredText } from './visit-input.js';

export interface CardInput {
  staff?: string | null;
  visitId?: string | null;
  shiftDay?: string | null;
  scores?: Record<string, number>;
  note?: string | null;
}

/**
 * What software cannot see (VS-GREET, VS-TEA, VS-POSTURE, …) is scored by a supervisor on a card,
 * per visit or per shift: each item 0 (not done), 1 (partly) or 2 (as the standard says). Only the
 * card's items; at least one scored.
 */
export async function recordCard(ctx: VisitContext, input: CardInput, actor: VisitActor): Promise<ObservationCard> {
  const staff = requiredText(input.staff, 'staff', '被观察的同事', 'the staff member observed');
  if (!(await ctx.isStaff(staff))) {
    const message = `没有这位同事：${staff} / no such colleague`;
    throw AppError.validation(message, [{ path: 'staff', message, code: 'not_found' }]);
  }
  const visitId = optionalText(input.visitId);
  const shiftDay = optionalText(input.shiftDay);
  if (!visitId && !shiftDay) {
    const message = '请选择一次来访或一个班次 / a visit or a shift day is required';
    throw AppError.validation(message, [{ path: 'visitId', message, code: 'required' }]);
  }
  if (shiftDay && !/^\d{4}-\d{2}-\d{2}$/.test(shiftDay)) {
    const message = '班次日期应为 YYYY-MM-DD / expected YYYY-MM-DD';
    throw AppError.validation(message, [{ path: 'shiftDay', message, code: 'invalid_format', params: { format: 'date' } }]);
  }
  if (visitId && !(await ctx.read.findVisit(visitId))) throw AppError.notFound('来访 / visit');
  const scores: Record<string, number> = {};
  for (const [id, score] of Object.entries(input.scores ?? {})) {
    if (!ctx.rules.cardItems.some((i) => i.id === id)) {
      const message = `观察卡没有这一项：${id} / not an item of the card`;
      throw AppError.validation(message, [{ path: `scores.${id}`, message, code: 'not_found' }]);
    }
    if (!Number.isInteger(score) || score < 0 || score > 2) {
      const message = '每项 0、1 或 2 分 / each item is scored 0, 1 or 2';
      throw AppError.validation(message, [{ path: `scores.${id}`, message, code: 'one_of', params: { values: '0, 1, 2' } }]);
    }
    scores[id] = score;
  }
  if (Object.keys(scores).length === 0) {
    const message = '请至少评一项 / score at least one item';
    throw AppError.validation(message, [{ path: 'scores', message, code: 'too_few', params: { minimum: 1 } }]);
  }
  const now = ctx.clock.now();
  const card: ObservationCard = { id: newId(ctx.random, now, 'card_'), staff, visitId, shiftDay, scores, note: optionalText(input.note), scoredBy: actor.username, scoredAt: now };
  await ctx.unitOfWork((st) => st.visits.insertCard(card));
  return card;
}

export interface Scorecard {
  staff: string;
  cards: number;
  /** Points scored over points possible on the items scored, 0–100. */
  score: number;
  /** Average per item (0–2) over the cards that scored it. */
  items: Record<string, number>;
}

/** Each staff member's observation scorecard over the cards given. */
export function scorecards(cards: readonly ObservationCard[]): Scorecard[] {
  const by = new Map<string, ObservationCard[]>();
  for (const c of cards) by.set(c.staff, [...(by.get(c.staff) ?? []), c]);
  return [...by.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([staff, cs]) => {
      let got = 0;
      let possible = 0;
      const sums = new Map<string, { sum: number; n: number }>();
      for (const c of cs) {
        for (const [id, s] of Object.entries(c.scores)) {
          got += s;
          possible += 2;
          const cur = sums.get(id) ?? { sum: 0, n: 0 };
          sums.set(id, { sum: cur.sum + s, n: cur.n + 1 });
        }
      }
      const items: Scorecard['items'] = {};
      for (const [id, { sum, n }] of sums) items[id] = Math.round((sum / n) * 100) / 100;
      return { staff, cards: cs.length, score: possible ? Math.round((got / possible) * 1000) / 10 : 0, items };
    });
}
