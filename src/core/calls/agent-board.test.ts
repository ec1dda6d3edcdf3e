import { describe, expect, it } from 'vitest';
import { agentStatuses, holdStartedAt, type AgentBoardInput, type BoardAgent } from './agent-board.js';
import { callFromCtiEvents, type CtiEvent } from './cti-call.js';

const T0 = Date.parse('2026-03-02T09:00:00+08:00');
const min = 60_000;
const agents: BoardAgent[] = ['li', 'wang', 'zhao', 'chen', 'sun', 'zhou'].map((u) => ({ userId: `u_${u}`, username: u, name: u.toUpperCase(), team: 'A' }));

function call(callId: string, agent: string, events: Array<[CtiEvent['type'], number]>) {
  return callFromCtiEvents(
    callId,
    events.map(([type, at]) => ({ type, callId, at: T0 + at, queue: 'hotline', ...(type === 'answered' || type === 'ringing' ? { agent } : {}), ...(type === 'ended' ? { by: 'customer' as const } : {}) })),
  );
}

const base = (over: Partial<AgentBoardInput>): AgentBoardInput => ({
  agents,
  sessions: new Map(agents.filter((a) => a.username !== 'zhou').map((a) => [a.userId, T0 - 60 * min])),
  readiness: agents.map((a) => ({ userId: a.userId, state: 'ready' as const, since: T0 - 30 * min })),
  calls: [],
  summaries: new Map(),
  now: T0 + 10 * min,
  wrapUpLimitMs: 5 * min,
  ...over,
});

describe('agent-status board', () => {
  it('reads talking, on hold, wrap-up, idle, not ready and signed out, each with since when', () => {
    const talking = call('c1', 'li', [['offered', 0], ['ringing', 5_000], ['answered', 9_000]]);
    const held = call('c2', 'wang', [['offered', 2 * min], ['answered', 2 * min + 4_000], ['hold', 4 * min], ['unhold', 5 * min], ['hold', 7 * min]]);
    const ended = call('c3', 'zhao', [['offered', 0], ['answered', 5_000], ['ended', 8 * min]]);
    const summarised = call('c4', 'chen', [['offered', 0], ['answered', 5_000], ['ended', 3 * min]]);
    const rows = agentStatuses(
      base({
        calls: [talking, held, ended, summarised],
        summaries: new Map([['c4', T0 + 4 * min]]),
        readiness: agents.map((a) => ({ userId: a.userId, state: a.username === 'sun' ? ('not_ready' as const) : ('ready' as const), since: T0 - 30 * min })),
      }),
    );
    const by = Object.fromEntries(rows.map((r) => [r.username, r]));
    expect(by.li).toMatchObject({ state: 'talking', since: T0 + 9_000, callId: 'c1', queue: 'hotline', signedIn: true });
    expect(by.wang).toMatchObject({ state: 'on_hold', since: T0 + 7 * min, callId: 'c2' });
    expect(by.zhao).toMatchObject({ state: 'wrap_up', since: T0 + 8 * min, callId: 'c3', overdue: false });
    expect(by.chen).toMatchObject({ state: 'idle', since: T0 + 4 * min });
    expect(by.sun).toMatchObject({ state: 'not_ready', since: T0 - 30 * min });
    expect(by.zhou).toMatchObject({ state: 'signed_out', since: null, signedIn: false });
    expect(rows.map((r) => r.state)).toEqual(['talking', 'on_hold', 'wrap_up', 'idle', 'not_ready', 'signed_out']);
  });

  it('a wrap-up past the summary limit is overdue; going not ready or a summary ends it', () => {
    const ended = call('c5', 'li', [['offered', 0], ['answered', 5_000], ['ended', 2 * min]]);
    const overdue = agentStatuses(base({ calls: [ended] })).find((r) => r.username === 'li');
    expect(overdue).toMatchObject({ state: 'wrap_up', overdue: true, since: T0 + 2 * min });
    const paused = agentStatuses(base({ calls: [ended], readiness: [{ userId: 'u_li', state: 'not_ready', since: T0 + 6 * min }] })).find((r) => r.username === 'li');
    expect(paused).toMatchObject({ state: 'not_ready', since: T0 + 6 * min });
    const done = agentStatuses(base({ calls: [ended], summaries: new Map([['c5', T0 + 3 * min]]) })).find((r) => r.username === 'li');
    expect(done).toMatchObject({ state: 'idle', since: T0 + 3 * min });
  });

  it('a phone ringing now shows as ringing at that agent, since the ring; a stale ring or an answer ends it', () => {
    const rings = [
      { agent: 'chen', at: T0 + 9 * min, callId: 'r1', queue: 'hotline' },
      { agent: 'sun', at: T0 + 5 * min, callId: 'r2', queue: 'hotline' },
    ];
    const rows = agentStatuses(base({ rings, readiness: agents.map((a) => ({ userId: a.userId, state: 'ready' as const, since: T0 - 30 * min })) }));
    const by = Object.fromEntries(rows.map((r) => [r.username, r]));
    expect(by.chen).toMatchObject({ state: 'ringing', since: T0 + 9 * min, callId: 'r1', queue: 'hotline' });
    // Five minutes without a next event: the PBX's answer or hang-up was lost, not a phone still ringing.
    expect(by.sun).toMatchObject({ state: 'idle' });
    expect(rows[0]?.username).toBe('chen');
    // The same agent answering another call: on the call, not ringing.
    const talking = call('c9', 'chen', [['offered', 8 * min], ['answered', 8 * min + 3_000]]);
    expect(agentStatuses(base({ rings, calls: [talking] })).find((r) => r.username === 'chen')).toMatchObject({ state: 'talking' });
  });

  it('going ready (示闲) after the call ends the wrap-up, as on a PBX agent phone', () => {
    const ended = call('c6', 'li', [['offered', 0], ['answered', 5_000], ['ended', 2 * min]]);
    const ready = agentStatuses(base({ calls: [ended], readiness: [{ userId: 'u_li', state: 'ready', since: T0 + 4 * min }] })).find((r) => r.username === 'li');
    expect(ready).toMatchObject({ state: 'idle', since: T0 + 4 * min });
  });

  it('a call in progress shows even without a session (the PBX knows better), and unhold returns to talking', () => {
    const c = call('c6', 'zhou', [['offered', 0], ['answered', 5_000], ['hold', min], ['unhold', 2 * min]]);
    expect(holdStartedAt(c)).toBeNull();
    const row = agentStatuses(base({ calls: [c] })).find((r) => r.username === 'zhou');
    expect(row).toMatchObject({ state: 'talking', signedIn: false, since: T0 + 5_000 });
  });
});
