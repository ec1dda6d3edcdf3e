import { AppError, type FieldError } from '../shared/app-error.js';
import { newId } from '../shared/ids.js';
import { normalizePhone } from '../customers/customer.js';
import type { Ticket, TicketHistoryEntry, TicketPromise } from './ticket.js';
import { missingRequiredFields, vagueDescriptionProblem } from './ticket-rules.js';
import type { TicketActor } from './ticket-actor.js';
import { runTicketCommand, writeHistory, type TicketContext, type TicketDetail } from './ticket-context.js';
import { complaintFieldProblems, complaintLimit, enumProblems, summaryOf, trimOrNull, type PromiseInput, type TicketInput } from './ticket-input.js';
import { makePromise } from './ticket-promises.js';
import { checkAssignee } from './ticket-assignment.js';
import { ticketActionsFor } from './ticket-actions.js';
import { formatTicketNumber, ticketNumberDayKey } from './ticket-number.js';

/**
 * Files a ticket (工单): PH-RECORD required fields and vague descriptions checked, the caller linked
 * to a known customer by number (CRM-DB), and the reply time the customer is told (CP-GRADE,
 * FU-REMIND) made a promise with its timers, all in one transaction.
 */
export async function createTicket(ctx: TicketContext, input: TicketInput, actor: TicketActor): Promise<TicketDetail> {
  return runTicketCommand(ctx, actor, async (cmd) => {
    const { st, now, settings: s } = cmd;
    const fields: FieldError[] = [];
    const type = s.types.find((x) => x.key === input.type);
    if (!type) fields.push({ path: 'type', message: `unknown ticket type "${input.type}" (one of ${s.types.map((x) => x.key).join(', ')})`, code: 'one_of', params: { values: s.types.map((x) => x.label).join('、') } });
    let customerName = trimOrNull(input.customerName);
    let customerId = trimOrNull(input.customerId);
    let contactPhone: string | null = null;
    if (trimOrNull(input.contactPhone)) {
      contactPhone = normalizePhone(input.contactPhone!) ?? null;
      if (!contactPhone) fields.push({ path: 'contactPhone', message: `"${input.contactPhone}" is not a valid phone number`, code: 'invalid_phone' });
    }
    if (customerId) {
      const c = await st.customers.findById(customerId);
      if (!c) fields.push({ path: 'customerId', message: `no customer with id ${customerId}`, code: 'not_found' });
      else {
        customerName ??= c.name;
        contactPhone ??= c.phones[0]?.number ?? null;
      }
    } else if (contactPhone) {
      // A caller already in the customer database is linked by number (CRM-DB).
      const c = await st.customers.findByPhone(contactPhone);
      if (c) {
        customerId = c.id;
        customerName ??= c.name;
      }
    }
    const description = input.description?.trim() ?? '';
    const isComplaint = input.type === 'complaint';
    const complaintClass = trimOrNull(input.complaintClass);
    const complaintGrade = trimOrNull(input.complaintGrade);
    fields.push(...complaintFieldProblems(complaintClass, complaintGrade, s));
    if (type) {
      fields.push(
        ...missingRequiredFields(type.requiredFields, {
          customerName,
          contactPhone,
          description,
          complaintClass,
          complaintGrade,
          callId: input.callId,
          customerId,
        }),
      );
    }
    if (description) {
      const vague = vagueDescriptionProblem(description, s);
      if (vague) fields.push({ path: 'description', message: vague, code: 'vague_description' });
    }
    fields.push(...enumProblems(input));
    if (fields.length) throw AppError.validation(`Invalid ticket: ${fields.map((f) => `${f.path} ${f.message}`).join('; ')}`, fields);
    // Filed for themselves unless another is named: then the assignment rule holds as on a reassignment.
    const assigneeId = input.assigneeId !== undefined ? trimOrNull(input.assigneeId) : actor.id;
    if (assigneeId !== actor.id) await checkAssignee(st.people, actor, assigneeId);
    // The number last, once nothing can refuse the ticket: a refused one would leave a gap in the day.
    const dayKey = ticketNumberDayKey(s.numberPrefix, ctx.localDay(now));
    const number = formatTicketNumber(dayKey, await st.tickets.nextNumber(dayKey));

    const t: Ticket = {
      id: newId(ctx.random, now, 'tk_'),
      number,
      type: input.type,
      complaintClass,
      complaintGrade,
      problemType: trimOrNull(input.problemType) ?? trimOrNull(input.summary?.problemType) ?? (isComplaint && complaintClass ? `complaint:${complaintClass}` : null),
      title: trimOrNull(input.title),
      description,
      customerId,
      customerName: customerName ?? '',
      contactPhone,
      callId: trimOrNull(input.callId),
      visitId: trimOrNull(input.visitId),
      channel: input.channel ?? (input.callId ? 'phone' : 'other'),
      status: 'open',
      priority: input.priority ?? 'normal',
      assigneeId,
      team: input.team !== undefined ? trimOrNull(input.team) : actor.team,
      escalationLevel: s.escalationChain[0]?.level ?? 'agent',
      createdBy: actor.id,
      createdAt: now,
      updatedAt: now,
      callEndedAt: input.callEndedAt ?? null,
      summary: input.summary ? summaryOf(input.summary, now) : null,
      resolvedAt: null,
      closedAt: null,
      reopenCount: 0,
      pausedSince: null,
    };
    await st.tickets.insert(t);
    // A new ticket's history and promises are exactly what this command writes: no read-back.
    const history: TicketHistoryEntry[] = [];
    const promises: TicketPromise[] = [];
    await writeHistory(cmd, t.id, { action: 'created' }, history);
    if (t.summary) await writeHistory(cmd, t.id, { action: 'summary_written' }, history);

    // CP-GRADE / FU-REMIND: the reply time the customer is told becomes a promise with timers.
    const promised: PromiseInput[] = [];
    if (isComplaint && complaintClass && complaintGrade) promised.push({ within: complaintLimit(complaintClass, complaintGrade, s), kind: 'reply' });
    else if (type?.followUpWithin) promised.push({ within: type.followUpWithin, kind: 'follow_up' });
    if (input.promise) promised.push(input.promise);
    for (const p of promised) promises.push(await makePromise(cmd, t, p, history));
    // The entries were collected above: one statement for all of them.
    await st.history.append(...history);
    cmd.events.push({ type: 'ticket.created', ticketId: t.id, number: t.number, ticketType: t.type, team: t.team, assigneeId: t.assigneeId, customerId: t.customerId, callId: t.callId });
    return { ticket: t, history, promises, actions: ticketActionsFor(t, promises, actor, s, now) };
  });
}
