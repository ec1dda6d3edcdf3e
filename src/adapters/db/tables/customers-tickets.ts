import type { Generated } from 'kysely';

// Row shapes of the customers and tickets tables (migration 005). Same conventions as the
// foundation: epoch-ms bigints, 0/1 booleans, JSON as text. `search_tokens` is the segmented,
// Simplified text the full-text index is built over; `search_seq` is the SQLite FTS5 rowid.

export interface CustomersTable {
  id: string;
  code: string | null;
  name: string;
  company: string | null;
  email: string | null;
  category: string | null;
  vip: number;
  stage: string;
  tags: string;
  phones: string;
  contact_preferences: string;
  note: string | null;
  search_tokens: string;
  search_seq: number | null;
  created_at: number;
  updated_at: number;
}

export interface CustomerPhonesTable {
  /** Normalized number; the primary key is the de-duplication. */
  phone: string;
  customer_id: string;
  kind: string;
}

export interface CustomerStageHistoryTable {
  id: string;
  customer_id: string;
  from_stage: string | null;
  to_stage: string;
  at: number;
  actor_id: string | null;
  actor_name: string | null;
  reason: string | null;
}

export interface TicketsTable {
  id: string;
  /** Migration 019: GD20251009-0042; null only before the start-up backfill. */
  number: string | null;
  type: string;
  complaint_class: string | null;
  complaint_grade: string | null;
  problem_type: string | null;
  title: string | null;
  description: string;
  customer_id: string | null;
  customer_name: string;
  contact_phone: string | null;
  call_id: string | null;
  visit_id: string | null;
  channel: string;
  status: string;
  priority: string;
  assignee_id: string | null;
  team: string | null;
  escalation_level: string;
  created_by: string | null;
  created_at: number;
  updated_at: number;
  call_ended_at: number | null;
  summary: string | null;
  summary_at: number | null;
  resolved_at: number | null;
  closed_at: number | null;
  reopen_count: number;
  paused_since: number | null;
  search_tokens: string;
  search_seq: number | null;
}

export interface TicketHistoryTable {
  id: string;
  ticket_id: string;
  at: number;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  changes: string | null;
  note: string | null;
}

export interface TicketPromisesTable {
  id: string;
  ticket_id: string;
  kind: string;
  duration: string | null;
  started_at: number;
  due_at: number;
  remind_at: number | null;
  status: string;
  kept_at: number | null;
  broken_at: number | null;
  escalation_step: number;
  created_at: number;
  created_by: string | null;
  note: string | null;
  /** Migration 019. */
  replaces_id: string | null;
  replaced_by_id: string | null;
}

/** Migration 019: the last ticket number given per prefix and day (`GD20251009`). */
export interface TicketNumberDaysTable {
  day_key: string;
  last_seq: number;
}

/** SQLite FTS5 tables (absent in PostgreSQL, which uses a generated tsvector column instead). */
export interface FtsTable {
  rowid: number;
  tokens: string;
  /** FTS5's hidden bm25 column: read in ORDER BY, never written. */
  rank: Generated<number>;
}
