import type { Page } from '../customers/ports.js';
import type { Transcript } from '../interactions/transcript.js';
import type { QualityResult } from '../quality/types.js';
import type { CallOutcomeName, CallRecord, CallSource } from './call-record.js';
import type { CtiEvent } from './cti-call.js';

/** A call as stored: the record plus its row id, transcript and quality result (null before a transcript). */
export interface StoredCall extends CallRecord {
  id: string;
  /** Only when read one by one (`get`); lists leave them null. */
  transcript: Transcript | null;
  quality: QualityResult | null;
  qualityScore: number | null;
  qualityFatal: boolean | null;
  /** Rule ids whose check failed (ok: false) in the quality result; [] before a transcript. */
  failedRules: string[];
  standardVersion: string | null;
  /** The recording reference as stored (never sent to a browser as it is: see `recording-url.ts`). */
  recording: string | null;
  updatedAt: number;
}

export interface CallFilter {
  from?: number | undefined;
  to?: number | undefined;
  agent?: string | undefined;
  queue?: string | undefined;
  outcome?: CallOutcomeName | undefined;
  sources?: readonly CallSource[] | undefined;
  /** Only the calls linked to this customer (by the caller's number). */
  customerId?: string | undefined;
  /** Only calls whose quality check of this rule failed. */
  failedRule?: string | undefined;
  /** Only calls judged fatal (true) or judged and not fatal (false); unjudged calls match neither. */
  fatal?: boolean | undefined;
  /**
   * Leave out a live (cti) call whose PBX id also has queue_log lines: the same call seen live and
   * imported later from the PBX's own log counts once, with the log's figures.
   */
  queueLogWins?: boolean | undefined;
}

export interface CallQualityWrite {
  transcript: Transcript;
  quality: QualityResult;
  score: number;
  fatal: boolean;
  standardVersion: string;
}

/** The writes of one CTI request, in one transaction: all of them commit, or none. */
export interface CtiEventStore {
  /** Stores each event once (a connector's retry is recognised); returns how many were new. */
  addEvents(events: readonly CtiEvent[]): Promise<number>;
  /** Every stored event of these calls (this request's included). */
  eventsOf(callIds: readonly string[]): Promise<CtiEvent[]>;
  /**
   * Inserts or refreshes the calls (never their transcript, quality or a known customer; the recording
   * only when the record names one); returns,
   * in order, each call's row id and the customer it is linked to (by the caller's number) or null.
   */
  saveCalls(records: readonly CallRecord[], now: number): Promise<{ id: string; customerId: string | null }[]>;
}

/** What the call use cases need from storage; `adapters/db/repositories/call-repository.ts` satisfies it. */
export interface CallStore {
  get(id: string): Promise<StoredCall | undefined>;
  /** Newest first; `cursor` is the previous page's `nextCursor`. */
  list(filter: CallFilter & { limit: number; cursor?: string | undefined }): Promise<Page<StoredCall>>;
  /** Every matching call, page by page (reports: memory stays flat whatever the period). */
  eachCall(filter: CallFilter, onCall: (c: StoredCall) => void): Promise<void>;
  /** Sets (or with null removes) the call's recording reference. */
  setRecording(id: string, reference: string | null, now: number): Promise<void>;
  /** Stores the judged transcript (and links a customer created since the call was stored). */
  setQuality(id: string, q: CallQualityWrite, now: number): Promise<void>;
  /**
   * The caller's number of a call known by its PBX id (the newest leg with a number): a ticket filed
   * on the desk names its call, and the agent saw the number masked.
   */
  callerOf(externalId: string): Promise<string | null>;
  /** Runs `fn` in one transaction over the CTI events and the calls they make. */
  ctiWrites<T>(fn: (st: CtiEventStore) => Promise<T>): Promise<T>;
}
