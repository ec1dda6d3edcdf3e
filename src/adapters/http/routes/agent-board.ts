import type { HttpApp } from '../types.js';
import type { AppContext } from '../../../app.js';
import { rolesLeads } from '../access.js';
import { agentBoard } from '../../../core/calls/agent-board.js';
import { agentBoardQuery, agentBoardSchema } from '../../../contract/agent-board.js';

/** `GET /api/agents/board`: the supervisor's agent-status board (core/calls/agent-board.ts). */
export function agentBoardRoutes(app: HttpApp, ctx: AppContext): void {
  app.get(
    '/api/agents/board',
    {
      config: { access: [...rolesLeads, 'qa'] },
      schema: {
        tags: ['calls'],
        summary: "Each agent's state and since when: talking, on hold, ringing, wrap-up, idle, not ready, signed out",
        description:
          'From sessions (signed in), the desk\'s ready/not-ready state, the live calls rebuilt from CTI events (who answered, hold/unhold) and the tickets filed from calls (their summary ends the wrap-up). The dashboard reads it again on every `call.*`/`ticket.*`/`agent.*` event of the stream.',
        querystring: agentBoardQuery,
        response: { 200: agentBoardSchema },
      },
    },
    async (req) => agentBoard(ctx.agentBoard, { team: req.query.team }),
  );
}
