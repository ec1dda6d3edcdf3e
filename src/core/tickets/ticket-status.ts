import { AppError } from '../shared/app-error.js';
import { allowedTransitions, canTransition, type Ticket, type TicketPromise, type TicketStatus } from './ticket.js';
import type { EscalationLevel } from './ticket-settings.js';
import { writeHistory, type Changes, type TicketCommand } from './ticket-context.js';
import { schedulePromiseTimers } from './ticket-promises.js';

export function assertTransition(from: TicketStatus, to: TicketStatus): void {
  if (!canTransition(from, to)) {
    const allowed = allowedTransitions[from];
    throw AppError.conflict(`A ${from} ticket cannot become ${to} (allowed: ${allowed.join(', ') || 'none'})`, [{ path: 'status', message: `${from} → ${to} is not allowed` }]);
  }
}

/** Moves the status, pausing or resuming the promise clocks where the pack says (waiting on the customer). */
export async function changeStatus(cmd: TicketCommand, t: Ticket, to: TicketStatus): Promise<void> {
  const { now, settings: s } = cmd;
  const pausedBefore = (s.slaPausedStatuses as readonly string[]).includes(t.status);
  const pausedAfter = (s.slaPausedStatuses as readonly string[]).includes(to);
  t.status = to;
  if (!pausedBefore && pausedAfter) t.pausedSince = now;
  if (pausedBefore && !pausedAfter && t.pausedSince !== null) {
    const pausedFor = now - t.pausedSince;
    t.pausedSince = null;
    if (pausedFor > 0) {
      for (const p of await cmd.st.promises.forTicket(t.id)) {
        if (p.status !== 'open') continue;
        const moved: TicketPromise = { ...p, dueAt: p.dueAt + pausedFor, remindAt: p.remindAt === null ? null : p.remindAt + pausedFor };
        await cmd.st.promises.update(moved);
        await schedulePromiseTimers(cmd.st, moved, now);
      }
    }
  }
}

/** VS-ESCALATE: the ticket goes to `level` of the escalation chain, with its history entry and event. */
export async function raiseTo(cmd: TicketCommand, t: Ticket, level: EscalationLevel, reason: string | null, why?: Changes): Promise<void> {
  const from = t.escalationLevel;
  t.escalationLevel = level;
  t.updatedAt = cmd.now;
  await cmd.st.tickets.update(t);
  await writeHistory(cmd, t.id, { action: 'escalated', changes: { escalationLevel: { from, to: level }, ...why }, note: reason });
  cmd.events.push({ type: 'ticket.escalated', ticketId: t.id, from, to: level, reason, team: t.team, assigneeId: t.assigneeId });
}
