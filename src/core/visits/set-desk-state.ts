import { AppError } from '../shared/app-error.js';
import { optionalText } from './visit-input.js';
import { deskOf } from './desk.js';
import type { Desk, DeskState } from './model.js';
import type { VisitActor, VisitContext } from './ports.js';

/**
 * A staff member says where they are: on or off shift, free, on the phone or out of the office.
 * `serving` is set by calling a visitor, not by hand. Going off shift or out with a visitor in hand
 * is a 409: hand the visitor over first.
 */
export async function setDeskState(ctx: VisitContext, input: { state?: Exclude<DeskState, 'serving'>; onShift?: boolean; counter?: string | null }, actor: VisitActor): Promise<Desk> {
  const counter = input.counter === undefined ? undefined : optionalText(input.counter);
  if (counter && [...counter].length > 20) {
    const message = '窗口名称不超过20个字 / the counter name is at most 20 characters';
    throw AppError.validation(message, [{ path: 'counter', message, code: 'too_long', params: { maximum: 20 } }]);
  }
  const now = ctx.clock.now();
  const desk = await ctx.unitOfWork(async (st) => {
    const d = await deskOf(st.visits, actor.username, now);
    const onShift = input.onShift ?? (input.state ? true : d.onShift);
    const state = input.state ?? (onShift ? d.state : 'free');
    if (d.state === 'serving' && d.visitId && (state !== 'free' || !onShift)) {
      const v = await st.visits.findVisit(d.visitId);
      if (v && v.status === 'serving') throw AppError.conflict(`正在接待 ${v.number} 号，请先结束或转交 / finish or hand over visit ${v.number} first`);
    }
    const next: Desk = {
      username: actor.username,
      onShift,
      state,
      visitId: state === 'free' || state === 'on_phone' || state === 'out' ? null : d.visitId,
      since: state === d.state && onShift === d.onShift ? d.since : now,
      counter: counter === undefined ? d.counter : counter,
      // A state said by hand is the staff member's word: a live call's end no longer frees the desk.
      phoneCallId: input.state === undefined && onShift ? d.phoneCallId : null,
    };
    await st.visits.saveDesk(next);
    return next;
  });
  await ctx.events.publish({ type: 'visit.desk', at: now, staff: desk.username, agent: desk.username, state: desk.state, onShift: desk.onShift });
  return desk;
}
