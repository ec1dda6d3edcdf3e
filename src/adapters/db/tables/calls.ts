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
  /** Queue entry, or the first thing known about the call; what lists and reports sort and filter on. */
  started_at: number | null;
  /** answered | abandoned | timeout | exit_empty | exit_with_key | dropped | unanswered | open */
  outcome: string;
  /**
   * JSON array of the measures nobody filters on, in a fixed order (measureOrder and
   * encodeMeasures of call-repository.ts): vip, the instants (enteredQueueAt, offeredAt,
   * answeredAt, endedAt; ms after started_at), waitMs, ringMs, talkMs, holdMs, missedRings,
   * missedRingAgents, endDetail, endedBy, transferred, transferKind, transferTo, and the
   * Transcript-vocabulary events as [type, at, by|to] (at: ms from offeredAt).
   */
  measures: string;
  /** queue_log calls: their lines as read minus the callid and queue of the row (`epoch|agent|EVENT|data…`), one per line; null otherwise. */
  source_lines: string | null;
  transcript: string | null;
  quality: string | null;
  quality_score: number | null;
  quality_fatal: number | null;
  /** JSON array of the rule ids whose check failed (ok: false) in `quality`; null before a transcript. */
  failed_rules: string | null;
  standard_version: string | null;
  /** The PBX's recording reference: an http(s) URL or a path under KEFU_RECORDINGS_URL (migration 021); never audio. */
  recording: string | null;
  updated_at: number;
}

/**
 * What CDR files and CTI said, one row per leg / CTI event: those calls are rebuilt from these.
 * (queue_log lines are kept in calls.source_lines.)
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
