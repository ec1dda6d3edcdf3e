import { describe, expect, it } from 'vitest';
import type { CallSummary } from '@contract/calls';
import { applyCallEvent, type CallStreamEvent, type LiveCall } from '../desk/live-call';
import { liveQueueRows } from './live-queue';

const T = 1_770_000_000_000;
const stored = (over: Partial<CallSummary>): CallSummary =>
  ({ externalId: 'c', queue: 'hotline', agent: null, caller: null, vip: false, startedAt: T, offeredAt: T, answeredAt: null, events: [], ...over }) as CallSummary;

function live(events: Array<Partial<CallStreamEvent> & { type: CallStreamEvent['type']; at: number }>): LiveCall {
  let call: LiveCall | null = null;
  for (const e of events) call = applyCallEvent(call, { callId: 'x', id: null, agent: null, queue: 'hotline', outcome: null, ...e });
  return call!;
}

describe('live queue', () => {
  it('a call no agent answered is waiting (not ringing), with no agent; a held call keeps its agent', () => {
    const rows = liveQueueRows(
      [
        stored({ externalId: 'w' }),
        stored({ externalId: 'h', agent: 'li', answeredAt: T + 5_000, events: [{ type: 'ring', at: 0 }, { type: 'answer', at: 5_000 }, { type: 'hold', at: 60_000 }] }),
        stored({ externalId: 'u', agent: 'wang', answeredAt: T + 5_000, events: [{ type: 'hold', at: 60_000 }, { type: 'unhold', at: 70_000 }] }),
      ],
      [],
    );
    const by = Object.fromEntries(rows.map((r) => [r.callId, r]));
    expect(by.w).toMatchObject({ phase: 'waiting', agent: null, since: T });
    expect(by.h).toMatchObject({ phase: 'on_hold', agent: 'li', since: T + 60_000 });
    expect(by.u).toMatchObject({ phase: 'talking', agent: 'wang', since: T + 5_000 });
  });

  it('from the stream: ringing at an agent is still waiting; answered then held shows the agent who answered', () => {
    const ringing = live([{ type: 'call.offered', at: T }, { type: 'call.ringing', at: T + 1000, agent: 'zhao' }]);
    const held = { ...live([{ type: 'call.offered', at: T }, { type: 'call.answered', at: T + 3000, agent: 'zhao' }, { type: 'call.hold', at: T + 9000 }]), callId: 'y' };
    const rows = liveQueueRows([], [ringing, held]);
    expect(rows.find((r) => r.callId === 'x')).toMatchObject({ phase: 'waiting', agent: null });
    expect(rows.find((r) => r.callId === 'y')).toMatchObject({ phase: 'on_hold', agent: 'zhao', since: T + 9000 });
  });
});
