import type { Check, Evidence, QualityResult } from './quality-types';

/** One finding placed in the transcript: the check (by index in `result.checks`) and its evidence. */
export interface Finding {
  checkIndex: number;
  evidenceIndex: number;
  check: Check;
  evidence: Evidence;
}

export interface TextSegment {
  text: string;
  from: number;
  to: number;
  /** Findings whose quote covers this stretch of text; empty for plain text. */
  findings: Finding[];
}

export interface UtteranceMarks {
  segments: TextSegment[];
  /** Failed checks that point at the utterance as where something was due, not at words in it. */
  missing: Finding[];
}

/** Findings of failed checks, grouped by utterance index. Passed and not-applicable checks mark nothing. */
export function findingsByUtterance(result: QualityResult): Map<number, Finding[]> {
  const byUtterance = new Map<number, Finding[]>();
  result.checks.forEach((check, checkIndex) => {
    if (check.ok !== false) return;
    check.evidence.forEach((evidence, evidenceIndex) => {
      const list = byUtterance.get(evidence.utterance) ?? [];
      list.push({ checkIndex, evidenceIndex, check, evidence });
      byUtterance.set(evidence.utterance, list);
    });
  });
  return byUtterance;
}

/**
 * Cuts an utterance's ORIGINAL text at every finding's `from`/`to`, so overlapping quotes each stay
 * visible. Offsets outside the text are clamped (a result from another version of the transcript
 * must not break the page); an empty or missing-element range becomes an utterance-level mark.
 */
export function markUtterance(text: string, findings: readonly Finding[]): UtteranceMarks {
  const ranged: Finding[] = [];
  const missing: Finding[] = [];
  const clamp = (n: number) => Math.max(0, Math.min(text.length, Math.trunc(n)));
  for (const finding of findings) {
    const from = clamp(finding.evidence.from);
    const to = clamp(finding.evidence.to);
    if (finding.evidence.missing || to <= from) missing.push(finding);
    else ranged.push(finding);
  }
  const cuts = new Set<number>([0, text.length]);
  for (const finding of ranged) {
    cuts.add(clamp(finding.evidence.from));
    cuts.add(clamp(finding.evidence.to));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: TextSegment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const from = points[i]!;
    const to = points[i + 1]!;
    if (to <= from) continue;
    segments.push({
      text: text.slice(from, to),
      from,
      to,
      findings: ranged.filter((f) => clamp(f.evidence.from) <= from && clamp(f.evidence.to) >= to),
    });
  }
  return { segments, missing };
}

/** The DOM id of a finding's mark, for "jump to quote". */
export function findingAnchorId(checkIndex: number, evidenceIndex: number): string {
  return `finding-${checkIndex}-${evidenceIndex}`;
}
