import type { AttemptOutcome, CallbackInterval, CallbackType, NumberKind } from '../standard/callback-schema.js';
import type { DueWindow } from './due-window.js';

export { attemptOutcomes, callbackTypes, numberKinds } from '../standard/callback-schema.js';
export type { AttemptOutcome, CallbackType, NumberKind } from '../standard/callback-schema.js';

/**
 * The callback (回访) model. Plain data: phase 2 stores it as rows, the HTTP layer sends it as
 * JSON; every rule that changes it is a pure function in this folder with a clock passed in.
 */

/** CB-SELECT: how a campaign chooses whom to call. */
export type SelectionRule =
  /** Random, by customer code or category (随机选择法); `seed` makes the draw reproducible. */
  | { kind: 'random'; by: 'code' | 'category'; codePrefix?: string; categories?: string[]; size: number; seed: number }
  /** Low satisfaction (客户满意度选择法): a score below the pack's threshold in the period. */
  | { kind: 'low-satisfaction'; from: number; to: number; below?: number }
  /** Further or continued service (服务选择法): open tickets, or tickets solved recently, of the chosen types. */
  | { kind: 'further-service'; ticketTypes: string[]; recentlySolvedDays?: number }
  /** Cold relationship (情感选择法): no contact for N days. */
  | { kind: 'cold'; days?: number }
  /** CB-AFTER: complaint / complex tickets solved in the period; each target's window is 1st–3rd working day after. */
  | { kind: 'after-solved'; from: number; to: number; ticketTypes?: string[] };
export type SelectionKind = SelectionRule['kind'];
export const selectionKinds = ['random', 'low-satisfaction', 'further-service', 'cold', 'after-solved'] as const satisfies readonly SelectionKind[];

export interface Campaign {
  id: string;
  name: string;
  type: CallbackType;
  selection: SelectionRule;
  /** Local dates YYYY-MM-DD: the campaign's calls fall in this period (after-solved targets: their own windows). */
  period: { from: string; to: string };
  ownerTeam: string;
  /** Extra notes for the agents beside the type's script from the pack. */
  script?: string;
}

export interface PhoneNumber {
  number: string;
  kind: NumberKind;
  /** False when a previous call found it wrong or it failed validation. */
  valid?: boolean;
}

/** One customer on a campaign's target list (客户回访对象表). */
export interface CallbackTarget {
  customerId: string;
  customerCode?: string | null;
  customerName: string;
  number: string;
  numberKind: NumberKind;
  /** The customer's IANA zone, when recorded: the windows are their wall time. */
  timeZone?: string | null;
  /** The customer's own daily do-not-call hours, when recorded (CB-WINDOW narrows by them). */
  doNotCall?: CallbackInterval[] | null;
  /** The ticket this callback confirms (CB-AFTER / CB-REOPEN). */
  ticketId?: string | null;
  /** That ticket's number as the customer was told it (GD20251009-0042): what lists and exports show. */
  ticketNumber?: string | null;
  /** When the ticket was solved: the target's own due window is counted from it (CB-AFTER). */
  solvedAt?: number | null;
  /** Why the rule selected this customer, for the list (e.g. 满意度 2 分). */
  reason: string;
  /** The same in English (absent on tasks planned before it was kept). */
  reasonEn?: string;
}

export const taskStatuses = ['pending', 'retry', 'closed'] as const;
export type TaskStatus = (typeof taskStatuses)[number];

/** `ticket_reopened`: an after-solved callback withdrawn because its ticket was reopened before it was made. */
export const closeReasons = ['reached', 'attempts_exhausted', 'wrong_number', 'refused', 'window_passed', 'ticket_reopened'] as const;
export type CloseReason = (typeof closeReasons)[number];

/** CB-ABSENT: the person was not there and someone took a message. */
export interface AbsentMessage {
  takenBy: { name: string; relation: string };
  /** What was left: name, company, number, call-back time, content. */
  left: string;
  /** When to call again, ISO-8601 or epoch ms; the next attempt is planned then when callable. */
  callAgainAt?: number | null;
  /** Another way to reach the customer, when given. */
  otherContact?: string | null;
}

/** CB-REPORT: 客户回访报告表, filled after a callback that reached the customer. */
export interface CallbackReport {
  customerName: string;
  contact: string;
  /** When the callback took place, epoch ms. */
  at: number;
  type: CallbackType;
  content: string;
  /** 意见和建议. */
  opinions: string;
  /** 1 (very dissatisfied) – 5 (very satisfied). */
  satisfaction: 1 | 2 | 3 | 4 | 5;
  solved: boolean;
  followUpNeeded: boolean;
  agent: string;
}

/** The outbound call an attempt was (a call the CTI told us about, linked to the task). */
export interface AttemptCall {
  /** The call's row id (`/api/calls/:id`). */
  id: string;
  answered: boolean;
  /** Talk time from the answer to the hang-up, seconds; null while the call is not over or never answered. */
  talkSeconds: number | null;
  endedBy: 'agent' | 'customer' | 'system' | null;
}

export interface CallbackAttempt {
  at: number;
  agent: string;
  outcome: AttemptOutcome;
  note?: string;
  message?: AbsentMessage;
  report?: CallbackReport;
  /** The call this attempt was, when one was linked to the task: its duration and outcome. */
  call?: AttemptCall;
}

export interface CallbackTask {
  /** Deterministic (`taskKey`): planning the same campaign twice finds the same task. */
  key: string;
  campaignId: string;
  target: CallbackTarget;
  due: DueWindow;
  agent: string | null;
  /** When the next attempt is planned (a callable instant inside the due window). */
  plannedAt: number | null;
  attempts: CallbackAttempt[];
  status: TaskStatus;
  closeReason: CloseReason | null;
  closedAt: number | null;
}
