import { AppError } from '../shared/app-error.js';
import { settledStatuses, ticketActions, type Ticket, type TicketActions, type TicketPromise } from './ticket.js';
import type { TicketActor } from './ticket-actor.js';
import { isTicketLead } from './ticket-assignment.js';
import type { TicketSettings } from './ticket-settings.js';
import { approximateMs } from './ticket-rules.js';

/**
 * VS-ESCALATE rights: why this actor cannot send this ticket one step up now, or null when they
 * can. A settled ticket goes up only after a reopen; the top of the chain has nowhere to go; an
 * agent (or QA) escalates only one level, from the first one (a lead takes it further). Reading
 * the ticket (team privacy) is checked before, when it is loaded.
 */
export function escalationRefusal(t: Ticket, actor: TicketActor, s: TicketSettings): AppError | null {
  if (settledStatuses.includes(t.status)) return AppError.conflict('工单已解决或已关闭，需先重开才能升级', [{ path: 'status', message: '已解决或已关闭' }]);
  const idx = s.escalationChain.findIndex((l) => l.level === t.escalationLevel);
  const current = s.escalationChain[idx]?.label ?? t.escalationLevel;
  if (idx + 1 >= s.escalationChain.length) return AppError.conflict(`工单已在最高一级（${current}），不能再升级`, [{ path: 'escalationLevel', message: '已是最高一级' }]);
  if (idx > 0 && actor.role !== null && !isTicketLead(actor)) {
    return AppError.forbidden(`坐席只能升级一级：工单已在${current}处，由其决定是否继续上报`);
  }
  return null;
}

/**
 * CP-PROMISE: a promise may be renegotiated (a new time agreed with the customer) when it is broken,
 * or still open and due within the reminder lead time (at risk), and not already replaced.
 */
export function renegotiable(p: TicketPromise, now: number, s: TicketSettings): boolean {
  if (p.replacedById !== null || p.keptAt !== null) return false;
  if (p.status === 'broken') return true;
  return p.status === 'open' && p.dueAt - now <= approximateMs(s.reminderLeadTime);
}

/** What the screens offer on this ticket for this actor now: the status flow, the escalation rights, the promises to renegotiate. */
export function ticketActionsFor(t: Ticket, promises: readonly TicketPromise[], actor: TicketActor, s: TicketSettings, now: number): TicketActions {
  const settled = settledStatuses.includes(t.status);
  return {
    ...ticketActions(t.status),
    escalate: escalationRefusal(t, actor, s) === null,
    renegotiate: settled ? [] : promises.filter((p) => renegotiable(p, now, s)).map((p) => p.id),
  };
}
