import { AppError } from '../shared/app-error.js';
import { deskOf } from './desk.js';
import type { Visit } from './model.js';
import type { VisitActor, VisitContext } from './ports.js';
import { wrongState } from './visit-input.js';

/**
 * VS-BUSY2, the end of the hand-off: the staff member picks the handset up again
 * (很抱歉耽误了您的时间，我们继续) — or finds the line dead. Only a lost call, whose caller left a
 * number with consent, becomes a callback task (the callbacks module), in the same transaction.
 */
export async function settleHeldCall(ctx: VisitContext, visitId: string, outcome: 'resumed' | 'lost', actor: VisitActor): Promise<Visit> {
  const now = ctx.clock.now();
  const visit = await ctx.unitOfWork(async (st) => {
    const v = await st.visits.findVisitForUpdate(visitId);
    if (!v) throw AppError.notFound('来访 / visit');
    const call = v.heldCall;
    if (!call || call.outcome !== 'on_hold') throw wrongState('这次来访没有保持中的电话', 'no call is on hold for this visit');
    let callbackTaskId: string | null = null;
    let note: string;
    if (outcome === 'lost' && call.number) {
      callbackTaskId = await st.lostCalls.callbackForLostCall({ visitId: v.id, number: call.number, staff: call.by, at: now });
      note = `电话已断，已建回电任务 ${callbackTaskId}`;
    } else if (outcome === 'lost') {
      note = '电话已断；来电客户未留回电号码';
    } else {
      note = '很抱歉耽误了您的时间，我们继续';
    }
    const updated: Visit = {
      ...v,
      heldCall: { ...call, outcome, endedAt: now, callbackTaskId },
      history: [...v.history, { at: now, action: outcome === 'lost' ? 'call_lost' : 'call_resumed', by: actor.username, note }],
      updatedAt: now,
    };
    await st.visits.updateVisit(updated);
    const desk = await deskOf(st.visits, call.by, now);
    await st.visits.saveDesk({ ...desk, state: outcome === 'resumed' ? 'on_phone' : 'free', visitId: null, since: now });
    return updated;
  });
  await ctx.events.publish({ type: outcome === 'lost' ? 'visit.call_lost' : 'visit.call_resumed', at: now, visitId, number: visit.number, staff: visit.heldCall!.by, agent: visit.heldCall!.by, callbackTaskId: visit.heldCall!.callbackTaskId });
  return visit;
}
