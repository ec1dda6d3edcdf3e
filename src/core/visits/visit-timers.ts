import { deskOf } from './desk.js';
import type { Visit } from './model.js';
import { visitJobQueues, visitTimerKey, type VisitContext } from './ports.js';

export const visitTimerKinds = ['alert', 'supervisor', 'message_overdue'] as const;
export type VisitTimerKind = (typeof visitTimerKinds)[number];

/**
 * A visit or message timer fired. `alert` (VS-BUSY1/2): the visitor is still waiting past the limit
 * (or is urgent): the staff member asked for (or the desk) is alerted, with their state, so a staff
 * member on the phone is shown the VS-BUSY2 steps; unanswered, `supervisor` follows. `message_overdue`
 * (VS-OWNER): a message not passed on by its promised time is escalated to the supervisor. Each re-reads
 * its row under a lock and records when it fired: a timer that runs again does nothing (fires once).
 */
export async function fireVisitTimer(ctx: VisitContext, kind: VisitTimerKind, id: string): Promise<void> {
  const now = ctx.clock.now();
  const event = await ctx.unitOfWork(async (st) => {
    switch (kind) {
      case 'alert': {
        const v = await st.visits.findVisitForUpdate(id);
        if (!v || v.status !== 'waiting' || v.alertedAt) return null;
        const staffState = v.forStaff ? (await deskOf(st.visits, v.forStaff, now)).state : null;
        const updated: Visit = { ...v, alertedAt: now, updatedAt: now, history: [...v.history, { at: now, action: 'alerted', by: null, to: v.forStaff, note: v.urgent ? '紧急来访' : `已等候 ${Math.floor((now - v.arrivedAt) / 60_000)} 分钟` }] };
        await st.visits.updateVisit(updated);
        await st.scheduler.schedule(visitJobQueues.supervisor, { visitId: v.id }, { runAt: now + ctx.rules.supervisorAfterMs, key: visitTimerKey(v.id, 'supervisor') });
        return { type: 'visit.alert', requirement: staffState === 'on_phone' ? 'VS-BUSY2' : 'VS-BUSY1', visitId: v.id, number: v.number, staff: v.forStaff, agent: v.forStaff, staffState, urgent: v.urgent, waitedSeconds: Math.floor((now - v.arrivedAt) / 1000) };
      }
      case 'supervisor': {
        const v = await st.visits.findVisitForUpdate(id);
        if (!v || v.status !== 'waiting' || v.supervisorAlertedAt) return null;
        const label = ctx.rules.chain[0]?.label ?? '客服主管';
        await st.visits.updateVisit({ ...v, supervisorAlertedAt: now, updatedAt: now, history: [...v.history, { at: now, action: 'supervisor_alerted', by: null, to: label, note: '提醒无人响应，已通知主管' }] });
        return { type: 'visit.alert.supervisor', visitId: v.id, number: v.number, staff: v.forStaff, escalatedTo: 'supervisor', waitedSeconds: Math.floor((now - v.arrivedAt) / 1000) };
      }
      case 'message_overdue': {
        const m = await st.visits.findMessageForUpdate(id);
        if (!m || m.status !== 'open' || m.escalatedAt || now < m.deadline) return null;
        await st.visits.updateMessage({ ...m, escalatedAt: now });
        return { type: 'visit.message.overdue', messageId: m.id, visitId: m.visitId, staff: m.forStaff, deadline: m.deadline, escalatedTo: 'supervisor' };
      }
      default: {
        const never: never = kind;
        throw new Error(`unknown visit timer ${String(never)}`);
      }
    }
  });
  if (event) await ctx.events.publish({ ...event, at: now });
}
