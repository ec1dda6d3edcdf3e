import type { CtiEvent } from '../../core/calls/cti-call.js';
import type { HangupParty } from '../../core/interactions/call.js';
import { amiTimestampMs } from './ami-protocol.js';
import type { MappedEvents, PbxCallMapper, PbxMessage } from './pbx-connector-types.js';
import { asteriskMonitorDir, recordingReferenceOfPath } from './recording-path.js';

interface PendingRing {
  agent: string;
  at: number;
}

/** What the mapper keeps of one queued call, keyed by the caller channel's Uniqueid (queue_log's callid). */
interface AmiCall {
  id: string;
  answered: boolean;
  ended: boolean;
  onHold: boolean;
  /** Rings started (AgentCalled) whose end is not known yet, by the agent channel's Uniqueid. */
  rings: Map<string, PendingRing>;
  /** When the caller left the queue without an agent (QueueCallerLeave before any AgentConnect). */
  leftAt: number | null;
  /** Agent channels bridged to this caller (holds and transfers are raised on them). */
  agentChannels: Set<string>;
  /** MixMonitor's file (MIXMONITOR_FILENAME) as a reference under the recordings directory; goes with the `ended` event. */
  recording: string | undefined;
}

const empty = (): MappedEvents => ({ store: [], preview: [] });

/**
 * Asterisk AMI events (app_queue and the channel events of Asterisk 12+, as documented on
 * docs.asterisk.org "AMI Events") into Kefu's CTI events, the same calls the queue_log importer
 * makes from the same PBX: the call id is the caller channel's Uniqueid (queue_log's callid), the
 * agent the queue member's name (queue_log's agent field), the times the PBX's own `Timestamp`.
 */
export class AmiCallMapper implements PbxCallMapper {
  private readonly calls = new Map<string, AmiCall>();
  /** Agent channel Uniqueid → caller Uniqueid. */
  private readonly channelToCall = new Map<string, string>();
  private readonly unknownTypes = new Map<string, number>();
  /** Events without a PBX Timestamp (manager.conf `timestampevents` off): dated on arrival. */
  untimed = 0;
  /** The PBX's latest time seen: a call closed on reconnect cannot have ended before it. */
  private latest = 0;
  private endedSinceSnapshot: Set<string> | null = null;
  /** MIXMONITOR_FILENAME set on a channel before its call joined a queue (MixMonitor in the dialplan before Queue()), by Uniqueid. */
  private readonly earlyRecordings = new Map<string, string>();
  private readonly recordingsDir: string;

  constructor(
    private readonly onFirstUnknown: (type: string) => void = () => undefined,
    /** The directory MixMonitor writes to on the PBX, the one KEFU_RECORDINGS_URL serves (default Asterisk's monitor spool). */
    options: { recordingsDir?: string | undefined } = {},
  ) {
    this.recordingsDir = options.recordingsDir ?? asteriskMonitorDir;
  }

  get unknown(): ReadonlyMap<string, number> {
    return this.unknownTypes;
  }

  /** Calls in progress the mapper is following. */
  get openCount(): number {
    return this.calls.size;
  }

  map(m: PbxMessage, arrivalMs: number): MappedEvents {
    const type = m.Event;
    if (type === undefined) return empty();
    let at = amiTimestampMs(m);
    if (at === undefined) {
      this.untimed++;
      at = Math.floor(arrivalMs / 1000) * 1000;
    }
    if (at > this.latest) this.latest = at;
    switch (type) {
      case 'QueueCallerJoin':
        return this.join(m, at);
      case 'AgentCalled':
        return this.agentCalled(m, at);
      case 'AgentRingNoAnswer':
        return this.ringNoAnswer(m, at);
      case 'AgentConnect':
        return this.agentConnect(m, at);
      case 'AgentComplete':
        return this.agentComplete(m, at);
      case 'AgentDump':
        return this.end(this.callOf(m.Uniqueid), at, 'agent');
      case 'QueueCallerAbandon':
        return this.end(this.callOf(m.Uniqueid), at, 'customer');
      case 'QueueCallerLeave': {
        const call = this.callOf(m.Uniqueid);
        // Leaving without an agent and without abandoning: the queue let the caller go (timeout,
        // empty queue, a key pressed); queue_log writes EXITWITHTIMEOUT/EXITEMPTY/EXITWITHKEY.
        if (call !== undefined && !call.answered && call.leftAt === null) call.leftAt = at;
        return empty();
      }
      case 'Hold':
      case 'MusicOnHoldStart':
        return this.hold(m.Uniqueid, at, true);
      case 'Unhold':
      case 'MusicOnHoldStop':
        return this.hold(m.Uniqueid, at, false);
      case 'BlindTransfer':
        return this.transfer(this.callOf(m.TransfereeUniqueid) ?? this.callOf(m.TransfererUniqueid), at, blindTarget(m), false);
      case 'AttendedTransfer':
        return this.transfer(this.callOf(m.TransfereeUniqueid) ?? this.callOf(m.OrigTransfererUniqueid), at, attendedTarget(m), true);
      case 'Hangup':
        return this.hangup(m, at);
      case 'VarSet':
        // MixMonitor (queues.conf monitor-type, or the dialplan) names its file in MIXMONITOR_FILENAME.
        if (m.Variable === 'MIXMONITOR_FILENAME') return this.recording(m);
        this.noteUnknown(type);
        return empty();
      default:
        this.noteUnknown(type);
        return empty();
    }
  }

