import { AppError } from '../shared/app-error.js';
import type { Visit } from './model.js';
import type { VisitActor, VisitContext } from './ports.js';
import { wrongState } from './visit-input.js';

export interface VisitComplaintInput {
  complaintClass?: string | null;
  complaintGrade?: string | null;
  description?: string | null;
}

/** The ticket service seen from the complaint room: files a complaint ticket linked to the visit. */
export type FileComplaintPort = (input: {
  visitId: string;
  customerId: string | null;
  customerName: string;
  contactPhone: string | null;
  complaintClass: string | null;
  complaintGrade: string | null;
  description: string;
}, actor: VisitActor) => Promise<{ ticketId: string }>;

/**
 * CP-VISIT: a walk-in complaint gets the same complaint ticket, grade and promise as a phone
 * complaint (the ticket service checks the fields and sets the promise), with the visit linked both
 * ways. The ticket is filed first (its own transaction); a visit that has one already is a 409.
 */
export async function fileVisitComplaint(ctx: VisitContext, file: FileComplaintPort, visitId: string, input: VisitComplaintInput, actor: VisitActor): Promise<{ visit: Visit; ticketId: string }> {
  const v = await ctx.read.findVisit(visitId);
  if (!v) throw AppError.notFound('来访 / visit');
  if (v.ticketId) throw wrongState(`这次来访已有投诉工单 ${v.ticketId}`, 'the visit has a complaint ticket already');
  const { ticketId } = await file(
    {
      visitId: v.id,
      customerId: v.visitor.customerId,
      customerName: v.visitor.surname,
      contactPhone: v.visitor.phone,
      complaintClass: input.complaintClass ?? null,
      complaintGrade: input.complaintGrade ?? null,
      description: input.description ?? '',
    },
    actor,
  );
  const now = ctx.clock.now();
  const visit = await ctx.unitOfWork(async (st) => {
    const cur = (await st.visits.findVisitForUpdate(visitId))!;
    const updated: Visit = { ...cur, ticketId, updatedAt: now, history: [...cur.history, { at: now, action: 'complaint_filed', by: actor.username, note: `投诉工单 ${ticketId}` }] };
    await st.visits.updateVisit(updated);
    return updated;
  });
  return { visit, ticketId };
}
