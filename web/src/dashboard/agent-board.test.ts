import { describe, expect, it } from 'vitest';
import { changesBoard, stateCounts, stateDuration, withLiveRings, type AgentBoardRow } from './agent-board';
import { applyCallEvent, type CallStreamEvent, type LiveCall } from '../desk/live-call';

describe('agent-status board helpers', () => {
  it('runs the duration on the server clock, hours once past one', () => {
    const since = 1_000_000;
    expect(stateDuration({ since }, since + 65_000, 0)).toBe('1:05');
    // The browser is 30 s behind the server: the duration still reads from the server's clock.
    expect(stateDuration({ since }, since + 35_000, 30_000)).toBe('1:05');
    expect(stateDuration({ since }, since + 3_725_000, 0)).toBe('1:02:05');
    expect(stateDuration({ since: null }, since, 0)).toBe('—');
    expect(stateDuration({ since }, since - 5_000, 0)).toBe('0:00');
  });

  it('counts states and knows which events change the board', () => {
    expect(stateCounts([{ state: 'talking' }, { state: 'talking' }, { state: 'idle' }])).toMatchObject({ talking: 2, idle: 1, on_hold: 0 });
    expect(['call.hold', 'ticket.updated', 'agent.state', 'stream.reset'].every(changesBoard)).toBe(true);
    expect(changesBoard('visit.called')).toBe(false);
  });
});

describe('rings from the live stream on the board', () => {
  const T = 1_800_000_000_000;
  const row = (username: string, state: AgentBoardRow['state']): AgentBoardRow => ({ userId: `u_${username}`, username, name: username, team: null, signedIn: true, state, since: T - 60_000, callId: null, queue: null, overdue: false });
  const event = (type: string, at: number, o: Partial<CallStreamEvent> = {}): CallStreamEvent => ({ type: `call.${type}`, at, callId: 'ami-1', id: null, agent: null, queue: 'hotline', outcome: null, ...o });
  const live = (...events: CallStreamEvent[]): LiveCall => events.reduce<LiveCall | null>((c, e) => applyCallEvent(c, e), null)!;

  it('shows the agent a call rings at now (AMI/ESL report ring starts only on the stream), until a missed ring or an answer', () => {
    const rows = [row('zhao', 'idle'), row('li', 'talking')];
    const ringing = live(event('offered', T), event('ringing', T + 2_000, { agent: 'zhao' }));
    expect(withLiveRings(rows, [ringing], T + 5_000).map((r) => [r.username, r.state, r.since])).toEqual([['zhao', 'ringing', T + 2_000], ['li', 'talking', T - 60_000]]);
    // The ring timed out (stored as missed): zhao is idle again; the next ring at li, on a call, does not change li.
    const missed = applyCallEvent(ringing, event('ringing', T + 2_000, { agent: 'zhao', missed: true }))!;
    expect(withLiveRings(rows, [missed], T + 20_000).map((r) => r.state)).toEqual(['idle', 'talking']);
    const next = applyCallEvent(missed, event('ringing', T + 20_000, { agent: 'li' }))!;
    expect(withLiveRings(rows, [next], T + 21_000).map((r) => r.state)).toEqual(['idle', 'talking']);
    // Answered: no longer ringing; a ring two minutes old with no next event is not shown either.
    expect(withLiveRings(rows, [applyCallEvent(ringing, event('answered', T + 4_000, { agent: 'zhao' }))!], T + 5_000)[0]?.state).toBe('idle');
    expect(withLiveRings(rows, [ringing], T + 200_000)[0]?.state).toBe('idle');
  });
});
