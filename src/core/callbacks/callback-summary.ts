import type { CallbackTask } from './model.js';

export interface AgentSummary {
  /** The agent's username; for tasks no agent holds, the placeholder 「（未分配）」 (kept for API readers). */
  agent: string;
  /** false for the row of tasks no agent holds: screens word it in the reader's language. */
  assigned: boolean;
  tasks: number;
  reached: number;
  open: number;
  overdue: number;
  /** Mean satisfaction (1–5) of this agent's reports, null without reports. */
  satisfaction: number | null;
}

export interface CallbackSummary {
  tasks: number;
  open: number;
  reached: number;
  /** reached / closed tasks; null while none is closed. */
  reachedRate: number | null;
  closedByReason: Record<string, number>;
  /** Open tasks whose due window has ended. */
  overdue: number;
  satisfaction: number | null;
  notSolved: number;
  byAgent: AgentSummary[];
}

const UNASSIGNED = '（未分配）';

const mean = (sum: number, n: number): number | null => (n === 0 ? null : Math.round((sum / n) * 100) / 100);

/** The supervisor's view: reached rate, satisfaction, overdue tasks, by agent. */
export function callbackSummary(tasks: Iterable<CallbackTask>, now: number): CallbackSummary {
  const s: CallbackSummary = { tasks: 0, open: 0, reached: 0, reachedRate: null, closedByReason: {}, overdue: 0, satisfaction: null, notSolved: 0, byAgent: [] };
  const agents = new Map<string, AgentSummary & { satSum: number; satN: number }>();
  let closed = 0;
  let satSum = 0;
  let satN = 0;
  for (const t of tasks) {
    s.tasks++;
    const key = t.agent ?? UNASSIGNED;
    let a = agents.get(key);
    if (!a) agents.set(key, (a = { agent: key, assigned: t.agent !== null, tasks: 0, reached: 0, open: 0, overdue: 0, satisfaction: null, satSum: 0, satN: 0 }));
    a.tasks++;
    if (t.status === 'closed') {
      closed++;
      const reason = t.closeReason ?? 'unknown';
      s.closedByReason[reason] = (s.closedByReason[reason] ?? 0) + 1;
      if (t.closeReason === 'reached') {
        s.reached++;
        a.reached++;
      }
    } else {
      s.open++;
      a.open++;
      if (now >= t.due.endsAt) {
        s.overdue++;
        a.overdue++;
      }
    }
    for (const at of t.attempts) {
      if (!at.report) continue;
      satSum += at.report.satisfaction;
      satN++;
      a.satSum += at.report.satisfaction;
      a.satN++;
      if (!at.report.solved) s.notSolved++;
    }
  }
  s.reachedRate = closed === 0 ? null : s.reached / closed;
  s.satisfaction = mean(satSum, satN);
  s.byAgent = [...agents.values()]
    .map(({ satSum: sum, satN: n, ...rest }) => ({ ...rest, satisfaction: mean(sum, n) }))
    .sort((x, y) => (x.agent < y.agent ? -1 : x.agent > y.agent ? 1 : 0));
  return s;
}
