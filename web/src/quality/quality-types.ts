/** The Transcript and Quality result formats of CONTRACT.md, as the browser reads them. */

export const severities = ['fatal', 'critical', 'major', 'minor', 'info'] as const;
export type Severity = (typeof severities)[number];

export const speakers = ['agent', 'customer'] as const;
export type Speaker = (typeof speakers)[number] | string;

export interface TranscriptEvent {
  type: string;
  /** ms from the moment the call was offered to the agent. */
  at: number;
  by?: string;
  to?: string;
}

export interface Utterance {
  speaker: Speaker;
  text: string;
  start?: number;
  end?: number;
}

export interface Transcript {
  id?: string;
  channel?: string;
  direction?: string;
  agent?: string;
  customer?: string;
  startedAt?: string;
  events?: TranscriptEvent[];
  utterances: Utterance[];
}

// The result format is the engine's own (type-only import: nothing of the core is bundled).
import type { Check, Evidence, QualityResult } from '../../../src/core/quality/types';
export type { Check, Evidence, QualityResult };

/** A call as GET /api/calls lists it (the stored record without transcript and result). */
export interface CallSummary {
  id: string;
  source: string;
  externalId: string;
  queue: string;
  agent: string | null;
  caller: string | null;
  vip: boolean;
  startedAt: number | null;
  answeredAt: number | null;
  endedAt: number | null;
  talkMs: number | null;
  outcome: string;
  endedBy: string | null;
  transferred: boolean;
  qualityScore: number | null;
  qualityFatal: boolean | null;
  standardVersion: string | null;
}

export interface CallDetail extends CallSummary {
  events: TranscriptEvent[];
  transcript: Transcript | null;
  quality: QualityResult | null;
}

export interface CallPage {
  items: CallSummary[];
  nextCursor: string | null;
}

export function isFailed(check: Check): boolean {
  return check.ok === false;
}

const severityOrder: Record<Severity, number> = { fatal: 0, critical: 1, major: 2, minor: 3, info: 4 };

/** Failed checks, worst first; within a severity, the most points first. */
export function failedChecks(result: QualityResult): Check[] {
  return result.checks
    .filter(isFailed)
    .sort((a, b) => severityOrder[a.severity] - severityOrder[b.severity] || b.points - a.points);
}
