import { newId } from '../shared/ids.js';
import { normalizePhone } from './phone.js';
import type { Visit } from './model.js';
import { visitJobQueues, visitTimerKey, type VisitActor, type VisitContext } from './ports.js';
import { localDay } from './visit-rules.js';
import { optionalText, requiredText } from './visit-input.js';
import { AppError } from '../shared/app-error.js';

export interface RegisterVisitInput {
  visitor?: { surname?: string | null; phone?: string | null } | null;
  purpose?: string | null;
  urgent?: boolean;
  /** The colleague the visitor asked for (VS-OWNER); none: whoever is free at the desk. */
  forStaff?: string | null;
}

/**
 * Reception registers an arrival and gives the visitor a queue number (of the day). The wait alert
 * is set at once: after the pack's limit (3 minutes), or now when the visitor is urgent (VS-BUSY1/2:
 * "如B小姐事情紧急或已等待3分钟"). A phone given is linked to the customer it belongs to.
 */
export async function registerVisit(ctx: VisitContext, input: RegisterVisitInput, actor: VisitActor): Promise<Visit> {
  const surname = requiredText(input.visitor?.surname, 'visitor.surname', '来访人姓氏', 'the visitor’s surname');
  const purpose = requiredText(input.purpose, 'purpose', '来访事由', 'the purpose of the visit');
  const rawPhone = optionalText(input.visitor?.phone);
  const phone = rawPhone ? normalizePhone(rawPhone, 'visitor.phone') : null;
  const forStaff = optionalText(input.forStaff);
  if (forStaff && !(await ctx.isStaff(forStaff))) {
    const message = `没有这位同事：${forStaff} / no such colleague`;
    throw AppError.validation(message, [{ path: 'forStaff', message, code: 'not_found' }]);
  }
  const customerId = phone ? await ctx.customerByPhone(phone) : null;
  const now = ctx.clock.now();
  const urgent = input.urgent === true;
  const visit = await ctx.unitOfWork(async (st) => {
    const day = localDay(ctx.zone, now);
    const v: Visit = {
      id: newId(ctx.random, now, 'vis_'),
      day,
      number: await st.visits.nextNumber(day),
      visitor: { surname, phone, customerId },
      purpose,
      urgent,
      forStaff,
      status: 'waiting',
      arrivedAt: now,
      calledAt: null,
      servedBy: null,
      finishedAt: null,
      alertedAt: null,
      supervisorAlertedAt: null,
      escalationLevel: 0,
      heldCall: null,
      ticketId: null,
      history: [{ at: now, action: 'registered', by: actor.username, to: forStaff, note: urgent ? '紧急' : null }],
      registeredBy: actor.username,
      updatedAt: now,
    };
    await st.visits.insertVisit(v);
    await st.scheduler.schedule(visitJobQueues.alert, { visitId: v.id }, { runAt: urgent ? now : now + ctx.rules.waitLimitMs, key: visitTimerKey(v.id, 'alert') });
    return v;
    // Parallel registrations read the same highest number; the unique (day, number) index refuses all
    // but one, and the others draw again (each round at least one succeeds).
  }, { retryOnDuplicate: 50 });
  await ctx.events.publish({ type: 'visit.registered', at: now, visitId: visit.id, number: visit.number, staff: forStaff, urgent });
  return visit;
}
