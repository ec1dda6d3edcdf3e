import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import type { AgentBoardReads, AgentReadinessRow, AgentRing, BoardAgent } from '../../../core/calls/agent-board.js';
import type { CallRepository } from './call-repository.js';

/** What the agent-status board reads (core/calls/agent-board.ts): users, sessions, readiness, calls, summaries. */
export class AgentBoardRepository implements AgentBoardReads {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly calls: Pick<CallRepository, 'agentCalls'>,
  ) {}

  async agents(team?: string): Promise<BoardAgent[]> {
    // A supervisor who takes calls too passes the desk's ready gate: that row puts them on the board.
    let q = this.db
      .selectFrom('users')
      .select(['id', 'username', 'display_name', 'team'])
      .where((eb) => eb.or([eb('role', '=', 'agent'), eb.and([eb('role', '=', 'supervisor'), eb('id', 'in', eb.selectFrom('agent_states').select('user_id'))])]))
      .where('active', '=', 1);
    if (team !== undefined) q = q.where('team', '=', team);
    const rows = await q.orderBy('username').execute();
    return rows.map((r) => ({ userId: r.id, username: r.username, name: r.display_name, team: r.team }));
  }

  async sessions(now: number): Promise<Map<string, number>> {
    const rows = await this.db
      .selectFrom('sessions')
      .select((eb) => ['user_id', eb.fn.min('created_at').as('since')])
      .where('expires_at', '>', now)
      .groupBy('user_id')
      .execute();
    return new Map(rows.map((r) => [r.user_id, Number(r.since)]));
  }

  async readiness(): Promise<AgentReadinessRow[]> {
    const rows = await this.db.selectFrom('agent_states').select(['user_id', 'state', 'since']).execute();
    return rows.map((r) => ({ userId: r.user_id, state: r.state === 'ready' ? 'ready' : 'not_ready', since: Number(r.since) }));
  }

  agentCalls(since: number) {
    return this.calls.agentCalls(since);
  }

  async ringing(since: number): Promise<AgentRing[]> {
    // From the open, unanswered CTI calls of the last hour to their ring events (the events' unique
    // index leads with source and external_id), not from every ring ever stored. Connectors that
    // report a ring only when it is over (AMI, ESL) mark it `missed`; their live rings reach the
    // dashboard on the event stream instead (web/src/dashboard/agent-board.ts withLiveRings).
    const rows = await this.db
      .selectFrom('calls as c')
      .innerJoin('call_source_events as e', (j) => j.onRef('e.external_id', '=', 'c.external_id').on('e.source', '=', 'cti').on('e.event', '=', 'ringing'))
      .select(['c.external_id', 'c.queue', 'e.agent', 'e.time', 'e.data'])
      .where('c.source', '=', 'cti')
      .where('c.outcome', '=', 'open')
      .where('c.agent', 'is', null)
      // A call ringing now began within the hour: the bound keeps the scan to recent calls (calls_agent_started).
      .where('c.started_at', '>=', since - 3600_000)
      .where('e.time', '>=', since)
      .where('e.agent', '!=', '')
      .execute();
    const latest = new Map<string, AgentRing>();
    for (const r of rows) {
      // A ring reported when it was over (AMI, ESL) happened; it is not ringing now.
      if (r.data.includes('"missed":true')) continue;
      const seen = latest.get(r.external_id);
      if (seen === undefined || Number(r.time) > seen.at) latest.set(r.external_id, { agent: r.agent, at: Number(r.time), callId: r.external_id, queue: r.queue });
    }
    return [...latest.values()];
  }

  async summaries(callIds: readonly string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    // Chunks keep the IN list under either database's parameter limit.
    for (let i = 0; i < callIds.length; i += 500) {
      const rows = await this.db
        .selectFrom('tickets')
        .select((eb) => ['call_id', eb.fn.min('summary_at').as('at')])
        .where('call_id', 'in', callIds.slice(i, i + 500))
        .where('summary_at', 'is not', null)
        .groupBy('call_id')
        .execute();
      for (const r of rows) if (r.call_id !== null && r.at !== null) out.set(r.call_id, Number(r.at));
    }
    return out;
  }
}
