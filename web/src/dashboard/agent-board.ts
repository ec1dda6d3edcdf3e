import type { AgentBoard, AgentBoardRow, AgentBoardState } from '@contract/agent-board';
import { api } from '../api/client';
import { everyMemberOf } from '../api/contract-lists';
import { mmss } from '../desk/clocks';

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
