import type { AgentBoard, AgentBoardRow, AgentBoardState } from '@contract/agent-board';
import { api } from '../api/client';
import { everyMemberOf } from '../api/contract-lists';
import { mmss } from '../desk/clocks';
import type { LiveCall } from '../desk/live-call';

// `GET /api/agents/board`: the shapes are the server's (src/contract/agent-board.ts).
export type { AgentBoard, AgentBoardRow, AgentBoardState } from '@contract/agent-board';

export const agentBoardStates = everyMemberOf<AgentBoardState>()(['talking', 'on_hold', 'ringing', 'wrap_up', 'idle', 'not_ready', 'signed_out']);

/** Ant Design tag colours: on a call blue, on hold orange, ringing cyan, wrap-up purple (red once overdue), idle green. */
export const stateColors: Record<AgentBoardState, string> = {
  talking: 'blue',
  on_hold: 'orange',
  ringing: 'cyan',
  wrap_up: 'purple',
  idle: 'green',
  not_ready: 'default',
  signed_out: 'default',
};

/** A ring older than this with no next event is not shown (the server's RING_STALE_MS: core/calls/agent-board.ts). */
const RING_STALE_MS = 120_000;

/**
 * The board with the rings the live stream shows now. The server sees rings a connector stores as they
 * start (CTI); AMI and ESL report a ring's start only on the stream (and store it once it is over,
 * marked missed), so the dashboard lays the stream's current rings over the board it read. A call on
 * the line wins over a ring, as on the server.
 */
export function withLiveRings(rows: readonly AgentBoardRow[], calls: Iterable<LiveCall>, serverNow: number): AgentBoardRow[] {
  const rings = new Map<string, LiveCall>();
  for (const c of calls) {
    if (c.phase !== 'ringing' || !c.ringAgent || c.ringAgentAt == null || serverNow - c.ringAgentAt > RING_STALE_MS) continue;
    const seen = rings.get(c.ringAgent);
    if (!seen || (seen.ringAgentAt ?? 0) < c.ringAgentAt) rings.set(c.ringAgent, c);
  }
  if (rings.size === 0) return [...rows];
  return rows.map((r) => {
    const ring = rings.get(r.username);
    if (!ring || r.state === 'talking' || r.state === 'on_hold') return r;
    return { ...r, state: 'ringing' as const, since: ring.ringAgentAt ?? null, callId: ring.callId, queue: ring.queue, overdue: false };
  });
}

export const agentBoardApi = {
  get(signal?: AbortSignal): Promise<AgentBoard> {
    return api.get<AgentBoard>('/api/agents/board', { signal });
  },
};

/**
 * How long the agent has been in the state, on the server's clock: `skewMs` is the server's time
 * minus the browser's when the board was read, so a wrong PC clock does not show -3:10 or 2 hours.
 */
export function stateDuration(row: Pick<AgentBoardRow, 'since'>, browserNow: number, skewMs: number): string {
  if (row.since === null) return '—';
  const ms = Math.max(0, browserNow + skewMs - row.since);
  return ms >= 3600_000 ? `${Math.floor(ms / 3600_000)}:${mmss(ms % 3600_000).padStart(5, '0')}` : mmss(ms);
}

/** How many agents are in each state (the board's header line). */
export function stateCounts(rows: readonly Pick<AgentBoardRow, 'state'>[]): Record<AgentBoardState, number> {
  const counts = Object.fromEntries(agentBoardStates.map((s) => [s, 0])) as Record<AgentBoardState, number>;
  for (const r of rows) counts[r.state]++;
  return counts;
}

/** Events after which the board is read again: calls, tickets (a summary ends wrap-up), sign-in/out and ready changes. */
export function changesBoard(type: string): boolean {
  return type.startsWith('call.') || type.startsWith('ticket.') || type.startsWith('agent.') || type === 'stream.reset';
}
