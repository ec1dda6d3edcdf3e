import { z } from 'zod';
import { agentBoardStates } from '../core/calls/agent-board.js';

/**
 * The supervisor's agent-status board (`GET /api/agents/board`, issue #21): each agent's state and
 * since when. Imports only zod and pure constants: the web type-checks it (type-only imports).
 */
export { agentBoardStates };
export type { AgentBoardState } from '../core/calls/agent-board.js';

export const agentBoardQuery = z.object({ team: z.string().max(100).optional().describe('Only the agents of this team') });

export const agentBoardRowSchema = z.object({
  userId: z.string(),
  username: z.string(),
  name: z.string(),
  team: z.string().nullable(),
  signedIn: z.boolean().describe('Holds an unexpired session'),
  state: z.enum(agentBoardStates).describe('talking | on_hold | ringing (an unanswered call rings at the agent now) | wrap_up (call ended, summary not written) | idle (ready, no call) | not_ready | signed_out'),
  since: z.number().nullable().describe('When the state began (epoch ms); null when nothing says'),
  callId: z.string().nullable().describe("The PBX call id of the call the state is about (talking, on hold, ringing, wrap-up)"),
  queue: z.string().nullable(),
  overdue: z.boolean().describe('Wrap-up longer than the summary limit (PH-SUMMARY5)'),
});
export type AgentBoardRow = z.output<typeof agentBoardRowSchema>;

export const agentBoardSchema = z.object({
  at: z.number().describe('The server time the board was read (epoch ms): durations run from it'),
  wrapUpLimitMinutes: z.number(),
  agents: z.array(agentBoardRowSchema),
});
export type AgentBoard = z.output<typeof agentBoardSchema>;
