import { AppError } from '../shared/app-error.js';
import type { Visit } from './model.js';
import type { VisitActor, VisitContext } from './ports.js';
import { optionalText, requiredText, wrongState } from './visit-input.js';

/**
 * VS-ESCALATE / CP-CHAIN: the visitor is dissatisfied or insists on someone else: the visit goes one
 * step up the chain (相关人员/客服主管 → 管理处主管), or straight to a named colleague, with the
 * reason; the chain is recorded in the visit's history. Past the top of the chain: 409.
 */
export async function escalateVisit(ctx: VisitContext, visitId: string, input: { reason?: string | null; to?: string | null }, actor: VisitActor): Promise<Visit> {
  const reason = requiredText(input.reason, 'reason', '上移原因', 'the reason');
  const named = optionalText(input.to);
  if (named && !(await ctx.isStaff(named))) {
    const message = `没有这位同事：${named} / no such colleague`;
    throw AppError.validation(message, [{ path: 'to', message, code: 'not_found' }]);
  }
  const now = ctx.clock.now();
  const visit = await ctx.unitOfWork(async (st) => {
    const v = await st.visits.findVisitForUpdate(visitId);
    if (!v) throw AppError.notFound('来访 / visit');
    if (v.status === 'finished') throw wrongState(`${v.number} 号已结束接待`, 'the visit has finished');
    const step = ctx.rules.chain[v.escalationLevel];
    if (!step) throw wrongState(`已上报${ctx.rules.chain.at(-1)?.label ?? '最高一级'}，不能再上移`, 'already at the top of the escalation chain');
    const to = named ? `${step.label}（${named}）` : step.label;
    const updated: Visit = { ...v, escalationLevel: v.escalationLevel + 1, updatedAt: now, history: [...v.history, { at: now, action: 'escalated', by: actor.username, to, note: reason }] };
    await st.visits.updateVisit(updated);
    return updated;
  });
  const step = ctx.rules.chain[visit.escalationLevel - 1]!;
  await ctx.events.publish({ type: 'visit.escalated', at: now, visitId, number: visit.number, level: visit.escalationLevel, role: step.role, to: named, agent: named });
  return visit;
}
