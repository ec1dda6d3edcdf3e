import { AppError } from '../shared/app-error.js';
import { deskOf } from './desk.js';
import type { HeldCall, Visit, VisitEvent } from './model.js';
import { normalizePhone } from './phone.js';
import { cancelWaitTimers, type VisitActor, type VisitContext } from './ports.js';
import { optionalText, requiredText, wrongState } from './visit-input.js';

export interface HandOffInput {
  to?: string | null;
  /** VS-REFER: how the visitor was introduced (您好，请 XX 帮您办理好么？). */
  introduction?: string | null;
  /**
   * VS-BUSY2: the staff member is on the phone and lays the call down to do this hand-off. The
   * caller's number is kept only with their consent; the caller stays on the line.
   */
  heldCall?: { number?: string | null; consent?: boolean } | null;
}

/**
 * A visit goes to a colleague who is on shift (VS-BUSY1/2, VS-REFER): the colleague serves it from
 * now, the introduction is in the visit's history, and, when the staff member was on the phone,
 * the held call (number and consent) too. A colleague who is off shift or out is a 409.
 */
export async function handOffVisit(ctx: VisitContext, visitId: string, input: HandOffInput, actor: VisitActor): Promise<Visit> {
  const to = requiredText(input.to, 'to', '接手的同事', 'the colleague to hand over to');
  if (to === actor.username) {
    const message = '不能转交给自己 / cannot hand a visit to yourself';
    throw AppError.validation(message, [{ path: 'to', message, code: 'not_self' }]);
  }
  if (!(await ctx.isStaff(to))) {
    const message = `没有这位同事：${to} / no such colleague`;
    throw AppError.validation(message, [{ path: 'to', message, code: 'not_found' }]);
  }
  const introduction = optionalText(input.introduction);
  let held: { number: string | null; consent: boolean } | null = null;
  if (input.heldCall) {
    const consent = input.heldCall.consent === true;
    const raw = optionalText(input.heldCall.number);
    if (consent && !raw) {
      const message = '来电客户同意回电时，请记下回电号码 / the number to call back is required when the caller agreed';
      throw AppError.validation(message, [{ path: 'heldCall.number', message, code: 'required' }]);
    }
    // Without consent no number is kept: the caller did not agree to be called.
    held = { number: consent && raw ? normalizePhone(raw, 'heldCall.number') : null, consent };
  }
  const now = ctx.clock.now();
  const visit = await ctx.unitOfWork(async (st) => {
    const v = await st.visits.findVisitForUpdate(visitId);
    if (!v) throw AppError.notFound('来访 / visit');
    if (v.status === 'finished') throw wrongState(`${v.number} 号已结束接待`, 'the visit has finished');
    const target = await deskOf(st.visits, to, now);
    if (!target.onShift) throw wrongState(`${to} 不在班，不能转交`, `${to} is not on shift`);
    if (target.state === 'out') throw wrongState(`${to} 不在办公室，请留言转告`, `${to} is out of the office: take a message`);
    if (v.heldCall?.outcome === 'on_hold' && held) throw wrongState('已有一通电话在保持中', 'a call is already on hold for this visit');
    const history: VisitEvent[] = [...v.history];
    let heldCall: HeldCall | null = v.heldCall;
    if (held) {
      heldCall = { by: actor.username, number: held.number, consent: held.consent, heldAt: now, outcome: 'on_hold', endedAt: null, callbackTaskId: null };
      history.push({ at: now, action: 'call_held', by: actor.username, note: held.consent ? '来电客户同意回电，已留号码' : '来电客户未同意回电' });
    }
    history.push({ at: now, action: 'handed_off', by: actor.username, to, note: introduction });
    const updated: Visit = { ...v, status: 'serving', servedBy: to, calledAt: v.calledAt ?? now, heldCall, history, updatedAt: now };
    await st.visits.updateVisit(updated);
    await st.visits.saveDesk({ ...target, state: 'serving', visitId: v.id, since: now });
    const mine = await deskOf(st.visits, actor.username, now);
    // Back to the caller on hold, or free once the visitor in hand has gone to the colleague.
    if (held) await st.visits.saveDesk({ ...mine, onShift: true, state: 'on_phone', visitId: null, since: now });
    else if (mine.visitId === v.id) await st.visits.saveDesk({ ...mine, state: 'free', visitId: null, since: now });
    await cancelWaitTimers(st.scheduler, v.id);
    return updated;
  });
  await ctx.events.publish({ type: 'visit.handed_off', at: now, visitId, number: visit.number, from: actor.username, staff: to, agent: to });
  return visit;
}
