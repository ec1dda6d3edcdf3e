import { seededRandom } from '../../bench/seeded-random.js';

/**
 * Writes an Asterisk AMI event stream and the queue_log of the very same calls, as an Asterisk
 * 18/20 PBX with `timestampevents = yes` (manager.conf) writes them. Event names and fields follow
 * docs.asterisk.org "AMI Events" (QueueCallerJoin, AgentCalled, AgentRingNoAnswer, AgentConnect,
 * AgentComplete, QueueCallerAbandon, QueueCallerLeave, Hold, Unhold, MusicOnHoldStart/Stop,
 * BlindTransfer, AttendedTransfer, Hangup, Newchannel, VarSet, QueueMemberStatus); queue_log lines
 * follow docs.asterisk.org "Queue Logs" (also in /work/shared/eval/raw/asterisk-docs/Queue-Logs.md).
 *
 * The stream may carry replay directives (lines starting `#!`): `#! disconnect` (the PBX drops the
 * manager connection; what follows happens while nobody listens) and `#! reconnect` (a new
 * connection is served from here). Lines starting `#` are comments.
 */
export const callKinds = [
  'answer-caller',
  'answer-agent',
  'abandon',
  'rna-answer',
  'hold',
  'blind-transfer',
  'attended-transfer',
  'rna-abandon',
  'ring-cancel',
  'timeout',
] as const;
export type CallKind = (typeof callKinds)[number];

export interface GeneratedSession {
  /** The recorded AMI stream (events only; the replay server answers Login and actions itself). */
  ami: string;
  queueLog: string;
  /** Calls by kind. */
  kinds: Record<string, number>;
  /** The call that the gap cuts in the middle (answered before, ended after), if any. */
  gapCall: string | null;
  events: number;
}

interface Ev {
  t: number; // epoch seconds with fraction
  seq: number;
  fields: Record<string, string | number>;
}

interface QL {
  t: number;
  seq: number;
  line: string;
}

const AGENTS = ['PJSIP/201', 'PJSIP/202', 'PJSIP/203', 'PJSIP/204', 'PJSIP/205', 'PJSIP/206'];
const QUEUE = 'hotline';

