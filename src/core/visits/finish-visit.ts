import { AppError } from '../shared/app-error.js';
import { deskOf } from './desk.js';
import type { Visit } from './model.js';
import { cancelWaitTimers, type VisitActor, type VisitContext } from './ports.js';
import { optionalText, wrongState } from './visit-input.js';

/** The visitor leaves (VS-BYE: 请您慢走，请带好随身物品): the visit ends and the desk is free again. */
export async function finishVisit(ctx: VisitContext, visitId: string, input: { note?: string | null }, actor: VisitActor): Promise<Visit> {
  const now = ctx.clock.now();
  const visit = await ctx.unitOfWork(async (st) => {
    const v = await st.visits.findVisitForUpdate(visitId);
    if (!v) throw AppError.notFound('来访 / visit');
    if (v.status === 'finished') throw wrongState(`${v.number} 号已结束接待`, 'the visit has finished');
    const updated: Visit = { ...v, status: 'finished', finishedAt: now, updatedAt: now, history: [...v.history, { at: now, action: 'finished', by: actor.username, note: optionalText(input.note) }] };
    await st.visits.updateVisit(updated);
    await cancelWaitTimers(st.scheduler, v.id);
    if (v.servedBy) {
      const desk = await deskOf(st.visits, v.servedBy, now);
      if (desk.visitId === v.id) await st.visits.saveDesk({ ...desk, state: 'free', visitId: null, since: now });
    }
    return updated;
  });
  await ctx.events.publish({ type: 'visit.finished', at: now, visitId, number: visit.number, staff: visit.servedBy, agent: visit.servedBy });
  return visit;
}