  openIds(): string[] {
    // Calls that end from now until reconcile runs ended by their own events, not in the gap.
    this.endedSinceSnapshot = new Set();
    return [...this.calls.keys()];
  }

  reconcile(alive: ReadonlySet<string>, candidates: readonly string[], now: number): CtiEvent[] {
    const at = Math.max(Math.floor(now / 1000) * 1000, this.latest);
    const out: CtiEvent[] = [];
    const endedSince = this.endedSinceSnapshot ?? new Set<string>();
    this.endedSinceSnapshot = null;
    for (const id of new Set(candidates)) {
      if (endedSince.has(id)) continue;
      const call = this.calls.get(id);
      if (alive.has(id)) {
        // A call stored open that the PBX still has (Kefu restarted mid-call): follow it again.
        if (call === undefined) this.calls.set(id, newCall(id, true));
        continue;
      }
      out.push({ type: 'ended', callId: id, at, by: 'system' });
      if (call !== undefined) this.forget(call);
    }
    return out;
  }

  private noteUnknown(type: string): void {
    const n = this.unknownTypes.get(type) ?? 0;
    this.unknownTypes.set(type, n + 1);
    if (n === 0) this.onFirstUnknown(type);
  }

  private callOf(uniqueid: string | undefined): AmiCall | undefined {
    if (uniqueid === undefined || uniqueid === '') return undefined;
    const call = this.calls.get(uniqueid);
    if (call !== undefined) return call;
    const owner = this.channelToCall.get(uniqueid);
    return owner === undefined ? undefined : this.calls.get(owner);
  }

  private recording(m: PbxMessage): MappedEvents {
    const reference = recordingReferenceOfPath(m.Value ?? '', this.recordingsDir);
    if (reference === undefined || m.Uniqueid === undefined) return empty();
    const call = this.callOf(m.Uniqueid);
    if (call !== undefined) call.recording = reference;
    else this.earlyRecordings.set(m.Uniqueid, reference);
    return empty();
  }

  private join(m: PbxMessage, at: number): MappedEvents {
    const id = m.Uniqueid;
    if (id === undefined || id === '') return empty();
    if (!this.calls.has(id)) this.calls.set(id, newCall(id, false));
    const early = this.earlyRecordings.get(id);
    if (early !== undefined) {
      this.calls.get(id)!.recording = early;
      this.earlyRecordings.delete(id);
    }
    const caller = m.CallerIDNum;
    const event: CtiEvent = { type: 'offered', callId: id, at, ...(m.Queue && { queue: m.Queue }), ...(caller && caller !== '<unknown>' && { caller }) };
    return { store: [event], preview: [] };
  }

  private agentCalled(m: PbxMessage, at: number): MappedEvents {
    const call = this.callOf(m.Uniqueid);
    const agent = agentOf(m);
    if (call === undefined || call.ended || agent === '') return empty();
    const channel = m.DestUniqueid ?? agent;
    call.rings.set(channel, { agent, at });
    if (m.DestUniqueid) this.channelToCall.set(m.DestUniqueid, call.id);
    return { store: [], preview: [{ type: 'ringing', callId: call.id, at, agent, ...(m.Queue && { queue: m.Queue }) }] };
  }

  private takeRing(call: AmiCall, m: PbxMessage): PendingRing | undefined {
    const key = m.DestUniqueid !== undefined && call.rings.has(m.DestUniqueid) ? m.DestUniqueid : [...call.rings].find(([, r]) => r.agent === agentOf(m))?.[0];
    if (key === undefined) return undefined;
    const ring = call.rings.get(key);
    call.rings.delete(key);
    return ring;
  }

  private ringNoAnswer(m: PbxMessage, at: number): MappedEvents {
    const call = this.callOf(m.Uniqueid);
    if (call === undefined || call.ended) return empty();
    // Without its AgentCalled (missed while disconnected) the ring began RingTime seconds before.
    const ring = this.takeRing(call, m) ?? { agent: agentOf(m), at: at - 1000 * (Number(m.RingTime) || 0) };
    if (ring.agent === '') return empty();
    return { store: [{ type: 'ringing', callId: call.id, at: ring.at, agent: ring.agent, missed: true, ...(m.Queue && { queue: m.Queue }) }], preview: [] };
  }

