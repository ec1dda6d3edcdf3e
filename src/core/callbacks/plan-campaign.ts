import { formatLocalDate, parseLocalDate } from '../calendar/local-date.js';
import { AppError, isAppError } from '../shared/app-error.js';
import type { CallbackRules } from './callback-rules.js';
import { periodWindow, type DueWindow } from './due-window.js';
import type { Campaign, CallbackTarget, CallbackTask } from './model.js';

/** Deterministic task key: the same campaign, customer and ticket always give the same task. */
export function taskKey(campaignId: string, target: Pick<CallbackTarget, 'customerId' | 'ticketId'>): string {
  return `${campaignId}/${target.customerId}/${target.ticketId ?? '-'}`;
}

export interface ExistingTask {
  key: string;
  agent: string | null;
  plannedAt: number | null;
}

export interface PlanInput {
  campaign: Pick<Campaign, 'id' | 'period'>;
  /** The owner team's agents, in a stable order. */
  agents: readonly string[];
  targets: readonly CallbackTarget[];
  /** Tasks planned before: not planned again, and their slots stay taken (planning twice adds nothing). */
  existing?: readonly ExistingTask[];
}

export interface PlanContext {
  rules: CallbackRules;
}

export const unplaceableReasons = ['no_callable_time', 'no_capacity', 'invalid_customer_hours'] as const;
export type UnplaceableReason = (typeof unplaceableReasons)[number];

export interface PlanSummary {
  campaignId: string;
  /** Tasks planned by this run. */
  planned: number;
  /** Targets whose task existed before this run. */
  alreadyPlanned: number;
  /** The same customer and ticket listed twice: one task. */
  duplicates: number;
  unplaceable: Record<UnplaceableReason, number>;
  perAgent: Record<string, number>;
  /** Local date (the centre's zone) → tasks planned that day. */
  perDay: Record<string, number>;
  callsPerAgentPerHour: number;
  slotMinutes: number;
}

export interface UnplacedTask {
  key: string;
  target: CallbackTarget;
  due: DueWindow | null;
  reason: UnplaceableReason;
}

export interface CampaignPlan {
  summary: PlanSummary;
  tasks: CallbackTask[];
  unplaced: UnplacedTask[];
}

interface Pending {
  key: string;
  target: CallbackTarget;
  due: DueWindow;
  prefsIndex: number;
}

/**
 * Places a campaign's tasks into callable slots inside their due windows, spread over the team's
 * agents. Time is cut into slots of 60 / callsPerAgentPerHour minutes; each agent makes at most one
 * call per slot. Tasks are placed earliest-deadline first (then by key, so the input order does not
 * matter): each takes the first slot at or after the first callable instant (CB-WINDOW, the
 * customer's own hours and zone) that has a free agent, the least-loaded free agent first. Full
 * slots are skipped with a union-find "next free slot" pointer, so a busy month costs no rescans.
 */
