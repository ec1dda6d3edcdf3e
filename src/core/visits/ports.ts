import type { Random } from '../shared/random.js';
import type { Clock } from '../shared/clock.js';
import type { TimeZone } from '../calendar/time-zone.js';
import type { DomainEventPublisher, Scheduler } from '../tickets/ports.js';
import type { Desk, Visit, VisitMessage, VisitStatus } from './model.js';
import type { VisitRules } from './visit-rules.js';

export interface VisitQuery {
  status?: VisitStatus[];
  day?: string;
  /** Arrived in [arrivedFrom, arrivedTo) (epoch ms). */
  arrivedFrom?: number;
  arrivedTo?: number;
  limit: number;
}

export interface ObservationCard {
  id: string;
  staff: string;
  visitId: string | null;
  /** The local date of the shift scored, when the card is per shift. */
  shiftDay: string | null;
  scores: Record<string, number>;
  note: string | null;
  scoredBy: string;
  scoredAt: number;
}

/** What the visit use cases need from storage; `adapters/db/repositories/visit-repository.ts` satisfies it. */
export interface VisitStore {
  /** The next queue number of the day (1 for the first visitor). */
  nextNumber(day: string): Promise<number>;
  insertVisit(v: Visit): Promise<void>;
  updateVisit(v: Visit): Promise<void>;
  findVisit(id: string): Promise<Visit | undefined>;
  /** Reads the visit for a change and holds it until the commit (PostgreSQL: FOR UPDATE). */
  findVisitForUpdate(id: string): Promise<Visit | undefined>;
  /** Oldest arrival first. */
  listVisits(q: VisitQuery): Promise<Visit[]>;
  findDesk(username: string): Promise<Desk | undefined>;
  saveDesk(d: Desk): Promise<void>;
  listDesks(): Promise<Desk[]>;
  insertMessage(m: VisitMessage): Promise<void>;
  updateMessage(m: VisitMessage): Promise<void>;
  findMessage(id: string): Promise<VisitMessage | undefined>;
  findMessageForUpdate(id: string): Promise<VisitMessage | undefined>;
  listMessages(q: { forStaff?: string; status?: VisitMessage['status']; overdueAt?: number; limit: number }): Promise<VisitMessage[]>;
  insertCard(c: ObservationCard): Promise<void>;
  listCards(q: { staff?: string; from?: number; to?: number }): Promise<ObservationCard[]>;
}

/** VS-BUSY2: a held call that was lost becomes a callback task with the number the caller left. */
export interface LostCallPort {
  /** Creates (once per visit) the callback task; returns its id. */
  callbackForLostCall(input: { visitId: string; number: string; staff: string; at: number }): Promise<string>;
}

/** Everything one visit command writes, bound to one transaction. */
export interface VisitStores {
  visits: VisitStore;
  scheduler: Scheduler;
  lostCalls: LostCallPort;
}

export interface VisitContext {
  clock: Clock;
  /** Ids of new visits, messages and cards. */
  random: Random;
  zone: TimeZone;
  rules: VisitRules;
  read: VisitStore;
  /**
   * Runs `fn` in one transaction. With `retryOnDuplicate`, a unique-index violation (two receptions
   * taking the same queue number at once on PostgreSQL) runs the whole transaction again, up to that
   * many times: the index stays the last word, the retry finds the next free number.
   */
  unitOfWork<T>(fn: (st: VisitStores) => Promise<T>, opts?: { retryOnDuplicate?: number }): Promise<T>;
  events: DomainEventPublisher;
  /** The customer a visitor's number belongs to (linked on registration). */
  customerByPhone(phone: string): Promise<string | null>;
  /** Whether a username is a known, active user (hand-offs and messages name real colleagues). Reads outside the transaction: call it before `unitOfWork` (SQLite has one connection). */
  isStaff(username: string): Promise<boolean>;
}

export interface VisitActor {
  username: string;
}

export const visitJobQueues = {
  /** VS-BUSY1/2: the visitor has waited the limit (or is urgent): the staff member is alerted. */
  alert: 'visits.alert',
  /** The alert was not answered: the supervisor is alerted. */
  supervisor: 'visits.supervisor_alert',
  /** VS-OWNER: a message was not passed on by its promised time: escalated to the supervisor. */
  messageOverdue: 'visits.message_overdue',
} as const;

export const visitTimerKey = (visitId: string, kind: 'alert' | 'supervisor'): string => `visit:${visitId}:${kind}`;
export const messageTimerKey = (messageId: string): string => `visit-message:${messageId}:overdue`;

/** A visit taken up (called, handed off, finished) needs no wait alerts any more. */
export async function cancelWaitTimers(scheduler: Scheduler, visitId: string): Promise<void> {
  await scheduler.cancel(visitTimerKey(visitId, 'alert'));
  await scheduler.cancel(visitTimerKey(visitId, 'supervisor'));
}
