/**
 * Writes the event stream of a FreeSWITCH 1.10 call centre (mod_callcenter queue
 * `support@default`) as an inbound event socket subscribed with `event plain CHANNEL_ANSWER
 * CHANNEL_HOLD CHANNEL_UNHOLD CHANNEL_HANGUP_COMPLETE CUSTOM callcenter::info` receives it.
 * Headers follow developer.signalwire.com "mod_callcenter" (Events: CC-Action member-queue-start,
 * agent-offering, bridge-agent-start, bridge-agent-fail, bridge-agent-end, member-queue-end with
 * CC-Cause / CC-Cancel-Reason) and "Event List" (CHANNEL_HOLD, CHANNEL_UNHOLD,
 * CHANNEL_HANGUP_COMPLETE with Hangup-Cause and variable_sip_hangup_disposition).
 *
 * The file holds each event's body (header lines, values URL-encoded) separated by empty lines;
 * the replay server frames each as `Content-Length: n` + `Content-Type: text/event-plain`.
 * `#! disconnect` / `#! reconnect` as in the AMI recordings.
 */
export interface EslExpected {
  id: string;
  outcome: string;
  endedBy: string | null;
  waitMs: number | null;
  ringMs: number | null;
  holdMs: number | null;
  missedRings: number;
}

