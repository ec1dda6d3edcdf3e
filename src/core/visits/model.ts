/**
 * The walk-in service centre (KF-1, issue #16): visitors queue at reception, staff call them, hand
 * them to colleagues, take messages for absent colleagues. Plain data: the repository stores it as
 * rows, the HTTP layer sends it as JSON; every rule that changes it is a use case in this folder
 * with the clock passed in.
 */

export const visitStatuses = ['waiting', 'serving', 'finished'] as const;
export type VisitStatus = (typeof visitStatuses)[number];

/** A staff member's desk: free, with a visitor, on the phone, or out of the office (开会、外出). */
export const deskStates = ['free', 'serving', 'on_phone', 'out'] as const;
export type DeskState = (typeof deskStates)[number];

export interface Visitor {
  /** 姓氏 (with 先生/女士 when given), the only personal detail the waiting-room display shows, masked. */
  surname: string;
  phone: string | null;
  /** The customer whose number the visitor gave, when one matches. */
  customerId: string | null;
}

/**
 * VS-BUSY2: the call the staff member laid down (聽筒朝下) to fetch a colleague for a visitor. The
 * caller's number, left with consent, is the fallback: only a lost call becomes a callback task.
 */
export interface HeldCall {
  by: string;
  number: string | null;
  consent: boolean;
  heldAt: number;
  outcome: 'on_hold' | 'resumed' | 'lost';
  endedAt: number | null;
  callbackTaskId: string | null;
}

export const visitActions = [
  'registered',
  'alerted',
  'supervisor_alerted',
  'called',
  'call_held',
  'handed_off',
  'call_resumed',
  'call_lost',
  'message_taken',
  'escalated',
  'complaint_filed',
  'finished',
] as const;
export type VisitAction = (typeof visitActions)[number];

export interface VisitEvent {
  at: number;
  action: VisitAction;
  by: string | null;
  /** Whom the visit went to (hand-off, escalation, message). */
  to?: string | null;
  /** The introduction of a hand-off (VS-REFER), the reason of an escalation, … */
  note?: string | null;
}

export interface Visit {
  id: string;
  /** The centre's local date of arrival: queue numbers start again each day. */
  day: string;
  number: number;
  visitor: Visitor;
  purpose: string;
  urgent: boolean;
  /** The staff member the visitor asked for (VS-OWNER), or null for whoever is free at the desk. */
  forStaff: string | null;
  status: VisitStatus;
  arrivedAt: number;
  calledAt: number | null;
  servedBy: string | null;
  finishedAt: number | null;
  /** The 3-minute alert went to the staff member (VS-BUSY1/2). */
  alertedAt: number | null;
  /** Unanswered, it went on to the supervisor. */
  supervisorAlertedAt: number | null;
  /** VS-ESCALATE: how far up the chain the visit has gone (0: not escalated). */
  escalationLevel: number;
  heldCall: HeldCall | null;
  /** CP-VISIT: the complaint ticket filed for this visit. */
  ticketId: string | null;
  history: VisitEvent[];
  registeredBy: string | null;
  updatedAt: number;
}

export interface Desk {
  username: string;
  state: DeskState;
  onShift: boolean;
  /** The visit in hand while serving. */
  visitId: string | null;
  since: number;
  /** 窗口: the counter the waiting-room display sends a called visitor to (set by the staff member). */
  counter: string | null;
  /** The live call (CTI) that put the desk `on_phone`; null when set by hand. Its end frees the desk. */
  phoneCallId: string | null;
}

export const messageStatuses = ['open', 'passed_on'] as const;
export type MessageStatus = (typeof messageStatuses)[number];

/** VS-OWNER 情况二: a message left for a colleague who is out, promised to be passed on by a time. */
export interface VisitMessage {
  id: string;
  visitId: string | null;
  forStaff: string;
  surname: string;
  contact: string;
  content: string;
  urgent: boolean;
  takenBy: string | null;
  takenAt: number;
  /** The promised pass-on time: missed, the message escalates to the supervisor (once). */
  deadline: number;
  status: MessageStatus;
  passedOnAt: number | null;
  escalatedAt: number | null;
}

/** VS-PRIVACY: what an ID copy may be (scans of a card), told by the bytes, not the upload's word. */
export const idCopyContentTypes = ['image/jpeg', 'image/png'] as const;
export type IdCopyContentType = (typeof idCopyContentTypes)[number];