export function planCampaign(input: PlanInput, ctx: PlanContext): CampaignPlan {
  const { rules } = ctx;
  const agents = [...input.agents];
  if (agents.length === 0) {
    const message = '没有可分配的坐席：请为负责团队添加坐席 / the owner team has no agents to plan for';
    throw AppError.validation(message, [{ path: 'agents', message, code: 'no_agents' }]);
  }
  if (new Set(agents).size !== agents.length) {
    const message = '坐席列表有重复 / the agent list has duplicates';
    throw AppError.validation(message, [{ path: 'agents', message, code: 'duplicate' }]);
  }
  const from = parseLocalDate(input.campaign.period.from, 'campaign.period.from');
  const to = parseLocalDate(input.campaign.period.to, 'campaign.period.to');
  if (to < from) {
    const message = `回访期结束日 ${input.campaign.period.to} 早于开始日 ${input.campaign.period.from} / the period ends before it starts`;
    throw AppError.validation(message, [{ path: 'campaign.period.to', message, code: 'ends_before_start', params: { start: input.campaign.period.from } }]);
  }
  const period = periodWindow(rules.calendar, from, to);
  const capacity = rules.settings.planner.callsPerAgentPerHour;
  const slotMs = Math.floor(3_600_000 / capacity);

  const summary: PlanSummary = {
    campaignId: input.campaign.id,
    planned: 0,
    alreadyPlanned: 0,
    duplicates: 0,
    unplaceable: { no_callable_time: 0, no_capacity: 0, invalid_customer_hours: 0 },
    perAgent: Object.fromEntries(agents.map((a) => [a, 0])),
    perDay: {},
    callsPerAgentPerHour: capacity,
    slotMinutes: slotMs / 60_000,
  };
  const unplaced: UnplacedTask[] = [];
  const existing = new Map((input.existing ?? []).map((t) => [t.key, t]));
  const seen = new Set<string>();
  const pending: Pending[] = [];
  const prefsList: ReturnType<CallbackRules['windows']['prefs']>[] = [];
  const prefsIndexOf = new Map<string, number>();
  for (const target of input.targets) {
    const key = taskKey(input.campaign.id, target);
    if (seen.has(key)) {
      summary.duplicates++;
      continue;
    }
    seen.add(key);
    if (existing.has(key)) {
      summary.alreadyPlanned++;
      continue;
    }
    const due = target.solvedAt === undefined || target.solvedAt === null ? period : rules.dueWindow(target.solvedAt);
    let prefs;
    try {
      prefs = rules.windows.prefs(target);
    } catch (e) {
      if (!isAppError(e)) throw e;
      summary.unplaceable.invalid_customer_hours++;
      unplaced.push({ key, target, due, reason: 'invalid_customer_hours' });
      continue;
    }
    let prefsIndex = prefsIndexOf.get(prefs.key);
    if (prefsIndex === undefined) {
      prefsIndex = prefsList.length;
      prefsList.push(prefs);
      prefsIndexOf.set(prefs.key, prefsIndex);
    }
    pending.push({ key, target, due, prefsIndex });
  }
  pending.sort((a, b) => a.due.endsAt - b.due.endsAt || a.due.startsAt - b.due.startsAt || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

  // The slot grid covers every window and every existing task.
  let lo = Infinity;
  let hi = -Infinity;
  for (const p of pending) {
    lo = Math.min(lo, p.due.startsAt);
    hi = Math.max(hi, p.due.endsAt);
  }
  for (const t of existing.values()) {
    if (t.plannedAt === null) continue;
    lo = Math.min(lo, t.plannedAt);
    hi = Math.max(hi, t.plannedAt + 1);
  }
  const tasks: CallbackTask[] = [];
  if (pending.length === 0) return { summary, tasks, unplaced };

  const base = Math.floor(lo / slotMs) * slotMs;
  const slots = Math.ceil((hi - base) / slotMs) + 1;
  const nAgents = agents.length;
  const agentIndex = new Map(agents.map((a, i) => [a, i]));
  const words = Math.ceil(nAgents / 32);
  const busy = new Uint32Array(slots * words);
  const used = new Uint16Array(slots);
  // parent[s] = s while slot s has a free agent; else a pointer towards the next slot that has one.
  const parent = new Int32Array(slots + 1);
  for (let s = 0; s <= slots; s++) parent[s] = s;
  const find = (s: number): number => {
    let root = s;
    while (parent[root] !== root) root = parent[root]!;
    while (parent[s] !== root) {
      const next = parent[s]!;
      parent[s] = root;
      s = next;
    }
    return root;
  };
  const load = new Int32Array(nAgents);
  const take = (s: number, a: number): void => {
    busy[s * words + (a >>> 5)]! |= 1 << (a & 31);
    load[a]!++;
    if (++used[s]! >= nAgents) parent[s] = s + 1;
  };
  for (const t of existing.values()) {
    if (t.plannedAt === null || t.agent === null) continue;
    const a = agentIndex.get(t.agent);
    const s = Math.floor((t.plannedAt - base) / slotMs);
    if (a === undefined || s < 0 || s >= slots || busy[s * words + (a >>> 5)]! & (1 << (a & 31))) continue;
    take(s, a);
  }

  const windows = rules.windows;
  const dayNames = new Map<number, string>();
  for (const p of pending) {
    const kind = p.target.numberKind;
    const prefs = prefsList[p.prefsIndex]!;
    const end = p.due.endsAt;
    let t = p.due.startsAt;
    let callableSeen = false;
    let placedAt = -1;
    let placedAgent = -1;
    for (;;) {
      const c = windows.next(t, kind, prefs, end);
      if (c === undefined) break;
      callableSeen = true;
      const s = find(Math.ceil((c - base) / slotMs));
      const at = base + s * slotMs;
      if (s >= slots || at >= end) break;
      if (!windows.check(at, kind, prefs).callable) {
        t = at;
        continue;
      }
      // The least-loaded free agent of the slot (the lowest index on a tie): an even spread.
      let best = -1;
      for (let a = 0; a < nAgents; a++) {
        if (busy[s * words + (a >>> 5)]! & (1 << (a & 31))) continue;
        if (best === -1 || load[a]! < load[best]!) best = a;
      }
      take(s, best);
      placedAt = at;
      placedAgent = best;
      break;
    }
    if (placedAt < 0) {
      const reason: UnplaceableReason = callableSeen ? 'no_capacity' : 'no_callable_time';
      summary.unplaceable[reason]++;
      unplaced.push({ key: p.key, target: p.target, due: p.due, reason });
      continue;
    }
    const agent = agents[placedAgent]!;
    summary.planned++;
    summary.perAgent[agent] = (summary.perAgent[agent] ?? 0) + 1;
    const day = rules.calendar.localOrdinal(placedAt);
    let name = dayNames.get(day);
    if (name === undefined) {
      name = formatLocalDate(day);
      dayNames.set(day, name);
    }
    summary.perDay[name] = (summary.perDay[name] ?? 0) + 1;
    tasks.push({
      key: p.key,
      campaignId: input.campaign.id,
      target: p.target,
      due: p.due,
      agent,
      plannedAt: placedAt,
      attempts: [],
      status: 'pending',
      closeReason: null,
      closedAt: null,
    });
  }
  summary.perDay = Object.fromEntries(Object.entries(summary.perDay).sort(([a], [b]) => (a < b ? -1 : 1)));
  return { summary, tasks, unplaced };
}
