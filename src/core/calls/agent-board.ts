import type { Clock } from '../shared/clock.js';
import type { CallRecord } from './call-record.js';

/**
 * The supervisor's agent-status board (坐席状态): who is signed in, on a call (talking or on hold),
 * in wrap-up (话后处理: the call has ended and its summary is not written yet), idle (示闲, waiting
 * for a call), not ready (示忙), or signed out, and since when.
 *
 * Everything comes from what the system already records: sessions (signed in), the desk's
 * ready/not-ready state (`agent_states`, PH-NOTIFY's gate), the calls rebuilt from CTI events (the
 * agent who answered, hold/unhold on the call's own timeline) and the tickets filed from calls
 * (their summary ends the wrap-up, as PH-SUMMARY5 measures it). Ringing (振铃) comes from the CTI
 * `ringing` events of calls nobody has answered yet: the latest ring of a call names the agent whose
 * phone rings now (a ring that timed out is followed by the PBX's ring at the next agent).
 */
export const agentBoardStates = ['talking', 'on_hold', 'ringing', 'wrap_up', 'idle', 'not_ready', 'signed_out'] as const;
export type AgentBoardState = (typeof agentBoardStates)[number];

export interface BoardAgent {
  userId: string;
  username: string;
  name: string;
  team: string | null;
}

export interface AgentReadinessRow {
  userId: string;
  state: 'ready' | 'not_ready';
  since: number;
}

/** The latest ring of a call nobody has answered yet, and at whom. */
export interface AgentRing {
  agent: string;
  at: number;
  callId: string;
  queue: string;
}

/**
 * A ring older than this is not shown: no phone rings for two minutes (a PBX's ring timeout is 15–60 s),
 * so the PBX's next event was lost, and the board must not show the agent stuck at 振铃 for ever.
 */
export const RING_STALE_MS = 120_000;

export interface AgentBoardRow extends BoardAgent {
  signedIn: boolean;
  state: AgentBoardState;
  /** When the current state began (epoch ms); null when nothing says (signed out with no trace today). */
  since: number | null;
  /** The call the state is about (talking, on hold, ringing, wrap-up): its PBX id and queue. */
  callId: string | null;
  queue: string | null;
  /** Wrap-up past the summary limit (PH-SUMMARY5). */
  overdue: boolean;
}

export interface AgentBoardInput {
  agents: readonly BoardAgent[];
  /** userId → when the oldest live session began. */
  sessions: ReadonlyMap<string, number>;
  readiness: readonly AgentReadinessRow[];
  /** The agents' recent calls: every open one and those ended since the look-back. */
  calls: readonly CallRecord[];
  /** Unanswered calls ringing at an agent now (the latest ring of each). */
  rings?: readonly AgentRing[];
  /** PBX call id → when the summary of a ticket filed from it was written. */
  summaries: ReadonlyMap<string, number>;
  now: number;
  /** PH-SUMMARY5's limit: a wrap-up longer than this is overdue. */
  wrapUpLimitMs: number;
}

/** When a call's current hold began (absolute ms), or null when it is not on hold. Hold times are on the call's own clock. */
export function holdStartedAt(call: Pick<CallRecord, 'events' | 'offeredAt' | 'endedAt'>): number | null {
  if (call.endedAt !== null || call.offeredAt === null) return null;
  let since: number | null = null;
  for (const e of call.events) {
    if (e.type === 'hold' && since === null) since = e.at;
    else if (e.type === 'unhold' || e.type === 'hangup' || e.type === 'transfer') since = null;
  }
  return since === null ? null : call.offeredAt + since;
}

const stateOrder: Record<AgentBoardState, number> = { talking: 0, on_hold: 1, ringing: 2, wrap_up: 3, idle: 4, not_ready: 5, signed_out: 6 };

/**
 * Each agent's state, in the board's order (on calls first, signed out last, then by name).
 * An answered open call wins over everything (a call in progress is real whatever the session says);
 * then a phone ringing now (as real: the PBX rings whom it rings); then the wrap-up of the last
 * answered call, while its summary is not written and nothing came after (another call, going ready
 * or not ready, signing in again); then ready (idle) or not ready for a signed-in agent.
 */
