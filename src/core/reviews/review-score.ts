import type { Appeal, Review } from './model.js';

/** The rules an appeal decision took back (accepted in full or in part), over every level. */
export function upheldRules(appeals: readonly Appeal[]): Set<string> {
  const out = new Set<string>();
  for (const a of appeals) for (const r of a.upheld) out.add(r);
  return out;
}

export interface ReviewedOutcome {
  score: number;
  fatal: boolean;
  /** The rules the review holds as failed (after verdicts, findings and upheld appeals). */
  failed: string[];
}

type Scored = Pick<Review, 'engine' | 'verdicts' | 'findings' | 'reviewerScore' | 'appeals'>;

function outcome(r: Scored, upheld: ReadonlySet<string>): ReviewedOutcome {
  const verdictOf = new Map(r.verdicts.map((v) => [v.rule, v.verdict]));
  let lost = 0;
  let fatal = false;
  const failed: string[] = [];
  for (const c of r.engine.checks) {
    if (c.ok === null || upheld.has(c.rule)) continue;
    const disagree = verdictOf.get(c.rule) === 'disagree';
    // The engine's fail stands unless the reviewer disagrees; its pass stands unless the reviewer disagrees.
    const fails = c.ok === false ? !disagree : disagree;
    if (!fails) continue;
    failed.push(c.rule);
    lost += c.points;
    if (c.severity === 'fatal') fatal = true;
  }
  for (const f of r.findings) {
    if (upheld.has(f.rule) || failed.includes(f.rule)) continue;
    failed.push(f.rule);
    lost += f.points;
    if (f.severity === 'fatal') fatal = true;
  }
  return { score: fatal ? 0 : Math.max(0, Math.round((100 - lost) * 100) / 100), fatal, failed };
}

/**
 * The reviewed score (QA-PERF): 100 minus what the checks the reviewer holds as failed cost, 0 with a
 * fatal one — the engine's own arithmetic, on the reviewer's verdicts. A score the reviewer gave
 * instead stands, moved by what upheld appeals give back.
 */
export function reviewedOutcome(r: Scored): ReviewedOutcome {
  const upheld = upheldRules(r.appeals);
  const after = outcome(r, upheld);
  if (r.reviewerScore === null) return after;
  const before = outcome(r, new Set());
  const score = Math.min(100, Math.max(0, Math.round((r.reviewerScore + after.score - before.score) * 100) / 100));
  return { ...after, score };
}
