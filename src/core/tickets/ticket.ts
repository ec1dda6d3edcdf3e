import type { EscalationLevel } from './ticket-settings.js';

export const ticketStatuses = ['open', 'in_progress', 'waiting_customer', 'resolved', 'closed', 'reopened'] as const;
export type TicketStatus = (typeof ticketStatuses)[number];

/** Status flow. Resolve, close and reopen have their own actions; everything else is a PATCH. */
export const allowedTransitions: Record<TicketStatus, readonly TicketStatus[]> = {
  open: ['in_progress', 'waiting_customer', 'resolved'],
  in_progress: ['waiting_customer', 'resolved'],
  waiting_customer: ['in_progress', 'resolved'],
  resolved: ['closed', 'reopened'],
  closed: ['reopened'],
  reopened: ['in_progress', 'waiting_customer', 'resolved'],
};

export function canTransition(from: TicketStatus, to: TicketStatus): boolean {
  return allowedTransitions[from].includes(to);
}

/** The actions a ticket offers, as the screens show them (`ticketActionsFor` in `ticket-actions.ts` adds who may and the promises). */
export interface TicketActions {
  escalate: boolean;
  resolve: boolean;
  reopen: boolean;
  close: boolean;
  /** The promises that may be renegotiated now (CP-PROMISE), by id; `ticket-actions.ts` fills it in. */
  renegotiate: string[];
}

/** A settled ticket: the customer has the answer. Its promises are settled; it is never overdue or at risk. */
export const settledStatuses: readonly TicketStatus[] = ['resolved', 'closed'];

export function ticketActions(status: TicketStatus): TicketActions {
  const settled = settledStatuses.includes(status);
  return {
    // A settled ticket goes up the chain only after it is reopened: its promises were already settled.
    escalate: !settled,
    resolve: canTransition(status, 'resolved'),
    reopen: canTransition(status, 'reopened'),
    close: canTransition(status, 'closed'),
    renegotiate: [],
  };
}

export const ticketChannels = ['phone', 'chat', 'visit', 'callback', 'email', 'other'] as const;
export type TicketChannel = (typeof ticketChannels)[number];

export const ticketPriorities = ['low', 'normal', 'high', 'urgent'] as const;
export type TicketPriority = (typeof ticketPriorities)[number];

/** PH-SUMMARY5: what the agent writes after the call. Satisfaction 1 (very dissatisfied) to 5 (very satisfied). */
export interface CallSummary {
  problemType: string;
  solution: string;
  satisfaction: number | null;
  writtenAt: number;
}

export interface Ticket {
  id: string;
  /**
   * The number a customer is told on the phone (GD20251009-0042: the centre's prefix, the day in the
   * centre's zone, that day's sequence); unique. Null only on a ticket stored before numbers existed
   * and not yet numbered at start-up.
   */
  number: string | null;
  type: string;
  complaintClass: string | null;
  complaintGrade: string | null;
  /** What the problem is about, for first-contact resolution (same problem = same key). */
  problemType: string | null;
  title: string | null;
  description: string;
  customerId: string | null;
  customerName: string;
  contactPhone: string | null;
  callId: string | null;
  visitId: string | null;
  channel: TicketChannel;
  status: TicketStatus;
  priority: TicketPriority;
  assigneeId: string | null;
  team: string | null;
  escalationLevel: EscalationLevel;
  createdBy: string | null;
  createdAt: number;
  updatedAt: number;
  /** When the call this ticket came from ended (PH-TICKET3, PH-SUMMARY5 clocks). */
  callEndedAt: number | null;
  summary: CallSummary | null;
  resolvedAt: number | null;
  closedAt: number | null;
  reopenCount: number;
  /** Set while the ticket sits in a status where its promise clocks stop. */
  pausedSince: number | null;
}

export const ticketHistoryActions = [
  'created',
  'updated',
  'status_changed',
  'assigned',
  'escalated',
  'resolved',
  'closed',
  'reopened',
  'summary_written',
  'promise_made',
  'promise_kept',
  'promise_broken',
  'promise_reminded',
  'promise_rescheduled',
  'article_linked',
  'article_unlinked',
  'promise_renegotiated',
] as const;
export type TicketHistoryAction = (typeof ticketHistoryActions)[number];

export interface TicketHistoryEntry {
  id: string;
  ticketId: string;
  at: number;
  actorId: string | null;
  actorName: string | null;
  action: TicketHistoryAction;
  /** Field → [before, after]. */
  changes: Record<string, { from: unknown; to: unknown }> | null;
  note: string | null;
}

export const promiseKinds = ['reply', 'follow_up', 'callback'] as const;
export type PromiseKind = (typeof promiseKinds)[number];

/** `renegotiated`: replaced by a new time agreed with the customer before this one ran out (CP-PROMISE). */
export const promiseStatuses = ['open', 'kept', 'broken', 'renegotiated'] as const;
export type PromiseStatus = (typeof promiseStatuses)[number];

/** A reply time told to a customer (CP-PROMISE, FU-REMIND): a deadline with a record of whether it was kept. */
export interface TicketPromise {
  id: string;
  ticketId: string;
  kind: PromiseKind;
  /** The typed duration it was made with (2wd, 24h), or null for an explicit time. */
  duration: string | null;
  startedAt: number;
  dueAt: number;
  remindAt: number | null;
  status: PromiseStatus;
  /** When the customer got the answer; may follow `brokenAt` (kept late still counts as broken). */
  keptAt: number | null;
  brokenAt: number | null;
  /** How many steps up the escalation chain it has gone. */
  escalationStep: number;
  createdAt: number;
  createdBy: string | null;
  note: string | null;
  /** CP-PROMISE: the promise this one replaces (a new time agreed with the customer). */
  replacesId: string | null;
  /** The promise that replaced this one; a replaced promise is no longer due, reminded or escalated. */
  replacedById: string | null;
}
