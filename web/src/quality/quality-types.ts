import type { Check, QualityResult, Severity } from '@contract/quality';

// The Transcript, the Quality result and the call shapes are the server's (src/contract/quality.ts,
// src/contract/calls.ts): a change there is a type error here.
export type { Check, Evidence, QualityResult, Severity, Speaker, Transcript, TranscriptEvent, Utterance } from '@contract/quality';
export type { CallSummary, CallDetail, CallPage } from '@contract/calls';

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