export function generateAmiSession(o: { calls: number; startEpoch: number; spacingSeconds?: number; seed?: number; gap?: boolean; noise?: boolean }): GeneratedSession {
  const rnd = seededRandom(o.seed ?? 0x41_4d_49);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const frac = () => Math.floor(rnd() * 1e6) / 1e6;
  const evs: Ev[] = [];
  const qls: QL[] = [];
  let seq = 0;
  let chanSeq = 100;
  const kinds: Record<string, number> = {};
  let holdCall: { id: string; holdAt: number; unholdAt: number } | null = null;

  // Within a call, events keep the order Asterisk raises them in, also inside one second.
  let callLast = 0;
  const ev = (sec: number, fields: Record<string, string | number>) => {
    let t = sec + frac();
    if (Math.floor(callLast) === sec && t <= callLast) t = Math.min(callLast + (sec + 0.999999 - callLast) * rnd(), sec + 0.999999);
    if (t <= callLast && Math.floor(callLast) === sec) t = callLast;
    callLast = Math.max(callLast, t);
    evs.push({ t, seq: seq++, fields });
  };
  const ql = (sec: number, id: string, agent: string, event: string, ...data: (string | number)[]) => qls.push({ t: sec, seq: seq++, line: [sec, id, QUEUE, agent, event, ...data].join('|') });

  for (let i = 0; i < o.calls; i++) {
    const kind = callKinds[i % callKinds.length] as CallKind;
    kinds[kind] = (kinds[kind] ?? 0) + 1;
    const join = o.startEpoch + i * (o.spacingSeconds ?? 40) + int(0, 15);
    const id = `${join}.${chanSeq++}`;
    callLast = 0;
    const caller = `1${['38', '39', '50', '86'][i % 4]}${String(10_000_000 + i * 7919).slice(-8)}`;
    const channel = `PJSIP/trunk-${id.replace('.', '')}`;
    const base = { Channel: channel, CallerIDNum: caller, CallerIDName: '<unknown>', Uniqueid: id, Linkedid: id };
    if (o.noise !== false) ev(join, { Event: 'Newchannel', Privilege: 'call,all', ...base, ChannelState: 0, ChannelStateDesc: 'Down', Context: 'from-trunk', Exten: '4008' });
    ev(join, { Event: 'QueueCallerJoin', Privilege: 'agent,all', ...base, ChannelState: 6, ChannelStateDesc: 'Up', Queue: QUEUE, Position: 1, Count: 1 });
    ql(join, id, 'NONE', 'ENTERQUEUE', '', caller, 1);
    if (o.noise !== false) ev(join, { Event: 'MusicOnHoldStart', Privilege: 'call,all', ...base, Class: 'default' });

    const ring = (at: number, agent: string) => {
      const dest = `${at}.${chanSeq++}`;
      ev(at, { Event: 'AgentCalled', Privilege: 'agent,all', ...base, DestChannel: `${agent}-0000${chanSeq}`, DestUniqueid: dest, Queue: QUEUE, Interface: agent, MemberName: agent });
      return dest;
    };
    const leave = (at: number) => ev(at, { Event: 'QueueCallerLeave', Privilege: 'agent,all', ...base, Queue: QUEUE, Count: 0, Position: 1 });
    const hangup = (at: number, cause = 16) => ev(at, { Event: 'Hangup', Privilege: 'call,all', ...base, Cause: cause, 'Cause-txt': cause === 16 ? 'Normal Clearing' : 'User busy' });
    const agentA = AGENTS[i % AGENTS.length] as string;
    const agentB = AGENTS[(i + 1) % AGENTS.length] as string;
    const wait = int(2, 25);
    const missed = (at: number, agent: string, secs: number) => {
      const dest = ring(at, agent);
      ev(at + secs, { Event: 'AgentRingNoAnswer', Privilege: 'agent,all', ...base, DestUniqueid: dest, Queue: QUEUE, Interface: agent, MemberName: agent, RingTime: secs });
      ql(at + secs, id, agent, 'RINGNOANSWER', secs * 1000);
      if (o.noise !== false) ev(at + secs, { Event: 'QueueMemberStatus', Privilege: 'agent,all', Queue: QUEUE, MemberName: agent, Interface: agent, Status: 1, Paused: 0, RingInUse: 0 });
    };
    const connect = (callAt: number, at: number, agent: string, dest: string) => {
      leave(at);
      if (o.noise !== false) ev(at, { Event: 'MusicOnHoldStop', Privilege: 'call,all', ...base, Class: 'default' });
      ev(at, { Event: 'AgentConnect', Privilege: 'agent,all', ...base, DestChannel: `${agent}-0000`, DestUniqueid: dest, Queue: QUEUE, Interface: agent, MemberName: agent, RingTime: at - callAt, HoldTime: at - join });
      ql(at, id, agent, 'CONNECT', at - join, dest, at - callAt);
    };
    const complete = (connectAt: number, at: number, agent: string, reason: 'caller' | 'agent' | 'transfer') =>
      ev(at, { Event: 'AgentComplete', Privilege: 'agent,all', ...base, Queue: QUEUE, Interface: agent, MemberName: agent, HoldTime: connectAt - join, TalkTime: at - connectAt, Reason: reason });

    switch (kind) {
      case 'answer-caller':
      case 'answer-agent':
      case 'hold':
      case 'rna-answer':
      case 'blind-transfer':
      case 'attended-transfer': {
        let callAt = join + wait;
        let agent = agentA;
        if (kind === 'rna-answer') {
          const secs = int(8, 15);
          missed(callAt, agentA, secs);
          callAt += secs + 1;
          agent = agentB;
        }
        const dest = ring(callAt, agent);
        const connectAt = callAt + int(2, 12);
        connect(callAt, connectAt, agent, dest);
        const talk = int(40, 200);
        const end = connectAt + talk;
        if (kind === 'hold' || kind === 'attended-transfer') {
          const holdAt = connectAt + int(10, Math.floor(talk / 3));
          const unholdAt = kind === 'hold' ? holdAt + int(20, Math.max(21, Math.floor(talk / 3))) : end;
          ev(holdAt, { Event: 'Hold', Privilege: 'call,all', Channel: `${agent}-0000`, Uniqueid: dest, Linkedid: id, MusicClass: 'default' });
          ev(holdAt, { Event: 'MusicOnHoldStart', Privilege: 'call,all', ...base, Class: 'default' });
          if (kind === 'hold') {
            ev(unholdAt, { Event: 'Unhold', Privilege: 'call,all', Channel: `${agent}-0000`, Uniqueid: dest, Linkedid: id });
            ev(unholdAt, { Event: 'MusicOnHoldStop', Privilege: 'call,all', ...base, Class: 'default' });
            if (holdCall === null && i >= o.calls / 2) holdCall = { id, holdAt, unholdAt };
          }
        }
        if (kind === 'blind-transfer') {
          ev(end, { Event: 'BlindTransfer', Privilege: 'call,all', Result: 'Success', TransfererChannel: `${agent}-0000`, TransfererUniqueid: dest, TransfereeChannel: channel, TransfereeUniqueid: id, IsExternal: 'No', Context: 'from-internal', Extension: '8001' });
          complete(connectAt, end, agent, 'transfer');
          ql(end, id, agent, 'BLINDTRANSFER', '8001', 'from-internal', connectAt - join, end - connectAt, 1);
          hangup(end + int(30, 90));
        } else if (kind === 'attended-transfer') {
          const bridge = `b${id.replace('.', '')}`;
          ev(end, { Event: 'AttendedTransfer', Privilege: 'call,all', Result: 'Success', OrigTransfererChannel: `${agent}-0000`, OrigTransfererUniqueid: dest, OrigBridgeUniqueid: bridge, SecondTransfererChannel: `${agent}-0001`, SecondTransfererUniqueid: `${end}.${chanSeq++}`, SecondTransfererExten: '8002', TransfereeChannel: channel, TransfereeUniqueid: id, TransferTargetUniqueid: `${end}.${chanSeq++}`, TransferTargetCallerIDNum: '8002', IsExternal: 'No', DestType: 'Bridge', DestBridgeUniqueid: bridge });
          ev(end, { Event: 'MusicOnHoldStop', Privilege: 'call,all', ...base, Class: 'default' });
          complete(connectAt, end, agent, 'transfer');
          ql(end, id, agent, 'ATTENDEDTRANSFER', 'BRIDGE', bridge, connectAt - join, end - connectAt, 1);
          hangup(end + int(30, 90));
        } else {
          const reason = kind === 'answer-agent' ? 'agent' : kind === 'hold' ? (i % 2 === 0 ? 'caller' : 'agent') : 'caller';
          complete(connectAt, end, agent, reason);
          ql(end, id, agent, reason === 'caller' ? 'COMPLETECALLER' : 'COMPLETEAGENT', connectAt - join, end - connectAt, 1);
          hangup(end);
        }
        if (o.noise !== false) ev(end, { Event: 'VarSet', Privilege: 'dialplan,all', ...base, Variable: 'QUEUESTATUS', Value: 'CONTINUE' });
        break;
      }
      case 'abandon':
      case 'rna-abandon':
      case 'ring-cancel': {
        let at = join + wait;
        if (kind === 'rna-abandon') {
          const secs = int(8, 15);
          missed(at, agentA, secs);
          at += secs + int(1, 5);
        }
        if (kind === 'ring-cancel') {
          // The caller hangs up while the agent's phone rings: queue_log writes RINGCANCELED, and
          // AMI has no AgentRingNoAnswer for it. It is not a missed ring.
          const dest = ring(at, agentA);
          at += int(2, 6);
          ql(at, id, agentA, 'RINGCANCELED', 0);
          ev(at, { Event: 'Hangup', Privilege: 'call,all', Channel: `${agentA}-0000`, Uniqueid: dest, Linkedid: id, Cause: 16, 'Cause-txt': 'Normal Clearing' });
        }
        ev(at, { Event: 'QueueCallerAbandon', Privilege: 'agent,all', ...base, Queue: QUEUE, Position: 1, OriginalPosition: 1, HoldTime: at - join });
        leave(at);
        ql(at, id, 'NONE', 'ABANDON', 1, 1, at - join);
        hangup(at);
        break;
      }
      case 'timeout': {
        const at = join + 60;
        leave(at);
        ql(at, id, 'NONE', 'EXITWITHTIMEOUT', 1, 1, 60);
        // The dialplan goes on (voicemail) after the queue gave up; the channel ends later.
        hangup(at + int(10, 40));
        break;
      }
      default: {
        const never: never = kind;
        throw new Error(`unknown kind ${String(never)}`);
      }
    }
  }

  evs.sort((a, b) => a.t - b.t || a.seq - b.seq);
  qls.sort((a, b) => a.t - b.t || a.seq - b.seq);

  // The gap: the manager connection drops while a call is on hold and comes back before it is
  // taken off hold. Only events that change no figure may fall in it (the connector cannot see
  // them): rings starting, holds, music, noise.
  const safe = new Set(['AgentCalled', 'Hold', 'Unhold', 'MusicOnHoldStart', 'MusicOnHoldStop', 'Newchannel', 'VarSet', 'QueueMemberStatus']);
  let gap: { from: number; to: number } | null = null;
  const gapCall = holdCall as { id: string; holdAt: number; unholdAt: number } | null;
  if (o.gap === true && gapCall !== null) {
    for (let from = gapCall.holdAt + 1; from + 5 < gapCall.unholdAt && gap === null; from++) {
      const to = from + 5;
      if (evs.every((e) => e.t < from || e.t >= to || safe.has(String(e.fields.Event)))) gap = { from, to };
    }
    if (gap === null) throw new Error('no quiet 5 s in the hold of the gap call: change the seed');
  }

  let ami = '';
  let state: 'before' | 'gap' | 'after' = 'before';
  for (const e of evs) {
    if (gap !== null && state === 'before' && e.t >= gap.from) {
      ami += `#! disconnect\n`;
      state = 'gap';
    }
    if (gap !== null && state === 'gap' && e.t >= gap.to) {
      ami += `#! reconnect\n`;
      state = 'after';
    }
    // Asterisk writes Event, Privilege, then Timestamp (manager.c), then the event's own fields.
    const { Event, Privilege, ...rest } = e.fields;
    ami += `Event: ${Event}\r\nPrivilege: ${Privilege}\r\nTimestamp: ${e.t.toFixed(6)}\r\n`;
    for (const [k, v] of Object.entries(rest)) ami += `${k}: ${v}\r\n`;
    ami += '\r\n';
  }
  return { ami, queueLog: qls.map((q) => q.line).join('\n') + '\n', kinds, gapCall: gap === null ? null : (gapCall?.id ?? null), events: evs.length };
}
