import { AppError, type FieldError } from '../shared/app-error.js';
import { normalizePhone } from '../customers/customer.js';
import type { Ticket } from './ticket.js';
import { missingRequiredFields, vagueDescriptionProblem } from './ticket-rules.js';
import type { TicketActor } from './ticket-actor.js';
import { detailIn, loadForChange, runTicketCommand, writeHistory, type Changes, type TicketContext, type TicketDetail } from './ticket-context.js';
import { complaintFieldProblems, enumProblems, summaryOf, trimOrNull, type TicketPatch } from './ticket-input.js';
import { assertTransition, changeStatus } from './ticket-status.js';
import { checkAssignee } from './ticket-assignment.js';

/**
 * Edits a ticket (fields, the call summary, and the working statuses in progress / waiting on the
 * customer), checked as on create; each kind of change gets its own history entry. A patch that
 * changes nothing writes nothing.
 */
export async function updateTicket(ctx: TicketContext, id: string, patch: TicketPatch, actor: TicketActor): Promise<TicketDetail> {
  return runTicketCommand(ctx, actor, async (cmd) => {
    const before = await loadForChange(cmd, id);
    const { st, now, settings: s } = cmd;
    const t: Ticket = { ...before };
    const fields: FieldError[] = [...enumProblems(patch)];
    if (patch.type !== undefined && patch.type !== before.type) {
      if (!s.types.some((x) => x.key === patch.type)) fields.push({ path: 'type', message: `unknown ticket type "${patch.type}"` });
      t.type = patch.type;
    }
    for (const k of ['title', 'problemType', 'callId', 'visitId', 'team', 'assigneeId', 'complaintClass', 'complaintGrade'] as const) {
      if (patch[k] !== undefined) t[k] = trimOrNull(patch[k]);
    }
    if (patch.customerName !== undefined) t.customerName = patch.customerName?.trim() ?? '';
    if (patch.description !== undefined) {
      t.description = patch.description.trim();
      const vague = t.description ? vagueDescriptionProblem(t.description, s) : null;
      if (vague) fields.push({ path: 'description', message: vague });
    }
    if (patch.contactPhone !== undefined) {
      t.contactPhone = trimOrNull(patch.contactPhone) ? normalizePhone(patch.contactPhone!) ?? null : null;
      if (trimOrNull(patch.contactPhone) && !t.contactPhone) fields.push({ path: 'contactPhone', message: `"${patch.contactPhone}" is not a valid phone number` });
    }
    if (patch.customerId !== undefined) {
      t.customerId = trimOrNull(patch.customerId);
      if (t.customerId && !(await st.customers.findById(t.customerId))) fields.push({ path: 'customerId', message: `no customer with id ${t.customerId}` });
    }
    if (patch.channel) t.channel = patch.channel;
    if (patch.priority) t.priority = patch.priority;
    if (patch.callEndedAt !== undefined) t.callEndedAt = patch.callEndedAt;
    fields.push(...complaintFieldProblems(t.complaintClass, t.complaintGrade, s));
    const type = s.types.find((x) => x.key === t.type);
    if (type) fields.push(...missingRequiredFields(type.requiredFields, { ...t, description: t.description }));
    if (fields.length) throw AppError.validation(`Invalid change: ${fields.map((f) => `${f.path} ${f.message}`).join('; ')}`, fields);
    if (t.assigneeId !== before.assigneeId) await checkAssignee(cmd.st.people, actor, t.assigneeId);

    const changes: Changes = {};
    for (const k of Object.keys(t) as Array<keyof Ticket>) {
      if (k === 'updatedAt' || k === 'summary') continue;
      if (JSON.stringify(t[k]) !== JSON.stringify(before[k])) changes[k] = { from: before[k], to: t[k] };
    }
    let summaryWritten = false;
    if (patch.summary) {
      t.summary = summaryOf(patch.summary, now);
      t.problemType ??= t.summary.problemType;
      summaryWritten = true;
    }
    if (patch.status && patch.status !== before.status) {
      assertTransition(before.status, patch.status);
      await changeStatus(cmd, t, patch.status);
      changes.status = { from: before.status, to: patch.status };
    }
    if (Object.keys(changes).length === 0 && !summaryWritten) return detailIn(cmd, before);
    t.updatedAt = now;
    await st.tickets.update(t);
    const { status, assigneeId, ...rest } = changes;
    if (status) await writeHistory(cmd, id, { action: 'status_changed', changes: { status } });
    if (assigneeId) await writeHistory(cmd, id, { action: 'assigned', changes: { assigneeId } });
    if (Object.keys(rest).length) await writeHistory(cmd, id, { action: 'updated', changes: rest });
    if (summaryWritten) await writeHistory(cmd, id, { action: 'summary_written', changes: { summary: { from: before.summary, to: t.summary } } });
    cmd.events.push({ type: 'ticket.updated', ticketId: id, changed: Object.keys(changes) });
    return detailIn(cmd, t);
  });
}
