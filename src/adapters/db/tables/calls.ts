/** Row types of the calls module (migration 004-calls). Times are epoch ms, durations ms. */

export interface CallsTable {
  /** Deterministic from (source, external_id, queue), so a re-import updates the same row. */
  id: string;
  source: string;
  external_id: string;
  /** '' when the source has no queue (CDR, CTI without one). */
  queue: string;
  agent: string | null;
  caller: string | null;
  customer_id: string | null;
  vip: number;
  /** Queue entry, or the first thing known about the call; what lists and reports sort and filter on. */
  started_at: number | null;
  entered_queue_at: number | null;
  /** Origin of the event clock (the answering agent's phone began ringing). */
  offered_at: number | null;
  answered_at: number | null;
  ended_at: number | null;
  wait_ms: number | null;
  ring_ms: number | null;
  talk_ms: number | null;
  hold_ms: number | null;
  missed_rings: number;
  /** JSON array of the agents who let it ring (per-agent ring-no-answer), or null. */
  missed_ring_agents: string | null;
  /** answered | abandoned | timeout | exit_empty | exit_with_key | dropped | unanswered | open */
  outcome: string;
  /** The call model's finer outcome (completed, transferred, agentDumped, …). */
  end_detail: string;
  ended_by: string | null;
  transferred: number;
  transfer_kind: string | null;
  transfer_to: string | null;
  /** JSON: Transcript-vocabulary events, ms from offered_at. */
  events: string;
  transcript: string | null;
  quality: string | null;
  quality_score: number | null;
  quality_fatal: number | null;
  standard_version: string | null;
  updated_at: number;
}

/**
 * What the sources said, one row per source line / leg / CTI event: calls are rebuilt from these.
 * The unique (source, external_id, time, line_hash) makes every import idempotent.
 */
export interface CallSourceEventsTable {
  source: string;
  external_id: string;
  queue: string;
  /** Seconds for queue_log lines, ms for CDR legs and CTI events. */
  time: number;
  event: string;
  agent: string;
  /** queue_log: data1|…|data5; CDR / CTI: JSON. */
  data: string;
  /** Line number in its file (0 for CTI): keeps file order among same-second lines. */
  line: number;
  line_hash: number;
}

/** Where an import of a file stopped: resume point and the file's running totals. */
export interface ImportCursorsTable {
  source: string;
  path: string;
  /** sha256 of the first head_bytes bytes: tells an appended file from a replaced one. */
  head_hash: string;
  head_bytes: number;
  end_offset: number;
  end_line: number;
  /** JSON: {records, skipped:{lines, reasons}} over every run of this file. */
  totals: string;
  updated_at: number;
}
