import { AppError } from '../shared/app-error.js';
import { deskOf } from './desk.js';
import type { Visit } from './model.js';
import { cancelWaitTimers, type VisitActor, type VisitContext } from './ports.js';
import { wrongState } from './visit-input.js';

export interface CalledVisit {
  visit: Visit;
  /** VS-SWITCH: the visitor waited: greet with 很抱歉，耽误了您宝贵的时间，请问有什么能帮您？ */
  apologise: boolean;
  waitedSeconds: number;
}

/**
 * A staff member calls a waiting visitor's number (叫号): the waiting-room display shows it, the
 * visit is theirs, their desk is serving it and the wait alerts are cancelled.
 */
export async function callVisit(ctx: VisitContext, visitId: string, actor: VisitActor): Promise<CalledVisit> {
  const now = ctx.clock.now();
  const result = await ctx.unitOfWork(async (st) => {
    const v = await st.visits.findVisitForUpdate(visitId);
    if (!v) throw AppError.notFound('来访 / visit');
    if (v.status !== 'waiting') throw wrongState(`${v.number} 号已不在等候（${v.status === 'serving' ? `${v.servedBy ?? ''} 正在接待` : '已结束'}）`, 'the visitor is no longer waiting');
    const desk = await deskOf(st.visits, actor.username, now);
    if (desk.state === 'serving' && desk.visitId && desk.visitId !== v.id) {
      const current = await st.visits.findVisit(desk.visitId);
      if (current && current.status === 'serving') throw wrongState(`请先结束当前接待（${current.number} 号）`, 'finish the visit in hand first');
    }
    const updated: Visit = { ...v, status: 'serving', calledAt: now, servedBy: actor.username, updatedAt: now, history: [...v.history, { at: now, action: 'called', by: actor.username }] };
    await st.visits.updateVisit(updated);
    await st.visits.saveDesk({ ...(await deskOf(st.visits, actor.username, now)), state: 'serving', onShift: true, visitId: v.id, since: now });
    await cancelWaitTimers(st.scheduler, v.id);
    const waited = now - v.arrivedAt;
    return { visit: updated, apologise: waited >= ctx.rules.apologyAfterMs, waitedSeconds: Math.floor(waited / 1000) };
  });
  await ctx.events.publish({ type: 'visit.called', at: now, visitId: visitId, number: result.visit.number, staff: actor.username, agent: actor.username });
  return result;
}