  private agentConnect(m: PbxMessage, at: number): MappedEvents {
    const call = this.callOf(m.Uniqueid);
    const agent = agentOf(m);
    if (call === undefined || call.ended) return empty();
    const ring = this.takeRing(call, m);
    // Without its AgentCalled (missed while disconnected) the ring began RingTime seconds before.
    const ringAt = ring?.at ?? at - 1000 * (Number(m.RingTime) || 0);
    call.answered = true;
    // The other rings of this call were cancelled by the answer (queue strategy ringall).
    call.rings.clear();
    if (m.DestUniqueid) {
      call.agentChannels.add(m.DestUniqueid);
      this.channelToCall.set(m.DestUniqueid, call.id);
    }
    const queue = m.Queue ? { queue: m.Queue } : {};
    return {
      store: [
        { type: 'ringing', callId: call.id, at: ringAt, agent, ...queue },
        { type: 'answered', callId: call.id, at, agent, ...queue },
      ],
      preview: [],
    };
  }

  private agentComplete(m: PbxMessage, at: number): MappedEvents {
    const call = this.callOf(m.Uniqueid);
    // Reason: caller | agent | transfer (docs.asterisk.org AgentComplete).
    const by: HangupParty = m.Reason === 'caller' ? 'customer' : 'agent';
    return this.end(call, at, by);
  }

  private end(call: AmiCall | undefined, at: number, by: HangupParty): MappedEvents {
    if (call === undefined || call.ended) return empty();
    this.forget(call);
    return { store: [{ type: 'ended', callId: call.id, at, by, ...(call.recording !== undefined && { recording: call.recording }) }], preview: [] };
  }

  private hold(uniqueid: string | undefined, at: number, on: boolean): MappedEvents {
    const call = this.callOf(uniqueid);
    // Music while waiting in the queue is not a hold; nor is a second Hold (the agent's phone and
    // the caller's music announce the same hold).
    if (call === undefined || !call.answered || call.ended || call.onHold === on) return empty();
    call.onHold = on;
    return { store: [{ type: on ? 'hold' : 'unhold', callId: call.id, at }], preview: [] };
  }

  private transfer(call: AmiCall | undefined, at: number, to: string | undefined, attended: boolean): MappedEvents {
    if (call === undefined || !call.answered || call.ended) return empty();
    const store: CtiEvent[] = [{ type: 'transfer', callId: call.id, at, ...(to !== undefined && to !== '' && { to }) }];
    // An attended transfer completes once the target has answered the consulting agent.
    if (attended) store.push({ type: 'transfer_answered', callId: call.id, at });
    return { store, preview: [] };
  }

  private hangup(m: PbxMessage, at: number): MappedEvents {
    const id = m.Uniqueid;
    if (id === undefined) return empty();
    this.earlyRecordings.delete(id);
    const call = this.calls.get(id);
    if (call === undefined) {
      // An agent's channel: it may have been ringing (the ring ends with no answer event).
      const owner = this.channelToCall.get(id);
      this.channelToCall.delete(id);
      const c = owner === undefined ? undefined : this.calls.get(owner);
      c?.rings.delete(id);
      return empty();
    }
    if (call.ended) return empty();
    if (call.answered) return this.end(call, at, 'system');
    // Left the queue without an agent and without abandoning: the queue's timeout or exit.
    if (call.leftAt !== null) return this.end(call, call.leftAt, 'system');
    return this.end(call, at, 'customer');
  }

  private forget(call: AmiCall): void {
    call.ended = true;
    this.endedSinceSnapshot?.add(call.id);
    this.calls.delete(call.id);
    for (const ch of call.agentChannels) this.channelToCall.delete(ch);
    for (const ch of call.rings.keys()) this.channelToCall.delete(ch);
  }
}

function newCall(id: string, answered: boolean): AmiCall {
  return { id, answered, ended: false, onHold: false, rings: new Map(), leftAt: null, agentChannels: new Set(), recording: undefined };
}

/** The queue member as queue_log names it: MemberName, else the interface (`PJSIP/201`). */
function agentOf(m: PbxMessage): string {
  return m.MemberName || m.Interface || m.AgentName || '';
}

function blindTarget(m: PbxMessage): string | undefined {
  if (!m.Extension) return undefined;
  return m.Context ? `${m.Extension}@${m.Context}` : m.Extension;
}

function attendedTarget(m: PbxMessage): string | undefined {
  return m.SecondTransfererExten || m.TransferTargetCallerIDNum || m.DestApp || undefined;
}
