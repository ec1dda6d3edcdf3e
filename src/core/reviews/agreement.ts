import type { Review } from './model.js';

export interface RuleAgreement {
  rule: string;
  /** Checks of this rule a reviewer gave a verdict on (the engine had judged them). */
  reviewed: number;
  /** …of which the reviewer agreed with the engine. */
  agree: number;
  /** Of the engine's failures reviewed, the share reviewers confirmed (null with none). */
  precision: number | null;
  /** Of the failures reviewers found (confirmed, or the engine's pass they disagreed with, or added), the share the engine caught. */
  recall: number | null;
  engineFailed: number;
  falseAlarms: number;
  missed: number;
  /** Precision below the floor: the rule should not be trusted without a person. */
  flagged: boolean;
  byMonth: Array<{ month: string; reviewed: number; agree: number; precision: number | null; recall: number | null }>;
}

interface Tally {
  reviewed: number;
  agree: number;
  tp: number;
  fp: number;
  fn: number;
}

const ratio = (a: number, b: number): number | null => (b === 0 ? null : Math.round((a / b) * 10_000) / 10_000);

/**
 * How far the engine agrees with its reviewers, per requirement ID: a reviewer's "agree" on a failed
 * check is a true hit, "disagree" a false alarm; "disagree" on a passed check, or a finding the
 * reviewer added, is a miss. Only explicit verdicts count: a check nobody ruled on says nothing.
 */
export function engineAgreement(reviews: readonly Review[], precisionFloor: number): RuleAgreement[] {
  const total = new Map<string, Tally>();
  const monthly = new Map<string, Map<string, Tally>>();
  const tally = (rule: string, month: string): Tally[] => {
    let t = total.get(rule);
    if (!t) total.set(rule, (t = { reviewed: 0, agree: 0, tp: 0, fp: 0, fn: 0 }));
    let months = monthly.get(rule);
    if (!months) monthly.set(rule, (months = new Map()));
    let m = months.get(month);
    if (!m) months.set(month, (m = { reviewed: 0, agree: 0, tp: 0, fp: 0, fn: 0 }));
    return [t, m];
  };
  for (const r of reviews) {
    if (r.status !== 'reviewed') continue;
    const checks = new Map(r.engine.checks.map((c) => [c.rule, c]));
    for (const v of r.verdicts) {
      const c = checks.get(v.rule);
      if (!c || c.ok === null) continue;
      for (const t of tally(v.rule, r.month)) {
        t.reviewed++;
        if (v.verdict === 'agree') t.agree++;
        if (c.ok === false) {
          if (v.verdict === 'agree') t.tp++;
          else t.fp++;
        } else if (v.verdict === 'disagree') t.fn++;
      }
    }
    for (const f of r.findings) {
      const c = checks.get(f.rule);
      // A finding on a check already ruled "disagree" is the same miss, counted once.
      if (c && c.ok === true && r.verdicts.some((v) => v.rule === f.rule && v.verdict === 'disagree')) continue;
      for (const t of tally(f.rule, r.month)) t.fn++;
    }
  }
  return [...total.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([rule, t]) => {
      const precision = ratio(t.tp, t.tp + t.fp);
      return {
        rule,
        reviewed: t.reviewed,
        agree: t.agree,
        precision,
        recall: ratio(t.tp, t.tp + t.fn),
        engineFailed: t.tp + t.fp,
        falseAlarms: t.fp,
        missed: t.fn,
        flagged: precision !== null && precision < precisionFloor,
        byMonth: [...(monthly.get(rule) ?? new Map<string, Tally>()).entries()]
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([month, m]) => ({ month, reviewed: m.reviewed, agree: m.agree, precision: ratio(m.tp, m.tp + m.fp), recall: ratio(m.tp, m.tp + m.fn) })),
      };
    });
}