export function agentStatuses(input: AgentBoardInput): AgentBoardRow[] {
  const readiness = new Map(input.readiness.map((r) => [r.userId, r]));
  const callsOf = new Map<string, CallRecord[]>();
  for (const c of input.calls) {
    if (c.agent === null || c.answeredAt === null) continue;
    const list = callsOf.get(c.agent) ?? [];
    list.push(c);
    callsOf.set(c.agent, list);
  }
  const ringing = new Map<string, AgentRing>();
  for (const r of input.rings ?? []) {
    if (input.now - r.at > RING_STALE_MS) continue;
    const seen = ringing.get(r.agent);
    // Two calls ringing at one phone: the newer ring is the one the agent hears.
    if (seen === undefined || r.at > seen.at) ringing.set(r.agent, r);
  }
  const rows = input.agents.map((agent): AgentBoardRow => {
    const signedInSince = input.sessions.get(agent.userId);
    const signedIn = signedInSince !== undefined;
    const ready = readiness.get(agent.userId);
    const calls = (callsOf.get(agent.username) ?? []).sort((a, b) => (a.answeredAt ?? 0) - (b.answeredAt ?? 0));
    const base = { ...agent, signedIn, callId: null, queue: null, overdue: false };
    // The newest open call: a second leg while talking is the PBX's business, the latest is what the agent is on.
    const open = calls.filter((c) => c.endedAt === null).at(-1);
    if (open) {
      const held = holdStartedAt(open);
      return { ...base, state: held === null ? 'talking' : 'on_hold', since: held ?? open.answeredAt, callId: open.externalId, queue: open.queue || null };
    }
    const ring = ringing.get(agent.username);
    if (ring) return { ...base, state: 'ringing', since: ring.at, callId: ring.callId, queue: ring.queue || null };
    if (!signedIn) return { ...base, state: 'signed_out', since: null };
    const last = calls.at(-1);
    if (last && last.endedAt !== null) {
      const summaryAt = input.summaries.get(last.externalId);
      // Going ready (示闲) after the call says the after-call work is done, as on a PBX's agent phone.
      const interrupted = (ready !== undefined && ready.since > last.endedAt) || signedInSince > last.endedAt;
      if (summaryAt === undefined && !interrupted) {
        return { ...base, state: 'wrap_up', since: last.endedAt, callId: last.externalId, queue: last.queue || null, overdue: input.now - last.endedAt > input.wrapUpLimitMs };
      }
    }
    if (ready?.state === 'ready') {
      // Idle since the last thing that ended: going ready, signing in, the last call's summary or hang-up.
      const lastDone = last ? (input.summaries.get(last.externalId) ?? last.endedAt ?? 0) : 0;
      return { ...base, state: 'idle', since: Math.max(ready.since, signedInSince, Math.min(lastDone, input.now)) };
    }
    return { ...base, state: 'not_ready', since: Math.max(ready?.since ?? signedInSince, signedInSince) };
  });
  return rows.sort((a, b) => stateOrder[a.state] - stateOrder[b.state] || a.username.localeCompare(b.username));
}

/** What the board reads from storage (`db/repositories/agent-board-repository.ts`). */
export interface AgentBoardReads {
  /** Active users who take calls (role agent, and anyone who has gone ready or not ready at the desk), optionally of one team. */
  agents(team?: string): Promise<BoardAgent[]>;
  /** userId → when the oldest unexpired session began. */
  sessions(now: number): Promise<Map<string, number>>;
  readiness(): Promise<AgentReadinessRow[]>;
  /** Answered calls with an agent: every open one, and those ended at or after `endedSince`. */
  agentCalls(endedSince: number): Promise<CallRecord[]>;
  /** The latest ring of each CTI call still open and unanswered, rung at or after `since`. */
  ringing(since: number): Promise<AgentRing[]>;
  /** PBX call id → when a summary of a ticket filed from it was written (the earliest). */
  summaries(callIds: readonly string[]): Promise<Map<string, number>>;
}

export interface AgentBoardContext {
  clock: Clock;
  reads: AgentBoardReads;
  /** PH-SUMMARY5's limit in minutes (the ticket settings, from the pack). */
  summaryWithinMinutes(): Promise<number>;
}

/** A wrap-up older than this is no longer shown: the agent went home, or the call never needed a summary. */
export const WRAP_UP_LOOK_BACK_MS = 12 * 3600_000;

/** The board now: one read of each source, the states computed by `agentStatuses`. */
export async function agentBoard(ctx: AgentBoardContext, query: { team?: string | undefined } = {}): Promise<{ at: number; wrapUpLimitMinutes: number; agents: AgentBoardRow[] }> {
  const now = ctx.clock.now();
  const [agents, sessions, readiness, calls, rings, limit] = await Promise.all([
    ctx.reads.agents(query.team),
    ctx.reads.sessions(now),
    ctx.reads.readiness(),
    ctx.reads.agentCalls(now - WRAP_UP_LOOK_BACK_MS),
    ctx.reads.ringing(now - RING_STALE_MS),
    ctx.summaryWithinMinutes(),
  ]);
  const summaries = await ctx.reads.summaries(calls.filter((c) => c.endedAt !== null).map((c) => c.externalId));
  return { at: now, wrapUpLimitMinutes: limit, agents: agentStatuses({ agents, sessions, readiness, calls, rings, summaries, now, wrapUpLimitMs: limit * 60_000 }) };
}
