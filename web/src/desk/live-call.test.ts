import { describe, expect, it } from 'vitest';
import { applyCallEvent, type CallStreamEvent, type LiveCall } from './live-call';

const ev = (type: string, at: number, extra: Partial<CallStreamEvent> = {}): CallStreamEvent => ({ type: `call.${type}`, at, callId: 'c1', id: 'cti:c1', agent: 'ana', queue: 'hotline', outcome: null, ...extra });

function run(events: CallStreamEvent[], start: LiveCall | null = null): LiveCall | null {
  return events.reduce<LiveCall | null>((call, e) => applyCallEvent(call, e), start);
}

describe('the live call on the desk', () => {
  it('follows a call from ring to hang-up, with holds and who hung up', () => {
    const call = run([ev('ringing', 1000), ev('answered', 4000), ev('hold', 10_000), ev('unhold', 40_000), ev('ended', 90_000, { by: 'customer' })]);
    expect(call).toMatchObject({ phase: 'ended', answeredAt: 4000, endedAt: 90_000, endedBy: 'customer', holds: 1, answered: true });
  });

  it('shows the hold while it lasts', () => {
    expect(run([ev('ringing', 1000), ev('answered', 2000), ev('hold', 3000)])?.phase).toBe('on_hold');
  });

  it('a repeated event changes nothing', () => {
    const once = run([ev('ringing', 1000), ev('answered', 2000)]);
    expect(run([ev('answered', 2000)], once)).toEqual(once);
  });

  it('a second call does not replace a call still in progress, but replaces an ended one', () => {
    const talking = run([ev('ringing', 1000), ev('answered', 2000)]);
    expect(applyCallEvent(talking, ev('ringing', 3000, { callId: 'c2' }))?.callId).toBe('c1');
    const ended = applyCallEvent(talking, ev('ended', 5000, { by: 'agent' }));
    expect(applyCallEvent(ended, ev('ringing', 6000, { callId: 'c2' }))).toMatchObject({ callId: 'c2', phase: 'ringing' });
  });

  it('an unanswered call ends without being answered (no wrap-up)', () => {
    expect(run([ev('ringing', 1000), ev('ended', 9000, { by: 'customer' })])).toMatchObject({ phase: 'ended', answered: false });
  });
});
