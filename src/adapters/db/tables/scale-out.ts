import type { Generated } from 'kysely';

/** Live events with their sequence id (migration 012): what a reconnecting stream catches up from. */
export interface EventLogTable {
  seq: Generated<number>;
  type: string;
  at: number;
  /** The event as streams send it (personal data already masked), JSON. */
  payload: string;
  /** The customer the event is about, so erasing a customer can remove its events. */
  customer_id: string | null;
  /** One real-world event, one row: a CTI event posted again is not a second event. */
  dedupe_key: string | null;
}

/** Sign-in attempts in the last minute per client address, shared by every server process. */
export interface LoginAttemptsTable {
  id: string;
  address: string;
  at: number;
}
