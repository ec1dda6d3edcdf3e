import { AppError } from '../shared/app-error.js';
import type { Role } from '../users/roles.js';
import type { TicketActor } from './ticket-actor.js';
import type { TicketPeople, TicketPerson } from './ports.js';

/** Roles that run a team's tickets: they assign to anyone and escalate past the first level. */
export const ticketLeadRoles: readonly Role[] = ['supervisor', 'manager', 'admin'];

export function isTicketLead(actor: TicketActor): boolean {
  return actor.role !== null && ticketLeadRoles.includes(actor.role);
}

/**
 * Who may give a ticket to whom, the one place it is decided: anyone takes a ticket themselves or
 * hands it to an active colleague of their own team; a lead (supervisor, manager, admin) assigns
 * to any active user or leaves it unassigned. The job queue (no role) is not limited.
 */
export function mayAssignTo(actor: TicketActor, person: TicketPerson): boolean {
  if (!person.active) return false;
  if (actor.role === null || isTicketLead(actor) || person.id === actor.id) return true;
  return actor.team !== null && person.team === actor.team;
}

/** `mayAssignTo` as a command's check: a refusal says why, in the words of the desk. */
export async function checkAssignee(people: TicketPeople, actor: TicketActor, assigneeId: string | null): Promise<void> {
  if (assigneeId === null) {
    if (actor.role !== null && !isTicketLead(actor)) throw AppError.forbidden('只有班长、主管可以把工单改为无人处理；可以改派给自己或本班组的同事');
    return;
  }
  const person = await people.find(assigneeId);
  if (!person?.active) throw AppError.validation('处理人不存在或已停用', [{ path: 'assigneeId', message: '没有这位在岗的同事', code: 'not_found' }]);
  if (!mayAssignTo(actor, person)) throw AppError.forbidden(`坐席只能把工单分派给自己或本班组的同事（${person.displayName} 不在你的班组）`);
}
