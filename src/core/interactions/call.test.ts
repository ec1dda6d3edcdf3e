import { describe, expect, it } from 'vitest';
import { QueueCallTracker, callStatus, hasLine, holdSeconds, toCall, type Call, type QueueCallState } from './call.js';
import { QueueLogFields, type QueueLogEvent } from './queue-log-events.js';

function line(text: string): QueueLogEvent {
  const [time, callId, queue, agent, event, d1 = '', d2 = '', d3 = '', d4 = '', d5 = ''] = text.split('|');
  return new QueueLogFields({ time: Number(time), callId, queue, agent, event, data1: d1, data2: d2, data3: d3, data4: d4, data5: d5 });
}

function track(lines: string[]): { done: QueueCallState[]; finished: QueueCallState[] } {
  const done: QueueCallState[] = [];
  const tracker = new QueueCallTracker((c) => done.push(c));
  for (const l of lines) tracker.apply(line(l));
  const before = done.length;
  tracker.finish();
  return { done: done.slice(0, before), finished: done.slice(before) };
}

describe('queue calls from queue_log lines', () => {
  it('turns an answered call into Transcript-vocabulary events counted from the ring', () => {
    const { done } = track([
      '1675720967|1675720966.3|Support|NONE|ENTERQUEUE||200|1',
      '1675720971|1675720966.3|Support|PJSIP/400|CONNECT|5|1675720966.4|4',
      '1675721075|1675720966.3|Support|PJSIP/400|COMPLETECALLER|5|104|1',
    ]);
    expect(done).toHaveLength(1);
    const call = toCall(done[0] as QueueCallState);
    expect(call).toMatchObject<Partial<Call>>({
      callId: '1675720966.3',
      queue: 'Support',
      agent: 'PJSIP/400',
      callerId: '200',
      outcome: 'completed',
      endedBy: 'customer',
      waitSeconds: 5,
      ringSeconds: 4,
      talkSeconds: 104,
      offeredAt: 1675720967000,
    });
    expect(call.events).toEqual([
      { type: 'ring', at: 0 },
      { type: 'answer', at: 4000 },
      { type: 'hangup', at: 108000, by: 'customer' },
    ]);
  });

  it('tolerates lines of one call in any order and releases the call once nothing can change it', () => {
    const { done, finished } = track([
      '1675555766|1675555752.0|Support|PJSIP/400|COMPLETEAGENT|8|5|1',
      '1675555761|1675555752.0|Support|PJSIP/400|CONNECT|8|1675555753.1|7',
      '1675555753|1675555752.0|Support|NONE|ENTERQUEUE||200|1',
    ]);
    expect(finished).toHaveLength(0);
    const call = toCall(done[0] as QueueCallState);
    expect(call).toMatchObject({ outcome: 'completed', endedBy: 'agent', waitSeconds: 8, ringSeconds: 7, talkSeconds: 5 });
  });

  it('keeps a completion waiting for its CONNECT, and a call without end open', () => {
    const { done, finished } = track([
      '100|c1|Q|NONE|ENTERQUEUE||200|1',
      '130|c1|Q|SIP/1|COMPLETECALLER|10|20|1',
      '200|c2|Q|NONE|ENTERQUEUE||201|1',
      '205|c2|Q|SIP/1|RINGNOANSWER|15000',
      '300|c3|Q|SIP/1|COMPLETEAGENT|3|30|1',
    ]);
    expect(done).toHaveLength(0);
    expect(finished.map((c) => [c.callId, callStatus(c)])).toEqual([
      ['c1', 'ended'],
      ['c2', 'open'],
      ['c3', 'partial'],
    ]);
    const open = toCall(finished[1] as QueueCallState);
    expect(open).toMatchObject({ outcome: 'open', endedBy: null, missedRings: 1, missedRingMs: 15000, events: [] });
  });

  it('records abandon, timeout, exit-empty and exit-with-key with who ended them', () => {
    const { done } = track([
      '1|a|Q|NONE|ENTERQUEUE||1|1',
      '21|a|Q|NONE|ABANDON|1|1|20',
      '1|t|Q|NONE|ENTERQUEUE||1|1',
      '301|t|Q|NONE|EXITWITHTIMEOUT|1|1|300',
      '1|e|Q|NONE|ENTERQUEUE||1|1',
      '2|e|Q|NONE|EXITEMPTY|1|1|1',
      '1|k|Q|NONE|ENTERQUEUE||1|1',
      '9|k|Q|NONE|EXITWITHKEY|5|1|1|8',
    ]);
    expect(done.map((s) => [toCall(s).outcome, toCall(s).endedBy, toCall(s).events])).toEqual([
      ['abandoned', 'customer', [{ type: 'hangup', at: 20000, by: 'customer' }]],
      ['timedOut', 'system', [{ type: 'hangup', at: 300000, by: 'system' }]],
      ['exitEmpty', 'system', [{ type: 'hangup', at: 1000, by: 'system' }]],
      ['exitWithKey', 'customer', [{ type: 'hangup', at: 8000, by: 'customer' }]],
    ]);
  });

  it('records blind and attended transfers with their target', () => {
    const { done } = track([
      '1|b|Q|NONE|ENTERQUEUE||1|1',
      '5|b|Q|SIP/1|CONNECT|4|x|2',
      '65|b|Q|SIP/1|BLINDTRANSFER|1142|default|4|60|1',
      '1|t|Q|NONE|ENTERQUEUE||1|1',
      '5|t|Q|SIP/2|CONNECT|4|x|2',
      '35|t|Q|SIP/2|ATTENDEDTRANSFER|BRIDGE|bridge-1|4|30|1',
    ]);
    const [blind, attended] = done.map(toCall);
    expect(blind).toMatchObject({ outcome: 'transferred', transfer: { kind: 'blind', to: '1142@default' }, talkSeconds: 60 });
    expect(blind?.events.at(-1)).toEqual({ type: 'transfer', at: 62000, to: '1142@default' });
    expect(attended).toMatchObject({ outcome: 'transferred', transfer: { kind: 'attended', to: 'bridge-1' }, agent: 'SIP/2' });
  });

  it('keeps one caller moving between queues as two calls', () => {
    const { done } = track([
      '1|m|Sales|NONE|ENTERQUEUE||1|1',
      '31|m|Sales|NONE|EXITWITHTIMEOUT|1|1|30',
      '31|m|Support|NONE|ENTERQUEUE||1|1',
      '40|m|Support|SIP/9|CONNECT|9|x|3',
      '90|m|Support|SIP/9|COMPLETECALLER|9|50|1',
    ]);
    expect(done.map((s) => [s.queue, toCall(s).outcome])).toEqual([
      ['Sales', 'timedOut'],
      ['Support', 'completed'],
    ]);
  });

  it('ignores member and system lines', () => {
    const { done, finished } = track(['1|NONE|NONE|NONE|QUEUESTART|', '2|x|Q|SIP/1|ADDMEMBER|', '3|x|Q|SIP/1|PAUSE|lunch']);
    expect(done.length + finished.length).toBe(0);
  });

  it('gives the same calls when state objects are reused, as long as onCall copies what it keeps', () => {
    const lines = [
      '1|c1|Q|NONE|ENTERQUEUE||200|1',
      '4|c1|Q|SIP/1|CONNECT|3|x|2',
      '1|呼叫-2|Q|NONE|ENTERQUEUE||201|1',
      '9|c1|Q|SIP/1|COMPLETEAGENT|3|5|1',
      '30|呼叫-2|Q|NONE|ABANDON|1|1|29',
      '31|c3|Q|NONE|ENTERQUEUE||202|1',
      '32|c3|Q|NONE|EXITEMPTY|1|1|1',
    ];
    const run = (reuseCallStates: boolean): Call[] => {
      const calls: Call[] = [];
      const tracker = new QueueCallTracker((s) => calls.push(toCall(s)), { reuseCallStates });
      for (const l of lines) tracker.apply(line(l));
      tracker.finish();
      return calls;
    };
    expect(run(true)).toEqual(run(false));
    expect(run(true).map((c) => [c.callId, c.callerId, c.outcome])).toEqual([
      ['c1', '200', 'completed'],
      ['呼叫-2', '201', 'abandoned'],
      ['c3', '202', 'exitEmpty'],
    ]);
  });

  it('keeps each call\'s lines when asked, ignoring a line the call already has', () => {
    const lines: string[] = [];
    const tracker = new QueueCallTracker((c) => lines.push(c.lines ?? ''), { keepLines: true });
    for (const l of [
      '1675720967|c1|Support|NONE|ENTERQUEUE||200|1',
      '1675720970|c1|Support|PJSIP/401|RINGNOANSWER|3000',
      '1675720970|c1|Support|PJSIP/401|RINGNOANSWER|3000',
      '1675720971|c1|Support|PJSIP/400|CONNECT|5|c1.4|4',
      '1675721075|c1|Support|PJSIP/400|COMPLETECALLER|5|104|1',
    ]) {
      tracker.apply(line(l));
    }
    expect(lines).toEqual(['1675720967|NONE|ENTERQUEUE||200|1\n1675720970|PJSIP/401|RINGNOANSWER|3000\n1675720971|PJSIP/400|CONNECT|5|c1.4|4\n1675721075|PJSIP/400|COMPLETECALLER|5|104|1']);
    expect(tracker.keptLines).toBe(4);
    expect(hasLine('a|1\nb|2', 'b|2')).toBe(true);
    expect(hasLine('a|1\nb|22', 'b|2')).toBe(false);
  });

  it('counts a line more than a day after its call\'s last line as a new call, whenever the sweep last ran', () => {
    const { done, finished } = track([
      '1000|c1|Q|NONE|ENTERQUEUE||200|1',
      '1010|c1|Q|SIP/1|CONNECT|10|x|2',
      '91000|c1|Q|SIP/1|COMPLETECALLER|10|5|1',
    ]);
    expect(done.map(callStatus)).toEqual(['open']);
    expect(finished.map(callStatus)).toEqual(['partial']);
  });

  it('holds the lines of calls that may have begun before a segment, and takes over pending calls', () => {
    const held: string[] = [];
    const calls: QueueCallState[] = [];
    const segment = new QueueCallTracker((c) => calls.push(c), { onHeldLine: (e) => held.push(`${e.callId} ${e.event}`) });
    for (const l of [
      '10|old|Q|SIP/1|CONNECT|3|x|2',
      '12|new|Q|NONE|ENTERQUEUE||201|1',
      '14|old|Q|SIP/1|COMPLETECALLER|3|4|1',
      '15|open|Q|NONE|ENTERQUEUE||202|1',
      '16|new|Q|NONE|ABANDON|1|1|4',
    ]) {
      segment.apply(line(l));
    }
    expect(held).toEqual(['old CONNECT', 'old COMPLETECALLER']);
    expect(calls.map((c) => [c.callId, callStatus(c)])).toEqual([['new', 'ended']]);
    const pending: QueueCallState[] = [];
    segment.forEachPending((c) => pending.push(c));
    expect(pending.map((c) => c.callId)).toEqual(['open']);

    // The thread that read the segment before: 'old' entered there. It replays the held lines and takes over 'open'.
    const joined: Call[] = [];
    const before = new QueueCallTracker((c) => joined.push(toCall(c)));
    before.apply(line('8|old|Q|NONE|ENTERQUEUE||200|1'));
    before.adopt(pending[0] as QueueCallState);
    for (const l of ['10|old|Q|SIP/1|CONNECT|3|x|2', '14|old|Q|SIP/1|COMPLETECALLER|3|4|1', '20|open|Q|NONE|EXITEMPTY|1|1|5']) before.apply(line(l));
    expect(joined.map((c) => [c.callId, c.callerId, c.outcome])).toEqual([
      ['old', '200', 'completed'],
      ['open', '202', 'exitEmpty'],
    ]);
  });

  it('sums hold time from CTI hold/unhold events', () => {
    expect(
      holdSeconds([
        { type: 'ring', at: 0 },
        { type: 'answer', at: 7000 },
        { type: 'hold', at: 65000 },
        { type: 'unhold', at: 118000 },
        { type: 'hold', at: 200000 },
        { type: 'hangup', at: 210000, by: 'customer' },
      ]),
    ).toBe(63);
  });
});
