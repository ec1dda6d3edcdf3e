import { quotaFor } from './draw-sample.js';
import type { ReviewStatus, SampleReason } from './model.js';

export interface AgentCalls {
  agent: string;
  /** Judged calls of the month. */
  calls: number;
  fatal: number;
}

export interface SampleRow {
  agent: string;
  reason: SampleReason;
  status: ReviewStatus;
  fatal: boolean;
}

export interface AgentCoverage {
  agent: string;
  calls: number;
  sampled: number;
  reviewed: number;
  /** sampled / calls (0 without calls). */
  share: number;
  /** Reviewed / calls. */
  reviewedShare: number;
  /** Reviews still to do before this agent's reviewed calls reach the target share. */
  shortfall: number;
}

export interface Coverage {
  month: string;
  target: number;
  agents: AgentCoverage[];
  fatalCalls: number;
  fatalSampled: number;
  totals: { calls: number; sampled: number; reviewed: number; shortfall: number };
  /** The month-end statement (月度抽检说明), in the centre's words. */
  statement: string;
}

const pct = (x: number): string => `${Math.round(x * 1000) / 10}%`;

/** QA-SAMPLE coverage: per agent the month's judged calls, how many are in the sample and reviewed, and what is missing. */
export function coverageOf(month: string, target: number, calls: readonly AgentCalls[], sample: readonly SampleRow[]): Coverage {
  const rows = new Map<string, AgentCoverage>();
  const row = (agent: string): AgentCoverage => {
    let r = rows.get(agent);
    if (!r) rows.set(agent, (r = { agent, calls: 0, sampled: 0, reviewed: 0, share: 0, reviewedShare: 0, shortfall: 0 }));
    return r;
  };
  let fatalCalls = 0;
  for (const c of calls) {
    row(c.agent).calls += c.calls;
    fatalCalls += c.fatal;
  }
  let fatalSampled = 0;
  for (const s of sample) {
    const r = row(s.agent);
    r.sampled++;
    if (s.status === 'reviewed') r.reviewed++;
    if (s.fatal) fatalSampled++;
  }
  const agents = [...rows.values()].sort((a, b) => (a.agent < b.agent ? -1 : a.agent > b.agent ? 1 : 0));
  for (const r of agents) {
    r.share = r.calls === 0 ? 0 : r.sampled / r.calls;
    r.reviewedShare = r.calls === 0 ? 0 : r.reviewed / r.calls;
    r.shortfall = Math.max(0, quotaFor(target, r.calls) - r.reviewed);
  }
  const totals = agents.reduce((t, r) => ({ calls: t.calls + r.calls, sampled: t.sampled + r.sampled, reviewed: t.reviewed + r.reviewed, shortfall: t.shortfall + r.shortfall }), { calls: 0, sampled: 0, reviewed: 0, shortfall: 0 });
  const behind = agents.filter((r) => r.shortfall > 0);
  const statement =
    `${month} 共有已质检来电 ${totals.calls} 通，抽检 ${totals.sampled} 通（${pct(totals.calls ? totals.sampled / totals.calls : 0)}），已人工复核 ${totals.reviewed} 通（${pct(totals.calls ? totals.reviewed / totals.calls : 0)}）；` +
    `致命差错来电 ${fatalCalls} 通，已全部纳入抽检${fatalSampled >= fatalCalls ? '' : `（尚缺 ${fatalCalls - fatalSampled} 通）`}。` +
    (behind.length === 0 ? `每位坐席的复核量均已达到 ${pct(target)}。` : `尚未达到 ${pct(target)} 复核量的坐席：${behind.map((r) => `${r.agent}（还差 ${r.shortfall} 通）`).join('、')}。`);
  return { month, target, agents, fatalCalls, fatalSampled, totals, statement };
}