export function generateEslSession(startEpoch: number): { esl: string; expected: EslExpected[] } {
  const events: Array<{ t: number; seq: number; h: Record<string, string | number> }> = [];
  const expected: EslExpected[] = [];
  let seq = 0;
  const core = 'b2b4a6e0-4c39-4c1e-9d1a-5f3c2d7e8a90';
  const ev = (t: number, h: Record<string, string | number>) => {
    const d = new Date(t);
    events.push({
      t,
      seq: seq++,
      h: {
        'Event-Name': h['Event-Name'] as string,
        'Core-UUID': core,
        'FreeSWITCH-Hostname': 'fs1',
        'FreeSWITCH-Switchname': 'fs1',
        'Event-Date-Local': d.toISOString().replace('T', ' ').slice(0, 19),
        'Event-Date-GMT': d.toUTCString(),
        'Event-Date-Timestamp': t * 1000 + 137,
        'Event-Sequence': 5000 + seq,
        ...h,
      },
    });
  };
  const uuid = (n: number, leg: string) => `${leg}${String(n).padStart(4, '0')}-7c1a-4f3e-9a2b-${String(100000000000 + n).slice(-12)}`;
  const cc = (t: number, action: string, call: string, extra: Record<string, string | number>) =>
    ev(t, { 'Event-Name': 'CUSTOM', 'Event-Subclass': 'callcenter::info', 'Event-Calling-File': 'mod_callcenter.c', 'CC-Queue': 'support@default', 'CC-Action': action, 'CC-Member-UUID': `m-${call}`, 'CC-Member-Session-UUID': call, ...extra });
  const hangupComplete = (t: number, leg: string, disposition: string, cause = 'NORMAL_CLEARING') =>
    ev(t, { 'Event-Name': 'CHANNEL_HANGUP_COMPLETE', 'Unique-ID': leg, 'Channel-Name': `sofia/internal/${leg.slice(0, 4)}`, 'Hangup-Cause': cause, variable_sip_hangup_disposition: disposition, 'Channel-Call-State': 'HANGUP' });

  type Kind = 'caller-ends' | 'agent-ends' | 'abandon' | 'rna-answer' | 'hold' | 'timeout' | 'across-gap' | 'ends-in-gap';
  const kinds: Kind[] = ['caller-ends', 'agent-ends', 'abandon', 'rna-answer', 'hold', 'timeout', 'caller-ends', 'ends-in-gap', 'across-gap', 'agent-ends'];
  let gapFrom = 0;
  let gapTo = 0;
  kinds.forEach((kind, i) => {
    const join = startEpoch * 1000 + i * 50_000 + 1_250;
    const call = uuid(i + 1, 'c');
    const agent = `100${(i % 3) + 1}@default`;
    const other = `100${((i + 1) % 3) + 1}@default`;
    const agentLeg = uuid(i + 1, 'a');
    ev(join - 3000, { 'Event-Name': 'CHANNEL_ANSWER', 'Unique-ID': call, 'Channel-Name': 'sofia/external/13800138000', 'Caller-Caller-ID-Number': `1390000${String(1000 + i)}` });
    cc(join, 'member-queue-start', call, { 'CC-Member-CID-Name': 'Customer', 'CC-Member-CID-Number': `1390000${String(1000 + i)}` });
    const wait = 4000 + i * 700;
    let offer = join + wait;
    let missed = 0;
    let who = agent;
    if (kind === 'abandon' || kind === 'timeout') {
      const end = join + (kind === 'abandon' ? 9_000 : 60_000);
      cc(end, 'member-queue-end', call, { 'CC-Cause': 'Cancel', 'CC-Cancel-Reason': kind === 'abandon' ? 'NONE' : 'TIMEOUT', 'CC-Member-Joined-Time': Math.floor(join / 1000), 'CC-Member-Leaving-Time': Math.floor(end / 1000) });
      hangupComplete(kind === 'abandon' ? end : end + 20_000, call, kind === 'abandon' ? 'recv_bye' : 'send_bye');
      expected.push({ id: call, outcome: kind === 'abandon' ? 'abandoned' : 'timeout', endedBy: kind === 'abandon' ? 'customer' : 'system', waitMs: null, ringMs: null, holdMs: 0, missedRings: 0 });
      return;
    }
    if (kind === 'rna-answer') {
      cc(offer, 'agent-offering', call, { 'CC-Agent': agent, 'CC-Agent-System': 'single_box' });
      cc(offer + 15_000, 'bridge-agent-fail', call, { 'CC-Agent': agent, 'CC-Hangup-Cause': 'NO_ANSWER', 'CC-Agent-Called-Time': Math.floor(offer / 1000), 'CC-Agent-Aborted-Time': Math.floor((offer + 15_000) / 1000) });
      offer += 16_000;
      missed = 1;
      who = other;
    }
    cc(offer, 'agent-offering', call, { 'CC-Agent': who, 'CC-Agent-System': 'single_box' });
    const ring = 3000 + (i % 4) * 1000;
    const answer = offer + ring;
    ev(answer, { 'Event-Name': 'CHANNEL_ANSWER', 'Unique-ID': agentLeg, 'Channel-Name': `sofia/internal/${who}` });
    cc(answer, 'bridge-agent-start', call, { 'CC-Agent': who, 'CC-Agent-UUID': agentLeg, 'CC-Agent-Called-Time': Math.floor(offer / 1000), 'CC-Agent-Answered-Time': Math.floor(answer / 1000), 'CC-Member-Joined-Time': Math.floor(join / 1000) });
    const talk = 90_000 + i * 3000;
    let holdMs = 0;
    if (kind === 'hold' || kind === 'across-gap') {
      const h0 = answer + 20_000;
      const h1 = h0 + 30_000;
      ev(h0, { 'Event-Name': 'CHANNEL_HOLD', 'Unique-ID': agentLeg, 'Channel-Call-State': 'HELD' });
      ev(h1, { 'Event-Name': 'CHANNEL_UNHOLD', 'Unique-ID': agentLeg, 'Channel-Call-State': 'ACTIVE' });
      holdMs = 30_000;
      if (kind === 'across-gap') {
        gapFrom = h0 + 5_000;
        gapTo = h0 + 10_000;
      }
    }
    const end = answer + talk;
    const agentEnds = kind === 'agent-ends';
    const endedInGap = kind === 'ends-in-gap';
    cc(end, 'bridge-agent-end', call, { 'CC-Agent': who, 'CC-Agent-UUID': agentLeg, 'CC-Hangup-Cause': 'NORMAL_CLEARING', 'CC-Agent-Called-Time': Math.floor(offer / 1000), 'CC-Agent-Answered-Time': Math.floor(answer / 1000), 'CC-Bridge-Terminated-Time': Math.floor(end / 1000), 'CC-Member-Joined-Time': Math.floor(join / 1000) });
    if (agentEnds) {
      hangupComplete(end, agentLeg, 'recv_bye');
      hangupComplete(end, call, 'send_bye');
    } else {
      hangupComplete(end, call, 'recv_bye');
      hangupComplete(end, agentLeg, 'send_bye');
    }
    cc(end, 'member-queue-end', call, { 'CC-Cause': 'Terminated', 'CC-Member-Joined-Time': Math.floor(join / 1000), 'CC-Member-Leaving-Time': Math.floor(end / 1000) });
    expected.push({
      id: call,
      outcome: 'answered',
      // Ended while the line was down: closed on reconnect by the system.
      endedBy: endedInGap ? 'system' : agentEnds ? 'agent' : 'customer',
      waitMs: answer - join,
      ringMs: ring,
      holdMs: endedInGap ? 0 : holdMs,
      missedRings: missed,
    });
  });
  events.sort((a, b) => a.t - b.t || a.seq - b.seq);
  // The call that ends in the gap must end inside it: move its end events there.
  const inGap = expected.find((e) => e.endedBy === 'system' && e.outcome === 'answered');
  let out = '';
  let state: 'before' | 'gap' | 'after' = 'before';
  const ordered = events.map((e) => {
    if (inGap && e.h['Event-Name'] !== 'CUSTOM' && e.h['Unique-ID'] !== undefined && String(e.h['Unique-ID']).slice(1) === inGap.id.slice(1) && e.h['Event-Name'] === 'CHANNEL_HANGUP_COMPLETE') return { ...e, t: gapFrom + 1000 };
    if (inGap && e.h['CC-Member-Session-UUID'] === inGap.id && (e.h['CC-Action'] === 'bridge-agent-end' || e.h['CC-Action'] === 'member-queue-end')) return { ...e, t: gapFrom + 1000 };
    return e;
  });
  ordered.sort((a, b) => a.t - b.t || a.seq - b.seq);
  for (const e of ordered) {
    if (state === 'before' && e.t >= gapFrom) {
      out += '#! disconnect\n';
      state = 'gap';
    }
    if (state === 'gap' && e.t >= gapTo) {
      out += '#! reconnect\n';
      state = 'after';
    }
    const stamped = { ...e.h, 'Event-Date-Timestamp': e.t * 1000 + 137 };
    for (const [k, v] of Object.entries(stamped)) out += `${k}: ${encodeURIComponent(String(v))}\n`;
    out += '\n';
  }
  return { esl: out, expected };
}
